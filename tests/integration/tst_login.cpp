#include "auth/callbackserver.h"
#include "auth/loginflow.h"
#include "fakeopenaiserver.h"
#include "net/httpclient.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

Q_DECLARE_METATYPE(cma::LoginResult)

// Sign-in against the fake issuer (docs/protocol.md §1–§4): browser, pasted URL, device code, every
// hostile input to the callback server, token-endpoint faults, the busy-port fallback, and the
// CLI as a process with pastes on stdin.
class TestLogin : public QObject
{
    Q_OBJECT
private:
    test::FakeOpenAiServer *m_fake = nullptr;
    quint16 m_callbackPort = 0;

    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }
    Endpoints endpoints()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake->issuerUrl());
        env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake->backendUrl());
        env.insert(u"CODEX_MULTI_AUTH_CALLBACK_PORT"_s, QString::number(m_callbackPort));
        return Endpoints::fromEnvironment(env).value();
    }
    static HttpResult get(const QString &url, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        return test::httpGet(url, std::move(headers));
    }
    static QString browse(const QUrl &authorize) { return test::browse(authorize); }
    static QByteArray raw(quint16 port, const QByteArray &request, int waitMs = 3000)
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (!s.waitForConnected(2000))
            return "no connection";
        s.write(request);
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < waitMs) {
            if (s.waitForReadyRead(50))
                got += s.readAll();
            QCoreApplication::processEvents();
        }
        return got + s.readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        qRegisterMetaType<cma::LoginResult>();
        m_fake = new test::FakeOpenAiServer(this);
        QVERIFY(m_fake->listen());
    }
    void init()
    {
        m_fake->reset();
        m_fake->addAccount({{u"email"_s, u"alice@example.com"_s}, {u"plan"_s, u"pro"_s}});
        m_fake->addAccount({{u"email"_s, u"bob@example.com"_s}, {u"plan"_s, u"team"_s}});
        m_callbackPort = freePort();
    }

    void authorizeUrlIsExact()
    {
        Endpoints prod;
        PkceSecrets s = PkceSecrets::generate();
        QCOMPARE(s.verifier.size(), 86);
        QCOMPARE(s.challenge.size(), 43);
        QCOMPARE(s.state.size(), 43);
        QCOMPARE(PkceSecrets::challengeFor(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
                 u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
        const QUrl url = buildAuthorizeUrl(prod, u"http://127.0.0.1:1455/auth/callback"_s, s, false);
        const QString expected =
            u"https://auth.openai.com/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1455%2Fauth%2Fcallback&code_challenge="_s +
            s.challenge + u"&code_challenge_method=S256&state="_s + s.state +
            u"&scope=openid+profile+email+offline_access+api.connectors.read+api.connectors.invoke"
            "&id_token_add_organizations=true&codex_cli_simplified_flow=true&originator=codex_cli_rs"_s;
        QCOMPARE(QString::fromUtf8(url.toEncoded()), expected);
        QVERIFY(buildAuthorizeUrl(prod, u"x"_s, s, true).toString().endsWith(u"&prompt=login"_s));
    }

    void browserLogin()
    {
        BrowserLogin login(endpoints(), true);
        QSignalSpy ok(&login, &BrowserLogin::succeeded);
        QString page;
        connect(&login, &BrowserLogin::urlReady, this, [&](const QUrl &url) { page = browse(url); });
        login.start();
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 10000);
        QVERIFY2(page.contains(u"Signed in to Codex Multi-Auth"_s), qPrintable(page));
        const LoginResult r = ok.first().first().value<LoginResult>();
        QCOMPARE(r.method, LoginMethod::Browser);
        Result<Account> a = accountFromLogin(r.tokens);
        QVERIFY(a.ok());
        QCOMPARE(a->email.value_or(QString()), u"alice@example.com"_s);
        QCOMPARE(a->accountId.value_or(QString()), u"acc-alice"_s);
        QCOMPARE(a->userId.value_or(QString()), u"user-alice"_s);
        QVERIFY(a->lastRefresh && a->expiresAt && *a->expiresAt > *a->lastRefresh);
        QVERIFY(m_fake->requests().at(0).toObject().value(u"promptLogin"_s).toBool());
        // The exchange carried the exact redirect URI and the verifier.
        const QJsonArray log = m_fake->requests();
        QJsonObject exchange;
        for (const QJsonValue &e : log)
            if (e[u"path"_s] == u"/oauth/token"_s)
                exchange = e.toObject();
        QCOMPARE(exchange[u"body"_s][u"redirect_uri"_s].toString(),
                 u"http://127.0.0.1:%1/auth/callback"_s.arg(m_callbackPort));
        QCOMPARE(exchange[u"body"_s][u"grant_type"_s].toString(), u"authorization_code"_s);
        QVERIFY(exchange[u"headers"_s][u"user-agent"_s].isUndefined() ||
                !exchange[u"headers"_s][u"user-agent"_s].toString().contains(u"codex_cli_rs"_s));
    }

    void pastedRedirect_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("full url") << u"url"_s;
        QTest::newRow("code#state") << u"hash"_s;
        QTest::newRow("query only") << u"query"_s;
        QTest::newRow("fragment url") << u"fragment"_s;
    }
    void pastedRedirect()
    {
        QFETCH(QString, shape);
        BrowserLogin login(endpoints(), false);
        QSignalSpy ok(&login, &BrowserLogin::succeeded);
        QUrl authorize;
        connect(&login, &BrowserLogin::urlReady, this, [&](const QUrl &url) { authorize = url; });
        login.start();
        QTRY_VERIFY(!authorize.isEmpty());
        const QUrl redirect(QString::fromUtf8(get(QString::fromUtf8(authorize.toEncoded())).header("Location")));
        const QUrlQuery q(redirect);
        const QString code = q.queryItemValue(u"code"_s), state = q.queryItemValue(u"state"_s);
        // Refused pastes exchange nothing and the attempt goes on.
        QCOMPARE(login.submitPaste(u"hello"_s).error().message, u"That is not a sign-in redirect URL"_s);
        QCOMPARE(login.submitPaste(u"http://127.0.0.1:1455/auth/callback?code=x"_s).error().message,
                 u"That is not a sign-in redirect URL"_s);
        QCOMPARE(login.submitPaste(u"code=%1&state=someone-else"_s.arg(code)).error().message,
                 u"This URL belongs to a different sign-in attempt"_s);
        QString paste = redirect.toString();
        if (shape == "hash"_L1)
            paste = code + u'#' + state;
        else if (shape == "query"_L1)
            paste = u"  ?code=%1&state=%2  "_s.arg(code, state);
        else if (shape == "fragment"_L1)
            paste = u"http://127.0.0.1:1455/auth/callback#code=%1&state=%2"_s.arg(code, state);
        QVERIFY(login.submitPaste(paste).ok());
        QTRY_COMPARE(ok.count(), 1);
        QCOMPARE(ok.first().first().value<LoginResult>().method, LoginMethod::Manual);
        int exchanges = 0;
        for (const QJsonValue &e : m_fake->requests())
            exchanges += e[u"path"_s] == u"/oauth/token"_s;
        QCOMPARE(exchanges, 1);
    }

    void providerErrors_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("message");
        QTest::newRow("no entitlement")
            << u"missing_codex_entitlement"_s
            << u"Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex."_s;
        QTest::newRow("other") << u"User cancelled <script>"_s << u"Sign-in failed: User cancelled <script>"_s;
    }
    void providerErrors()
    {
        QFETCH(QString, description);
        QFETCH(QString, message);
        m_fake->setAuthorizeAs({{u"mode"_s, u"error"_s}, {u"description"_s, description}});
        BrowserLogin login(endpoints(), false);
        QSignalSpy failed(&login, &BrowserLogin::failed);
        QString page;
        connect(&login, &BrowserLogin::urlReady, this, [&](const QUrl &url) { page = browse(url); });
        login.start();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toString(), message);
        QVERIFY(!page.contains(u"<script>"_s)); // escaped on the page
        QVERIFY(page.contains(u"&lt;script&gt;"_s) || description != u"User cancelled <script>"_s);
    }

    void tokenEndpointFaults_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("html 500") << QJsonObject{{u"status"_s, 500}, {u"body"_s, u"<html>oops</html>"_s}}
                                  << u"token endpoint returned status 500: <html>oops</html>"_s;
        QTest::newRow("json error") << QJsonObject{{u"status"_s, 400},
                                                   {u"body"_s,
                                                    QJsonObject{{u"error"_s, u"invalid_grant"_s},
                                                                {u"error_description"_s, u"Code expired"_s}}}}
                                    << u"token endpoint returned status 400: Code expired"_s;
        QTest::newRow("no id_token") << QJsonObject{{u"status"_s, 200},
                                                    {u"body"_s, QJsonObject{{u"access_token"_s, u"a"_s},
                                                                            {u"refresh_token"_s, u"r"_s}}}}
                                     << u"token response missing fields"_s;
        QTest::newRow("malformed jwt") << QJsonObject{{u"status"_s, 200},
                                                      {u"body"_s, QJsonObject{{u"id_token"_s, u"not.a.jwt"_s},
                                                                              {u"access_token"_s, u"x"_s},
                                                                              {u"refresh_token"_s, u"r"_s}}}}
                                       << u"the sign-in returned no ChatGPT workspace"_s;
        QTest::newRow("not json") << QJsonObject{{u"mode"_s, u"malformed-json"_s}}
                                  << u"the token endpoint answered with something other than JSON"_s;
        QTest::newRow("reset") << QJsonObject{{u"mode"_s, u"reset"_s}} << u"could not reach the token endpoint"_s;
    }
    void tokenEndpointFaults()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(QString, message);
        fault.insert(u"route"_s, u"/oauth/token"_s);
        m_fake->addFault(fault);
        BrowserLogin login(endpoints(), false);
        QSignalSpy failed(&login, &BrowserLogin::failed);
        QSignalSpy ok(&login, &BrowserLogin::succeeded);
        QString page;
        connect(&login, &BrowserLogin::urlReady, this, [&](const QUrl &url) { page = browse(url); });
        login.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY2(failed.first().first().toString().startsWith(u"Token exchange failed: "_s + message),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(page.contains(u"Token exchange failed"_s));
        QCOMPARE(ok.count(), 0);
    }

    void hostileRequestsNeverEndTheAttempt()
    {
        CallbackServer server;
        server.setRequestTimeoutMs(500);
        server.setExpectedState(u"the-state"_s);
        int exchanges = 0;
        server.setExchange([&](const QString &, std::function<void(const QString &)> finish) {
            ++exchanges;
            finish(QString());
        });
        QSignalSpy bound(&server, &CallbackServer::bound);
        server.start(m_callbackPort);
        QTRY_COMPARE(bound.count(), 1);
        const quint16 port = server.port();
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        QByteArray garbage(512, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char(i * 31);
        QVERIFY(raw(port, garbage + "\r\n\r\n").startsWith("HTTP/1.1 400"));
        QVERIFY(
            raw(port, "GET / HTTP/1.1\r\nX: " + QByteArray(1024 * 1024, 'a') + "\r\n\r\n").startsWith("HTTP/1.1 431"));
        QVERIFY(
            raw(port, "GET /auth/callback?code=x&state=the-state HTTP/1.1\r\nHost: 127.0").startsWith("HTTP/1.1 408"));
        QVERIFY(raw(port, "GET /auth/callbackEVIL?code=x&state=the-state HTTP/1.1\r\n" + host + "\r\n")
                    .startsWith("HTTP/1.1 404"));
        QVERIFY(
            raw(port, "POST /auth/callback?code=x&state=the-state HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n")
                .startsWith("HTTP/1.1 405"));
        QVERIFY(raw(port, "GET /auth/callback?code=x&state=the-state HTTP/1.1\r\nHost: evil.example:80\r\n\r\n")
                    .startsWith("HTTP/1.1 421"));
        QVERIFY(raw(port, "GET /auth/callback?code=x&state=the-state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .startsWith("HTTP/1.1 421"));
        QVERIFY(
            raw(port, "GET /auth/callback?code=x&state=wrong HTTP/1.1\r\n" + host + "\r\n").startsWith("HTTP/1.1 400"));
        QVERIFY(raw(port, "GET /auth/callback?code=x HTTP/1.1\r\n" + host + "\r\n").contains("State mismatch"));
        QList<QTcpSocket *> many;
        for (int i = 0; i < 40; ++i) {
            many.append(new QTcpSocket(this));
            many.last()->connectToHost(QHostAddress::LocalHost, port);
        }
        QCOMPARE(exchanges, 0);
        // Still waiting: the real callback completes it, once.
        const QByteArray done = raw(port, "GET /auth/callback?code=good&state=the-state HTTP/1.1\r\nHost: LOCALHOST:" +
                                              QByteArray::number(port) + "\r\n\r\n");
        QVERIFY2(done.startsWith("HTTP/1.1 302"), done.left(60).constData());
        QVERIFY(done.contains(QByteArray("Location: http://127.0.0.1:" + QByteArray::number(port) + "/success\r\n")));
        QVERIFY(!done.contains("id_token"));
        QVERIFY(raw(port, "GET /auth/callback?code=again&state=the-state HTTP/1.1\r\n" + host + "\r\n")
                    .startsWith("HTTP/1.1 302"));
        QCOMPARE(exchanges, 1);
        const QByteArray success = raw(port, "GET /success HTTP/1.1\r\n" + host + "\r\n");
        QVERIFY(success.contains("Content-Security-Policy: default-src 'none'"));
        QVERIFY(success.contains("Cache-Control: no-store"));
        QVERIFY(success.contains("X-Frame-Options: DENY"));
        qDeleteAll(many);
    }

    void callbackAfterTheWaitIsRefused()
    {
        BrowserLogin login(endpoints(), false);
        login.setCallbackWaitMs(300);
        QSignalSpy timedOut(&login, &BrowserLogin::callbackTimedOut);
        QUrl authorize;
        connect(&login, &BrowserLogin::urlReady, this, [&](const QUrl &url) { authorize = url; });
        login.start();
        QTRY_COMPARE(timedOut.count(), 1);
        const HttpResult late =
            get(QString::fromUtf8(get(QString::fromUtf8(authorize.toEncoded())).header("Location")));
        QCOMPARE(late.status, 0); // nobody listens any more
        // A paste still works until the attempt is cancelled.
        QSignalSpy ok(&login, &BrowserLogin::succeeded);
        const QUrl redirect(QString::fromUtf8(get(QString::fromUtf8(authorize.toEncoded())).header("Location")));
        QVERIFY(login.submitPaste(redirect.toString()).ok());
        QTRY_COMPARE(ok.count(), 1);
    }

    void busyPortFallsBackTo1457()
    {
        QTcpServer squatter; // a foreign program on 1455 that ignores /cancel
        if (!squatter.listen(QHostAddress::LocalHost, 1455))
            QSKIP("port 1455 is in use on this machine");
        CallbackServer server;
        server.setRetryIntervalMs(20);
        QSignalSpy bound(&server, &CallbackServer::bound);
        server.start();
        QTRY_COMPARE_WITH_TIMEOUT(bound.count(), 1, 10000);
        QCOMPARE(server.port(), quint16(1457));
        QCOMPARE(server.redirectUri(), u"http://127.0.0.1:1457/auth/callback"_s);
    }

    void staleInstanceOfOursIsCancelled()
    {
        CallbackServer first;
        QSignalSpy firstBound(&first, &CallbackServer::bound);
        QSignalSpy cancelled(&first, &CallbackServer::cancelledByAnotherSignIn);
        first.start();
        QTRY_COMPARE(firstBound.count(), 1);
        if (first.port() != 1455)
            QSKIP("port 1455 is in use on this machine");
        CallbackServer second;
        second.setRetryIntervalMs(50);
        QSignalSpy secondBound(&second, &CallbackServer::bound);
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(secondBound.count(), 1, 10000);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(second.port(), quint16(1455));
    }

    void bothPortsBusy()
    {
        QTcpServer a, b;
        if (!a.listen(QHostAddress::LocalHost, 1455) || !b.listen(QHostAddress::LocalHost, 1457))
            QSKIP("ports 1455/1457 are in use on this machine");
        CallbackServer server;
        server.setRetryIntervalMs(5);
        QSignalSpy failed(&server, &CallbackServer::bindFailed);
        server.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY(failed.first().first().toString().contains(u"--device-auth"_s));
    }

    void deviceLogin()
    {
        m_fake->configure({{u"deviceInterval"_s, 1}});
        DeviceLogin login(endpoints());
        QSignalSpy ok(&login, &DeviceLogin::succeeded);
        QString code;
        connect(&login, &DeviceLogin::codeReady, this, [&](const QString &c, const QUrl &page) {
            code = c;
            QCOMPARE(page.toString(), m_fake->issuerUrl() + u"/codex/device"_s);
            QTimer::singleShot(1500, this, [this, c] { m_fake->approveDevice(c); });
        });
        login.start();
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 10000);
        QCOMPARE(ok.first().first().value<LoginResult>().method, LoginMethod::Device);
        int polls = 0;
        for (const QJsonValue &e : m_fake->requests())
            polls += e[u"path"_s] == u"/api/accounts/deviceauth/token"_s;
        QVERIFY(polls >= 2); // pending at least once
    }

    void deviceLoginFailures()
    {
        m_fake->configure({{u"deviceDisabled"_s, true}});
        DeviceLogin disabled(endpoints());
        QSignalSpy f1(&disabled, &DeviceLogin::failed);
        disabled.start();
        QTRY_COMPARE(f1.count(), 1);
        QCOMPARE(f1.first().first().toString(),
                 u"Device-code login is not enabled for this server. Use browser login."_s);

        m_fake->configure({{u"deviceDisabled"_s, false}, {u"deviceInterval"_s, 1}});
        m_fake->addFault({{u"route"_s, u"/api/accounts/deviceauth/token"_s}, {u"status"_s, 503}, {u"count"_s, 2}});
        m_fake->addFault({{u"route"_s, u"/api/accounts/deviceauth/token"_s}, {u"status"_s, 500}, {u"count"_s, 1}});
        DeviceLogin flaky(endpoints());
        QSignalSpy f2(&flaky, &DeviceLogin::failed);
        flaky.start();
        QTRY_COMPARE_WITH_TIMEOUT(f2.count(), 1, 15000); // two 503s retried, then a 500 fails
        QCOMPARE(f2.first().first().toString(), u"device sign-in failed with status 500"_s);
    }

    // The CLI as a user runs it over SSH: no display, no browser, the redirect pasted on stdin.
    QProcessEnvironment cliEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake->issuerUrl());
        env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake->backendUrl());
        env.insert(u"CODEX_MULTI_AUTH_CALLBACK_PORT"_s, QString::number(m_callbackPort));
        env.remove(u"DISPLAY"_s);
        return env;
    }
    /// Starts `codex-multi-auth --cli login <args>` without a browser; \a url gets the sign-in link it prints.
    void startCliLogin(QProcess &p, const QStringList &args, QString &url)
    {
        p.setProcessEnvironment(cliEnvironment());
        p.start(test::builtProgram(u"app/codex-multi-auth"_s), QStringList{u"--cli"_s, u"login"_s} + args);
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (p.canReadLine()) {
                    const QString line = QString::fromUtf8(p.readLine()).trimmed();
                    if (line.startsWith(u"http"_s))
                        url = line;
                }
                return !url.isEmpty();
            }(),
            10000);
    }

    void cliPasteOverStdin()
    {
        QProcess p;
        QString url;
        startCliLogin(p, {u"--no-browser"_s}, url);
        QVERIFY(!url.isEmpty());
        const QProcessEnvironment env = cliEnvironment();
        const QString redirect = QString::fromUtf8(get(url).header("Location"));
        p.write("not a url\n");
        p.write(redirect.toUtf8() + "\n");
        // The fake server lives in this process: keep its event loop turning while we wait.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 15000);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains(u"Added account 1: Account 1 (alice@example.com, id:-alice). Plan: Pro. Total: 1"_s),
                 qPrintable(out + err));
        QVERIFY(err.contains(u"That is not a sign-in redirect URL"_s));
        QVERIFY(!out.contains(u"code_verifier"_s) && !err.contains(u"rt_fake"_s));

        // Cancel at the prompt: exit 130, nothing added.
        QProcess q;
        q.setProcessEnvironment(env);
        q.start(test::builtProgram(u"app/codex-multi-auth"_s), {u"login"_s, u"--manual"_s, u"--json"_s});
        QVERIFY(q.waitForStarted());
        QByteArray qerr;
        QTRY_VERIFY2_WITH_TIMEOUT((qerr += q.readAllStandardError()).contains("http"), qerr.constData(), 10000);
        q.write("q\n");
        QTRY_VERIFY_WITH_TIMEOUT(q.state() == QProcess::NotRunning, 10000);
        QCOMPARE(q.exitCode(), 130);
        QCOMPARE(QJsonDocument::fromJson(q.readAllStandardOutput()).object()[u"error"_s][u"code"_s].toString(),
                 u"cancelled"_s);
    }

    // A script's sign-in with several workspaces and no --org takes the best candidate (docs/cli.md login).
    void cliScriptTakesTheBestWorkspace()
    {
        const QJsonArray orgs{QJsonObject{{u"id"_s, u"org-home"_s}, {u"title"_s, u"Home"_s}},
                              QJsonObject{{u"id"_s, u"org-work"_s}, {u"title"_s, u"Work"_s}, {u"is_default"_s, true}}};
        const QString key = m_fake->addAccount(
            {{u"email"_s, u"carol@example.com"_s}, {u"account_id"_s, u"org-home"_s}, {u"organizations"_s, orgs}});
        m_fake->setAuthorizeAs({{u"account"_s, key}});
        QProcess p;
        QString url;
        startCliLogin(p, {u"--manual"_s}, url);
        QVERIFY(!url.isEmpty());
        p.write(get(url).header("Location") + "\n");
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 15000);
        QCOMPARE(p.exitCode(), 0);
        QFile pool(qEnvironmentVariable("CODEX_MULTI_AUTH_DIR") + u"/openai-codex-accounts.json"_s);
        QVERIFY(pool.open(QIODevice::ReadOnly));
        bool found = false;
        for (const QJsonValue &a : QJsonDocument::fromJson(pool.readAll()).object()[u"accounts"_s].toArray()) {
            if (a[u"email"_s].toString() != u"carol@example.com"_s)
                continue;
            found = true;
            QCOMPARE(a[u"accountId"_s].toString(), u"org-work"_s);
            QCOMPARE(a[u"accountIdSource"_s].toString(), u"org"_s);
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestLogin)
#include "tst_login.moc"
