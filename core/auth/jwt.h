#pragma once

#include "util/result.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace cma {

/// Reading JWT claims (docs/protocol.md §4). Decode only, never verify: this product is not a relying
/// party.
namespace jwt {

inline constexpr const char *kAuthClaim = "https://api.openai.com/auth";
inline constexpr const char *kProfileClaim = "https://api.openai.com/profile";

/// Lenient read: three non-empty segments, the payload base64url (padding tolerated) decoding to
/// a JSON object.
std::optional<QJsonObject> decodePayload(const QString &token);

/// The official CLI's rule for `tokens.id_token`: three non-empty segments and a payload that is
/// unpadded base64url (no `=`, `+`, `/`) decoding to a JSON object.
bool isStrictJwt(const QString &token);

/// NumericDate claim (floats floored) in seconds, or nullopt.
std::optional<qint64> numericClaim(const QJsonObject &payload, const QString &name);

} // namespace jwt

/// What the tokens of one sign-in say about the account (docs/protocol.md §4.2).
struct TokenIdentity
{
    QString email;
    QString accountId;
    QString plan;
    QString userId;
    /// Access-token `exp` in epoch milliseconds, when present.
    std::optional<qint64> accessExpiresAtMs;

    /// Claims from the id_token with the access token as fallback, by the table of §4.2.
    static TokenIdentity fromTokens(const QString &idToken, const QString &accessToken);
};

/// Display name of a plan (`plus` → `Plus`); unknown strings as received.
QString planDisplayName(const QString &plan);

} // namespace cma
