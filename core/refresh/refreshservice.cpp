#include "refreshservice.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "net/httpclient.h"
#include "quota/usageclient.h"
#include "refresh/refreshlease.h"
#include "util/clock.h"
#include "util/logging.h"

using namespace Qt::StringLiterals;

namespace cma {

namespace {
constexpr qint64 kEightDaysMs = 8LL * 24 * 3600 * 1000;

RefreshReport failed(ErrorCode code, const QString &message, bool permanent = false)
{
    RefreshReport r;
    r.outcome = RefreshReport::Outcome::Failed;
    r.errorCode = code;
    r.message = message;
    r.permanent = permanent;
    return r;
}
} // namespace

RefreshService::RefreshService(AppContext &app)
    : m_app(app)
{}

std::optional<qint64> RefreshService::accessExpiry(const Account &account, const QString &accessToken)
{
    if (std::optional<QJsonObject> claims = jwt::decodePayload(accessToken)) {
        if (std::optional<qint64> exp = jwt::numericClaim(*claims, u"exp"_s))
            return *exp * 1000;
    }
    return account.expiresAt;
}

bool RefreshService::isDue(const Account &account, const QString &accessToken, qint64 now, qint64 lead)
{
    if (accessToken.isEmpty())
        return true;
    if (std::optional<qint64> exp = accessExpiry(account, accessToken))
        return *exp - now <= lead;
    if (!account.lastRefresh)
        return true;
    return now - *account.lastRefresh >= kEightDaysMs;
}

bool RefreshService::liveBelongsTo(const CodexAuth &live, const Account &account)
{
    AccountPool one;
    one.accounts.append(account);
    return live.findInPool(one) == 0;
}

Status RefreshService::commit(const Account &identity, const TokenResponse &tokens, qint64 now, Account *after,
                              int *index)
{
    AccountRepository &repo = m_app.repository();
    Result<LoadedPool> saved = repo.update([&](AccountPool &pool) -> Status {
        const int i = findMatchingAccount(pool.accounts, identity, true);
        if (i < 0)
            return makeError(ErrorCode::NotFound, u"the account was removed while it was being refreshed"_s);
        Account &a = pool.accounts[i];
        TokenSet current{a.refreshToken, a.accessToken.value_or(QString()), a.idToken.value_or(QString()), a.expiresAt};
        if (Result<TokenSet> t = repo.tokensOf(a))
            current = t.value();
        TokenSet next = current;
        next.accessToken = tokens.accessToken;
        if (!tokens.refreshToken.isEmpty())
            next.refreshToken = tokens.refreshToken;
        else
            qCInfo(lcRefresh) << "token endpoint sent no new refresh token (no rotation)";
        if (!tokens.idToken.isEmpty())
            next.idToken = tokens.idToken;
        const TokenIdentity who = TokenIdentity::fromTokens(next.idToken, next.accessToken);
        if (who.accessExpiresAtMs)
            next.expiresAt = who.accessExpiresAtMs;
        else if (tokens.expiresIn)
            next.expiresAt = now + *tokens.expiresIn * 1000;
        else
            next.expiresAt.reset();
        if (!who.accountId.isEmpty() && !a.accountIdKey().isEmpty() && who.accountId != a.accountIdKey())
            qCInfo(lcRefresh) << "a refreshed token names another workspace; the record keeps its own";
        repo.setTokens(a, next);
        a.lastRefresh = now;
        if (!a.userId && !who.userId.isEmpty())
            a.userId = who.userId;
        a.authInvalidatedAt.reset();
        a.authInvalidationErrorCode.reset();
        *index = i;
        return success();
    });
    if (!saved)
        return saved.error();
    *after = saved->pool.accounts[*index];
    return success();
}

Status RefreshService::adoptLive(const Account &identity, const CodexAuth &live, Account *after)
{
    Result<Account> adopted = adoptLiveTokens(m_app.repository(), identity, live);
    if (!adopted)
        return adopted.error();
    *after = adopted.value();
    return success();
}

void RefreshService::updateLive(const Account &account)
{
    if (!m_app.settings().syncCodexCli())
        return;
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config || !config->switchBlocker(account.accountIdKey()).isEmpty())
        return;
    Result<TokenSet> tokens = m_app.repository().tokensOf(account);
    if (!tokens)
        return;
    const LiveCredentials creds{tokens->idToken, tokens->accessToken, tokens->refreshToken, account.accountIdKey(),
                                account.lastRefresh.value_or(Clock::instance().nowMs())};
    // Only while Codex still holds this account: never overwrite another account or a foreign login.
    const Status written =
        live.writeLive(creds, config.value(), [&](const std::optional<CodexAuth> &current) -> Status {
            if (!current || !liveBelongsTo(*current, account))
                return makeError(ErrorCode::Cancelled, u"Codex no longer uses this account"_s);
            return success();
        });
    if (!written && written.error().code != ErrorCode::Cancelled)
        qCWarning(lcRefresh) << "could not update Codex's credentials:" << written.error().message;
}

