#include "tokenclient.h"

#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/logging.h"
#include "util/redact.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
QByteArray formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &f : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return out;
}

std::optional<qint64> retryAfter(const HttpResult &r, qint64 nowMs)
{
    const QByteArray v = r.header("Retry-After").trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return std::max<qint64>(seconds, 1);
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (date.isValid())
        return std::max<qint64>((date.toMSecsSinceEpoch() - nowMs) / 1000, 1);
    return std::nullopt;
}
} // namespace

TokenClient::TokenClient(Endpoints endpoints)
    : m_endpoints(std::move(endpoints))
{}

QString TokenClient::errorCode(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue error = o.value(u"error"_s);
    if (error.isObject())
        return error.toObject().value(u"code"_s).toString();
    if (error.isString())
        return error.toString();
    return o.value(u"code"_s).toString();
}

QString TokenClient::failureDetail(const HttpResult &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    QString detail;
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue error = o.value(u"error"_s);
        if (o.value(u"error_description"_s).isString() &&
            !o.value(u"error_description"_s).toString().trimmed().isEmpty())
            detail = o.value(u"error_description"_s).toString();
        else if (error.isObject() && error.toObject().value(u"message"_s).isString())
            detail = error.toObject().value(u"message"_s).toString();
        else if (error.isString())
            detail = error.toString();
        else if (error.isObject())
            detail = error.toObject().value(u"code"_s).toString();
    } else {
        detail = QString::fromUtf8(r.body).trimmed().left(500);
    }
    detail = redactSecrets(detail.trimmed());
    return detail.isEmpty() ? u"unknown error"_s : detail;
}

Result<TokenResponse> TokenClient::parseTokens(const HttpResult &r, bool requireAll, qint64 nowMs)
{
    if (r.isNetworkFailure())
        return makeError(ErrorCode::Network, r.timedOut
                                                 ? u"the token endpoint did not answer within 30 s"_s
                                                 : u"could not reach the token endpoint: %1"_s.arg(r.networkError));
    if (r.status < 200 || r.status >= 300)
        return makeError(ErrorCode::Auth,
                         u"token endpoint returned status %1: %2"_s.arg(r.status).arg(failureDetail(r)));
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    if (!doc.isObject())
        return makeError(ErrorCode::Auth, u"the token endpoint answered with something other than JSON"_s);
    const QJsonObject o = doc.object();
    TokenResponse t;
    t.idToken = o.value(u"id_token"_s).toString();
    t.accessToken = o.value(u"access_token"_s).toString();
    t.refreshToken = o.value(u"refresh_token"_s).toString();
    if (o.value(u"expires_in"_s).isDouble() && o.value(u"expires_in"_s).toDouble() > 0)
        t.expiresIn = qint64(o.value(u"expires_in"_s).toDouble());
    t.receivedAtMs = nowMs;
    if (t.accessToken.isEmpty() || (requireAll && (t.idToken.isEmpty() || t.refreshToken.isEmpty())))
        return makeError(ErrorCode::Auth, u"token response missing fields"_s);
    return t;
}

void TokenClient::exchangeCode(const QString &code, const QString &verifier, const QString &redirectUri,
                               QObject *context, ExchangeCallback done)
{
    HttpRequest req;
    req.method = "POST";
    req.url = m_endpoints.tokenUrl();
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    req.body = formEncode({{u"grant_type"_s, u"authorization_code"_s},
                           {u"client_id"_s, QString::fromLatin1(Endpoints::kClientId)},
                           {u"code"_s, code},
                           {u"redirect_uri"_s, redirectUri},
                           {u"code_verifier"_s, verifier}});
    HttpClient::send(req, context,
                     [done](const HttpResult &r) { done(parseTokens(r, true, Clock::instance().nowMs())); });
}

Result<TokenResponse> TokenClient::exchangeCodeBlocking(const QString &code, const QString &verifier,
                                                        const QString &redirectUri)
{
    QEventLoop loop;
    std::optional<Result<TokenResponse>> out;
    exchangeCode(code, verifier, redirectUri, &loop, [&](Result<TokenResponse> r) {
        out = std::move(r);
        loop.quit();
    });
    loop.exec();
    return *out;
}

