#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <QProcessEnvironment>
#include <optional>

namespace cma {

class AppContext;
struct Evaluation;

struct SwitchOptions
{
    bool pin = true;
    bool clearPin = false; ///< `best` clears an existing pin instead of pinning
    QString reason = QStringLiteral("manual");
};

/// Something about a switch the user should read; each face words it in its own language.
struct SwitchNotice
{
    enum class Kind
    {
        /// Codex held a ChatGPT login that was not pooled; it was added (subject: email or id,
        /// index: where it went).
        ForeignLoginAdded,
        /// Codex profiles set their own credential store (subject: the profiles, comma-separated).
        ProfilesSetOwnStore,
        /// The token could not be refreshed but is still valid, so the switch went ahead
        /// (subject: why the refresh failed).
        RefreshFailedStillValid,
        /// An environment variable makes a Codex started with it ignore the switch (subject: its name).
        EnvironmentOverrides,
    };
    Kind kind = Kind::ForeignLoginAdded;
    QString subject;
    int index = -1;
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
    QList<SwitchNotice> notices;
};

/// `best`: the recommendation of an evaluation, and the switch to it unless it is a dry run.
struct BestOutcome
{
    std::optional<int> index; ///< empty: no account can be recommended (the evaluation says why)
    AccountPool pool;         ///< after the switch (the evaluated pool in a dry run)
    bool already = false;     ///< the recommended account was already the current one
    bool switched = false;
    bool synced = false;
    bool pinCleared = false;
    bool wasDisabled = false;
    QList<SwitchNotice> notices;
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
    /// Switches to the account \a evaluation recommends, clearing any pin (unless \a dryRun).
    Result<BestOutcome> switchToBest(const Evaluation &evaluation, bool dryRun = false);

    /// Adds the ChatGPT login Codex holds to the pool when it is not there; returns its index or -1.
    Result<int> importForeignLiveAccount(QList<SwitchNotice> *notices = nullptr);

private:
    AppContext &m_app;
};

/// Environment variables that make a switch invisible to Codex (docs/protocol.md §5.8).
QStringList overridingEnvironment(const QProcessEnvironment &env);

} // namespace cma
