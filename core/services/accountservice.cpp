#include "accountservice.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "auth/loginflow.h"
#include "auth/tokenclient.h"
#include "quota/forecast.h"
#include "services/accountfacts.h"
#include "services/switchservice.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma {

AccountService::AccountService(AppContext &app)
    : m_app(app)
{}

Result<SavedLogin> AccountService::addFromSignIn(const TokenResponse &tokens, const SaveLoginOptions &options)
{
    Result<Account> account = accountFromLogin(tokens, options.org);
    if (!account)
        return account.error();
    if (!options.org.isEmpty())
        account->accountIdSource = options.orgSource;

    SavedLogin saved;
    saved.plan = TokenIdentity::fromTokens(tokens.idToken, tokens.accessToken).plan;
    bool activate = options.activate == SaveLoginOptions::Activate::Yes;
    Result<LoadedPool> stored = m_app.repository(true).update([&](AccountPool &pool) {
        if (options.activate == SaveLoginOptions::Activate::Auto) {
            const int current = pool.currentIndex();
            activate = current < 0 || !pool.accounts[current].isEnabled() || pool.accounts[current].authInvalidatedAt;
        }
        const auto r = upsertAccount(pool, account.value());
        saved.outcome = r.first;
        saved.index = r.second;
        if (pool.accounts.size() == 1) {
            pool.select(0);
            pool.accounts[0].lastSwitchReason = u"initial"_s;
        }
        return success();
    });
    if (!stored)
        return stored.error();
    saved.pool = stored->pool;
    if (activate) {
        saved.activationTried = true;
        SwitchOptions switchOptions;
        switchOptions.pin = false;
        switchOptions.reason = saved.pool.accounts.size() == 1 ? u"initial"_s : u"manual"_s;
        Result<SwitchResult> sw = SwitchService(m_app).switchTo(saved.pool.accounts[saved.index], switchOptions);
        if (!sw) {
            saved.activationWarning = sw.error().message;
        } else {
            saved.synced = sw->synced;
            saved.pool = sw->pool;
            saved.index = sw->index;
        }
    }
    return saved;
}

Result<UnpinOutcome> AccountService::unpin()
{
    UnpinOutcome outcome;
    Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &pool) {
        outcome.previous = pool.pinnedAccountIndex;
        if (outcome.previous) {
            pool.pinnedAccountIndex.reset();
            pool.affinityGeneration = pool.affinityGeneration.value_or(0) + 1;
        }
        return success();
    });
    if (!saved)
        return saved.error();
    return outcome;
}

Result<EnableOutcome> AccountService::setEnabled(const EnableRequest &request)
{
    EnableOutcome outcome;
    Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &pool) -> Status {
        outcome.indexes.clear();
        for (const Account &target : request.targets) {
            const int index = findMatchingAccount(pool.accounts, target, true);
            if (index < 0)
                return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
            Account &a = pool.accounts[index];
            if (request.enable) {
                a.enabled.reset();
                a.disabledReason.reset();
            } else {
                a.enabled = false;
                a.disabledReason = u"user"_s;
            }
            outcome.indexes.append(index);
        }
        return success();
    });
    if (!saved)
        return saved.error();
    outcome.pool = saved->pool;
    return outcome;
}

