#include "fakeopenaiserver.h"

#include "auth/jwt.h"
#include "net/httpserver.h"
#include "util/clock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace cma::test {

namespace {
const QString kClientId = u"app_EMoamEEZ73f0CkXaXp7hrann"_s;
const QString kScope = u"openid profile email offline_access api.connectors.read api.connectors.invoke"_s;
const QString kAuthClaim = u"https://api.openai.com/auth"_s;
const QString kProfileClaim = u"https://api.openai.com/profile"_s;

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpServerResponse jsonResponse(int status, const QJsonObject &o)
{
    return HttpServerResponse::json(status, compact(o));
}

HttpServerResponse oauthError(int status, const QString &error, const QString &description)
{
    return jsonResponse(status, {{u"error"_s, error}, {u"error_description"_s, description}});
}

HttpServerResponse openAiError(int status, const QString &code, const QString &message)
{
    return jsonResponse(status, {{u"error"_s, QJsonObject{{u"message"_s, message},
                                                          {u"type"_s, u"invalid_request_error"_s},
                                                          {u"param"_s, QJsonValue::Null},
                                                          {u"code"_s, code}}}});
}

QByteArray zstdDecompress(const QByteArray &input, bool *ok)
{
    *ok = false;
    QByteArray out;
    ZSTD_DStream *stream = ZSTD_createDStream();
    ZSTD_initDStream(stream);
    ZSTD_inBuffer in{input.constData(), size_t(input.size()), 0};
    QByteArray chunk(int(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    while (in.pos < in.size) {
        ZSTD_outBuffer o{chunk.data(), size_t(chunk.size()), 0};
        const size_t rc = ZSTD_decompressStream(stream, &o, &in);
        if (ZSTD_isError(rc)) {
            ZSTD_freeDStream(stream);
            return {};
        }
        out.append(chunk.constData(), qsizetype(o.pos));
        if (out.size() > 16 * 1024 * 1024)
            break;
    }
    ZSTD_freeDStream(stream);
    *ok = true;
    return out;
}

QJsonObject decodeBody(const HttpServerRequest &request, QJsonValue *loggable)
{
    QByteArray body = request.body;
    if (request.header("content-encoding").toLower() == "zstd") {
        bool ok = false;
        body = zstdDecompress(body, &ok);
    }
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        *loggable = doc.object();
        return doc.object();
    }
    if (request.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        QJsonObject form;
        const QUrlQuery q(QString::fromUtf8(body));
        for (const auto &item : q.queryItems(QUrl::FullyDecoded))
            form.insert(item.first, item.second);
        *loggable = form;
        return form;
    }
    *loggable = body.isEmpty() ? QJsonValue() : QJsonValue(QString::fromUtf8(body.left(4096)));
    return {};
}

QString bearerOf(const HttpServerRequest &request)
{
    const QByteArray auth = request.header("authorization");
    if (auth.toLower().startsWith("bearer "))
        return QString::fromUtf8(auth.mid(7).trimmed());
    return {};
}

QString htmlEscape(const QString &s)
{
    return s.toHtmlEscaped().replace(u'\'', u"&#39;"_s);
}
} // namespace

FakeOpenAiServer::FakeOpenAiServer(QObject *parent)
    : QObject(parent)
{}

FakeOpenAiServer::~FakeOpenAiServer() = default;

bool FakeOpenAiServer::listen(quint16 httpPort)
{
    m_http = std::make_unique<HttpServer>();
    m_http->setMaxConnections(512);
    m_http->setRequestTimeoutMs(60000);
    m_http->setHandler(
        [this](const HttpServerRequest &r, std::shared_ptr<HttpResponder> resp) { handle(r, std::move(resp), false); });
    return m_http->listen(QHostAddress::LocalHost, httpPort);
}

bool FakeOpenAiServer::listenTls(const QSslConfiguration &config, quint16 httpsPort)
{
    m_https = std::make_unique<HttpServer>();
    m_https->setMaxConnections(512);
    m_https->setRequestTimeoutMs(60000);
    m_https->setTlsConfiguration(config);
    m_https->setHandler(
        [this](const HttpServerRequest &r, std::shared_ptr<HttpResponder> resp) { handle(r, std::move(resp), true); });
    return m_https->listen(QHostAddress::LocalHost, httpsPort);
}

quint16 FakeOpenAiServer::httpPort() const
{
    return m_http ? m_http->port() : 0;
}
quint16 FakeOpenAiServer::httpsPort() const
{
    return m_https ? m_https->port() : 0;
}
QString FakeOpenAiServer::issuerUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(httpPort());
}
QString FakeOpenAiServer::backendUrl() const
{
    return issuerUrl() + u"/backend-api"_s;
}

qint64 FakeOpenAiServer::nowSeconds() const
{
    // The process clock: real time in the standalone server, a test's fake clock in-process.
    return Clock::instance().nowMs() / 1000 + m_clockOffset;
}

