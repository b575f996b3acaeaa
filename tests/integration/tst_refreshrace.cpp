#include "accounts/poolnormalizer.h"
#include "accounts/poolstore.h"
#include "auth/jwt.h"
#include "net/httpclient.h"
#include "fakeopenaiserver.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// The guardian (as the tray runs it) and four CLI processes refresh one pool of 20 expired
// accounts at the same time: the fake server must see exactly one refresh per account and no
// refresh token presented twice (docs/runtime.md §3).
class TestRefreshRace : public QObject
{
    Q_OBJECT
private:
    QProcess m_fake;
    quint16 m_port = 0;

    QJsonObject post(const QString &path, const QJsonObject &body)
    {
        HttpRequest r;
        r.method = "POST";
        r.url = QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
        r.headers = {{"Content-Type", "application/json"}};
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return QJsonDocument::fromJson(HttpClient::sendBlocking(r).body).object();
    }
    QJsonObject get(const QString &path)
    {
        HttpRequest r;
        r.url = QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path));
        return QJsonDocument::fromJson(HttpClient::sendBlocking(r).body).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        m_fake.start(test::builtProgram(u"tests/support/fake-openai-server"_s), {u"--port"_s, u"0"_s});
        QVERIFY(m_fake.waitForStarted());
        QVERIFY(m_fake.waitForReadyRead(10000));
        m_port = quint16(QString::fromUtf8(m_fake.readLine()).section(u'=', 1, 1).section(u' ', 0, 0).toUInt());
        QVERIFY(m_port > 0);
    }
    void cleanupTestCase()
    {
        m_fake.terminate();
        m_fake.waitForFinished(5000);
    }

    void oneRefreshPerAccountAcrossProcesses()
    {
        const int n = 20;
        QJsonArray accounts;
        for (int i = 0; i < n; ++i)
            accounts.append(QJsonObject{
                {u"key"_s, u"a%1"_s.arg(i)}, {u"email"_s, u"a%1@race.test"_s.arg(i)}, {u"plan"_s, u"plus"_s}});
        post(u"/__fake/accounts"_s, {{u"accounts"_s, accounts}});
        PoolStore store(qEnvironmentVariable("CODEX_MULTI_AUTH_DIR") + u"/openai-codex-accounts.json"_s);
        QVERIFY(store
                    .update([&](AccountPool &pool) {
                        for (int i = 0; i < n; ++i) {
                            const QJsonObject t =
                                post(u"/__fake/mint"_s, {{u"account"_s, u"a%1"_s.arg(i)}, {u"access_ttl_s"_s, -60}});
                            Account a = test::FakeOpenAiServer::accountFromTokens(t);
                            a.lastRefresh = QDateTime::currentMSecsSinceEpoch() - 3600000;
                            pool.accounts.append(a);
                        }
                        pool.select(0);
                        return success();
                    })
                    .ok());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, u"http://127.0.0.1:%1"_s.arg(m_port));
        env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, u"http://127.0.0.1:%1/backend-api"_s.arg(m_port));
        QList<QProcess *> procs;
        auto launch = [&](const QString &program, const QStringList &args) {
            auto *p = new QProcess(this);
            p->setProcessEnvironment(env);
            p->start(program, args);
            procs.append(p);
        };
        launch(test::builtProgram(u"tests/support/guardian-once"_s), {});
        for (int i = 0; i < 4; ++i)
            launch(test::builtProgram(u"app/codex-multi-auth"_s),
                   {u"--cli"_s, u"refresh"_s, u"--if-needed"_s, u"--json"_s});
        for (QProcess *p : std::as_const(procs)) {
            QVERIFY(p->waitForFinished(120000));
            QVERIFY2(p->exitCode() == 0,
                     qPrintable(QString::fromUtf8(p->readAllStandardError() + p->readAllStandardOutput())));
        }
        const QJsonObject stats = get(u"/__fake/stats"_s)[u"refreshes"_s].toObject();
        for (int i = 0; i < n; ++i) {
            const QJsonObject s = stats[u"a%1"_s.arg(i)].toObject();
            QCOMPARE(s[u"ok"_s].toInt(), 1);
            QCOMPARE(s[u"reused"_s].toInt(), 0);
            QCOMPARE(s[u"invalidated"_s].toInt(), 0);
        }
        QVERIFY(!stats.contains(u"(unknown)"_s));
        // The pool holds every account's newest token set, none expired.
        const Result<LoadedPool> after = store.load();
        QCOMPARE(after->pool.accounts.size(), n);
        for (const Account &a : after->pool.accounts) {
            QVERIFY(*a.expiresAt > QDateTime::currentMSecsSinceEpoch());
            QVERIFY(!a.authInvalidatedAt);
        }
        qDeleteAll(procs);
    }
};

QTEST_GUILESS_MAIN(TestRefreshRace)
#include "tst_refreshrace.moc"
