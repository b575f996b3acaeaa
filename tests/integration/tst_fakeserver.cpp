#include "fakeopenaiserver.h"
#include "net/httpclient.h"
#include "testenv.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

#include <zstd.h>

using namespace Qt::StringLiterals;
using namespace cma;
using cma::test::FakeOpenAiServer;

// The fake OpenAI server's contract (docs/protocol.md §9.3): every route, the single-use refresh token
// rotation with family revocation on replay, and each fault mode.
class TestFakeServer : public QObject
{
    Q_OBJECT
private:
    FakeOpenAiServer *m_fake = nullptr;

    HttpResult call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    QList<QPair<QByteArray, QByteArray>> headers = {}, int timeoutMs = 5000)
    {
        HttpRequest r;
        r.method = method;
        r.url = QUrl(m_fake->issuerUrl() + path);
        r.body = body;
        r.headers = headers;
        r.timeoutMs = timeoutMs;
        if (!body.isEmpty() &&
            std::none_of(headers.begin(), headers.end(), [](auto &h) { return h.first == "Content-Type"; }))
            r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return HttpClient::sendBlocking(r);
    }
    static QJsonObject json(const HttpResult &r) { return QJsonDocument::fromJson(r.body).object(); }
    static QJsonObject claims(const QString &jwt)
    {
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(jwt.section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    }
    HttpResult refresh(const QString &rt)
    {
        return call("POST", u"/oauth/token"_s,
                    QJsonDocument(QJsonObject{{u"client_id"_s, u"app_EMoamEEZ73f0CkXaXp7hrann"_s},
                                              {u"grant_type"_s, u"refresh_token"_s},
                                              {u"refresh_reason"_s, u"proactive_expiry"_s},
                                              {u"refresh_token"_s, rt}})
                        .toJson(QJsonDocument::Compact));
    }
    static QByteArray s256(const QByteArray &v)
    {
        return QCryptographicHash::hash(v, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
    QString authorizePath(const QString &redirect, const QString &state, const QByteArray &challenge)
    {
        // Exactly as a browser receives it from the product: form-encoded values.
        return u"/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann&redirect_uri=%1"
               "&code_challenge=%2&code_challenge_method=S256&state=%3"
               "&scope=openid+profile+email+offline_access+api.connectors.read+api.connectors.invoke"
               "&id_token_add_organizations=true&codex_cli_simplified_flow=true&originator=codex_cli_rs&prompt=login"_s
                   .arg(QString::fromLatin1(QUrl::toPercentEncoding(redirect)), QString::fromLatin1(challenge), state);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        m_fake = new FakeOpenAiServer(this);
        QVERIFY(m_fake->listen());
    }

    void init()
    {
        m_fake->reset();
        m_fake->addAccount({{u"email"_s, u"alice@example.com"_s},
                            {u"plan"_s, u"pro"_s},
                            {u"usage"_s, QJsonObject{{u"primary_used"_s, 12}, {u"secondary_used"_s, 40}}}});
        m_fake->addAccount({{u"email"_s, u"bob@example.com"_s}, {u"plan"_s, u"team"_s}});
    }

    void authorizeAndExchange()
    {
        const QByteArray verifier = "v3rifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const QString redirect = u"http://127.0.0.1:1455/auth/callback"_s;
        const HttpResult a = call("GET", authorizePath(redirect, u"st4te"_s, s256(verifier)));
        QCOMPARE(a.status, 302);
        const QUrl location(QString::fromUtf8(a.header("Location")));
        QCOMPARE(location.toString(QUrl::RemoveQuery), redirect);
        const QUrlQuery back(location);
        QCOMPARE(back.queryItemValue(u"state"_s), u"st4te"_s);
        const QString code = back.queryItemValue(u"code"_s);
        QVERIFY(!code.isEmpty());
        QVERIFY(m_fake->requests().last().toObject().value(u"promptLogin"_s).toBool());

        auto exchange = [&](const QByteArray &v, const QString &redirectUri) {
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
            form.addQueryItem(u"client_id"_s, u"app_EMoamEEZ73f0CkXaXp7hrann"_s);
            form.addQueryItem(u"code"_s, code);
            form.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
            form.addQueryItem(u"code_verifier"_s, QString::fromLatin1(v));
            return call("POST", u"/oauth/token"_s, form.toString(QUrl::FullyEncoded).toUtf8(),
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
        };
        QCOMPARE(exchange("wrong-verifier", redirect).status, 400);
        QCOMPARE(exchange(verifier, u"http://127.0.0.1:1457/auth/callback"_s).status, 400);
        const HttpResult t = exchange(verifier, redirect);
        QCOMPARE(t.status, 200);
        const QJsonObject tokens = json(t);
        for (const char *k : {"id_token", "access_token", "refresh_token"})
            QVERIFY(!tokens.value(QLatin1String(k)).toString().isEmpty());
        QCOMPARE(tokens.value(u"token_type"_s).toString(), u"Bearer"_s);
        const QJsonObject id = claims(tokens.value(u"id_token"_s).toString());
        QCOMPARE(id.value(u"email"_s).toString(), u"alice@example.com"_s);
        const QJsonObject auth = id.value(u"https://api.openai.com/auth"_s).toObject();
        QCOMPARE(auth.value(u"chatgpt_plan_type"_s).toString(), u"pro"_s);
        QCOMPARE(auth.value(u"chatgpt_account_id"_s).toString(), u"acc-alice"_s);
        // Strict JWT shape: three non-empty segments, unpadded base64url payload.
        const QStringList parts = tokens.value(u"id_token"_s).toString().split(u'.');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[2], u"c2ln"_s);
        QVERIFY(!parts[1].contains(u'=') && !parts[1].contains(u'+') && !parts[1].contains(u'/'));
        QVERIFY(tokens.value(u"refresh_token"_s).toString().startsWith(u"rt_fake_alice_"_s));
        // A code is single use.
        QCOMPARE(exchange(verifier, redirect).status, 400);
    }

    void authorizeRejectsBadRequests_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<QString>("state");
        QTest::newRow("foreign redirect") << u"http://evil.example/auth/callback"_s << u"s"_s;
        QTest::newRow("localhost redirect") << u"http://localhost:1455/auth/callback"_s << u"s"_s;
        QTest::newRow("missing state") << u"http://127.0.0.1:1455/auth/callback"_s << QString();
    }
    void authorizeRejectsBadRequests()
    {
        QFETCH(QString, redirect);
        QFETCH(QString, state);
        QCOMPARE(call("GET", authorizePath(redirect, state, "chal")).status, 400);
    }

    void authorizeErrorAndDemoModes()
    {
        m_fake->setAuthorizeAs({{u"mode"_s, u"error"_s}});
        const HttpResult e = call("GET", authorizePath(u"http://127.0.0.1:1455/auth/callback"_s, u"s1"_s, "c"));
        QCOMPARE(e.status, 302);
        const QUrlQuery q{QUrl(QString::fromUtf8(e.header("Location")))};
        QCOMPARE(q.queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(q.queryItemValue(u"error_description"_s), u"missing_codex_entitlement"_s);
        QCOMPARE(q.queryItemValue(u"state"_s), u"s1"_s);

        m_fake->setAuthorizeAs({{u"mode"_s, u"demo"_s}});
        const HttpResult d = call("GET", authorizePath(u"http://127.0.0.1:1455/auth/callback"_s, u"s2"_s, "c"));
        QCOMPARE(d.status, 200);
        QVERIFY(d.body.contains("alice@example.com") && d.body.contains("bob@example.com"));

        m_fake->setAuthorizeAs({{u"account"_s, u"bob"_s}});
        const HttpResult b = call("GET", authorizePath(u"http://127.0.0.1:1455/auth/callback"_s, u"s3"_s, "c"));
        QVERIFY(QUrlQuery(QUrl(QString::fromUtf8(b.header("Location")))).queryItemValue(u"code"_s).contains(u"bob"_s));
    }

    void refreshRotationAndReplay()
    {
        const QJsonObject first = m_fake->mint(u"alice"_s);
        const QString rt1 = first.value(u"refresh_token"_s).toString();
        const HttpResult r1 = refresh(rt1);
        QCOMPARE(r1.status, 200);
        const QString rt2 = json(r1).value(u"refresh_token"_s).toString();
        QVERIFY(!rt2.isEmpty() && rt2 != rt1);
        QCOMPARE(m_fake->requests().last().toObject().value(u"refreshReason"_s).toString(), u"proactive_expiry"_s);

        // Replaying the used token: refresh_token_reused, and the whole family dies.
        const HttpResult replay = refresh(rt1);
        QCOMPARE(replay.status, 401);
        QCOMPARE(json(replay).value(u"error"_s).toObject().value(u"code"_s).toString(), u"refresh_token_reused"_s);
        const HttpResult after = refresh(rt2);
        QCOMPARE(after.status, 401);
        QCOMPARE(json(after).value(u"error"_s).toObject().value(u"code"_s).toString(), u"refresh_token_invalidated"_s);

        QCOMPARE(m_fake->refreshStats().value(u"alice"_s).toObject().value(u"ok"_s).toInt(), 1);
        QCOMPARE(m_fake->refreshStats().value(u"alice"_s).toObject().value(u"reused"_s).toInt(), 1);

        // Unknown token and missing client id.
        const HttpResult unknown = refresh(u"rt_never_issued"_s);
        QCOMPARE(unknown.status, 400);
        QCOMPARE(json(unknown).value(u"error"_s).toString(), u"invalid_grant"_s);
        QCOMPARE(call("POST", u"/oauth/token"_s, R"({"grant_type":"refresh_token","refresh_token":"x"})").status, 400);
    }

    void refreshTokenExpiryAndRevoke()
    {
        m_fake->addAccount({{u"key"_s, u"carol"_s}, {u"email"_s, u"carol@example.com"_s}, {u"rt_ttl_s"_s, 60}});
        const QString rt = m_fake->mint(u"carol"_s).value(u"refresh_token"_s).toString();
        m_fake->configure({{u"clockOffsetSeconds"_s, 120}});
        const HttpResult expired = refresh(rt);
        QCOMPARE(expired.status, 401);
        QCOMPARE(json(expired).value(u"error"_s).toObject().value(u"code"_s).toString(), u"refresh_token_expired"_s);
        m_fake->configure({{u"clockOffsetSeconds"_s, 0}});

        const QString rt2 = m_fake->mint(u"bob"_s).value(u"refresh_token"_s).toString();
        QCOMPARE(call("POST", u"/oauth/revoke"_s, QJsonDocument(QJsonObject{{u"token"_s, rt2}}).toJson()).status, 200);
        QCOMPARE(json(refresh(rt2)).value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"refresh_token_invalidated"_s);
    }

    void setRefreshTokenMatchesAnAuthJson()
    {
        QVERIFY(m_fake->setRefreshToken(u"alice"_s, u"rt_from_auth_json_123"_s));
        QCOMPARE(refresh(u"rt_from_auth_json_123"_s).status, 200);
    }

    void tokenExchangeGrant()
    {
        const HttpResult r = call("POST", u"/oauth/token"_s,
                                  "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&client_id=x",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(r.status, 200);
        QVERIFY(json(r).value(u"access_token"_s).toString().startsWith(u"sk-fake-"_s));
    }

    void deviceCodeFlow()
    {
        m_fake->configure({{u"deviceInterval"_s, 1}});
        const HttpResult c =
            call("POST", u"/api/accounts/deviceauth/usercode"_s, R"({"client_id":"app_EMoamEEZ73f0CkXaXp7hrann"})");
        QCOMPARE(c.status, 200);
        const QJsonObject code = json(c);
        QCOMPARE(code.value(u"interval"_s).toString(), u"1"_s);
        const QByteArray poll = QJsonDocument(QJsonObject{{u"device_auth_id"_s, code.value(u"device_auth_id"_s)},
                                                          {u"user_code"_s, code.value(u"user_code"_s)}})
                                    .toJson();
        QCOMPARE(call("POST", u"/api/accounts/deviceauth/token"_s, poll).status, 403);
        QCOMPARE(call("POST", u"/api/accounts/deviceauth/token"_s, R"({"device_auth_id":"x","user_code":"y"})").status,
                 400);
        const HttpResult page = call("GET", u"/codex/device"_s);
        QVERIFY(page.body.contains(code.value(u"user_code"_s).toString().toUtf8()));
        QCOMPARE(call("POST", u"/__fake/device/approve"_s,
                      QJsonDocument(QJsonObject{{u"user_code"_s, code.value(u"user_code"_s)}}).toJson())
                     .status,
                 200);
        const HttpResult approved = call("POST", u"/api/accounts/deviceauth/token"_s, poll);
        QCOMPARE(approved.status, 200);
        const QJsonObject grant = json(approved);
        QCOMPARE(QString::fromLatin1(s256(grant.value(u"code_verifier"_s).toString().toUtf8())),
                 grant.value(u"code_challenge"_s).toString());
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
        form.addQueryItem(u"client_id"_s, u"app_EMoamEEZ73f0CkXaXp7hrann"_s);
        form.addQueryItem(u"code"_s, grant.value(u"authorization_code"_s).toString());
        form.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_fake->issuerUrl() +
                                                                                         u"/deviceauth/callback"_s)));
        form.addQueryItem(u"code_verifier"_s, grant.value(u"code_verifier"_s).toString());
        QCOMPARE(call("POST", u"/oauth/token"_s, form.toString(QUrl::FullyEncoded).toUtf8(),
                      {{"Content-Type", "application/x-www-form-urlencoded"}})
                     .status,
                 200);

        m_fake->configure({{u"deviceExpirySeconds"_s, 0}});
        const QJsonObject c2 = json(call("POST", u"/api/accounts/deviceauth/usercode"_s, "{}"));
        QCOMPARE(call("POST", u"/api/accounts/deviceauth/token"_s,
                      QJsonDocument(QJsonObject{{u"device_auth_id"_s, c2.value(u"device_auth_id"_s)},
                                                {u"user_code"_s, c2.value(u"user_code"_s)}})
                          .toJson())
                     .status,
                 410);
        m_fake->configure({{u"deviceDisabled"_s, true}});
        QCOMPARE(call("POST", u"/api/accounts/deviceauth/usercode"_s, "{}").status, 404);
    }

    void usageAndBackendRoutes()
    {
        const QJsonObject t = m_fake->mint(u"alice"_s);
        const QByteArray bearer = "Bearer " + t.value(u"access_token"_s).toString().toUtf8();
        const HttpResult u = call("GET", u"/backend-api/wham/usage"_s, {},
                                  {{"Authorization", bearer}, {"ChatGPT-Account-Id", "acc-alice"}});
        QCOMPARE(u.status, 200);
        const QJsonObject usage = json(u);
        QCOMPARE(usage.value(u"plan_type"_s).toString(), u"pro"_s);
        const QJsonObject primary = usage.value(u"rate_limit"_s).toObject().value(u"primary_window"_s).toObject();
        QCOMPARE(primary.value(u"used_percent"_s).toInt(), 12);
        QCOMPARE(primary.value(u"limit_window_seconds"_s).toInt(), 18000);
        QVERIFY(primary.value(u"reset_at"_s).toInteger() > QDateTime::currentSecsSinceEpoch());
        QCOMPARE(usage.value(u"rate_limit"_s)
                     .toObject()
                     .value(u"secondary_window"_s)
                     .toObject()
                     .value(u"used_percent"_s)
                     .toInt(),
                 40);
        // Wrong account header, unknown token, expired token → 401 token_expired.
        QCOMPARE(call("GET", u"/backend-api/wham/usage"_s, {},
                      {{"Authorization", bearer}, {"ChatGPT-Account-Id", "acc-bob"}})
                     .status,
                 401);
        QCOMPARE(call("GET", u"/backend-api/wham/usage"_s, {},
                      {{"Authorization", "Bearer nope"}, {"ChatGPT-Account-Id", "acc-alice"}})
                     .status,
                 401);
        const QJsonObject expired = m_fake->mint(u"alice"_s, -10);
        const HttpResult e = call("GET", u"/backend-api/wham/usage"_s, {},
                                  {{"Authorization", "Bearer " + expired.value(u"access_token"_s).toString().toUtf8()},
                                   {"ChatGPT-Account-Id", "acc-alice"}});
        QCOMPARE(e.status, 401);
        QCOMPARE(json(e).value(u"error"_s).toObject().value(u"code"_s).toString(), u"token_expired"_s);

        const HttpResult check = call("GET", u"/backend-api/wham/accounts/check"_s, {},
                                      {{"Authorization", bearer}, {"chatgpt-account-id", "acc-alice"}});
        QCOMPARE(check.status, 200);
        QCOMPARE(json(check).value(u"accounts"_s).toArray().first().toObject().value(u"plan_type"_s).toString(),
                 u"pro"_s);
        QCOMPARE(call("GET", u"/backend-api/wham/config/bundle"_s).body, QByteArray("{}"));
        QCOMPARE(
            json(call("GET", u"/backend-api/wham/rate-limit-reset-credits"_s)).value(u"available_count"_s).toInt(-1),
            0);
        QCOMPARE(
            call("GET", u"/backend-api/codex/responses"_s, {}, {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}})
                .status,
            426);
        const HttpResult missing = call("GET", u"/backend-api/ps/plugins/installed"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(json(missing).value(u"path"_s).toString(), u"/backend-api/ps/plugins/installed"_s);

        const HttpResult resp = call(
            "POST", u"/backend-api/codex/responses"_s, R"({"model":"gpt-5","stream":true})",
            {{"Authorization", bearer}, {"chatgpt-account-id", "acc-alice"}, {"Content-Type", "application/json"}});
        QCOMPARE(resp.status, 200);
        QVERIFY(resp.header("Content-Type").startsWith("text/event-stream"));
        QCOMPARE(resp.header("x-codex-primary-used-percent"), QByteArray("12"));
        QCOMPARE(resp.header("x-codex-primary-window-minutes"), QByteArray("300"));
        QCOMPARE(resp.header("x-codex-secondary-window-minutes"), QByteArray("10080"));
        QVERIFY(resp.body.contains("event: response.completed"));
        QVERIFY(resp.body.contains("Hello from the fake OpenAI server."));
        QCOMPARE(call("POST", u"/backend-api/codex/responses"_s, "{}", {{"chatgpt-account-id", "acc-alice"}}).status,
                 401);
    }

    void zstdRequestBodiesAreDecoded()
    {
        QByteArray frame(int(ZSTD_compressBound(5)), Qt::Uninitialized);
        frame.resize(qsizetype(ZSTD_compress(frame.data(), size_t(frame.size()), "hello", 5, 3)));
        const QJsonObject t = m_fake->mint(u"alice"_s);
        const HttpResult r = call("POST", u"/backend-api/codex/responses"_s, frame,
                                  {{"Authorization", "Bearer " + t.value(u"access_token"_s).toString().toUtf8()},
                                   {"chatgpt-account-id", "acc-alice"},
                                   {"Content-Encoding", "zstd"},
                                   {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_fake->requests().last().toObject().value(u"body"_s).toString(), u"hello"_s);
    }

    void faults_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("timedOut");
        QTest::newRow("429 retry-after") << QJsonObject{{u"status"_s, 429},
                                                        {u"headers"_s, QJsonObject{{u"Retry-After"_s, u"2"_s}}},
                                                        {u"body"_s, u"{}"_s}}
                                         << 429 << false;
        QTest::newRow("500") << QJsonObject{{u"status"_s, 500}} << 500 << false;
        QTest::newRow("502") << QJsonObject{{u"status"_s, 502}} << 502 << false;
        QTest::newRow("503") << QJsonObject{{u"status"_s, 503}} << 503 << false;
        QTest::newRow("403 cloudflare") << QJsonObject{{u"status"_s, 403},
                                                       {u"body"_s, u"<html><title>Just a moment...</title></html>"_s}}
                                        << 403 << false;
        QTest::newRow("reset") << QJsonObject{{u"mode"_s, u"reset"_s}} << 0 << false;
        QTest::newRow("drop") << QJsonObject{{u"mode"_s, u"drop"_s}} << 0 << false;
        QTest::newRow("blackhole") << QJsonObject{{u"mode"_s, u"blackhole"_s}} << 0 << true;
        QTest::newRow("slow beyond timeout") << QJsonObject{{u"mode"_s, u"delay"_s}, {u"delayMs"_s, 3000}} << 0 << true;
        QTest::newRow("slow within timeout")
            << QJsonObject{{u"mode"_s, u"delay"_s}, {u"delayMs"_s, 300}} << 401 << false;
        QTest::newRow("malformed json") << QJsonObject{{u"mode"_s, u"malformed-json"_s}} << 200 << false;
        QTest::newRow("no access token") << QJsonObject{{u"mode"_s, u"no-access-token"_s}} << 200 << false;
    }
    void faults()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, status);
        QFETCH(bool, timedOut);
        fault.insert(u"route"_s, u"/backend-api/wham/usage"_s);
        QCOMPARE(call("POST", u"/__fake/faults"_s, QJsonDocument(fault).toJson()).status, 200);
        const HttpResult r = call("GET", u"/backend-api/wham/usage"_s, {}, {}, 1500);
        QCOMPARE(r.status, status);
        QCOMPARE(r.timedOut, timedOut);
        if (status == 429)
            QCOMPARE(r.header("Retry-After"), QByteArray("2"));
        if (status == 403)
            QVERIFY(r.header("Content-Type").startsWith("text/html"));
        if (fault.value(u"mode"_s).toString() == "malformed-json"_L1)
            QVERIFY(QJsonDocument::fromJson(r.body).isNull());
        if (fault.value(u"mode"_s).toString() == "no-access-token"_L1)
            QVERIFY(!json(r).contains(u"access_token"_s));
        // Cleared: the next request is served normally.
        m_fake->addFault({{u"clear"_s, true}});
        QCOMPARE(call("GET", u"/backend-api/wham/usage"_s).status, 401);
    }

    void faultCountLimitsHowOftenItFires()
    {
        m_fake->addFault({{u"route"_s, u"/oauth/token"_s}, {u"status"_s, 503}, {u"count"_s, 2}});
        QCOMPARE(refresh(u"x"_s).status, 503);
        QCOMPARE(refresh(u"x"_s).status, 503);
        QCOMPARE(refresh(u"x"_s).status, 400);
    }

    void controlApiOverHttp()
    {
        QCOMPARE(call("POST", u"/__fake/accounts"_s,
                      R"({"accounts":[{"key":"dave","email":"dave@example.com","plan":"free"}]})")
                     .status,
                 200);
        const HttpResult minted = call("POST", u"/__fake/mint"_s, R"({"account":"dave"})");
        QCOMPARE(minted.status, 200);
        QCOMPARE(json(minted).value(u"account_id"_s).toString(), u"acc-dave"_s);
        QCOMPARE(
            call("POST", u"/__fake/refresh-token"_s, R"({"account":"dave","refresh_token":"rt_dave_manual"})").status,
            200);
        QCOMPARE(refresh(u"rt_dave_manual"_s).status, 200);
        const QJsonObject stats = json(call("GET", u"/__fake/stats"_s));
        QCOMPARE(stats.value(u"refreshes"_s).toObject().value(u"dave"_s).toObject().value(u"ok"_s).toInt(), 1);
        QCOMPARE(call("POST", u"/__fake/authorize-as"_s, R"({"account":"dave"})").status, 200);
        const QJsonArray log = json(call("GET", u"/__fake/requests"_s)).value(u"requests"_s).toArray();
        QVERIFY(std::any_of(log.begin(), log.end(), [](const QJsonValue &e) {
            return e.toObject().value(u"path"_s).toString() == "/oauth/token"_L1 &&
                   e.toObject().value(u"body"_s).toObject().value(u"refresh_token"_s).toString() == "rt_dave_manual"_L1;
        }));
        QCOMPARE(call("POST", u"/__fake/reset"_s).status, 200);
        QVERIFY(m_fake->requests().size() <= 1);
        QCOMPARE(call("GET", u"/__fake/reset"_s).status, 405);
    }

    // The standalone program: starts from a scenario, prints its port, answers the same routes.
    void standaloneProgram()
    {
        QTemporaryDir dir;
        QFile scenario(dir.filePath(u"s.json"_s));
        QVERIFY(scenario.open(QIODevice::WriteOnly));
        scenario.write(
            R"({"accounts":[{"key":"eve","email":"eve@example.com","plan":"enterprise"}],"config":{"deviceInterval":2}})");
        scenario.close();
        QProcess p;
        p.start(test::builtProgram(u"tests/support/fake-openai-server"_s), {u"--scenario"_s, scenario.fileName()});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine(), 10000);
        const QString ready = QString::fromUtf8(p.readLine()).trimmed();
        QVERIFY2(ready.startsWith(u"ready http="_s), qPrintable(ready));
        const quint16 port = quint16(ready.section(u' ', 1, 1).section(u'=', 1).toUInt());
        HttpRequest r;
        r.method = "POST";
        r.url = QUrl(u"http://127.0.0.1:%1/__fake/mint"_s.arg(port));
        r.body = R"({"account":"eve"})";
        r.headers = {{"Content-Type", "application/json"}};
        const HttpResult minted = HttpClient::sendBlocking(r);
        QCOMPARE(minted.status, 200);
        QCOMPARE(claims(json(minted).value(u"id_token"_s).toString()).value(u"email"_s).toString(),
                 u"eve@example.com"_s);
        p.terminate();
        QVERIFY(p.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(TestFakeServer)
#include "tst_fakeserver.moc"