Result<RemoveOutcome> AccountService::remove(const RemoveRequest &request)
{
    AccountRepository &repo = m_app.repository(true);
    // Tokens to revoke are read before the records (and their keychain items) go.
    QList<TokenSet> toRevoke;
    if (request.revoke) {
        for (const Account &a : request.targets) {
            Result<TokenSet> t = repo.tokensOf(a);
            if (!t)
                return makeError(t.error().code,
                                 u"cannot revoke %1: %2"_s.arg(a.email.value_or(a.trackerKey()), t.error().message));
            toRevoke.append(t.value());
        }
    }

    const qint64 now = Clock::instance().nowMs();
    RemoveOutcome outcome;
    Result<LoadedPool> saved = repo.update([&](AccountPool &pool) -> Status {
        outcome = RemoveOutcome{};
        outcome.before = pool;
        const AccountPool &before = outcome.before;
        const int currentBefore = pool.currentIndex();
        const Account currentAccount = currentBefore >= 0 ? pool.accounts[currentBefore] : Account{};
        const std::optional<Account> pinned =
            pool.pinnedAccountIndex ? std::optional<Account>(pool.accounts[*pool.pinnedAccountIndex]) : std::nullopt;
        QList<int> drop;
        for (const Account &t : request.targets) {
            const int i = findMatchingAccount(pool.accounts, t, true);
            if (i < 0)
                return makeError(ErrorCode::NotFound,
                                 u"%1 was removed meanwhile"_s.arg(t.email.value_or(t.trackerKey())));
            drop.append(i);
        }
        std::sort(drop.begin(), drop.end(), std::greater<int>());
        for (int i : std::as_const(drop)) {
            outcome.removed.prepend(i);
            outcome.currentRemoved = outcome.currentRemoved || i == currentBefore;
            pool.accounts.removeAt(i);
        }
        // Selection and pin follow identity; a removed current account hands over to the best one left.
        pool.pinnedAccountIndex.reset();
        if (pinned) {
            const int p = findMatchingAccount(pool.accounts, *pinned, true);
            if (p >= 0)
                pool.pinnedAccountIndex = p;
        }
        QMap<QString, int> families;
        for (auto it = before.activeIndexByFamily.begin(); it != before.activeIndexByFamily.end(); ++it) {
            const int moved = it.value() < before.accounts.size()
                                  ? findMatchingAccount(pool.accounts, before.accounts[it.value()], true)
                                  : -1;
            families.insert(it.key(), std::max(0, moved));
        }
        pool.activeIndexByFamily = families;
        if (pool.accounts.isEmpty()) {
            pool.select(0);
            pool.activeIndexByFamily.clear();
        } else if (outcome.currentRemoved && request.switchToBest) {
            const QList<AccountForecast> f = Forecaster::evaluateAll(pool, m_app.quotaCache(), now);
            const Recommendation rec = Forecaster::recommend(f);
            const int next = rec.recommendedIndex.value_or(0);
            pool.select(next);
            pool.accounts[next].lastSwitchReason = u"best"_s;
            outcome.switchedTo = next;
        } else {
            const int keep = outcome.currentRemoved ? 0 : findMatchingAccount(pool.accounts, currentAccount, true);
            pool.activeIndex = std::max(0, keep);
            if (pool.activeIndexByFamily.contains(u"codex"_s))
                pool.activeIndexByFamily.insert(u"codex"_s, std::max(0, keep));
        }
        pool.affinityGeneration = pool.affinityGeneration.value_or(0) + 1;
        return success();
    });
    if (!saved)
        return saved.error();
    outcome.pool = saved->pool;
    for (const TokenSet &t : std::as_const(toRevoke)) {
        TokenClient client(m_app.endpoints());
        outcome.revoked = client.revokeBlocking(t.refreshToken) || outcome.revoked;
    }
    return outcome;
}

Result<RemoveAllOutcome> AccountService::removeAll()
{
    AccountRepository &repo = m_app.repository(true);
    Result<LoadedPool> current = repo.load();
    if (!current)
        return current.error();
    if (Status s = repo.clearAll(); !s)
        return s.error();
    return RemoveAllOutcome{int(current->pool.accounts.size())};
}

Result<PolicyOutcome> AccountService::changePolicy(const PolicyRequest &request)
{
    for (const PolicyChange &c : request.changes) {
        if ((c.kind == PolicyChange::Kind::AddTag || c.kind == PolicyChange::Kind::RemoveTag) &&
            !PolicyStore::normalizeTag(c.text))
            return makeError(ErrorCode::Usage, u"a tag needs letters or digits"_s);
        if (c.kind == PolicyChange::Kind::SetWeight && (c.weight < 0 || c.weight > 10))
            return makeError(ErrorCode::Usage, u"weight must be a whole number from 0 to 10"_s);
    }
    Result<AccountPolicy> policy = policyStoreOf(m_app).update(
        request.target,
        [&](AccountPolicy &p) -> Status {
            for (const PolicyChange &c : request.changes) {
                switch (c.kind) {
                case PolicyChange::Kind::AddTag:
                    p.tags.append(*PolicyStore::normalizeTag(c.text));
                    break;
                case PolicyChange::Kind::RemoveTag:
                    p.tags.removeAll(*PolicyStore::normalizeTag(c.text));
                    break;
                case PolicyChange::Kind::SetWeight:
                    p.weight = c.weight;
                    break;
                case PolicyChange::Kind::SetNote: {
                    const QString note = c.text.trimmed();
                    if (note.size() > 500)
                        return makeError(ErrorCode::Usage, u"a note has at most 500 characters"_s);
                    p.note = note.isEmpty() ? std::nullopt : std::optional<QString>(note);
                    break;
                }
                case PolicyChange::Kind::SetPaused:
                    p.paused = c.on;
                    break;
                case PolicyChange::Kind::SetDrained:
                    p.drained = c.on;
                    break;
                }
            }
            return success();
        },
        Clock::instance().nowMs());
    if (!policy)
        return policy.error();
    return PolicyOutcome{policy.value()};
}

