#pragma once

#include "accounts/account.h"
#include "auth/tokenclient.h"
#include "codex/codexlivestore.h"

#include <optional>

namespace cma {

class AppContext;

/// Which refreshes a caller asks for.
enum class RefreshMode
{
    IfDue,            ///< only a token inside the lead time (guardian, switch, refresh --if-needed)
    Force,            ///< regardless of expiry (refresh, "Refresh token", id_token repair)
    RetryInvalidated, ///< also an account marked token-invalid (only `check`, once per run)
};

struct RefreshRequest
{
    Account identity; ///< the record as last seen; found again by identity
    RefreshMode mode = RefreshMode::IfDue;
    QString reason = QStringLiteral("proactive_expiry");
    qint64 leadMs = 900000;
};

struct RefreshReport
{
    enum class Outcome
    {
        Refreshed,
        NotNeeded,
        Failed
    };
    Outcome outcome = Outcome::Failed;
    int index = -1;
    Account account; ///< the record after the operation
    QString message;
    ErrorCode errorCode = ErrorCode::Network;
    bool permanent = false;
    /// True when newer tokens came from elsewhere (the lease, Codex, another process) and no
    /// request was sent.
    bool adopted = false;
    bool liveUpdated = false;
    std::optional<qint64> retryAfterSeconds;
    std::optional<RefreshFailure> failure;
};

/// One refresh (docs/runtime.md §2.1, §2.4, §3; docs/protocol.md §3.3):
///   1. lease on SHA-256(refresh token): a follower adopts the published tokens;
///   2. re-read the record: a rotated token means someone refreshed — adopt, no request;
///   3. Codex's live account: under auth.lock adopt a newer set from Codex (stop if it is fresh);
///   4. POST the refresh (no lock held);
///   5. commit under the pool lock (keychain item first), durable before any use;
///   6. publish the result (file mode), rewrite Codex's live credentials if it is the live account.
/// A permanent failure marks `authInvalidatedAt` (after one last adoption attempt); a transient
/// one changes nothing on disk. Lock order: lease → auth.lock → pool lock; none across the network.
class RefreshService
{
public:
    explicit RefreshService(AppContext &app);

    RefreshReport refresh(const RefreshRequest &request);

    /// Due by docs/protocol.md §3.3: access expiry within \a leadMs, or, with no expiry known,
    /// 8 days since lastRefresh (or no lastRefresh at all).
    static bool isDue(const Account &account, const QString &accessToken, qint64 nowMs, qint64 leadMs);
    static std::optional<qint64> accessExpiry(const Account &account, const QString &accessToken);

    /// docs/protocol.md §5.5 for one record: does Codex's live set belong to it, and is it newer?
    static bool liveBelongsTo(const CodexAuth &live, const Account &account);

private:
    RefreshReport refreshOnce(const RefreshRequest &request, int depth);
    Status commit(const Account &identity, const TokenResponse &tokens, qint64 nowMs, Account *after, int *index);
    Status adoptLive(const Account &identity, const CodexAuth &live, Account *after);
    void updateLive(const Account &account);
    Status markInvalid(const Account &identity, const QString &code, qint64 nowMs);

    AppContext &m_app;
};

} // namespace cma