cma::Account FakeOpenAiServer::accountFromTokens(const QJsonObject &t)
{
    const TokenIdentity who = TokenIdentity::fromTokens(t[u"id_token"_s].toString(), t[u"access_token"_s].toString());
    cma::Account a;
    a.email = who.email;
    a.accountId = who.accountId;
    a.userId = who.userId;
    a.refreshToken = t[u"refresh_token"_s].toString();
    a.accessToken = t[u"access_token"_s].toString();
    a.idToken = t[u"id_token"_s].toString();
    a.expiresAt = who.accessExpiresAtMs;
    return a;
}

QByteArray FakeOpenAiServer::mintJwt(const QJsonObject &payload)
{
    return b64url(R"({"alg":"none","typ":"JWT"})") + '.' + b64url(compact(payload)) + ".c2ln";
}

void FakeOpenAiServer::reset()
{
    m_accounts.clear();
    m_accountOrder.clear();
    m_families.clear();
    m_rtToFamily.clear();
    m_accessTokens.clear();
    m_codes.clear();
    m_devices.clear();
    m_faults.clear();
    m_authorizeAs = {};
    m_refreshStats = {};
    m_log = {};
    m_deviceInterval = 5;
    m_deviceDisabled = false;
    m_deviceExpiry = 900;
    m_clockOffset = 0;
}

QString FakeOpenAiServer::addAccount(const QJsonObject &spec)
{
    Account a;
    a.email = spec.value(u"email"_s).toString();
    a.key = spec.value(u"key"_s).toString(a.email.section(u'@', 0, 0));
    if (a.key.isEmpty())
        a.key = u"account%1"_s.arg(m_accountOrder.size() + 1);
    a.userId = spec.value(u"user_id"_s).toString(u"user-"_s + a.key);
    a.accountId = spec.value(u"account_id"_s).toString(u"acc-"_s + a.key);
    a.plan = spec.value(u"plan"_s).toString(u"plus"_s);
    a.accessTtl = spec.value(u"access_ttl_s"_s).toInteger(3600);
    for (const QJsonValue &v : spec.value(u"access_ttl_sequence"_s).toArray())
        a.ttlSequence.append(v.toInteger());
    a.refreshTtl = spec.value(u"rt_ttl_s"_s).toInteger(0);
    a.usage = spec.value(u"usage"_s).toObject();
    a.organizations = spec.value(u"organizations"_s).toArray();
    if (!m_accounts.contains(a.key))
        m_accountOrder.append(a.key);
    m_accounts.insert(a.key, a);
    return a.key;
}

void FakeOpenAiServer::setAuthorizeAs(const QJsonObject &spec)
{
    m_authorizeAs = spec;
}

void FakeOpenAiServer::addFault(const QJsonObject &spec)
{
    if (spec.value(u"clear"_s).toBool()) {
        m_faults.clear();
        return;
    }
    Fault f;
    f.route = spec.value(u"route"_s).toString();
    f.status = spec.value(u"status"_s).toInt(500);
    const QJsonValue body = spec.value(u"body"_s);
    f.body = body.isObject() ? compact(body.toObject()) : body.toString().toUtf8();
    f.headers = spec.value(u"headers"_s).toObject();
    f.delayMs = spec.value(u"delayMs"_s).toInt(0);
    f.mode = spec.value(u"mode"_s).toString(u"respond"_s);
    f.remaining = spec.value(u"count"_s).toInt(-1);
    m_faults.append(f);
}

void FakeOpenAiServer::configure(const QJsonObject &c)
{
    if (c.contains(u"deviceInterval"_s))
        m_deviceInterval = c.value(u"deviceInterval"_s).toInt(5);
    if (c.contains(u"deviceDisabled"_s))
        m_deviceDisabled = c.value(u"deviceDisabled"_s).toBool();
    if (c.contains(u"deviceExpirySeconds"_s))
        m_deviceExpiry = c.value(u"deviceExpirySeconds"_s).toInteger(900);
    if (c.contains(u"replyText"_s))
        m_replyText = c.value(u"replyText"_s).toString();
    if (c.contains(u"clockOffsetSeconds"_s))
        m_clockOffset = c.value(u"clockOffsetSeconds"_s).toInteger(0);
}

bool FakeOpenAiServer::approveDevice(const QString &userCode)
{
    for (DeviceCode &d : m_devices) {
        if (d.userCode == userCode) {
            d.approved = true;
            if (d.account.isEmpty())
                d.account = m_authorizeAs.value(u"account"_s).toString(m_accountOrder.value(0));
            return true;
        }
    }
    return false;
}

QString FakeOpenAiServer::nextRefreshToken(const QString &accountKey)
{
    return u"rt_fake_%1_%2"_s.arg(accountKey).arg(++m_counter);
}

QString FakeOpenAiServer::newFamily(const QString &accountKey, const QString &refreshToken)
{
    const QString id = u"fam%1"_s.arg(++m_counter);
    Family f;
    f.account = accountKey;
    f.current = refreshToken.isEmpty() ? nextRefreshToken(accountKey) : refreshToken;
    const Account &a = m_accounts[accountKey];
    f.expiresAt = a.refreshTtl > 0 ? nowSeconds() + a.refreshTtl : 0;
    m_families.insert(id, f);
    m_rtToFamily.insert(f.current, id);
    return id;
}

