#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/switchservice.h"
#include "util/clock.h"
#include "util/timefmt.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runSwitch(CommandContext &ctx)
{
    if (ctx.args().positional.size() != 1)
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli switch <sel> [--no-pin]"_s));
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    Result<int> index = resolveSelector(loaded->pool, ctx.args().positional.first());
    if (!index)
        return ctx.fail(index.error());
    SwitchOptions options;
    options.pin = !ctx.args().has(u"--no-pin"_s);
    Result<SwitchResult> done = SwitchService(ctx.app()).switchTo(loaded->pool.accounts[index.value()], options);
    if (!done)
        return ctx.fail(done.error());
    printNotices(ctx, done->notices);
    const qint64 now = Clock::instance().nowMs();
    const int i = done->index;
    const Account &a = done->pool.accounts[i];
    const QString who =
        ctx.redact() ? accountText(done->pool, i, true) : a.email.value_or(accountText(done->pool, i, false));
    QString text = u"Switched to account %1: %2"_s.arg(i + 1).arg(accountText(done->pool, i, ctx.redact()));
    if (done->pinned)
        text += u" (pinned)"_s;
    if (done->reEnabled)
        text += u" (re-enabled)"_s;
    text += u"\n"_s;
    if (done->synced)
        text += u"Restart running Codex sessions to use %1.\n"_s.arg(who);
    else
        text += u"Codex sync is off: only the pool's selection changed.\n"_s;
    // The latest reading: its plan (as status reports it) and whether a window is used up.
    const AccountFacts facts = gatherFacts(ctx.app(), done->pool, /*checkSecrets=*/false).value(i);
    if (facts.quota) {
        for (const QuotaWindow *w : {&facts.quota->primary, &facts.quota->secondary}) {
            if (!w->usedPercent || *w->usedPercent < 100 || !w->resetAtMs || *w->resetAtMs <= now)
                continue;
            ctx.console().err()
                << ctx.paint(u"warning: account %1 has used up its %2 limit; it resets %3 (in %4)"_s.arg(i + 1).arg(
                                 windowLabel(w->windowMinutes.value_or(0)), formatClock(*w->resetAtMs, now),
                                 formatDuration(*w->resetAtMs - now)),
                             CommandContext::Paint::Warning)
                << "\n";
        }
    }
    return ctx.succeed(text, {{u"account"_s, accountObject(done->pool, i, facts, now, ctx.redact())},
                              {u"reEnabled"_s, done->reEnabled},
                              {u"pinned"_s, done->pinned},
                              {u"synced"_s, done->synced},
                              {u"affinityGeneration"_s, double(done->affinityGeneration)}});
}

} // namespace cma::cli