Status RefreshService::markInvalid(const Account &identity, const QString &code, qint64 now)
{
    Result<LoadedPool> saved = m_app.repository().update([&](AccountPool &pool) -> Status {
        const int i = findMatchingAccount(pool.accounts, identity, true);
        if (i < 0)
            return success();
        pool.accounts[i].authInvalidatedAt = now;
        pool.accounts[i].authInvalidationErrorCode = code.isEmpty() ? u"invalid_grant"_s : code;
        return success();
    });
    return saved ? success() : Status(saved.error());
}

RefreshReport RefreshService::refresh(const RefreshRequest &request)
{
    return refreshOnce(request, 0);
}

RefreshReport RefreshService::refreshOnce(const RefreshRequest &request, int depth)
{
    AccountRepository &repo = m_app.repository();
    Result<LoadedPool> loaded = repo.load();
    if (!loaded)
        return failed(loaded.error().code, loaded.error().message);
    const int index = findMatchingAccount(loaded->pool.accounts, request.identity, true);
    if (index < 0)
        return failed(ErrorCode::NotFound, u"the account is no longer in the pool"_s);
    const Account account = loaded->pool.accounts[index];
    if (account.authInvalidatedAt && request.mode != RefreshMode::RetryInvalidated)
        return failed(ErrorCode::NoUsableAccount, u"token-invalid — re-login needed"_s, true);
    Result<TokenSet> tokens = repo.tokensOf(account);
    if (!tokens)
        return failed(tokens.error().code, tokens.error().message, tokens.error().code == ErrorCode::NoUsableAccount);
    const qint64 now = Clock::instance().nowMs();
    RefreshReport report;
    report.index = index;
    report.account = account;
    if (request.mode == RefreshMode::IfDue && !isDue(account, tokens->accessToken, now, request.leadMs)) {
        report.outcome = RefreshReport::Outcome::NotNeeded;
        return report;
    }

    // 1. The lease.
    Result<RefreshLease> lease = RefreshLease::acquire(
        RefreshLease::Settings::fromEnvironment(m_app.paths().root, m_app.env()), tokens->refreshToken);
    if (!lease)
        return failed(lease.error().code, lease.error().message);
    if (lease->role() == RefreshLease::Role::Follower) {
        const LeaseResult &p = *lease->published();
        TokenResponse t{p.idToken, p.access, p.refresh, std::nullopt, now};
        Account after;
        int i = index;
        if (Status s = commit(account, t, now, &after, &i); !s)
            return failed(s.error().code, s.error().message);
        report.outcome = RefreshReport::Outcome::Refreshed;
        report.adopted = true;
        report.account = after;
        report.index = i;
        return report;
    }

    // 2. Re-read the record: a different refresh token means someone already refreshed.
    if (Result<LoadedPool> again = repo.load()) {
        const int i = findMatchingAccount(again->pool.accounts, account, true);
        if (i >= 0) {
            Result<TokenSet> fresh = repo.tokensOf(again->pool.accounts[i]);
            if (fresh && fresh->refreshToken != tokens->refreshToken) {
                report.outcome = RefreshReport::Outcome::Refreshed;
                report.adopted = true;
                report.account = again->pool.accounts[i];
                report.index = i;
                return report;
            }
        }
    }

    // 3. Codex's live account: adopt a newer set Codex wrote itself.
    CodexLiveStore liveStore(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = liveStore.config();
    bool isLive = false;
    if (config && liveStore.checkHome()) {
        Result<std::optional<CodexAuth>> live = liveStore.readLive(config.value());
        if (live && live.value() && liveBelongsTo(**live, account)) {
            isLive = true;
            const CodexAuth &l = **live;
            if (l.supersedes(account, &tokens.value())) {
                Account after;
                if (Status s = adoptLive(account, l, &after); !s)
                    return failed(s.error().code, s.error().message);
                lease->release();
                if (request.mode != RefreshMode::Force && !isDue(after, l.accessToken, now, request.leadMs)) {
                    report.outcome = RefreshReport::Outcome::Refreshed;
                    report.adopted = true;
                    report.account = after;
                    return report;
                }
                if (depth == 0)
                    return refreshOnce(RefreshRequest{after, request.mode, request.reason, request.leadMs}, depth + 1);
            }
        }
    }

    // 4. The request, with no lock held.
    const RefreshOutcome outcome = TokenClient(m_app.endpoints()).refreshBlocking(tokens->refreshToken, request.reason);
    if (outcome.ok()) {
        Account after;
        int i = index;
        if (Status s = commit(account, *outcome.tokens, Clock::instance().nowMs(), &after, &i); !s) {
            // The refresh token is spent; losing the new one would lose the account.
            qCCritical(lcRefresh) << "refreshed tokens could not be saved:" << s.error().message;
            return failed(s.error().code, u"the new tokens could not be saved: %1"_s.arg(s.error().message));
        }
        if (repo.mode() == SecretMode::File) {
            Result<TokenSet> saved = repo.tokensOf(after);
            if (saved)
                lease->publish(LeaseResult{saved->accessToken, saved->refreshToken, saved->idToken, saved->expiresAt});
        }
        if (isLive) {
            updateLive(after);
            report.liveUpdated = true;
        }
        report.outcome = RefreshReport::Outcome::Refreshed;
        report.account = after;
        report.index = i;
        return report;
    }
    report.failure = outcome.failure;
    report.retryAfterSeconds = outcome.retryAfterSeconds;
    report.message = outcome.message;
    report.permanent = outcome.permanent;
    report.errorCode = outcome.permanent ? ErrorCode::NoUsableAccount : ErrorCode::Network;
    if (outcome.permanent) {
        // Another process may have refreshed while we were in flight: one more look at Codex.
        if (isLive && config) {
            Result<std::optional<CodexAuth>> live = liveStore.readLive(config.value());
            if (live && live.value() && liveBelongsTo(**live, account) &&
                (**live).refreshToken != tokens->refreshToken) {
                Account after;
                // Adopt it, then prove it with one usage call: our replay may have revoked the
                // whole family, the newer set included (docs/protocol.md §3.4).
                if (adoptLive(account, **live, &after)) {
                    const int status =
                        HttpClient::sendBlocking(
                            UsageClient::request(m_app.endpoints(), (**live).accessToken, after.accountIdKey(), 10000))
                            .status;
                    if (status != 401 && status != 403) { // accepted, or offline: nothing says it is dead
                        report.outcome = RefreshReport::Outcome::Refreshed;
                        report.adopted = true;
                        report.account = after;
                        return report;
                    }
                    qCInfo(lcRefresh) << "the adopted credentials were refused too (" << status << ")";
                }
            }
        }
        markInvalid(account, outcome.failure.errorCode, Clock::instance().nowMs());
    }
    return report;
}

} // namespace cma
