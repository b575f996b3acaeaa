#include "switchservice.h"

#include "services/quotaservice.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexlivestore.h"
#include "refresh/refreshservice.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redact.h"

using namespace Qt::StringLiterals;

namespace cma {

QStringList overridingEnvironment(const QProcessEnvironment &env)
{
    QStringList set;
    for (const char *name : {"CODEX_API_KEY", "CODEX_ACCESS_TOKEN", "OPENAI_API_KEY"}) {
        if (!env.value(QString::fromLatin1(name)).isEmpty())
            set.append(QString::fromLatin1(name));
    }
    return set;
}

SwitchService::SwitchService(AppContext &app)
    : m_app(app)
{}

Result<int> SwitchService::importForeignLiveAccount(QList<SwitchNotice> *notices)
{
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return config.error();
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current || !current.value() || !(*current)->isChatGpt() || !jwt::isStrictJwt((*current)->idToken))
        return -1;
    const CodexAuth &l = **current;
    Result<LoadedPool> loaded = m_app.repository().load();
    if (!loaded)
        return loaded.error();
    if (l.findInPool(loaded->pool) >= 0)
        return -1;
    const TokenIdentity who = TokenIdentity::fromTokens(l.idToken, l.accessToken);
    Account a;
    a.accountId = l.accountId.isEmpty() ? who.accountId : l.accountId;
    a.accountIdSource = u"token"_s;
    if (!who.email.isEmpty())
        a.email = who.email.toLower();
    if (!who.userId.isEmpty())
        a.userId = who.userId;
    a.refreshToken = l.refreshToken;
    a.accessToken = l.accessToken;
    a.idToken = l.idToken;
    a.expiresAt = who.accessExpiresAtMs;
    a.lastRefresh = l.lastRefreshMs;
    a.addedAt = a.lastUsed = Clock::instance().nowMs();
    int index = -1;
    Result<LoadedPool> saved = m_app.repository().update([&](AccountPool &pool) {
        index = upsertAccount(pool, a).second;
        return success();
    });
    if (!saved)
        return saved.error();
    if (notices)
        notices->append(SwitchNotice{SwitchNotice::Kind::ForeignLoginAdded,
                                     who.email.isEmpty() ? a.accountIdKey() : who.email, index});
    return index;
}

