#include "loginflow.h"

#include "auth/callbackserver.h"
#include "auth/jwt.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cma {

QString loginMethodName(LoginMethod m)
{
    switch (m) {
    case LoginMethod::Browser:
        return u"browser"_s;
    case LoginMethod::Manual:
        return u"manual"_s;
    case LoginMethod::Device:
        return u"device"_s;
    }
    return {};
}

Result<QPair<QString, QString>> parsePastedRedirect(const QString &input)
{
    const QString text = input.trimmed();
    const Error notRedirect =
        makeError(ErrorCode::Usage, QCoreApplication::translate("Login", "That is not a sign-in redirect URL"));
    QString code, state;
    auto fromQuery = [&](const QString &q) {
        QString query = q;
        query.replace(u'+', u"%20"_s);
        const QUrlQuery parsed(query);
        code = parsed.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        state = parsed.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    };
    if (text.contains(u"://"_s)) {
        const QUrl url(text);
        if (!url.isValid())
            return notRedirect;
        fromQuery(url.query(QUrl::FullyEncoded));
        if (code.isEmpty() || state.isEmpty())
            fromQuery(url.fragment(QUrl::FullyEncoded));
    } else if (text.contains(u'=')) {
        fromQuery(text.startsWith(u'?') ? text.mid(1) : text);
    } else if (text.count(u'#') == 1) {
        code = text.section(u'#', 0, 0).trimmed();
        state = text.section(u'#', 1, 1).trimmed();
    }
    if (code.isEmpty() || state.isEmpty())
        return notRedirect;
    return QPair<QString, QString>{code, state};
}

Result<Account> accountFromLogin(const TokenResponse &tokens, const QString &orgOverride)
{
    const TokenIdentity who = TokenIdentity::fromTokens(tokens.idToken, tokens.accessToken);
    const QString accountId = orgOverride.isEmpty() ? who.accountId : orgOverride;
    if (accountId.isEmpty())
        return makeError(ErrorCode::Auth,
                         QCoreApplication::translate("Login", "the sign-in returned no ChatGPT workspace"));
    Account a;
    a.accountId = accountId;
    a.accountIdSource = orgOverride.isEmpty() ? u"id_token"_s : u"manual"_s;
    if (!who.email.isEmpty())
        a.email = who.email.trimmed().toLower();
    if (!who.userId.isEmpty())
        a.userId = who.userId;
    a.refreshToken = tokens.refreshToken;
    a.accessToken = tokens.accessToken;
    a.idToken = tokens.idToken;
    if (who.accessExpiresAtMs)
        a.expiresAt = who.accessExpiresAtMs;
    else if (tokens.expiresIn)
        a.expiresAt = tokens.receivedAtMs + *tokens.expiresIn * 1000;
    a.lastRefresh = tokens.receivedAtMs;
    a.addedAt = tokens.receivedAtMs;
    a.lastUsed = tokens.receivedAtMs;
    return a;
}

BrowserLogin::BrowserLogin(Endpoints endpoints, bool promptLogin, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
    , m_promptLogin(promptLogin)
    , m_secrets(PkceSecrets::generate())
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_server)
            m_server->stop();
        Q_EMIT callbackTimedOut();
    });
}

BrowserLogin::~BrowserLogin() = default;

QString BrowserLogin::redirectUri() const
{
    return m_redirectUri;
}

void BrowserLogin::start()
{
    m_server = new CallbackServer(this);
    m_server->setExpectedState(m_secrets.state);
    m_server->setExchange([this](const QString &code, std::function<void(const QString &)> finish) {
        exchange(code, LoginMethod::Browser, std::move(finish));
    });
    connect(m_server, &CallbackServer::bound, this, [this](quint16) {
        m_redirectUri = m_server->redirectUri();
        m_url = buildAuthorizeUrl(m_endpoints, m_redirectUri, m_secrets, m_promptLogin);
        m_timeout.start(m_waitMs);
        Q_EMIT urlReady(m_url);
    });
    connect(m_server, &CallbackServer::successPageDone, this, [this] { m_successPageDone = true; });
    connect(m_server, &CallbackServer::bindFailed, this, [this](const QString &message) {
        m_done = true;
        Q_EMIT failed(message, false);
    });
    connect(m_server, &CallbackServer::failed, this, [this](const QString &message) {
        if (m_done)
            return;
        m_done = true;
        m_timeout.stop();
        Q_EMIT failed(message, false);
    });
    connect(m_server, &CallbackServer::cancelledByAnotherSignIn, this, [this] {
        if (m_done)
            return;
        m_done = true;
        m_timeout.stop();
        Q_EMIT failed(tr("Another sign-in took over the login port; this one was cancelled."), true);
    });
    m_server->start(m_endpoints.testCallbackPort());
}

