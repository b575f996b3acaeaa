#include "accounts/poolnormalizer.h"
#include "auth/tokenclient.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runRemove(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    AccountRepository &repo = app.repository(true);
    const bool all = ctx.args().has(u"--all"_s);
    if (all) {
        if (!ctx.args().positional.isEmpty())
            return ctx.fail(makeError(ErrorCode::Usage, u"remove --all takes no account selectors"_s));
        Result<LoadedPool> current = loadForReading(ctx, true);
        if (!current)
            return ctx.fail(current.error());
        if (Status s = confirm(
                ctx, u"Delete all %1 account(s) from %2?"_s.arg(current->pool.accounts.size()).arg(repo.store().path()),
                u"DELETE"_s);
            !s)
            return ctx.fail(s.error());
        if (Status s = repo.clearAll(); !s)
            return ctx.fail(s.error());
        return ctx.succeed(u"Removed all %1 account(s). Total: 0"_s.arg(current->pool.accounts.size()),
                           {{u"removed"_s, int(current->pool.accounts.size())},
                            {u"revoked"_s, false},
                            {u"switchedTo"_s, QJsonValue::Null},
                            {u"total"_s, 0}});
    }
    if (ctx.args().positional.isEmpty())
        return ctx.fail(
            makeError(ErrorCode::Usage,
                      u"usage: codex-multi-auth --cli remove <sel>… [--revoke] [--no-switch] [--yes] | --all"_s));

    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    Result<QList<int>> indexes = resolveSelectors(loaded->pool, ctx.args().positional);
    if (!indexes)
        return ctx.fail(indexes.error());
    QList<Account> targets;
    QStringList names;
    for (int i : indexes.value()) {
        targets.append(loaded->pool.accounts[i]);
        names.append(accountText(loaded->pool, i, ctx.redact()));
    }
    if (Status s = confirm(ctx, u"Remove %1?"_s.arg(names.join(u", "_s))); !s)
        return ctx.fail(s.error());

    // Tokens to revoke are read before the records (and their keychain items) go.
    QList<TokenSet> toRevoke;
    if (ctx.args().has(u"--revoke"_s)) {
        for (const Account &a : std::as_const(targets)) {
            Result<TokenSet> t = repo.tokensOf(a);
            if (!t)
                return ctx.fail(makeError(t.error().code, u"cannot revoke %1: %2"_s.arg(
                                                              a.email.value_or(a.trackerKey()), t.error().message)));
            toRevoke.append(t.value());
        }
    }

    const qint64 now = Clock::instance().nowMs();
    QJsonArray removed;
    std::optional<int> switchedTo;
    bool currentRemoved = false;
    Result<LoadedPool> saved = repo.update([&](AccountPool &pool) -> Status {
        removed = {};
        const int currentBefore = pool.currentIndex();
        const Account currentAccount = currentBefore >= 0 ? pool.accounts[currentBefore] : Account{};
        const std::optional<Account> pinned =
            pool.pinnedAccountIndex ? std::optional<Account>(pool.accounts[*pool.pinnedAccountIndex]) : std::nullopt;
        const AccountPool before = pool;
        QList<int> drop;
        for (const Account &t : std::as_const(targets)) {
            const int i = findMatchingAccount(pool.accounts, t, true);
            if (i < 0)
                return makeError(ErrorCode::NotFound,
                                 u"%1 was removed meanwhile"_s.arg(t.email.value_or(t.trackerKey())));
            drop.append(i);
        }
        std::sort(drop.begin(), drop.end(), std::greater<int>());
        for (int i : std::as_const(drop)) {
            removed.prepend(accountObject(before, i, AccountFacts{}, now, ctx.redact()));
            currentRemoved = currentRemoved || i == currentBefore;
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
        } else if (currentRemoved && !ctx.args().has(u"--no-switch"_s)) {
            const QList<AccountForecast> f = Forecaster::evaluateAll(pool, app.quotaCache(), now);
            const Recommendation rec = Forecaster::recommend(f);
            const int next = rec.recommendedIndex.value_or(0);
            pool.select(next);
            pool.accounts[next].lastSwitchReason = u"best"_s;
            switchedTo = next;
        } else {
            const int keep = currentRemoved ? 0 : findMatchingAccount(pool.accounts, currentAccount, true);
            pool.activeIndex = std::max(0, keep);
            if (pool.activeIndexByFamily.contains(u"codex"_s))
                pool.activeIndexByFamily.insert(u"codex"_s, std::max(0, keep));
        }
        pool.affinityGeneration = pool.affinityGeneration.value_or(0) + 1;
        return success();
    });
    if (!saved)
        return ctx.fail(saved.error());

    bool revoked = false;
    for (const TokenSet &t : std::as_const(toRevoke)) {
        TokenClient client(ctx.endpoints());
        revoked = client.revokeBlocking(t.refreshToken) || revoked;
    }

    const AccountPool &pool = saved->pool;
    QString text;
    for (const QJsonValue &r : std::as_const(removed))
        text += u"Removed account %1: %2. Total: %3\n"_s.arg(r[u"number"_s].toInt())
                    .arg(r[u"label"_s].toString())
                    .arg(pool.accounts.size());
    if (switchedTo)
        text +=
            u"Codex now uses account %1: %2\n"_s.arg(*switchedTo + 1).arg(accountText(pool, *switchedTo, ctx.redact()));
    else if (currentRemoved && !pool.accounts.isEmpty())
        ctx.console().err() << "warning: the removed account was the current one; Codex's auth.json still holds it\n";
    return ctx.succeed(
        text,
        {{u"removed"_s, removed},
         {u"revoked"_s, revoked},
         {u"switchedTo"_s, switchedTo ? QJsonValue(accountObject(pool, *switchedTo, AccountFacts{}, now, ctx.redact()))
                                      : QJsonValue(QJsonValue::Null)},
         {u"total"_s, pool.accounts.size()}});
}

} // namespace cma::cli