QHash<QString, AccountPolicy> AccountService::policies() const
{
    return policyStoreOf(m_app).all();
}

Result<MoveOutcome> AccountService::move(const Account &target, int to)
{
    MoveOutcome outcome;
    Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &pool) -> Status {
        outcome.moved = false;
        const int from = findMatchingAccount(pool.accounts, target, true);
        if (from < 0)
            return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
        outcome.moved = moveAccount(pool, from, std::clamp(to, 0, int(pool.accounts.size()) - 1));
        return success();
    });
    if (!saved)
        return saved.error();
    outcome.pool = saved->pool;
    return outcome;
}

WorkspaceList AccountService::workspacesOf(const Account &a)
{
    WorkspaceList list;
    list.spaces = a.workspaces.value_or(QList<Workspace>{});
    if (list.spaces.isEmpty() && a.accountId)
        list.spaces.append(Workspace{*a.accountId, a.accountLabel, true, std::nullopt, true, {}});
    list.current = int(a.currentWorkspaceIndex.value_or(0));
    return list;
}

Result<WorkspaceOutcome> AccountService::selectWorkspace(const AccountPool &pool, int index, int number)
{
    const Account &a = pool.accounts[index];
    WorkspaceOutcome outcome;
    outcome.workspaces = workspacesOf(a);
    const QList<Workspace> &spaces = outcome.workspaces.spaces;
    if (number < 1 || number > spaces.size())
        return makeError(ErrorCode::Usage, u"workspace number must be 1 to %1"_s.arg(spaces.size()));
    const Workspace target = spaces[number - 1];
    if (!target.enabled)
        return makeError(ErrorCode::Auth, u"workspace %1 is disabled"_s.arg(number));
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &other = pool.accounts[i];
        if (i != index && other.accountIdKey() == target.id && other.emailKey() == a.emailKey())
            return makeError(ErrorCode::Auth, u"account %1 already holds that workspace for this login"_s.arg(i + 1));
    }
    Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &p) -> Status {
        const int i = findMatchingAccount(p.accounts, a, true);
        if (i < 0)
            return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
        p.accounts[i].workspaces = spaces;
        p.accounts[i].currentWorkspaceIndex = number - 1;
        p.accounts[i].accountId = target.id;
        p.accounts[i].accountIdSource = u"org"_s;
        return success();
    });
    if (!saved)
        return saved.error();
    outcome.changed = outcome.workspaces.current != number - 1;
    outcome.workspaces.current = number - 1;
    return outcome;
}

Result<RateLimitOutcome> AccountService::resetRateLimits(const RateLimitRequest &request)
{
    RateLimitOutcome outcome;
    auto apply = [&](AccountPool &p) {
        outcome.cleared = 0;
        for (const Account &t : request.targets) {
            const int i = findMatchingAccount(p.accounts, t, true);
            if (i >= 0 && (p.accounts[i].rateLimitResetTimes || p.accounts[i].coolingDownUntil)) {
                p.accounts[i].rateLimitResetTimes.reset();
                if (p.accounts[i].cooldownReason == u"rate-limit"_s) {
                    p.accounts[i].coolingDownUntil.reset();
                    p.accounts[i].cooldownReason.reset();
                }
                ++outcome.cleared;
            }
        }
        return success();
    };
    if (request.dryRun) {
        Result<LoadedPool> loaded = m_app.repository().load();
        if (!loaded)
            return loaded.error();
        AccountPool copy = loaded->pool;
        apply(copy);
    } else if (Result<LoadedPool> saved = m_app.repository(true).update(apply); !saved) {
        return saved.error();
    }
    return outcome;
}

Status AccountService::removeFlagged(const Account &flagged)
{
    PoolStore store(m_app.paths().flaggedPath(), PoolStore::Kind::Flagged);
    Result<LoadedPool> saved = store.update([&](AccountPool &pool) {
        const int i = findMatchingAccount(pool.accounts, flagged, true);
        if (i >= 0)
            pool.accounts.removeAt(i);
        return success();
    });
    if (!saved)
        return saved.error();
    return success();
}

} // namespace cma
