// quota, forecast, best (docs/cli.md §5; docs/forecast.md).

#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/switchservice.h"
#include "quota/runway.h"
#include "quota/usageclient.h"
#include "util/clock.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

QString bar(double used)
{
    const int filled = int(std::clamp(std::llround(used / 10.0), 0LL, 10LL));
    return QString(filled, u'#') + QString(10 - filled, u'-');
}

QJsonObject windowObject(const QString &name, const QuotaWindow &w, qint64 updatedAt, qint64 now)
{
    const double used = w.usedPercent.value_or(0);
    const bool reset = w.resetAtMs && *w.resetAtMs <= now;
    const QJsonValue usedShown = w.usedPercent ? QJsonValue(reset ? 0.0 : used) : QJsonValue(QJsonValue::Null);
    return {{u"name"_s, name},
            {u"label"_s, windowLabel(w.windowMinutes.value_or(name == "primary"_L1 ? 300 : 10080))},
            {u"usedPercent"_s, usedShown},
            {u"leftPercent"_s, w.usedPercent ? QJsonValue(reset ? 100.0 : std::clamp(100.0 - used, 0.0, 100.0))
                                             : QJsonValue(QJsonValue::Null)},
            {u"windowMinutes"_s, w.windowMinutes ? QJsonValue(*w.windowMinutes) : QJsonValue(QJsonValue::Null)},
            {u"resetAt"_s, w.resetAtMs ? QJsonValue(double(*w.resetAtMs)) : QJsonValue(QJsonValue::Null)},
            {u"exhausted"_s, w.exhausted(updatedAt, now)},
            {u"pace"_s, computePace(w, now).toJson()}};
}

QString windowLine(const CommandContext &ctx, const QuotaWindow &w, const QString &fallbackLabel, qint64 now)
{
    const double used = w.usedPercent.value_or(0);
    const bool reset = w.resetAtMs && *w.resetAtMs <= now;
    const double shown = reset ? 0 : std::clamp(used, 0.0, 100.0);
    QString line = u"   %1 %2 %3% used %4% left"_s.arg(windowLabel(w.windowMinutes.value_or(0)).leftJustified(3))
                       .arg(bar(shown))
                       .arg(std::llround(shown), 3)
                       .arg(std::llround(100 - shown), 3);
    if (w.windowMinutes.value_or(0) == 0)
        line.replace(u"0m "_s, fallbackLabel + u' ');
    if (reset)
        line += u"  refreshing…"_s;
    else if (w.resetAtMs)
        line += u"  resets %1 (in %2)"_s.arg(formatClock(*w.resetAtMs, now), formatDuration(*w.resetAtMs - now));
    const Pace pace = computePace(w, now);
    if (pace.runsOutAt)
        line += u"   runs out ~"_s + formatClock(*pace.runsOutAt, now);
    const std::optional<CommandContext::Paint> paint = ctx.paintForLeft(100 - shown);
    return paint ? u"   "_s + ctx.paint(line.mid(3), *paint) : line;
}

/// The enabled accounts, or those the selectors name (disabled ones included then).
Result<QList<int>> targets(CommandContext &ctx, const AccountPool &pool)
{
    if (!ctx.args().positional.isEmpty())
        return resolveSelectors(pool, ctx.args().positional);
    QList<int> out;
    for (int i = 0; i < pool.accounts.size(); ++i)
        if (pool.accounts[i].isEnabled())
            out.append(i);
    return out;
}

} // namespace

