#include "testenv.h"
#include "util/logging.h"
#include "util/redact.h"

#include <QtTest>

using namespace Qt::StringLiterals;

// The redaction filter must keep every secret out of log lines, whatever shape it arrives in.
class TestRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { cma::test::requireIsolatedEnvironment(); }

    void redactsSecrets_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        // Real-looking JWT (header.payload.signature), as OpenAI issues them.
        const QString jwt =
            u"eyJhbGciOiJSUzI1NiIsImtpZCI6IjE5MzQ0ZTY1LWJiYzktNDRkMS1hOWQwLWY5NTdiMDc5YmQwZSIsInR5cCI6IkpXVCJ9"
            ".eyJhdWQiOlsiaHR0cHM6Ly9hcGkub3BlbmFpLmNvbS92MSJdLCJjbGllbnRfaWQiOiJhcHBfRU1vYW1FRVo3M2YwQ2tYYVhwN2hyYW5uI"
            "n0"
            ".Yk2pX3l0aFhvb0dCQmpqZ3ZxVXhPZ0RhS1dXbU5xV3Z2Y2hQbE1Qc2dYaw"_s;
        const QString rt = u"rt_Hk3bV9q2LmN8pQ4rS7tU1vW5xY0zA6bC2dE4fG8hJ"_s;
        const QString verifier = u"Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVkcGx1Z3h5enp5"_s;
        QTest::newRow("bare jwt") << u"token is %1 ok"_s.arg(jwt) << jwt;
        QTest::newRow("bearer header") << u"Authorization: Bearer %1"_s.arg(jwt) << jwt.left(30);
        QTest::newRow("refresh token json") << u"{\"refresh_token\":\"%1\",\"x\":1}"_s.arg(rt) << rt;
        QTest::newRow("refresh token camel")
            << u"{\"refreshToken\": \"abc123secretvalue\"}"_s << u"abc123secretvalue"_s;
        QTest::newRow("form body") << u"grant_type=authorization_code&code=ac_4fJ9kLm2&code_verifier=%1"_s.arg(verifier)
                                   << verifier;
        QTest::newRow("auth code in url")
            << u"GET /auth/callback?code=ac_4fJ9kLm2Xq&state=abc HTTP/1.1"_s << u"ac_4fJ9kLm2Xq"_s;
        QTest::newRow("state in url") << u"http://127.0.0.1:1455/auth/callback?state=s3cr3tState&code=x"_s
                                      << u"s3cr3tState"_s;
        QTest::newRow("opaque refresh token") << u"using %1 now"_s.arg(rt) << rt;
        QTest::newRow("api key") << u"key sk-proj-AbCdEf0123456789xyz"_s << u"sk-proj-AbCdEf0123456789xyz"_s;
        QTest::newRow("fake rt") << u"rotated to rt_fake_alice_12"_s << u"rt_fake_alice_12"_s;
        QTest::newRow("verifier alone") << u"verifier %1"_s.arg(verifier) << verifier;
        QTest::newRow("id token json") << u"{\"id_token\":\"%1\"}"_s.arg(jwt) << jwt.mid(100, 20);
    }

    void redactsSecrets()
    {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = cma::redactSecrets(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY(out.contains(u"redacted"_s));
    }

    void keepsHarmlessText()
    {
        const QString text = u"refresh failed: refresh_token_reused (401) for alice@example.com account 2"_s;
        QCOMPARE(cma::redactSecrets(text), text);
        const QString json = u"{\"error\":{\"code\":\"refresh_token_reused\"}}"_s;
        QCOMPARE(cma::redactSecrets(json), json);
    }

    // The installed handler really filters what qWarning and category logging print.
    void messageHandlerFilters()
    {
        static QStringList seen;
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &m) { seen.append(m); });
        // Re-install the redacting handler on top of the capturing one.
        cma::installRedactingMessageHandler();
        const QString token = u"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln"_s;
        qCWarning(cma::lcAuth) << "exchange returned" << token;
        qWarning("raw %s", "refresh_token=rt_abcdef123456");
        QVERIFY(!seen.isEmpty());
        for (const QString &line : std::as_const(seen)) {
            QVERIFY2(!line.contains(token), qPrintable(line));
            QVERIFY2(!line.contains(u"rt_abcdef123456"_s), qPrintable(line));
        }
    }

    void masks()
    {
        QCOMPARE(cma::maskEmail(u"alice@example.com"_s), u"al***@***.com"_s);
        QCOMPARE(cma::maskAccountId(u"6f1d2c3b-8a7e-4c5d"_s), u"e-4c5d"_s);
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
