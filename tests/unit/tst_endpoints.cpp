#include "net/endpoints.h"
#include "testenv.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using cma::Endpoints;

class TestEndpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { cma::test::requireIsolatedEnvironment(); }

    void defaults()
    {
        const auto e = Endpoints::fromEnvironment(QProcessEnvironment());
        QVERIFY(e.ok());
        QCOMPARE(e->tokenUrl().toString(), u"https://auth.openai.com/oauth/token"_s);
        QCOMPARE(e->authorizeUrl().toString(), u"https://auth.openai.com/oauth/authorize"_s);
        QCOMPARE(e->deviceUserCodeUrl().toString(), u"https://auth.openai.com/api/accounts/deviceauth/usercode"_s);
        QCOMPARE(e->deviceRedirectUri(), u"https://auth.openai.com/deviceauth/callback"_s);
        QCOMPARE(e->usageUrl().toString(), u"https://chatgpt.com/backend-api/wham/usage"_s);
        QCOMPARE(e->testCallbackPort(), quint16(0));
    }

    void overrides_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("homesSet");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("usage");
        QTest::newRow("loopback http") << u"http://127.0.0.1:8765/"_s << u"http://127.0.0.1:8765/backend-api"_s << true
                                       << true << u"http://127.0.0.1:8765/backend-api/wham/usage"_s;
        QTest::newRow("localhost") << u"http://localhost:1"_s << QString() << true << true
                                   << u"https://chatgpt.com/backend-api/wham/usage"_s;
        QTest::newRow("ipv6 loopback") << u"http://[::1]:9000"_s << QString() << true << true
                                       << u"https://chatgpt.com/backend-api/wham/usage"_s;
        QTest::newRow("remote http refused") << u"http://example.com"_s << QString() << true << false << QString();
        QTest::newRow("private http refused")
            << QString() << u"http://10.0.0.5/backend-api"_s << true << false << QString();
        QTest::newRow("https anywhere") << u"https://issuer.example"_s << QString() << true << true
                                        << u"https://chatgpt.com/backend-api/wham/usage"_s;
        QTest::newRow("overrides need homes") << u"http://127.0.0.1:1"_s << QString() << false << false << QString();
        QTest::newRow("no backend-api path") << QString() << u"https://127.0.0.1:9/api"_s << true << true
                                             << u"https://127.0.0.1:9/api/api/codex/usage"_s;
        QTest::newRow("chatgpt without backend-api") << QString() << u"https://chatgpt.com/"_s << true << true
                                                     << u"https://chatgpt.com/backend-api/wham/usage"_s;
        QTest::newRow("garbage") << u"not a url"_s << QString() << true << false << QString();
    }

    void overrides()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, backend);
        QFETCH(bool, homesSet);
        QFETCH(bool, ok);
        QFETCH(QString, usage);
        QProcessEnvironment env;
        if (!issuer.isEmpty())
            env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, issuer);
        if (!backend.isEmpty())
            env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, backend);
        if (homesSet) {
            env.insert(u"CODEX_HOME"_s, u"/tmp/x/.codex"_s);
            env.insert(u"CODEX_MULTI_AUTH_DIR"_s, u"/tmp/x/ma"_s);
        }
        const auto e = Endpoints::fromEnvironment(env);
        QCOMPARE(e.ok(), ok);
        if (!ok) {
            QCOMPARE(e.error().exitCode(), 2);
            QVERIFY(!e.error().message.isEmpty());
            return;
        }
        QCOMPARE(e->usageUrl().toString(), usage);
        if (!issuer.isEmpty())
            QVERIFY(!e->issuer().endsWith(u'/'));
    }

    void callbackPortOnlyWithIssuer()
    {
        QProcessEnvironment env;
        env.insert(u"CODEX_MULTI_AUTH_CALLBACK_PORT"_s, u"23456"_s);
        QCOMPARE(Endpoints::fromEnvironment(env)->testCallbackPort(), quint16(0));
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, u"http://127.0.0.1:9"_s);
        env.insert(u"CODEX_HOME"_s, u"/tmp/a"_s);
        env.insert(u"CODEX_MULTI_AUTH_DIR"_s, u"/tmp/b"_s);
        QCOMPARE(Endpoints::fromEnvironment(env)->testCallbackPort(), quint16(23456));
        env.insert(u"CODEX_MULTI_AUTH_CALLBACK_PORT"_s, u"99999"_s);
        QVERIFY(!Endpoints::fromEnvironment(env).ok());
    }

    void userAgentShape()
    {
        const QString ua = QString::fromUtf8(Endpoints::userAgent());
        QVERIFY2(
            QRegularExpression(u"^codex_cli_rs/0\\.169\\.0 \\([^;]+ [^;]*; [^)]+\\) unknown$"_s).match(ua).hasMatch(),
            qPrintable(ua));
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