int runQuota(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const AccountPool pool = loaded->pool;
    Result<QList<int>> indexes = targets(ctx, pool);
    if (!indexes)
        return ctx.fail(indexes.error());
    QHash<int, UsageReading> readings;
    bool anyFailed = false;
    if (ctx.args().has(u"--refresh"_s)) {
        for (const UsageReading &r : UsageClient(ctx.app()).read(pool, indexes.value())) {
            readings.insert(r.index, r);
            anyFailed = anyFailed || !r.error.isEmpty();
        }
    }
    const QList<std::optional<QuotaEntry>> cached = ctx.app().quotaCache().entriesFor(pool);
    const qint64 now = Clock::instance().nowMs();
    QJsonArray accounts;
    QString text;
    for (int i : indexes.value()) {
        const UsageReading r = readings.value(i, UsageReading{});
        const std::optional<QuotaEntry> entry = r.fresh ? r.entry : cached.value(i);
        AccountFacts facts;
        facts.quota = entry;
        QJsonObject o = accountObject(pool, i, facts, now, ctx.redact());
        const bool failed = readings.contains(i) && !r.error.isEmpty();
        const QString source = r.fresh ? u"usage-endpoint"_s
                               : entry ? entry->extra.value(u"source"_s).toString(u"cache"_s)
                                       : u"cache"_s;
        o.insert(u"source"_s, r.fresh ? source : u"cache"_s);
        o.insert(u"updatedAt"_s, entry ? QJsonValue(double(entry->updatedAt)) : QJsonValue(QJsonValue::Null));
        o.insert(u"stale"_s, failed || !entry || isStaleReading(entry->updatedAt, now));
        o.insert(u"status"_s, entry ? QJsonValue(entry->status) : QJsonValue(QJsonValue::Null));
        QJsonArray windows;
        if (entry) {
            if (!entry->primary.isEmpty())
                windows.append(windowObject(u"primary"_s, entry->primary, entry->updatedAt, now));
            if (!entry->secondary.isEmpty())
                windows.append(windowObject(u"secondary"_s, entry->secondary, entry->updatedAt, now));
        }
        o.insert(u"windows"_s, windows);
        o.insert(u"credits"_s, entry && entry->extra.contains(u"credits"_s) ? entry->extra.value(u"credits"_s)
                                                                            : QJsonValue(QJsonValue::Null));
        o.insert(u"error"_s, failed ? QJsonValue(QJsonObject{
                                          {u"status"_s, r.status ? QJsonValue(r.status) : QJsonValue(QJsonValue::Null)},
                                          {u"message"_s, r.error}})
                                    : QJsonValue(QJsonValue::Null));
        accounts.append(o);

        const Account &a = pool.accounts[i];
        const QString who =
            ctx.redact() ? maskEmail(a.email.value_or(QString())) : a.email.value_or(accountText(pool, i, false));
        const QString plan = planOf(a, facts);
        QString head =
            u"%1. %2%3"_s.arg(i + 1).arg(who, plan.isEmpty() ? QString() : u" ("_s + planDisplayName(plan) + u")"_s);
        const QString age = entry ? u"updated "_s + formatAgo(entry->updatedAt, now) : u"no data yet"_s;
        text += head.leftJustified(60) + u' ' + age + (failed ? u" (stale)"_s : QString()) + u'\n';
        if (entry) {
            if (!entry->primary.isEmpty())
                text += windowLine(ctx, entry->primary, u"5h"_s, now) + u'\n';
            if (!entry->secondary.isEmpty())
                text += windowLine(ctx, entry->secondary, u"7d"_s, now) + u'\n';
        }
        if (failed)
            text += u"   reading failed: %1\n"_s.arg(r.error);
    }
    QJsonObject json{{u"accounts"_s, accounts}};
    if (anyFailed) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::Network, u"some quota readings failed; cached values are shown"_s), json);
    }
    return ctx.succeed(text, json);
}

