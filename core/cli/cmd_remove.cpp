#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

int removeAll(CommandContext &ctx)
{
    if (!ctx.args().positional.isEmpty())
        return ctx.fail(makeError(ErrorCode::Usage, u"remove --all takes no account selectors"_s));
    Result<LoadedPool> current = loadForReading(ctx, true);
    if (!current)
        return ctx.fail(current.error());
    if (Status s = confirm(ctx,
                           u"Delete all %1 account(s) from %2?"_s.arg(current->pool.accounts.size())
                               .arg(ctx.app().repository().store().path()),
                           u"DELETE"_s);
        !s)
        return ctx.fail(s.error());
    Result<RemoveAllOutcome> done = AccountService(ctx.app()).removeAll();
    if (!done)
        return ctx.fail(done.error());
    return ctx.succeed(u"Removed all %1 account(s). Total: 0"_s.arg(current->pool.accounts.size()),
                       {{u"removed"_s, int(current->pool.accounts.size())},
                        {u"revoked"_s, false},
                        {u"switchedTo"_s, QJsonValue::Null},
                        {u"total"_s, 0}});
}

} // namespace

int runRemove(CommandContext &ctx)
{
    if (ctx.args().has(u"--all"_s))
        return removeAll(ctx);
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
    RemoveRequest request;
    request.revoke = ctx.args().has(u"--revoke"_s);
    request.switchToBest = !ctx.args().has(u"--no-switch"_s);
    QStringList names;
    for (int i : indexes.value()) {
        request.targets.append(loaded->pool.accounts[i]);
        names.append(accountText(loaded->pool, i, ctx.redact()));
    }
    if (Status s = confirm(ctx, u"Remove %1?"_s.arg(names.join(u", "_s))); !s)
        return ctx.fail(s.error());

    Result<RemoveOutcome> done = AccountService(ctx.app()).remove(request);
    if (!done)
        return ctx.fail(done.error());
    const qint64 now = Clock::instance().nowMs();
    const AccountPool &pool = done->pool;
    QJsonArray removed;
    QString text;
    for (int i : std::as_const(done->removed)) {
        removed.append(accountObject(done->before, i, AccountFacts{}, now, ctx.redact()));
        text += u"Removed account %1: %2. Total: %3\n"_s.arg(i + 1)
                    .arg(accountText(done->before, i, ctx.redact()))
                    .arg(pool.accounts.size());
    }
    const std::optional<int> &switchedTo = done->switchedTo;
    if (switchedTo)
        text +=
            u"Codex now uses account %1: %2\n"_s.arg(*switchedTo + 1).arg(accountText(pool, *switchedTo, ctx.redact()));
    else if (done->codexStillHoldsRemoved())
        ctx.console().err() << "warning: the removed account was the current one; Codex's auth.json still holds it\n";
    return ctx.succeed(
        text,
        {{u"removed"_s, removed},
         {u"revoked"_s, done->revoked},
         {u"switchedTo"_s, switchedTo ? QJsonValue(accountObject(pool, *switchedTo, AccountFacts{}, now, ctx.redact()))
                                      : QJsonValue(QJsonValue::Null)},
         {u"total"_s, pool.accounts.size()}});
}

} // namespace cma::cli