void BrowserLogin::startWithoutCallback()
{
    const quint16 port = m_endpoints.testCallbackPort() ? m_endpoints.testCallbackPort() : quint16(1455);
    m_redirectUri = u"http://127.0.0.1:%1/auth/callback"_s.arg(port);
    m_url = buildAuthorizeUrl(m_endpoints, m_redirectUri, m_secrets, m_promptLogin);
    QTimer::singleShot(0, this, [this] { Q_EMIT urlReady(m_url); });
}

void BrowserLogin::exchange(const QString &code, LoginMethod method, std::function<void(const QString &)> finish)
{
    if (m_done || m_busy) {
        finish(tr("this sign-in has already finished"));
        return;
    }
    m_busy = true;
    QPointer<BrowserLogin> self(this);
    TokenClient(m_endpoints)
        .exchangeCode(code, m_secrets.verifier, m_redirectUri, this, [self, method, finish](Result<TokenResponse> r) {
            if (!self)
                return;
            self->m_busy = false;
            if (!r) {
                finish(r.error().message);
                return;
            }
            // The tokens must name a ChatGPT workspace, or the attempt fails without adding anything.
            Result<Account> probe = accountFromLogin(r.value());
            if (!probe) {
                finish(probe.error().message);
                return;
            }
            finish(QString());
            self->m_done = true;
            self->m_timeout.stop();
            Q_EMIT self->succeeded(LoginResult{r.value(), method});
        });
}

void BrowserLogin::waitForSuccessPage()
{
    if (!m_server || m_successPageDone || !m_server->isListening())
        return;
    QEventLoop loop;
    connect(m_server, &CallbackServer::successPageDone, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
}

Status BrowserLogin::submitPaste(const QString &text)
{
    if (m_done)
        return makeError(ErrorCode::Usage, tr("This sign-in has already finished."));
    Result<QPair<QString, QString>> parsed = parsePastedRedirect(text);
    if (!parsed)
        return parsed.error();
    if (parsed->second != m_secrets.state)
        return makeError(ErrorCode::Usage, tr("This URL belongs to a different sign-in attempt"));
    if (m_busy)
        return makeError(ErrorCode::Usage, tr("The sign-in is already being completed."));
    exchange(parsed->first, LoginMethod::Manual, [this](const QString &failure) {
        if (!failure.isEmpty() && !m_done) {
            m_done = true;
            m_timeout.stop();
            if (m_server)
                m_server->stop();
            Q_EMIT failed(tr("Token exchange failed: %1").arg(failure), false);
        }
    });
    return success();
}

void BrowserLogin::cancel()
{
    m_done = true;
    m_timeout.stop();
    if (m_server)
        m_server->stop();
    // Drop the attempt's secrets.
    m_secrets = PkceSecrets{};
}

DeviceLogin::DeviceLogin(Endpoints endpoints, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeviceLogin::poll);
}