Result<SwitchResult> SwitchService::switchTo(const Account &targetIdentity, const SwitchOptions &options)
{
    SwitchResult result;
    AccountRepository &repo = m_app.repository(true);
    const bool sync = m_app.settings().syncCodexCli();
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    CodexConfig config;
    if (sync) {
        if (Status home = live.checkHome(); !home)
            return home.error();
        Result<CodexConfig> c = live.config();
        if (!c)
            return c.error();
        config = c.value();
        const QString blocker = config.switchBlocker(targetIdentity.accountIdKey());
        if (!blocker.isEmpty())
            return makeError(ErrorCode::Io, blocker);
        if (!config.profilesSettingStore.isEmpty())
            result.notices.append(
                SwitchNotice{SwitchNotice::Kind::ProfilesSetOwnStore, config.profilesSettingStore.join(u", "_s)});
        // 2. Never lose a login Codex holds that is not pooled.
        Result<int> imported = importForeignLiveAccount(&result.notices);
        if (!imported)
            return imported.error();
    }

    // 3. The target's tokens: refreshed when due, or when its id_token would be rejected by Codex.
    Result<LoadedPool> loaded = repo.load();
    if (!loaded)
        return loaded.error();
    int index = findMatchingAccount(loaded->pool.accounts, targetIdentity, true);
    if (index < 0)
        return makeError(ErrorCode::NotFound, u"the account is no longer in the pool"_s);
    Account target = loaded->pool.accounts[index];
    if (target.authInvalidatedAt)
        return makeError(
            ErrorCode::NoUsableAccount,
            u"%1 needs a new sign-in (its refresh token was rejected); run codex-multi-auth --cli login"_s.arg(
                accountLabelText(target, index + 1)));
    Result<TokenSet> tokens = repo.tokensOf(target);
    if (!tokens)
        return tokens.error();
    const qint64 now = Clock::instance().nowMs();
    const bool idTokenBad = !jwt::isStrictJwt(tokens->idToken);
    RefreshService refresher(m_app);
    if (idTokenBad || RefreshService::isDue(target, tokens->accessToken, now, 900000)) {
        const RefreshReport r =
            refresher.refresh(RefreshRequest{target, idTokenBad ? RefreshMode::Force : RefreshMode::IfDue,
                                             idTokenBad ? u"forced"_s : u"proactive_expiry"_s, 900000});
        if (r.outcome == RefreshReport::Outcome::Refreshed) {
            result.refreshed = true;
            target = r.account;
            tokens = repo.tokensOf(target);
            if (!tokens)
                return tokens.error();
        } else if (r.outcome == RefreshReport::Outcome::Failed) {
            const std::optional<qint64> exp = RefreshService::accessExpiry(target, tokens->accessToken);
            if (r.permanent || idTokenBad || !exp || *exp <= now)
                return makeError(
                    r.errorCode == ErrorCode::SecretStoreUnavailable ? r.errorCode : ErrorCode::NoUsableAccount,
                    u"%1 cannot get a valid token: %2"_s.arg(accountLabelText(target, index + 1), r.message));
            result.notices.append(SwitchNotice{SwitchNotice::Kind::RefreshFailedStillValid, r.message});
        }
    }
    if (!jwt::isStrictJwt(tokens->idToken))
        return makeError(ErrorCode::NoUsableAccount, u"%1 has no valid id_token; sign in to this account again"_s.arg(
                                                         accountLabelText(target, index + 1)));

    // 4. Codex's live credentials, adopting what Codex wrote for the outgoing account first.
    if (sync) {
        const LiveCredentials creds{tokens->idToken, tokens->accessToken, tokens->refreshToken, target.accountIdKey(),
                                    target.lastRefresh.value_or(now)};
        Status written = live.writeLive(creds, config, [&](const std::optional<CodexAuth> &current) -> Status {
            if (!current || !current->isChatGpt())
                return success();
            Result<LoadedPool> pool = repo.load();
            if (!pool)
                return pool.error();
            const int outgoing = current->findInPool(pool->pool);
            if (outgoing < 0 || outgoing == index)
                return success();
            const Account &p = pool->pool.accounts[outgoing];
            Result<TokenSet> pooled = repo.tokensOf(p);
            if (current->supersedes(p, pooled ? &pooled.value() : nullptr)) {
                Result<Account> saved = adoptLiveTokens(repo, p, *current);
                if (!saved && saved.error().code != ErrorCode::NotFound)
                    return saved.error();
                qCInfo(lcCodex) << "adopted newer tokens Codex wrote for the outgoing account";
            }
            return success();
        });
        if (!written)
            return makeError(written.error().code == ErrorCode::SecretStoreUnavailable
                                 ? ErrorCode::SecretStoreUnavailable
                             : written.error().code == ErrorCode::StorageBusy ? ErrorCode::StorageBusy
                                                                              : ErrorCode::Io,
                             u"writing Codex's credentials failed: %1"_s.arg(written.error().message));
        result.synced = true;
    }

    // 5. The pool.
    Result<LoadedPool> saved = repo.update([&](AccountPool &pool) -> Status {
        const int i = findMatchingAccount(pool.accounts, target, true);
        if (i < 0)
            return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
        Account &a = pool.accounts[i];
        result.reEnabled = !a.isEnabled();
        if (result.reEnabled) {
            a.enabled.reset();
            a.disabledReason.reset();
        }
        pool.select(i);
        a.lastUsed = Clock::instance().nowMs();
        a.lastSwitchReason = options.reason;
        if (options.clearPin)
            pool.pinnedAccountIndex.reset();
        else if (options.pin)
            pool.pinnedAccountIndex = i;
        result.pinned = pool.pinnedAccountIndex && *pool.pinnedAccountIndex == i;
        pool.affinityGeneration = pool.affinityGeneration.value_or(0) + 1;
        result.index = i;
        return success();
    });
    if (!saved)
        return saved.error();
    result.pool = saved->pool;
    result.affinityGeneration = result.pool.affinityGeneration.value_or(0);
    if (sync) {
        for (const QString &var : overridingEnvironment(m_app.env()))
            result.notices.append(SwitchNotice{SwitchNotice::Kind::EnvironmentOverrides, var});
    }
    return result;
}

Result<BestOutcome> SwitchService::switchToBest(const Evaluation &e, bool dryRun)
{
    BestOutcome outcome;
    outcome.pool = e.pool;
    if (!e.recommendation.recommendedIndex)
        return outcome;
    const int best = *e.recommendation.recommendedIndex;
    outcome.index = best;
    outcome.already = best == e.pool.currentIndex();
    outcome.wasDisabled = !e.pool.accounts[best].isEnabled();
    if (dryRun)
        return outcome;
    SwitchOptions options;
    options.pin = false;
    options.clearPin = true;
    options.reason = u"best"_s;
    outcome.pinCleared = e.pool.pinnedAccountIndex.has_value();
    Result<SwitchResult> done = switchTo(e.pool.accounts[best], options);
    if (!done)
        return done.error();
    outcome.switched = !outcome.already;
    outcome.synced = done->synced;
    outcome.pool = done->pool;
    outcome.index = done->index;
    outcome.notices = done->notices;
    return outcome;
}

} // namespace cma