bool FakeOpenAiServer::setRefreshToken(const QString &accountKey, const QString &refreshToken)
{
    if (!m_accounts.contains(accountKey) || refreshToken.isEmpty())
        return false;
    newFamily(accountKey, refreshToken);
    return true;
}

QJsonObject FakeOpenAiServer::issueTokens(const QString &accountKey, const QString &familyId, qint64 accessTtl)
{
    Account &a = m_accounts[accountKey];
    const qint64 now = nowSeconds();
    qint64 ttl = a.accessTtl;
    if (accessTtl != -1)
        ttl = accessTtl;
    else if (!a.ttlSequence.isEmpty())
        ttl = a.ttlSequence.takeFirst();
    QJsonObject auth{{u"chatgpt_account_id"_s, a.accountId},
                     {u"chatgpt_plan_type"_s, a.plan},
                     {u"chatgpt_user_id"_s, a.userId},
                     {u"user_id"_s, a.userId}};
    if (!a.organizations.isEmpty())
        auth.insert(u"organizations"_s, a.organizations); // workspace candidates (id, title, role, is_default)
    const QJsonObject idPayload{{u"iss"_s, u"https://auth.openai.com"_s},
                                {u"aud"_s, QJsonArray{kClientId}},
                                {u"sub"_s, QString(u"auth0|"_s + a.userId)},
                                {u"email"_s, a.email},
                                {u"email_verified"_s, true},
                                {u"iat"_s, now},
                                {u"exp"_s, now + 3600},
                                {kAuthClaim, auth}};
    const QJsonObject accessPayload{{u"iss"_s, u"https://auth.openai.com"_s},
                                    {u"aud"_s, QJsonArray{u"https://api.openai.com/v1"_s}},
                                    {u"client_id"_s, kClientId},
                                    {u"iat"_s, now},
                                    {u"exp"_s, now + ttl},
                                    {u"scp"_s, QJsonArray{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}},
                                    {kAuthClaim, auth},
                                    {kProfileClaim, QJsonObject{{u"email"_s, a.email}, {u"email_verified"_s, true}}},
                                    {u"n"_s, ++m_counter}};
    const QString access = QString::fromLatin1(mintJwt(accessPayload));
    m_accessTokens.insert(access, {accountKey, now + ttl});
    Family &family = m_families[familyId];
    return QJsonObject{{u"id_token"_s, QString::fromLatin1(mintJwt(idPayload))},
                       {u"access_token"_s, access},
                       {u"refresh_token"_s, family.current},
                       {u"token_type"_s, u"Bearer"_s},
                       {u"expires_in"_s, ttl},
                       {u"scope"_s, u"openid profile email offline_access"_s}};
}

QJsonObject FakeOpenAiServer::mint(const QString &accountKey, qint64 accessTtlSeconds)
{
    if (!m_accounts.contains(accountKey))
        return {};
    QJsonObject tokens = issueTokens(accountKey, newFamily(accountKey), accessTtlSeconds);
    tokens.insert(u"account_id"_s, m_accounts[accountKey].accountId);
    return tokens;
}

void FakeOpenAiServer::loadScenario(const QJsonObject &scenario)
{
    for (const QJsonValue &a : scenario.value(u"accounts"_s).toArray())
        addAccount(a.toObject());
    configure(scenario.value(u"config"_s).toObject());
    for (const QJsonValue &f : scenario.value(u"faults"_s).toArray())
        addFault(f.toObject());
    if (scenario.contains(u"authorizeAs"_s))
        setAuthorizeAs(scenario.value(u"authorizeAs"_s).toObject());
}

QJsonObject FakeOpenAiServer::refreshStats() const
{
    return m_refreshStats;
}

void FakeOpenAiServer::countRefresh(const QString &account, const QString &outcome)
{
    QJsonObject perAccount = m_refreshStats.value(account).toObject();
    perAccount.insert(outcome, perAccount.value(outcome).toInt() + 1);
    m_refreshStats.insert(account, perAccount);
}

