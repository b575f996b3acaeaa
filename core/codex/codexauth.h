#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <optional>

namespace cma {

class AccountRepository;
struct TokenSet;

/// The credentials in Codex's `auth.json` (or its keyring item), as the official CLI reads them
/// (docs/protocol.md §5.2).
struct CodexAuth
{
    QString authMode;
    QString idToken;
    QString accessToken;
    QString refreshToken;
    QString accountId;
    std::optional<qint64> lastRefreshMs;
    bool hasApiKey = false;

    bool isChatGpt() const
    {
        return !refreshToken.isEmpty() && (authMode.isEmpty() || authMode == QStringLiteral("chatgpt"));
    }

    /// Parses the JSON of `auth.json`; an error names what is missing or wrong.
    static Result<CodexAuth> parse(const QByteArray &json);
    static Result<CodexAuth> readFile(const QString &path);

    /// The pool index of the account these credentials belong to (docs/protocol.md §5.5: same
    /// account id, and the id_token's user id or email matches), or -1.
    int findInPool(const AccountPool &pool) const;
    /// docs/protocol.md §5.5: these credentials replace \a pooled's: a later `last_refresh` and other
    /// tokens than \a pooledTokens (when they could be read).
    bool supersedes(const Account &pooled, const TokenSet *pooledTokens) const;

    /// RFC 3339 `last_refresh` (0, 3, 6 or 9 fractional digits, `Z` or `+00:00`) to epoch ms.
    static std::optional<qint64> parseTimestamp(const QString &text);
};

/// Adoption (docs/protocol.md §5.5): stores \a live's tokens (with their expiry and `last_refresh`)
/// into the pool record of \a identity and clears any invalidation. Returns the updated record;
/// NotFound when the record is no longer in the pool.
Result<Account> adoptLiveTokens(AccountRepository &repo, const Account &identity, const CodexAuth &live);

} // namespace cma
