#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexlivestore.h"
#include "codex/livesync.h"
#include "fakeopenaiserver.h"
#include "refresh/refreshservice.h"
#include "net/endpoints.h"
#include "testenv.h"

#include <QSignalSpy>
#include <thread>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Live sync (docs/runtime.md §4): changes made by another process or by Codex arrive within 2 s and
// are reconciled without a restart.
class TestLiveSync : public QObject
{
    Q_OBJECT
private:
    test::FakeOpenAiServer m_fake;
    std::unique_ptr<AppContext> m_app;
    QList<QJsonObject> m_tokens;

    LiveCredentials creds(int i, const QJsonObject &t, qint64 lastRefresh)
    {
        return {t[u"id_token"_s].toString(), t[u"access_token"_s].toString(), t[u"refresh_token"_s].toString(),
                u"acc-u%1"_s.arg(i), lastRefresh};
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        QVERIFY(m_fake.listen());
        m_app = std::make_unique<AppContext>(QProcessEnvironment::systemEnvironment());
        m_app->setKeychain(std::make_unique<MemorySecretStore>());
        m_app->settings().setValue(u"desktop"_s, u"secretStorage"_s, u"file"_s);
        m_app->repository(true).update([&](AccountPool &pool) {
            for (int i = 0; i < 3; ++i) {
                m_fake.addAccount({{u"key"_s, u"u%1"_s.arg(i)}, {u"email"_s, u"u%1@sync.test"_s.arg(i)}});
                const QJsonObject t = m_fake.mint(u"u%1"_s.arg(i));
                m_tokens.append(t);
                Account a = test::FakeOpenAiServer::accountFromTokens(t);
                a.lastRefresh = 1000;
                pool.accounts.append(a);
            }
            pool.select(0);
            return success();
        });
    }