void FakeOpenAiServer::handle(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder, bool tls)
{
    QJsonObject entry;
    entry.insert(u"method"_s, QString::fromLatin1(request.method));
    entry.insert(u"path"_s, request.path);
    entry.insert(u"query"_s, request.query.toString(QUrl::FullyDecoded));
    entry.insert(u"tls"_s, tls);
    entry.insert(u"time"_s, QDateTime::currentMSecsSinceEpoch());
    QJsonObject headers;
    for (const auto &h : request.headers)
        headers.insert(QString::fromLatin1(h.first), QString::fromUtf8(h.second));
    entry.insert(u"headers"_s, headers);
    QJsonValue loggable;
    decodeBody(request, &loggable);
    entry.insert(u"body"_s, loggable);

    const bool isControl = request.path.startsWith("/__fake/"_L1);
    if (!isControl) {
        for (qsizetype i = 0; i < m_faults.size(); ++i) {
            Fault &f = m_faults[i];
            if (f.route != request.path)
                continue;
            if (f.remaining == 0)
                continue;
            if (f.remaining > 0)
                --f.remaining;
            entry.insert(u"fault"_s, f.mode);
            const Fault fault = f;
            auto act = [this, fault, responder, request, tls, entry]() mutable {
                if (fault.mode == "reset"_L1) {
                    responder->reset();
                } else if (fault.mode == "drop"_L1) {
                    responder->drop();
                } else if (fault.mode == "blackhole"_L1) {
                    responder->hold();
                } else if (fault.mode == "malformed-json"_L1) {
                    responder->respond(HttpServerResponse::json(200, "{\"access_token\": \"trunc"));
                } else if (fault.mode == "no-access-token"_L1) {
                    responder->respond(HttpServerResponse::json(200, R"({"token_type":"Bearer","expires_in":3600})"));
                } else if (fault.mode == "delay"_L1) {
                    dispatch(request, responder, tls, entry);
                } else {
                    HttpServerResponse r;
                    r.status = fault.status;
                    r.body = fault.body;
                    const bool html = fault.body.trimmed().startsWith('<');
                    r.setHeader("Content-Type", html ? "text/html; charset=utf-8" : "application/json");
                    for (auto it = fault.headers.begin(); it != fault.headers.end(); ++it)
                        r.setHeader(it.key().toLatin1(), it.value().toVariant().toString().toUtf8());
                    responder->respond(r);
                }
            };
            if (fault.mode != "delay"_L1) {
                m_log.append(entry);
                Q_EMIT requestLogged(entry);
            }
            if (fault.delayMs > 0)
                QTimer::singleShot(fault.delayMs, this, act);
            else
                act();
            return;
        }
    }
    dispatch(request, responder, tls, entry);
}

void FakeOpenAiServer::dispatch(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder, bool tls,
                                QJsonObject &entry)
{
    QJsonValue ignored;
    const QJsonObject body = decodeBody(request, &ignored);
    const QString host = QString::fromUtf8(request.header("host"));
    const QString origin = (tls ? u"https://"_s : u"http://"_s) + (host.isEmpty() ? u"127.0.0.1"_s : host);
    const QString &path = request.path;
    HttpServerResponse response;

    if (path.startsWith("/__fake/"_L1)) {
        response = control(request, body);
    } else if (path == "/oauth/authorize"_L1 && request.method == "GET") {
        response = authorize(request, entry);
    } else if (path == "/oauth/token"_L1 && request.method == "POST") {
        response = token(request, body, origin, entry);
    } else if (path == "/oauth/revoke"_L1 && request.method == "POST") {
        response = revoke(body);
    } else if (path == "/api/accounts/deviceauth/usercode"_L1 && request.method == "POST") {
        response = deviceUserCode();
    } else if (path == "/api/accounts/deviceauth/token"_L1 && request.method == "POST") {
        response = deviceToken(body, origin);
    } else if (path == "/codex/device"_L1 && request.method == "GET") {
        response = devicePage();
    } else if ((path == "/backend-api/wham/usage"_L1 || path == "/api/codex/usage"_L1) && request.method == "GET") {
        response = usage(request, entry);
    } else if (path == "/backend-api/wham/accounts/check"_L1) {
        response = accountsCheck(request);
    } else if (path == "/backend-api/wham/config/bundle"_L1) {
        response = HttpServerResponse::json(200, "{}");
    } else if (path == "/backend-api/wham/rate-limit-reset-credits"_L1) {
        response = HttpServerResponse::json(200, R"({"credits":[],"available_count":0,"total_earned_count":0})");
    } else if (path == "/backend-api/codex/responses"_L1 && request.header("upgrade").toLower() == "websocket") {
        response = HttpServerResponse::json(426, R"({"detail":"no websocket"})");
    } else if (path == "/backend-api/codex/responses"_L1 && request.method == "POST") {
        response = responses(request, entry);
    } else {
        response = jsonResponse(404, {{u"detail"_s, u"not found"_s}, {u"path"_s, path}});
    }
    entry.insert(u"status"_s, response.status);
    if (!path.startsWith("/__fake/requests"_L1)) {
        m_log.append(entry);
        Q_EMIT requestLogged(entry);
    }
    responder->respond(response);
}