void DeviceLogin::start()
{
    HttpRequest req;
    req.method = "POST";
    req.url = m_endpoints.deviceUserCodeUrl();
    req.headers = {{"Content-Type", "application/json"}};
    req.body = QJsonDocument(QJsonObject{{u"client_id"_s, QString::fromLatin1(Endpoints::kClientId)}})
                   .toJson(QJsonDocument::Compact);
    HttpClient::send(req, this, [this](const HttpResult &r) {
        if (r.status == 404) {
            m_done = true;
            Q_EMIT failed(tr("Device-code login is not enabled for this server. Use browser login."));
            return;
        }
        if (r.isNetworkFailure() || r.status < 200 || r.status >= 300) {
            m_done = true;
            Q_EMIT failed(r.isNetworkFailure() ? tr("could not reach the sign-in server: %1").arg(r.networkError)
                                               : tr("device sign-in failed with status %1").arg(r.status));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        m_deviceAuthId = o.value(u"device_auth_id"_s).toString();
        m_userCode = o.value(u"user_code"_s).toString(o.value(u"usercode"_s).toString());
        if (m_deviceAuthId.isEmpty() || m_userCode.isEmpty()) {
            m_done = true;
            Q_EMIT failed(tr("the sign-in server sent an incomplete device code"));
            return;
        }
        const QJsonValue interval = o.value(u"interval"_s);
        qint64 seconds = interval.isDouble() ? qint64(interval.toDouble()) : interval.toString().trimmed().toLongLong();
        if (seconds < 1)
            seconds = 5;
        m_intervalMs = std::min<qint64>(seconds, 60) * 1000;
        m_deadlineMs = Clock::instance().nowMs() + 900000;
        Q_EMIT codeReady(m_userCode, m_endpoints.devicePageUrl());
        scheduleNext(m_intervalMs);
    });
}

void DeviceLogin::scheduleNext(qint64 ms)
{
    if (m_done)
        return;
    if (Clock::instance().nowMs() + ms > m_deadlineMs) {
        m_done = true;
        Q_EMIT failed(tr("the device code expired after 15 minutes"));
        return;
    }
    m_timer.start(int(ms));
}

void DeviceLogin::poll()
{
    if (m_done)
        return;
    HttpRequest req;
    req.method = "POST";
    req.url = m_endpoints.deviceTokenUrl();
    req.headers = {{"Content-Type", "application/json"}};
    req.body = QJsonDocument(QJsonObject{{u"device_auth_id"_s, m_deviceAuthId}, {u"user_code"_s, m_userCode}})
                   .toJson(QJsonDocument::Compact);
    HttpClient::send(req, this, [this](const HttpResult &r) {
        if (m_done)
            return;
        if (r.status == 403 || r.status == 404) {
            scheduleNext(m_intervalMs);
            return;
        }
        if (r.isNetworkFailure() || r.status == 408 || r.status == 429 || r.status == 502 || r.status == 503 ||
            r.status == 504) {
            qint64 wait = m_intervalMs +
                          qint64((QRandomGenerator::global()->generateDouble() * 0.2 - 0.1) * double(m_intervalMs));
            const QByteArray retry = r.header("Retry-After").trimmed();
            bool ok = false;
            const qint64 seconds = retry.toLongLong(&ok);
            if (ok)
                wait = seconds * 1000;
            else if (!retry.isEmpty()) {
                const QDateTime when = QDateTime::fromString(QString::fromLatin1(retry), Qt::RFC2822Date);
                if (when.isValid())
                    wait = when.toMSecsSinceEpoch() - Clock::instance().nowMs();
            }
            scheduleNext(std::max<qint64>(wait, 1000));
            return;
        }
        if (r.status < 200 || r.status >= 300) {
            m_done = true;
            Q_EMIT failed(tr("device sign-in failed with status %1").arg(r.status));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        const QString code = o.value(u"authorization_code"_s).toString();
        const QString verifier = o.value(u"code_verifier"_s).toString();
        if (code.isEmpty() || verifier.isEmpty()) {
            m_done = true;
            Q_EMIT failed(tr("the sign-in server sent an incomplete approval"));
            return;
        }
        m_done = true;
        TokenClient(m_endpoints)
            .exchangeCode(code, verifier, m_endpoints.deviceRedirectUri(), this, [this](Result<TokenResponse> t) {
                if (!t) {
                    Q_EMIT failed(tr("Token exchange failed: %1").arg(t.error().message));
                    return;
                }
                Result<Account> probe = accountFromLogin(t.value());
                if (!probe) {
                    Q_EMIT failed(probe.error().message);
                    return;
                }
                Q_EMIT succeeded(LoginResult{t.value(), LoginMethod::Device});
            });
    });
}

void DeviceLogin::cancel()
{
    m_done = true;
    m_timer.stop();
}

} // namespace cma
