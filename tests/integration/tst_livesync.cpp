#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexlivestore.h"
#include "codex/livesync.h"
#include "fakeopenaiserver.h"
#include "testenv.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Live sync (runtime.md §4): changes made by another process or by Codex arrive within 2 s and
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
        QTRY_VERIFY_WITH_TIMEOUT(m_app->repository().load()->pool.accounts[1].refreshToken == rotated[u"refresh_token"_s].toString(), 2000);
        QCOMPARE(m_app->repository().load()->pool.accounts[1].lastRefresh.value_or(0), 5000);

        // An older set (a restored file) is overwritten with the pool's newer one.
        QVERIFY(live.writeLive(creds(1, m_tokens[1], 2000), CodexConfig{}));
        QTRY_VERIFY_WITH_TIMEOUT(CodexAuth::readFile(live.authPath())->refreshToken == rotated[u"refresh_token"_s].toString(), 2000);

        // A login the pool does not know is offered, never overwritten.
        m_fake.addAccount({{u"key"_s, u"stranger"_s}, {u"email"_s, u"stranger@sync.test"_s}});
        const QJsonObject s = m_fake.mint(u"stranger"_s);
        QVERIFY(live.writeLive(LiveCredentials{s[u"id_token"_s].toString(), s[u"access_token"_s].toString(), s[u"refresh_token"_s].toString(),
                                               u"acc-stranger"_s, 9000},
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