HttpServerResponse FakeOpenAiServer::control(const HttpServerRequest &request, const QJsonObject &body)
{
    const QString what = request.path.mid(8);
    if (what == "requests"_L1)
        return jsonResponse(200, {{u"requests"_s, m_log}});
    if (what == "stats"_L1)
        return jsonResponse(200, {{u"refreshes"_s, m_refreshStats}});
    if (request.method != "POST")
        return HttpServerResponse::text(405, "Method Not Allowed");
    if (what == "reset"_L1) {
        reset();
        return jsonResponse(200, {});
    }
    if (what == "accounts"_L1) {
        QJsonArray keys;
        const QJsonArray list = body.contains(u"accounts"_s) ? body.value(u"accounts"_s).toArray() : QJsonArray{body};
        for (const QJsonValue &a : list)
            keys.append(addAccount(a.toObject()));
        return jsonResponse(200, {{u"keys"_s, keys}});
    }
    if (what == "authorize-as"_L1) {
        setAuthorizeAs(body);
        return jsonResponse(200, {});
    }
    if (what == "device/approve"_L1) {
        QString code = body.value(u"user_code"_s).toString();
        if (code.isEmpty())
            code = request.query.queryItemValue(u"user_code"_s);
        return approveDevice(code) ? jsonResponse(200, {}) : jsonResponse(404, {{u"error"_s, u"unknown code"_s}});
    }
    if (what == "faults"_L1) {
        const QJsonArray list = body.contains(u"faults"_s) ? body.value(u"faults"_s).toArray() : QJsonArray{body};
        for (const QJsonValue &f : list)
            addFault(f.toObject());
        return jsonResponse(200, {{u"count"_s, m_faults.size()}});
    }
    if (what == "refresh-token"_L1) {
        const bool ok = setRefreshToken(body.value(u"account"_s).toString(), body.value(u"refresh_token"_s).toString());
        return ok ? jsonResponse(200, {}) : jsonResponse(404, {{u"error"_s, u"unknown account"_s}});
    }
    if (what == "mint"_L1) {
        const QJsonObject tokens =
            mint(body.value(u"account"_s).toString(), body.value(u"access_ttl_s"_s).toInteger(-1));
        return tokens.isEmpty() ? jsonResponse(404, {{u"error"_s, u"unknown account"_s}}) : jsonResponse(200, tokens);
    }
    if (what == "config"_L1) {
        configure(body);
        return jsonResponse(200, {});
    }
    return jsonResponse(404, {{u"error"_s, u"unknown control route"_s}});
}

HttpServerResponse FakeOpenAiServer::authorize(const HttpServerRequest &request, QJsonObject &entry)
{
    const QUrlQuery &q = request.query;
    const QString redirect = q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    const QString state = q.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    const QString challenge = q.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded);
    entry.insert(u"promptLogin"_s, q.queryItemValue(u"prompt"_s) == "login"_L1);
    const QUrl redirectUrl(redirect);
    const bool redirectOk = redirectUrl.scheme() == "http"_L1 && redirectUrl.host() == "127.0.0.1"_L1 &&
                            redirectUrl.path() == "/auth/callback"_L1 && redirectUrl.port() > 0 &&
                            redirectUrl.query().isEmpty();
    QString problem;
    if (q.queryItemValue(u"response_type"_s) != "code"_L1)
        problem = u"response_type must be code"_s;
    else if (q.queryItemValue(u"client_id"_s) != kClientId)
        problem = u"unknown client_id"_s;
    else if (q.queryItemValue(u"code_challenge_method"_s) != "S256"_L1)
        problem = u"code_challenge_method must be S256"_s;
    else if (state.isEmpty() || challenge.isEmpty())
        problem = u"state and code_challenge are required"_s;
    else if (q.queryItemValue(u"scope"_s, QUrl::FullyDecoded) != kScope)
        problem = u"unexpected scope"_s;
    else if (!redirectOk)
        problem = u"redirect_uri is not allowed"_s;
    if (!problem.isEmpty())
        return HttpServerResponse::text(400, problem.toUtf8());

    const QString mode = m_authorizeAs.value(u"mode"_s).toString();
    QUrl target(redirect);
    QUrlQuery back;
    if (mode == "error"_L1) {
        back.addQueryItem(u"error"_s, u"access_denied"_s);
        back.addQueryItem(u"error_description"_s,
                          m_authorizeAs.value(u"description"_s).toString(u"missing_codex_entitlement"_s));
        back.addQueryItem(u"state"_s, state);
        target.setQuery(back);
        return HttpServerResponse::redirect(target.toEncoded());
    }
    if (mode == "demo"_L1) {
        QString html =
            u"<!doctype html><meta charset=utf-8><title>Fake sign-in</title><h1>Choose an account</h1><ul>"_s;
        for (const QString &key : std::as_const(m_accountOrder)) {
            const QString code = u"code_%1_%2"_s.arg(key).arg(++m_counter);
            m_codes.insert(code, AuthCode{key, challenge, redirect, false});
            QUrl link(redirect);
            QUrlQuery lq;
            lq.addQueryItem(u"code"_s, code);
            lq.addQueryItem(u"scope"_s, kScope);
            lq.addQueryItem(u"state"_s, state);
            link.setQuery(lq);
            html += u"<li><a href=\"%1\">%2</a></li>"_s.arg(htmlEscape(QString::fromUtf8(link.toEncoded())),
                                                            htmlEscape(m_accounts[key].email));
        }
        HttpServerResponse r;
        r.setHeader("Content-Type", "text/html; charset=utf-8");
        r.body = (html + u"</ul>"_s).toUtf8();
        return r;
    }
    const QString account = m_authorizeAs.value(u"account"_s).toString(m_accountOrder.value(0));
    if (!m_accounts.contains(account))
        return HttpServerResponse::text(400, "no account configured for authorize");
    const QString code = u"code_%1_%2"_s.arg(account).arg(++m_counter);
    m_codes.insert(code, AuthCode{account, challenge, redirect, false});
    back.addQueryItem(u"code"_s, code);
    back.addQueryItem(u"scope"_s, kScope);
    back.addQueryItem(u"state"_s, state);
    target.setQuery(back);
    return HttpServerResponse::redirect(target.toEncoded());
}

