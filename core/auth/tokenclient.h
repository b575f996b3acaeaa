#pragma once

#include "net/endpoints.h"
#include "net/httpclient.h"
#include "quota/forecast.h"
#include "util/result.h"

#include <functional>
#include <optional>

namespace cma {

/// Tokens from the token endpoint (an exchange or a refresh).
struct TokenResponse
{
    QString idToken;
    QString accessToken;
    QString refreshToken;
    std::optional<qint64> expiresIn;
    qint64 receivedAtMs = 0;
};

/// The outcome of one refresh: tokens, or a failure classified by docs/protocol.md §3.4.
struct RefreshOutcome
{
    std::optional<TokenResponse> tokens;
    RefreshFailure failure;
    bool permanent = false;
    /// Seconds from a Retry-After header, when the server sent one.
    std::optional<qint64> retryAfterSeconds;
    /// The user-facing message (official wording for the permanent kinds).
    QString message;

    bool ok() const { return tokens.has_value(); }
};

/// The issuer's token routes: the authorization-code exchange (form), the refresh (JSON, exactly
/// the official body), and revoke. Request bodies are never logged.
class TokenClient
{
public:
    explicit TokenClient(Endpoints endpoints);

    using ExchangeCallback = std::function<void(Result<TokenResponse>)>;
    using RefreshCallback = std::function<void(RefreshOutcome)>;

    /// POST {issuer}/oauth/token, grant authorization_code (docs/protocol.md §1.4). All three tokens are
    /// required ("token response missing fields").
    void exchangeCode(const QString &code, const QString &verifier, const QString &redirectUri, QObject *context,
                      ExchangeCallback done);
    Result<TokenResponse> exchangeCodeBlocking(const QString &code, const QString &verifier,
                                               const QString &redirectUri);

    /// POST {issuer}/oauth/token with the JSON body of docs/protocol.md §3.2.
    void refresh(const QString &refreshToken, const QString &reason, QObject *context, RefreshCallback done);
    RefreshOutcome refreshBlocking(const QString &refreshToken, const QString &reason);

    /// POST {issuer}/oauth/revoke; only on the user's explicit request. True on a 2xx.
    bool revokeBlocking(const QString &refreshToken);

    /// The detail of a failed token response (docs/protocol.md §1.4).
    static QString failureDetail(const HttpResult &result);
    /// The error code in a JSON error body (error.code, error as string, or top-level code).
    static QString errorCode(const QByteArray &body);
    static RefreshOutcome classifyRefresh(const HttpResult &result, qint64 nowMs);
    static Result<TokenResponse> parseTokens(const HttpResult &result, bool requireAll, qint64 nowMs);

private:
    Endpoints m_endpoints;
};

} // namespace cma