RefreshOutcome TokenClient::classifyRefresh(const HttpResult &r, qint64 nowMs)
{
    RefreshOutcome out;
    if (r.isNetworkFailure()) {
        out.failure.reason = r.timedOut ? u"timeout"_s : u"network_error"_s;
        out.message =
            r.timedOut ? u"the token endpoint did not answer in time"_s : u"could not reach the token endpoint"_s;
        return out;
    }
    if (r.status >= 200 && r.status < 300) {
        Result<TokenResponse> t = parseTokens(r, false, nowMs);
        if (t) {
            out.tokens = t.value();
            return out;
        }
        out.failure.reason = u"invalid_response"_s;
        out.failure.statusCode = r.status;
        out.message = u"the token endpoint gave an invalid response"_s;
        return out;
    }
    out.failure.reason = u"http_error"_s;
    out.failure.statusCode = r.status;
    out.failure.errorCode = errorCode(r.body);
    out.failure.message = QString::fromUtf8(r.body.left(2000));
    out.permanent = out.failure.isHard();
    out.retryAfterSeconds = retryAfter(r, nowMs);
    const QString code = out.failure.errorCode.toLower();
    const QString base = u"Your access token could not be refreshed"_s;
    if (code == "refresh_token_expired"_L1)
        out.message = base + u" because your refresh token has expired. Sign in to this account again."_s;
    else if (code == "refresh_token_reused"_L1)
        out.message = base + u" because your refresh token was already used. Sign in to this account again."_s;
    else if (code == "refresh_token_invalidated"_L1 || code == "token_revoked"_L1)
        out.message = base + u" because your refresh token was revoked. Sign in to this account again."_s;
    else if (out.permanent)
        out.message = base + u". Sign in to this account again."_s;
    else
        out.message = u"refresh failed: %1 (%2)"_s.arg(failureDetail(r)).arg(r.status);
    return out;
}

void TokenClient::refresh(const QString &refreshToken, const QString &reason, QObject *context, RefreshCallback done)
{
    HttpRequest req;
    req.method = "POST";
    req.url = m_endpoints.tokenUrl();
    req.headers = {{"Content-Type", "application/json"},
                   {"originator", Endpoints::kOriginator},
                   {"User-Agent", Endpoints::userAgent()}};
    // Keys in the official order; QJsonDocument would sort them.
    req.body = toJsonCompact(QJsonObject{{u"client_id"_s, QString::fromLatin1(Endpoints::kClientId)},
                                         {u"grant_type"_s, u"refresh_token"_s},
                                         {u"refresh_reason"_s, reason},
                                         {u"refresh_token"_s, refreshToken}},
                             {u"client_id"_s, u"grant_type"_s, u"refresh_reason"_s, u"refresh_token"_s});
    HttpClient::send(req, context,
                     [done](const HttpResult &r) { done(classifyRefresh(r, Clock::instance().nowMs())); });
}

RefreshOutcome TokenClient::refreshBlocking(const QString &refreshToken, const QString &reason)
{
    QEventLoop loop;
    RefreshOutcome out;
    refresh(refreshToken, reason, &loop, [&](RefreshOutcome r) {
        out = std::move(r);
        loop.quit();
    });
    loop.exec();
    return out;
}

bool TokenClient::revokeBlocking(const QString &refreshToken)
{
    HttpRequest req;
    req.method = "POST";
    req.url = m_endpoints.revokeUrl();
    req.headers = {{"Content-Type", "application/json"}};
    req.body = QJsonDocument(QJsonObject{{u"token"_s, refreshToken},
                                         {u"token_type_hint"_s, u"refresh_token"_s},
                                         {u"client_id"_s, QString::fromLatin1(Endpoints::kClientId)}})
                   .toJson(QJsonDocument::Compact);
    const HttpResult r = HttpClient::sendBlocking(req);
    qCInfo(lcAuth) << "revoke answered" << r.status;
    return r.status >= 200 && r.status < 300;
}

} // namespace cma