HttpServerResponse FakeOpenAiServer::token(const HttpServerRequest &request, const QJsonObject &body,
                                           const QString &origin, QJsonObject &entry)
{
    Q_UNUSED(request);
    Q_UNUSED(origin);
    const QString grant = body.value(u"grant_type"_s).toString();
    if (grant == "authorization_code"_L1) {
        const QString code = body.value(u"code"_s).toString();
        auto it = m_codes.find(code);
        if (it == m_codes.end() || it->used)
            return oauthError(400, u"invalid_grant"_s, u"Invalid or used authorization code"_s);
        if (body.value(u"client_id"_s).toString() != kClientId)
            return oauthError(400, u"invalid_client"_s, u"Unknown client"_s);
        if (body.value(u"redirect_uri"_s).toString() != it->redirectUri)
            return oauthError(400, u"invalid_grant"_s, u"redirect_uri does not match"_s);
        const QByteArray verifier = body.value(u"code_verifier"_s).toString().toUtf8();
        const QString computed =
            QString::fromLatin1(b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
        if (verifier.isEmpty() || computed != it->challenge)
            return oauthError(400, u"invalid_grant"_s, u"PKCE verification failed"_s);
        it->used = true;
        entry.insert(u"account"_s, it->account);
        return jsonResponse(200, issueTokens(it->account, newFamily(it->account), -1));
    }
    if (grant == "refresh_token"_L1) {
        if (body.value(u"client_id"_s).toString() != kClientId)
            return oauthError(400, u"invalid_client"_s, u"client_id is required"_s);
        const QString rt = body.value(u"refresh_token"_s).toString();
        entry.insert(u"refreshReason"_s, body.value(u"refresh_reason"_s));
        const QString familyId = m_rtToFamily.value(rt);
        if (familyId.isEmpty()) {
            countRefresh(u"(unknown)"_s, u"unknown"_s);
            return oauthError(400, u"invalid_grant"_s, u"Invalid refresh token"_s);
        }
        Family &family = m_families[familyId];
        entry.insert(u"account"_s, family.account);
        if (family.revoked) {
            countRefresh(family.account, u"invalidated"_s);
            return openAiError(401, u"refresh_token_invalidated"_s, u"Your refresh token has been invalidated."_s);
        }
        if (family.used.contains(rt)) {
            family.revoked = true;
            countRefresh(family.account, u"reused"_s);
            entry.insert(u"outcome"_s, u"reused"_s);
            return openAiError(401, u"refresh_token_reused"_s, u"Your refresh token has already been used."_s);
        }
        if (family.expiresAt > 0 && nowSeconds() >= family.expiresAt) {
            countRefresh(family.account, u"expired"_s);
            return openAiError(401, u"refresh_token_expired"_s, u"Your refresh token has expired."_s);
        }
        family.used.insert(rt);
        family.current = nextRefreshToken(family.account);
        m_rtToFamily.insert(family.current, familyId);
        countRefresh(family.account, u"ok"_s);
        entry.insert(u"outcome"_s, u"ok"_s);
        return jsonResponse(200, issueTokens(family.account, familyId, -1));
    }
    if (grant == "urn:ietf:params:oauth:grant-type:token-exchange"_L1)
        return jsonResponse(200, {{u"access_token"_s, u"sk-fake-%1"_s.arg(++m_counter)}});
    return oauthError(400, u"unsupported_grant_type"_s, u"Unsupported grant type"_s);
}

HttpServerResponse FakeOpenAiServer::revoke(const QJsonObject &body)
{
    const QString familyId = m_rtToFamily.value(body.value(u"token"_s).toString());
    if (!familyId.isEmpty())
        m_families[familyId].revoked = true;
    return jsonResponse(200, {});
}

HttpServerResponse FakeOpenAiServer::deviceUserCode()
{
    if (m_deviceDisabled)
        return jsonResponse(404, {{u"error"_s, u"not found"_s}});
    DeviceCode d;
    d.deviceAuthId = u"dev_%1"_s.arg(++m_counter);
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString code;
    for (int i = 0; i < 8; ++i) {
        if (i == 4)
            code += u'-';
        code += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(24)]);
    }
    d.userCode = code;
    d.expiresAt = nowSeconds() + m_deviceExpiry;
    m_devices.append(d);
    return jsonResponse(200, {{u"device_auth_id"_s, d.deviceAuthId},
                              {u"user_code"_s, d.userCode},
                              {u"interval"_s, QString::number(m_deviceInterval)}});
}

