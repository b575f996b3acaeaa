#pragma once

#include "util/result.h"

#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace cma {

/// Tokens another process published for a refresh token we were about to use.
struct LeaseResult
{
    QString access;
    QString refresh;
    QString idToken;
    std::optional<qint64> expires;
};

/// The cross-process refresh lease of docs/runtime.md §3, the protocol the reference uses too, so a
/// refresh by either never presents the same refresh token twice.
///
///   acquire(h = sha256(refresh token))
///     h.result.json fresh (≤ resultTtl) ──▶ Follower: use the published tokens
///     create h.lock O_EXCL ──────────────▶ Owner: refresh, publish, release
///     h.lock exists: stale? delete, retry : poll every 150 ms up to 35 s ──▶ Failed (never bypass)
class RefreshLease
{
public:
    enum class Role
    {
        Owner,
        Follower
    };

    struct Settings
    {
        QString directory;
        qint64 ttlMs = 30000;
        qint64 resultTtlMs = 20000;
        qint64 pollMs = 150;
        qint64 waitMs = 35000;
        static Settings fromEnvironment(const QString &storageRoot, const QProcessEnvironment &env);
    };

    RefreshLease(RefreshLease &&other) noexcept;
    RefreshLease &operator=(RefreshLease &&) = delete;
    ~RefreshLease();

    /// Takes the lease for \a refreshToken, or returns the result another process published.
    static Result<RefreshLease> acquire(const Settings &settings, const QString &refreshToken);

    Role role() const { return m_role; }
    /// For a follower: the tokens the owner published.
    const std::optional<LeaseResult> &published() const { return m_result; }

    /// Owner: publishes a successful refresh (file mode only; keychain mode never writes tokens here).
    Status publish(const LeaseResult &result);
    /// Owner: deletes the lock if it is still ours (its nonce unchanged).
    void release();

    static QString keyFor(const QString &refreshToken);

private:
    RefreshLease() = default;

    Settings m_settings;
    QString m_key;
    QString m_nonce;
    Role m_role = Role::Owner;
    std::optional<LeaseResult> m_result;
    bool m_held = false;
};

} // namespace cma
