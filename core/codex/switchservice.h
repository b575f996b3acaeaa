#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <QProcessEnvironment>

namespace cma {

class AppContext;

struct SwitchOptions
{
    bool pin = true;
    bool clearPin = false; ///< `best` clears an existing pin instead of pinning
    QString reason = QStringLiteral("manual");
};

struct SwitchResult
{
    AccountPool pool;
    int index = -1;
    bool reEnabled = false;
    bool pinned = false;
    bool synced = false;
    bool refreshed = false;
    qint64 affinityGeneration = 0;
    /// Things the user should read: an imported foreign login, overriding environment variables,
    /// running Codex sessions keeping their account.
    QStringList notices;
};

/// Makes a pool account Codex's current account (docs/cli.md `switch`; docs/protocol.md §5, §8):
///  1. Codex's configuration must allow it (store mode, forced login method or workspace);
///  2. a ChatGPT login Codex holds that is not pooled is added first, so no login is ever lost;
///  3. the target's token is refreshed when due, and once whatever its expiry when its id_token is
///     missing or not a strict JWT (an account the reference wrote);
///  4. under auth.lock, newer tokens Codex wrote for the outgoing account are adopted, then the
///     live credentials are written (file, keyring item, or both, by the store mode);
///  5. the pool is saved: selection, lastUsed, lastSwitchReason, pin, affinityGeneration + 1.
/// With Codex sync off only step 5 runs.
class SwitchService
{
public:
    explicit SwitchService(AppContext &app);
    Result<SwitchResult> switchTo(const Account &target, const SwitchOptions &options = {});

    /// Adds the ChatGPT login Codex holds to the pool when it is not there; returns its index or -1.
    Result<int> importForeignLiveAccount(QStringList *notices);

private:
    AppContext &m_app;
};

/// Environment variables that make a switch invisible to Codex (docs/protocol.md §5.8).
QStringList overridingEnvironment(const QProcessEnvironment &env);

} // namespace cma