HttpServerResponse FakeOpenAiServer::deviceToken(const QJsonObject &body, const QString &origin)
{
    const QString id = body.value(u"device_auth_id"_s).toString();
    const QString code = body.value(u"user_code"_s).toString();
    for (DeviceCode &d : m_devices) {
        if (d.deviceAuthId != id || d.userCode != code)
            continue;
        if (nowSeconds() >= d.expiresAt)
            return jsonResponse(410, {{u"error"_s, QJsonObject{{u"code"_s, u"deviceauth_expired"_s}}}});
        if (!d.approved)
            return jsonResponse(403, {{u"error"_s, QJsonObject{{u"code"_s, u"deviceauth_authorization_pending"_s}}}});
        QByteArray verifierBytes(64, Qt::Uninitialized);
        QRandomGenerator::system()->generate(verifierBytes.begin(), verifierBytes.end());
        const QString verifier = QString::fromLatin1(b64url(verifierBytes));
        const QString challenge =
            QString::fromLatin1(b64url(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)));
        const QString authCode = u"code_%1_%2"_s.arg(d.account).arg(++m_counter);
        m_codes.insert(authCode, AuthCode{d.account, challenge, origin + u"/deviceauth/callback"_s, false});
        d.approved = false;
        d.expiresAt = 0; // one exchange per approval
        return jsonResponse(
            200,
            {{u"authorization_code"_s, authCode}, {u"code_challenge"_s, challenge}, {u"code_verifier"_s, verifier}});
    }
    return jsonResponse(400, {{u"error"_s, u"unknown device code"_s}});
}

HttpServerResponse FakeOpenAiServer::devicePage() const
{
    QString html = u"<!doctype html><meta charset=utf-8><title>Device sign-in</title><h1>Pending codes</h1><ul>"_s;
    for (const DeviceCode &d : m_devices) {
        if (d.approved || d.expiresAt <= nowSeconds())
            continue;
        html +=
            u"<li>%1 <form method=post action=\"/__fake/device/approve?user_code=%1\"><button>Approve</button></form></li>"_s
                .arg(htmlEscape(d.userCode));
    }
    HttpServerResponse r;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.body = (html + u"</ul>"_s).toUtf8();
    return r;
}

const FakeOpenAiServer::Account *FakeOpenAiServer::accountForBearer(const HttpServerRequest &request) const
{
    const auto it = m_accessTokens.constFind(bearerOf(request));
    if (it == m_accessTokens.constEnd() || it->second <= nowSeconds())
        return nullptr;
    const auto acc = m_accounts.constFind(it->first);
    if (acc == m_accounts.constEnd())
        return nullptr;
    if (QString::fromUtf8(request.header("chatgpt-account-id")) != acc->accountId)
        return nullptr;
    return &*acc;
}

QJsonObject FakeOpenAiServer::usagePayload(const Account &a) const
{
    if (a.usage.contains(u"rate_limit"_s) || a.usage.contains(u"plan_type"_s)) {
        QJsonObject full = a.usage;
        if (!full.contains(u"plan_type"_s))
            full.insert(u"plan_type"_s, a.plan);
        return full;
    }
    const qint64 now = nowSeconds();
    auto window = [&](const QString &prefix, qint64 defaultSeconds, qint64 defaultResetAfter) -> QJsonValue {
        if (a.usage.value(prefix + u"_absent"_s).toBool())
            return QJsonValue::Null;
        const qint64 seconds = a.usage.value(prefix + u"_window_s"_s).toInteger(defaultSeconds);
        const qint64 resetAfter = a.usage.value(prefix + u"_reset_after_s"_s).toInteger(defaultResetAfter);
        return QJsonObject{{u"used_percent"_s, a.usage.value(prefix + u"_used"_s).toDouble(0)},
                           {u"limit_window_seconds"_s, seconds},
                           {u"reset_after_seconds"_s, resetAfter},
                           {u"reset_at"_s, now + resetAfter}};
    };
    const bool reached = a.usage.value(u"limit_reached"_s).toBool();
    QJsonObject payload{
        {u"plan_type"_s, a.plan},
        {u"rate_limit"_s, QJsonObject{{u"allowed"_s, !reached},
                                      {u"limit_reached"_s, reached},
                                      {u"primary_window"_s, window(u"primary"_s, 18000, 3600)},
                                      {u"secondary_window"_s, window(u"secondary"_s, 604800, 86400)}}},
        {u"credits"_s,
         a.usage.value(u"credits"_s).isObject()
             ? a.usage.value(u"credits"_s)
             : QJsonValue(QJsonObject{{u"has_credits"_s, false}, {u"unlimited"_s, false}, {u"balance"_s, u"0"_s}})},
    };
    if (reached)
        payload.insert(u"rate_limit_reached_type"_s, QJsonObject{{u"type"_s, u"rate_limit_reached"_s}});
    return payload;
}

