// quota [<sel>…] [--refresh] (docs/cli.md §5; docs/protocol.md §6).

#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/quotaservice.h"
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
    Result<QuotaOutcome> quota =
        QuotaService(ctx.app()).quota(QuotaRequest{pool, indexes.value(), ctx.args().has(u"--refresh"_s)});
    if (!quota)
        return ctx.fail(quota.error());
    const qint64 now = Clock::instance().nowMs();
    QJsonArray accounts;
    QString text;
    for (const QuotaRow &row : std::as_const(quota->rows)) {
        const int i = row.index;
        const UsageReading &r = row.reading;
        const std::optional<QuotaEntry> &entry = row.entry;
        const bool failed = row.failed;
        AccountFacts facts;
        facts.quota = entry;
        QJsonObject o = accountObject(pool, i, facts, now, ctx.redact());
        o.insert(u"source"_s, r.fresh ? u"usage-endpoint"_s : u"cache"_s);
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
    if (quota->anyFailed) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::Network, u"some quota readings failed; cached values are shown"_s), json);
    }
    return ctx.succeed(text, json);
}

} // namespace cma::cli
