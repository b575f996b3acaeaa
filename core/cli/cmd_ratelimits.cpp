// rotation reset-rate-limits (--all | --account <sel>) [--dry-run].

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runResetRateLimits(CommandContext &ctx)
{
    const bool all = ctx.args().has(u"--all"_s);
    RateLimitRequest request;
    request.dryRun = ctx.args().has(u"--dry-run"_s);
    if (all == ctx.args().has(u"--account"_s))
        return ctx.fail(makeError(ErrorCode::Usage, u"give either --all or --account <sel>"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    if (all) {
        request.targets = loaded->pool.accounts;
    } else {
        Result<int> i = resolveSelector(loaded->pool, ctx.args().value(u"--account"_s));
        if (!i)
            return ctx.fail(i.error());
        request.targets.append(loaded->pool.accounts[i.value()]);
    }
    Result<RateLimitOutcome> done = AccountService(ctx.app()).resetRateLimits(request);
    if (!done)
        return ctx.fail(done.error());
    return ctx.succeed(
        u"%1 stored rate limits on %2 account(s)."_s.arg(request.dryRun ? u"Would clear"_s : u"Cleared"_s)
            .arg(done->cleared),
        {{u"cleared"_s, done->cleared}, {u"dryRun"_s, request.dryRun}});
}

} // namespace cma::cli