namespace {

struct Evaluation
{
    AccountPool pool;
    QList<AccountFacts> facts;
    QList<AccountForecast> results;
    Recommendation recommendation;
    QList<UsageReading> probes;
    QList<std::optional<QuotaEntry>> quota;
};

Result<Evaluation> evaluate(CommandContext &ctx, bool live, const QString &model)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return loaded.error();
    Evaluation e;
    e.pool = loaded->pool;
    QHash<int, ForecastInput> inputs;
    if (live) {
        QList<int> enabled;
        for (int i = 0; i < e.pool.accounts.size(); ++i)
            if (e.pool.accounts[i].isEnabled())
                enabled.append(i);
        e.probes = UsageClient(ctx.app()).read(e.pool, enabled);
    }
    e.facts = gatherFacts(ctx.app(), e.pool);
    for (int i = 0; i < e.facts.size(); ++i)
        inputs.insert(i, e.facts[i].forecastInput());
    for (const UsageReading &r : std::as_const(e.probes)) {
        if (r.fresh && r.entry)
            inputs[r.index].liveQuota =
                LiveQuota{r.entry->status, r.entry->planType, r.entry->primary, r.entry->secondary};
    }
    ForecastOptions options;
    options.model = model;
    e.quota = ctx.app().quotaCache().entriesFor(e.pool);
    const qint64 now = Clock::instance().nowMs();
    for (int i = 0; i < e.pool.accounts.size(); ++i)
        e.results.append(
            Forecaster::evaluate(e.pool, i, e.quota.value(i), now, inputs.value(i), std::nullopt, options));
    e.recommendation = Forecaster::recommend(e.results, options);
    return e;
}

QJsonArray probeErrors(const QList<UsageReading> &probes, const AccountPool &pool, bool redact)
{
    QJsonArray out;
    for (const UsageReading &r : probes)
        if (!r.error.isEmpty())
            out.append(QJsonObject{{u"index"_s, r.index},
                                   {u"label"_s, accountLabelText(pool.accounts[r.index], r.index + 1, redact)},
                                   {u"status"_s, r.status ? QJsonValue(r.status) : QJsonValue(QJsonValue::Null)},
                                   {u"message"_s, r.error}});
    return out;
}

/// evaluate() with the command's `--live` and `--model` (which needs `--live`).
Result<Evaluation> evaluateFromArgs(CommandContext &ctx)
{
    const bool live = ctx.args().has(u"--live"_s);
    if (ctx.args().has(u"--model"_s) && !live)
        return makeError(ErrorCode::Usage, u"--model needs --live"_s);
    return evaluate(ctx, live, ctx.args().value(u"--model"_s));
}

} // namespace

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
    const int best = *e->recommendation.recommendedIndex;
    const bool already = best == e->pool.currentIndex();
    AccountPool pool = e->pool;
    bool switched = false, synced = false, pinCleared = false, wasDisabled = !pool.accounts[best].isEnabled();
    int index = best;
    if (!dryRun) {
        SwitchOptions options;
        options.pin = false;
        options.clearPin = true;
        options.reason = u"best"_s;
        pinCleared = pool.pinnedAccountIndex.has_value();
        Result<SwitchResult> done = SwitchService(ctx.app()).switchTo(pool.accounts[best], options);
        if (!done)
            return ctx.fail(done.error());
        switched = !already;
        synced = done->synced;
        pool = done->pool;
        index = done->index;
        for (const QString &n : std::as_const(done->notices))
            ctx.console().err() << "notice: " << n << "\n";
    }
    const QString label = accountText(pool, index, ctx.redact());
    const QString message =
        already  ? u"Already on best account %1: %2. %3"_s.arg(index + 1).arg(label, e->recommendation.reason)
        : dryRun ? u"Best account %1: %2. %3 (dry run: nothing changed)"_s.arg(index + 1).arg(label,
                                                                                              e->recommendation.reason)
                 : u"Switched to best account %1: %2. %3"_s.arg(index + 1).arg(label, e->recommendation.reason);
    return ctx.succeed(message, {{u"message"_s, message},
                                 {u"accountIndex"_s, index + 1},
                                 {u"reason"_s, e->recommendation.reason},
                                 {u"synced"_s, synced},
                                 {u"wasDisabled"_s, wasDisabled},
                                 {u"pinCleared"_s, pinCleared},
                                 {u"probeErrors"_s, probeErrors(e->probes, e->pool, ctx.redact())},
                                 {u"switched"_s, switched},
                                 {u"dryRun"_s, dryRun},
                                 // The evaluation's facts: the plan of the latest reading, as status reports it.
                                 {u"account"_s, accountObject(pool, index, e->facts.value(index), now, ctx.redact())}});
}

} // namespace cma::cli