    void permanentFailureAdoptsOnlyVerifiedLiveTokens()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake.issuerUrl());
        env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake.backendUrl());
        AppContext app(env, Endpoints::fromEnvironment(env).value());
        app.setKeychain(std::make_unique<MemorySecretStore>());
        auto usageCalls = [&](const QString &accessToken) {
            int n = 0;
            for (const QJsonValue &r : m_fake.requests())
                n += r[u"path"_s].toString().endsWith(u"/wham/usage"_s) &&
                     r[u"headers"_s][u"authorization"_s].toString() == u"Bearer "_s + accessToken;
            return n;
        };
        const Account pooled = app.repository().load()->pool.accounts[2];
        const QString revoked = u"{\"error\":{\"code\":\"refresh_token_invalidated\"}}"_s;

        // Another process refreshed account 3 while our refresh was in flight: Codex holds the newer
        // set, ours is refused for good. The newer set is adopted once a usage call accepts it.
        // The token endpoint answers after 1.5 s; Codex writes its newer set meanwhile.
        auto refreshWhileCodexWrites = [&](const Account &who, const QJsonObject &set, qint64 at) {
            std::thread codex([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
                CodexLiveStore(app.paths().codexHome, true).writeLive(creds(2, set, at), CodexConfig{});
            });
            const RefreshReport report =
                RefreshService(app).refresh(RefreshRequest{who, RefreshMode::Force, u"test"_s, 0});
            codex.join();
            return report;
        };
        QVERIFY(CodexLiveStore(app.paths().codexHome, true)
                    .writeLive(creds(2, m_tokens[2], 1000), CodexConfig{})); // Codex runs account 3
        const QJsonObject newer = m_fake.mint(u"u2"_s);
        m_fake.addFault({{u"route"_s, u"/oauth/token"_s},
                         {u"status"_s, 401},
                         {u"body"_s, revoked},
                         {u"delayMs"_s, 1500},
                         {u"count"_s, 1}});
        RefreshReport r = refreshWhileCodexWrites(pooled, newer, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(r.outcome == RefreshReport::Outcome::Refreshed && r.adopted, qPrintable(r.message));
        QCOMPARE(usageCalls(newer[u"access_token"_s].toString()), 1);
        Account now = app.repository().load()->pool.accounts[2];
        QCOMPARE(now.refreshToken, newer[u"refresh_token"_s].toString());
        QVERIFY(!now.authInvalidatedAt);

        // Again, but the usage endpoint refuses the newer set too: the account is marked.
        const QJsonObject dead = m_fake.mint(u"u2"_s);
        m_fake.addFault({{u"route"_s, u"/oauth/token"_s},
                         {u"status"_s, 401},
                         {u"body"_s, revoked},
                         {u"delayMs"_s, 1500},
                         {u"count"_s, 1}});
        m_fake.addFault({{u"route"_s, u"/backend-api/wham/usage"_s}, {u"status"_s, 401}, {u"count"_s, 1}});
        r = refreshWhileCodexWrites(now, dead, QDateTime::currentMSecsSinceEpoch() + 1000);
        QVERIFY(r.outcome == RefreshReport::Outcome::Failed);
        QVERIFY(r.permanent);
        QCOMPARE(usageCalls(dead[u"access_token"_s].toString()), 1);
        QVERIFY(app.repository().load()->pool.accounts[2].authInvalidatedAt);
        m_fake.addFault({{u"clear"_s, true}});
    }

    void reactsWithinTwoSeconds()
    {
        LiveSync sync(*m_app);
        QSignalSpy pool(&sync, &LiveSync::poolChanged);
        QSignalSpy reconciled(&sync, &LiveSync::reconciled);
        QSignalSpy foreign(&sync, &LiveSync::foreignAccount);
        QSignalSpy signedOut(&sync, &LiveSync::codexSignedOut);
        sync.start(500, 100);

        // Another process edits the pool.
        PoolStore(m_app->repository().store().path()).update([](AccountPool &p) {
            p.accounts[2].accountLabel = u"edited elsewhere"_s;
            return success();
        });
        QTRY_VERIFY_WITH_TIMEOUT(pool.count() >= 1, 2000);

        // Someone switched Codex to account 2 outside the app: the selection follows, no pin.
        CodexLiveStore live(m_app->paths().codexHome, true);
        QVERIFY(live.writeLive(creds(1, m_tokens[1], 1000), CodexConfig{}));
        QTRY_VERIFY_WITH_TIMEOUT(m_app->repository().load()->pool.currentIndex() == 1, 2000);
        QVERIFY(!m_app->repository().load()->pool.pinnedAccountIndex);

        // Codex refreshed account 2 itself: newer tokens are adopted.
        const QJsonObject rotated = m_fake.mint(u"u1"_s);
        QVERIFY(live.writeLive(creds(1, rotated, 5000), CodexConfig{}));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app->repository().load()->pool.accounts[1].refreshToken == rotated[u"refresh_token"_s].toString(), 2000);
        QCOMPARE(m_app->repository().load()->pool.accounts[1].lastRefresh.value_or(0), 5000);

        // An older set (a restored file) is overwritten with the pool's newer one.
        QVERIFY(live.writeLive(creds(1, m_tokens[1], 2000), CodexConfig{}));
        QTRY_VERIFY_WITH_TIMEOUT(
            CodexAuth::readFile(live.authPath())->refreshToken == rotated[u"refresh_token"_s].toString(), 2000);

        // A login the pool does not know is offered, never overwritten.
        m_fake.addAccount({{u"key"_s, u"stranger"_s}, {u"email"_s, u"stranger@sync.test"_s}});
        const QJsonObject s = m_fake.mint(u"stranger"_s);
        QVERIFY(live.writeLive(LiveCredentials{s[u"id_token"_s].toString(), s[u"access_token"_s].toString(),
                                               s[u"refresh_token"_s].toString(), u"acc-stranger"_s, 9000},
                               CodexConfig{}));
        QTRY_COMPARE_WITH_TIMEOUT(foreign.count(), 1, 2000);
        QCOMPARE(foreign.first().first().toString(), u"stranger@sync.test"_s);
        QCOMPARE(CodexAuth::readFile(live.authPath())->accountId, u"acc-stranger"_s);
        QCOMPARE(m_app->repository().load()->pool.accounts.size(), 3);

        // Signed out.
        QFile::remove(live.authPath());
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 2000);
        QVERIFY(reconciled.count() >= 3);
    }
};

QTEST_GUILESS_MAIN(TestLiveSync)
#include "tst_livesync.moc"
