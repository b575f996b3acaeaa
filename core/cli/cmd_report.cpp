// report [--model <m>] [--out <path>]: the pool, its forecast and runway in one object.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/quotaservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runReport(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    ReportRequest request;
    if (ctx.args().has(u"--model"_s))
        request.model = ctx.args().value(u"--model"_s);
    if (ctx.args().has(u"--out"_s))
        request.outPath = ctx.args().value(u"--out"_s);
    Result<ReportOutcome> r = QuotaService(ctx.app()).report(loaded.value(), request);
    if (!r)
        return ctx.fail(r.error());
    const Recommendation &rec = r->recommendation;
    const QString text =
        u"Report: %1 account(s), %2 enabled | %3 ready, %4 waiting, %5 unavailable\nRecommendation: %6\nPool runway: %7\n"_s
            .arg(r->pool.accounts.size())
            .arg(r->enabled)
            .arg(r->summary.ready)
            .arg(r->summary.delayed)
            .arg(r->summary.unavailable)
            .arg(rec.recommendedIndex ? u"account %1 (%2)"_s.arg(*rec.recommendedIndex + 1).arg(rec.reason)
                                      : rec.reason,
                 r->runway.text(r->pool, r->now));
    return ctx.succeed(text, r->json);
}

} // namespace cma::cli
