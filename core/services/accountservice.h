#pragma once

#include "accounts/account.h"
#include "accounts/policystore.h"
#include "accounts/poolstore.h"
#include "services/signin.h"
#include "util/result.h"

#include <optional>

namespace cma {

class AppContext;

/// The pin was cleared, or there was none.
struct UnpinOutcome
{
    std::optional<int> previous; ///< the pinned index before
};

/// Enable or disable accounts (by identity: each is found again under the pool lock).
struct EnableRequest
{
    QList<Account> targets;
    bool enable = true;
};
struct EnableOutcome
{
    AccountPool pool;
    QList<int> indexes; ///< where the targets are now, in request order
};

/// Remove accounts; a removed current account hands over to the best one left unless told not to.
struct RemoveRequest
{
    QList<Account> targets;
    bool revoke = false;      ///< also sign each login out at the issuer
    bool switchToBest = true; ///< `--no-switch` turns it off
};
struct RemoveOutcome
{
    AccountPool before;            ///< the pool under the lock, just before the removal
    QList<int> removed;            ///< indexes into `before`, ascending
    AccountPool pool;              ///< the pool as saved
    std::optional<int> switchedTo; ///< the pool's new current account, when one took over
    bool currentRemoved = false;
    bool revoked = false; ///< the issuer accepted at least one revocation
    /// The removed current account is still the one Codex holds (no switch was asked for).
    bool codexStillHoldsRemoved() const { return currentRemoved && !switchedTo && !pool.accounts.isEmpty(); }
};
struct RemoveAllOutcome
{
    int removed = 0;
};

/// One change to an account's policy (tags, weight, note, pause, drain).
struct PolicyChange
{
    enum class Kind
    {
        AddTag,
        RemoveTag,
        SetWeight,
        SetNote,
        SetPaused,
        SetDrained,
    };
    Kind kind = Kind::AddTag;
    QString text;   ///< the tag, or the note (empty clears it)
    int weight = 1; ///< 0 to 10
    bool on = false;

    static PolicyChange addTag(const QString &tag) { return {Kind::AddTag, tag}; }
    static PolicyChange removeTag(const QString &tag) { return {Kind::RemoveTag, tag}; }
    static PolicyChange setWeight(int weight) { return {Kind::SetWeight, {}, weight}; }
    static PolicyChange setNote(const QString &note) { return {Kind::SetNote, note}; }
    static PolicyChange setPaused(bool on) { return {Kind::SetPaused, {}, 1, on}; }
    static PolicyChange setDrained(bool on) { return {Kind::SetDrained, {}, 1, on}; }
};
struct PolicyRequest
{
    Account target;
    QList<PolicyChange> changes; ///< applied in order, in one locked write
};
struct PolicyOutcome
{
    AccountPolicy policy;
};

/// Manual order: the record moves; the current account and the pin follow it by identity.
struct MoveOutcome
{
    AccountPool pool;
    bool moved = false;
};

/// An account's workspaces as `workspace` lists them (a record without a list has its own one).
struct WorkspaceList
{
    QList<Workspace> spaces;
    int current = 0;
};
struct WorkspaceOutcome
{
    WorkspaceList workspaces;
    bool changed = false;
};

/// Clear stored rate limits (and rate-limit cooldowns).
struct RateLimitRequest
{
    QList<Account> targets;
    bool dryRun = false;
};
struct RateLimitOutcome
{
    int cleared = 0;
};

/// The account use cases: every change to the pool's records, selection and pin that is not a
/// switch, a refresh or a transfer. Each one re-finds its targets by identity under the pool lock,
/// so a change made meanwhile by another process is never undone.
class AccountService
{
public:
    explicit AccountService(AppContext &app);

    /// Upserts the account of a finished sign-in and activates it as \a options say.
    Result<SavedLogin> addFromSignIn(const TokenResponse &tokens, const SaveLoginOptions &options);

    Result<UnpinOutcome> unpin();
    Result<EnableOutcome> setEnabled(const EnableRequest &request);
    Result<RemoveOutcome> remove(const RemoveRequest &request);
    /// The intentional clear of the whole pool, keychain items included.
    Result<RemoveAllOutcome> removeAll();
    Result<PolicyOutcome> changePolicy(const PolicyRequest &request);
    QHash<QString, AccountPolicy> policies() const;
    Result<MoveOutcome> move(const Account &target, int to);

    static WorkspaceList workspacesOf(const Account &account);
    /// Makes workspace \a number (1-based) the account's current one.
    Result<WorkspaceOutcome> selectWorkspace(const AccountPool &pool, int index, int number);

    Result<RateLimitOutcome> resetRateLimits(const RateLimitRequest &request);

    /// Drops one record from the problem-account (flagged) file.
    Status removeFlagged(const Account &flagged);

private:
    AppContext &m_app;
};

} // namespace cma
