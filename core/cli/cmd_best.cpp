// best [--live] [--model <m>] [--dry-run] (docs/cli.md; docs/forecast.md).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/quotaservice.h"
#include "services/switchservice.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runBest(CommandContext &ctx)
{
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    Result<Evaluation> e = evaluateFromArgs(ctx);
    if (!e)
        return ctx.fail(e.error());
    const qint64 now = Clock::instance().nowMs();
    if (!e->recommendation.recommendedIndex)
        return ctx.fail(makeError(ErrorCode::NoUsableAccount, e->recommendation.reason),
                        {{u"message"_s, e->recommendation.reason},
                         {u"accountIndex"_s, QJsonValue::Null},
                         {u"switched"_s, false},
                         {u"dryRun"_s, dryRun},
                         {u"probeErrors"_s, probeErrors(e->probes, e->pool, ctx.redact())}});
    Result<BestOutcome> done = SwitchService(ctx.app()).switchToBest(e.value(), dryRun);
    if (!done)
        return ctx.fail(done.error());
    printNotices(ctx, done->notices);
    const AccountPool &pool = done->pool;
    const int index = *done->index;
    const bool already = done->already;
    const QString label = accountText(pool, index, ctx.redact());
    const QString message =
        already  ? u"Already on best account %1: %2. %3"_s.arg(index + 1).arg(label, e->recommendation.reason)
        : dryRun ? u"Best account %1: %2. %3 (dry run: nothing changed)"_s.arg(index + 1).arg(label,
                                                                                              e->recommendation.reason)
                 : u"Switched to best account %1: %2. %3"_s.arg(index + 1).arg(label, e->recommendation.reason);
    return ctx.succeed(message, {{u"message"_s, message},
                                 {u"accountIndex"_s, index + 1},
                                 {u"reason"_s, e->recommendation.reason},
                                 {u"synced"_s, done->synced},
                                 {u"wasDisabled"_s, done->wasDisabled},
                                 {u"pinCleared"_s, done->pinCleared},
                                 {u"probeErrors"_s, probeErrors(e->probes, e->pool, ctx.redact())},
                                 {u"switched"_s, done->switched},
                                 {u"dryRun"_s, dryRun},
                                 // The evaluation's facts: the plan of the latest reading, as status reports it.
                                 {u"account"_s, accountObject(pool, index, e->facts.value(index), now, ctx.redact())}});
}

} // namespace cma::cli
