// forecast [--live] [--model <m>] [--explain] (docs/cli.md; docs/forecast.md).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/quotaservice.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runForecast(CommandContext &ctx)
{
    const bool live = ctx.args().has(u"--live"_s);
    const QString model = ctx.args().value(u"--model"_s);
    Result<Evaluation> e = evaluateFromArgs(ctx);
    if (!e)
        return ctx.fail(e.error());
    const qint64 now = Clock::instance().nowMs();
    const ForecastSummary sum = Forecaster::summarize(e->results);
    const Runway runway = computeRunway(e->pool, e->results, e->quota, now, &ctx.app().quotaSamples());
    const bool explain = ctx.args().has(u"--explain"_s);
    QString text = u"Best-account preview (%1 account(s), model %2, live check %3)\n"_s.arg(e->pool.accounts.size())
                       .arg(model.isEmpty() ? u"codex"_s : model, live ? u"on"_s : u"off"_s);
    text += u"%1 ready now | %2 waiting | %3 unavailable | %4 high risk\n"_s.arg(sum.ready)
                .arg(sum.delayed)
                .arg(sum.unavailable)
                .arg(sum.highRisk);
    QJsonArray accounts;
    for (const AccountForecast &f : std::as_const(e->results)) {
        text +=
            u"%1. %2%3 | %4 | %5 risk (%6) | wait %7\n"_s.arg(f.index + 1)
                .arg(f.label, f.isCurrent ? u" [current]"_s : QString(), availabilityName(f.availability), f.riskLevel)
                .arg(f.riskScore)
                .arg(Forecaster::waitText(f.waitMs));
        const QStringList shown = explain ? f.reasons : f.reasons.mid(0, 3);
        for (const QString &r : shown)
            text += u"   - "_s + r + u'\n';
        QJsonArray reasons;
        for (const QString &r : f.reasons)
            reasons.append(r);
        accounts.append(QJsonObject{{u"index"_s, f.index},
                                    {u"label"_s, f.label},
                                    {u"isCurrent"_s, f.isCurrent},
                                    {u"selected"_s, e->recommendation.recommendedIndex == f.index},
                                    {u"primaryReason"_s, f.reasons.value(0)},
                                    {u"availability"_s, availabilityName(f.availability)},
                                    {u"riskScore"_s, f.riskScore},
                                    {u"riskLevel"_s, f.riskLevel},
                                    {u"waitMs"_s, double(f.waitMs)},
                                    {u"reasons"_s, reasons}});
    }
    if (e->recommendation.recommendedIndex) {
        const int r = *e->recommendation.recommendedIndex;
        text += u"Best next account: %1. %2\nWhy: %3\n"_s.arg(r + 1).arg(e->results[r].label, e->recommendation.reason);
    } else {
        text += u"No recommendation: %1\n"_s.arg(e->recommendation.reason);
    }
    text += u"Pool runway: "_s + runway.text(e->pool, now) + u'\n';
    if (e->recommendation.recommendedIndex && *e->recommendation.recommendedIndex != e->pool.currentIndex())
        text += u"Switch now with: codex-multi-auth --cli switch %1\n"_s.arg(*e->recommendation.recommendedIndex + 1);
    QJsonObject json{
        {u"model"_s, model.isEmpty() ? u"codex"_s : model},
        {u"liveProbe"_s, live},
        {u"runtimeOverlay"_s, false},
        {u"summary"_s, QJsonObject{{u"total"_s, sum.total},
                                   {u"ready"_s, sum.ready},
                                   {u"delayed"_s, sum.delayed},
                                   {u"unavailable"_s, sum.unavailable},
                                   {u"highRisk"_s, sum.highRisk}}},
        {u"recommendation"_s, QJsonObject{{u"recommendedIndex"_s, e->recommendation.recommendedIndex
                                                                      ? QJsonValue(*e->recommendation.recommendedIndex)
                                                                      : QJsonValue(QJsonValue::Null)},
                                          {u"reason"_s, e->recommendation.reason}}},
        {u"probeErrors"_s, probeErrors(e->probes, e->pool, ctx.redact())},
        {u"accounts"_s, accounts},
        {u"runway"_s, runway.toJson()}};
    return ctx.succeed(text, json);
}

} // namespace cma::cli