QList<QPair<QByteArray, QByteArray>> FakeOpenAiServer::rateHeaders(const Account &a) const
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QJsonObject rl = usagePayload(a).value(u"rate_limit"_s).toObject();
    for (const char *name : {"primary", "secondary"}) {
        const QJsonObject w = rl.value(QString::fromLatin1(name) + u"_window"_s).toObject();
        if (w.isEmpty())
            continue;
        const QByteArray prefix = QByteArray("x-codex-") + name;
        headers.append({prefix + "-used-percent", QByteArray::number(w.value(u"used_percent"_s).toDouble())});
        headers.append({prefix + "-window-minutes",
                        QByteArray::number((w.value(u"limit_window_seconds"_s).toInteger() + 59) / 60)});
        headers.append({prefix + "-reset-at", QByteArray::number(w.value(u"reset_at"_s).toInteger())});
    }
    headers.append({"x-codex-plan-type", a.plan.toUtf8()});
    return headers;
}

HttpServerResponse FakeOpenAiServer::usage(const HttpServerRequest &request, QJsonObject &entry)
{
    const Account *a = accountForBearer(request);
    if (!a) {
        return jsonResponse(401,
                            {{u"error"_s, QJsonObject{{u"message"_s, u"Provided authentication token is expired."_s},
                                                      {u"code"_s, u"token_expired"_s}}}});
    }
    entry.insert(u"account"_s, a->key);
    return jsonResponse(200, usagePayload(*a));
}

HttpServerResponse FakeOpenAiServer::accountsCheck(const HttpServerRequest &request)
{
    const QString id = QString::fromUtf8(request.header("chatgpt-account-id"));
    const Account *a = accountForBearer(request);
    QString plan = a ? a->plan : QString();
    if (!a) {
        for (const Account &acc : std::as_const(m_accounts)) {
            if (acc.accountId == id)
                plan = acc.plan;
        }
    }
    if (plan.isEmpty())
        return jsonResponse(401, {{u"error"_s, QJsonObject{{u"code"_s, u"token_expired"_s}}}});
    return jsonResponse(200,
                        {{u"accounts"_s, QJsonArray{QJsonObject{{u"id"_s, id},
                                                                {u"workspace_backend_origin"_s, u"NO_CONSTRAINT"_s},
                                                                {u"account_routing_override"_s, u"NO_CONSTRAINT"_s},
                                                                {u"plan_type"_s, plan}}}},
                         {u"account_ordering"_s, QJsonArray{id}}});
}

HttpServerResponse FakeOpenAiServer::responses(const HttpServerRequest &request, QJsonObject &entry)
{
    const Account *a = accountForBearer(request);
    if (!a) {
        return jsonResponse(
            401, {{u"error"_s, QJsonObject{{u"message"_s, u"Unauthorized"_s}, {u"code"_s, u"token_expired"_s}}}});
    }
    entry.insert(u"account"_s, a->key);
    const QString id = u"resp_%1"_s.arg(++m_counter);
    const QString msgId = u"msg_%1"_s.arg(m_counter);
    const QJsonObject message{{u"type"_s, u"message"_s},
                              {u"id"_s, msgId},
                              {u"role"_s, u"assistant"_s},
                              {u"status"_s, u"completed"_s},
                              {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"output_text"_s},
                                                                    {u"text"_s, m_replyText},
                                                                    {u"annotations"_s, QJsonArray{}}}}}};
    QJsonObject inProgress = message;
    inProgress.insert(u"status"_s, u"in_progress"_s);
    inProgress.insert(u"content"_s, QJsonArray{});
    auto event = [](const QString &type, QJsonObject data) -> QByteArray {
        data.insert(u"type"_s, type);
        return "event: " + type.toUtf8() + "\ndata: " + compact(data) + "\n\n";
    };
    const QJsonObject usageObj{{u"input_tokens"_s, 10},
                               {u"input_tokens_details"_s, QJsonObject{{u"cached_tokens"_s, 0}}},
                               {u"output_tokens"_s, 5},
                               {u"output_tokens_details"_s, QJsonObject{{u"reasoning_tokens"_s, 0}}},
                               {u"total_tokens"_s, 15}};
    QByteArray sse;
    sse += event(u"response.created"_s, {{u"response"_s, QJsonObject{{u"id"_s, id}}}});
    sse += event(u"response.output_item.added"_s, {{u"output_index"_s, 0}, {u"item"_s, inProgress}});
    sse += event(u"response.output_text.delta"_s,
                 {{u"item_id"_s, msgId}, {u"output_index"_s, 0}, {u"content_index"_s, 0}, {u"delta"_s, m_replyText}});
    sse += event(u"response.output_item.done"_s, {{u"output_index"_s, 0}, {u"item"_s, message}});
    sse += event(u"response.completed"_s, {{u"response"_s, QJsonObject{{u"id"_s, id}, {u"usage"_s, usageObj}}}});
    HttpServerResponse r;
    r.setHeader("Content-Type", "text/event-stream");
    r.setHeader("Cache-Control", "no-cache");
    for (const auto &h : rateHeaders(*a))
        r.setHeader(h.first, h.second);
    r.body = sse;
    return r;
}

} // namespace cma::test
