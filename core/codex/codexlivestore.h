#pragma once

#include "codex/codexauth.h"
#include "codex/codexconfig.h"
#include "util/result.h"

#include <functional>
#include <optional>

namespace cma {

/// What we put into Codex's live credentials (docs/protocol.md §5.3).
struct LiveCredentials
{
    QString idToken;
    QString accessToken;
    QString refreshToken;
    QString accountId;
    qint64 lastRefreshMs = 0;
};

/// Codex's live credentials: `$CODEX_HOME/auth.json` and, in keyring/auto mode, its keyring item.
///
/// Writes follow the official CLI's protocol (docs/protocol.md §5.4): `auth.lock` (flock, polled every
/// 50 ms for 10 s) → read the live credentials and let the caller adopt newer tokens →
/// `auth.json.lock` (2 s) → `.auth-XXXXXX` (O_EXCL, 0600) → write, fsync → rename(2), directory
/// fsync → read back and verify → keyring item. Lock order with ours: lease → auth.lock → pool lock.
class CodexLiveStore
{
public:
    CodexLiveStore(QString codexHome, bool codexHomeExplicit);

    QString codexHome() const { return m_home; }
    QString authPath() const { return m_home + QStringLiteral("/auth.json"); }
    QString configPath() const { return m_home + QStringLiteral("/config.toml"); }

    /// A set but missing CODEX_HOME is an error (the official CLI refuses it too).
    Status checkHome() const;
    Result<CodexConfig> config() const;

    /// The live credentials by the mode's rule: the keyring item first in keyring/auto mode (when
    /// present), else auth.json. Nullopt when Codex holds none.
    Result<std::optional<CodexAuth>> readLive(const CodexConfig &config) const;

    /// Called under auth.lock with what Codex holds now, before we write (adoption, docs/protocol.md
    /// §5.5). An error aborts the write.
    using Adopt = std::function<Status(const std::optional<CodexAuth> &live)>;

    /// Writes \a credentials as Codex's live account in the mode \a config says.
    Status writeLive(const LiveCredentials &credentials, const CodexConfig &config, const Adopt &adopt = {});
    /// Runs \a action under auth.lock (for adoption without a write).
    Status withAuthLock(const std::function<Status()> &action);
    /// Removes the live credentials without revoking anything (the `codex logout` guard).
    Status clearLive(const CodexConfig &config);

    /// The exact bytes of auth.json (keys in order, 2-space JSON, no trailing newline).
    static QByteArray authJson(const LiveCredentials &credentials, bool pretty = true);
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds).
    static QString formatTimestamp(qint64 epochMs);

private:
    Status ensureHome() const;

    QString m_home;
    bool m_explicit;
};

} // namespace cma
