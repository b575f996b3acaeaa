#include "cli/clisupport.h"
#include "cli/commands.h"
#include "auth/jwt.h"
#include "codex/codexauth.h"
#include "util/clock.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

QString quotaLine(const CommandContext &ctx, const QuotaEntry &q, qint64 now)
{
    QStringList parts;
    for (const QuotaWindow *w : {&q.primary, &q.secondary}) {
        if (w->isEmpty() || !w->usedPercent)
            continue;
        const bool reset = w->resetAtMs && *w->resetAtMs <= now;
        const double left = reset ? 100.0 : std::clamp(100.0 - *w->usedPercent, 0.0, 100.0);
        QString text = u"%1 %2% left"_s.arg(windowLabel(w->windowMinutes.value_or(0))).arg(std::llround(left));
        if (w->resetAtMs && !reset)
            text += u", resets "_s + formatClock(*w->resetAtMs, now);
        else if (reset)
            text += u", refreshing…"_s;
        const std::optional<CommandContext::Paint> paint = ctx.paintForLeft(left);
        parts.append(paint ? ctx.paint(text, *paint) : text);
    }
    if (parts.isEmpty())
        return {};
    return parts.join(u" | "_s) + u" (quota %1 old)"_s.arg(formatDuration(now - q.updatedAt));
}

QString emptyPoolLine(const LoadedPool &loaded)
{
    switch (loaded.health) {
    case StorageHealth::IntentionalReset:
        return u"No accounts configured. Storage was intentionally reset."_s;
    case StorageHealth::Corrupt:
        return u"No accounts configured. Storage appears corrupted."_s;
    case StorageHealth::Recoverable:
        return u"No accounts configured. Recovery artifacts are available."_s;
    default:
        return u"No accounts configured."_s;
    }
}

} // namespace

int runStatus(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx, /*allowCorrupt=*/true);
    if (!loaded)
        return ctx.fail(loaded.error());
    AppContext &app = ctx.app();
    const qint64 now = Clock::instance().nowMs();
    const AccountPool &pool = loaded->pool;
    const bool redact = ctx.redact();
    const QList<AccountFacts> facts = gatherFacts(app, pool);
    QHash<int, ForecastInput> inputs;
    for (int i = 0; i < facts.size(); ++i)
        inputs.insert(i, facts[i].forecastInput());
    const QList<AccountForecast> forecast = Forecaster::evaluateAll(pool, app.quotaCache(), now, inputs);
    const Recommendation rec = Forecaster::recommend(forecast);

    int codexIndex = -1;
    bool foreignCodexAccount = false;
    QString foreignCodexEmail;
    if (Result<CodexAuth> live = CodexAuth::readFile(app.paths().codexAuthPath()); live && live->isChatGpt()) {
        codexIndex = live->findInPool(pool);
        foreignCodexAccount = codexIndex < 0;
        if (foreignCodexAccount)
            foreignCodexEmail = TokenIdentity::fromTokens(live->idToken, live->accessToken).email;
    }
    const QString storagePath = app.repository().store().path();
    const QString health =
        storageHealthName(loaded->health == StorageHealth::Empty ? StorageHealth::Empty : loaded->health);
    const QString secrets = secretModeName(app.repository().mode());
    if (loaded->readOnly())
        ctx.console().err() << "warning: this pool was written by a newer version; it is read-only here\n";

    QJsonArray accounts;
    QString text;
    QTextStream t(&text);
    t << "Accounts (" << pool.accounts.size() << ")\n";
    t << "Storage: " << app.paths().displayPath(storagePath) << "\n";
    t << "Storage health: " << health << "\n";
    t << "Secrets: " << secrets << "\n";
    if (pool.accounts.isEmpty()) {
        t << emptyPoolLine(*loaded) << "\n";
    } else {
        if (rec.recommendedIndex)
            t << "Selection reason: account " << (*rec.recommendedIndex + 1) << " (" << rec.reason << ")\n";
        else
            t << "Selection reason: none (" << rec.reason << ")\n";
        if (pool.pinnedAccountIndex)
            t << "Pinned: account " << (*pool.pinnedAccountIndex + 1) << " (set by switch)\n";
        if (codexIndex >= 0 && codexIndex != pool.currentIndex())
            t << "Codex auth.json holds account " << codexIndex + 1 << ", the pool selects account "
              << pool.currentIndex() + 1 << "; run codex-multi-auth --cli switch " << codexIndex + 1 << "\n";
        if (foreignCodexAccount)
            t << "Codex auth.json holds an account that is not in the pool ("
              << (redact ? maskEmail(foreignCodexEmail) : foreignCodexEmail)
              << "); add it with codex-multi-auth --cli import --from-codex\n";
        t << "\n";
    }
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        const QStringList markers = markersFor(pool, i, facts[i], now);
        const QString label = u"%1. %2"_s.arg(i + 1).arg(accountText(pool, i, redact));
        t << (i == pool.currentIndex() ? ctx.paint(label, CommandContext::Paint::Bold) : label);
        if (!markers.isEmpty()) {
            QStringList shown;
            for (const QString &m : markers)
                shown.append(m == "quota-exhausted"_L1 || m.startsWith(u"token-invalid"_s)
                                 ? ctx.paint(m, CommandContext::Paint::Danger)
                             : m == "rate-limited"_L1 || m.startsWith(u"cooldown"_s)
                                 ? ctx.paint(m, CommandContext::Paint::Warning)
                                 : m);
            t << " [" << shown.join(u", "_s) << "]";
        }
        t << (a.lastUsed > 0 ? u" used "_s + formatAgo(a.lastUsed, now) : u" never used"_s) << "\n";
        const QString reason = forecast[i].reasons.value(0);
        if (!reason.isEmpty())
            t << "   reason: " << reason << "\n";
        if (facts[i].quota) {
            const QString line = quotaLine(ctx, *facts[i].quota, now);
            if (!line.isEmpty())
                t << "   " << line << "\n";
        }
        QJsonObject o = accountObject(pool, i, facts[i], now, redact);
        o.insert(u"lastUsed"_s, double(a.lastUsed));
        o.insert(u"reason"_s, reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason));
        if (facts[i].quota) {
            const QuotaEntry &q = *facts[i].quota;
            o.insert(u"quota"_s, QJsonObject{{u"updatedAt"_s, double(q.updatedAt)},
                                             {u"stale"_s, isStaleReading(q.updatedAt, now)},
                                             {u"primary"_s, windowJson(q.primary)},
                                             {u"secondary"_s, windowJson(q.secondary)}});
        } else {
            o.insert(u"quota"_s, QJsonValue::Null);
        }
        accounts.append(o);
    }
    t.flush();

    auto nullable = [](std::optional<int> v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); };
    QJsonObject json{
        {u"storagePath"_s, storagePath},
        {u"storageHealth"_s, health},
        {u"secretStorage"_s, secrets},
        {u"accountCount"_s, pool.accounts.size()},
        {u"activeIndex"_s, pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pool.currentIndex())},
        {u"pinnedAccountIndex"_s, nullable(pool.pinnedAccountIndex)},
        {u"recommendedIndex"_s, nullable(rec.recommendedIndex)},
        {u"recommendationReason"_s, pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rec.reason)},
        {u"runtimeInUseIndex"_s, QJsonValue::Null},
        {u"codexAuthIndex"_s, codexIndex >= 0 ? QJsonValue(codexIndex) : QJsonValue(QJsonValue::Null)},
        {u"accounts"_s, accounts},
    };
    if (loaded->health == StorageHealth::Corrupt) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(
            makeError(ErrorCode::StorageUnreadable, u"%1 cannot be read (%2); run codex-multi-auth --cli doctor"_s.arg(
                                                        storagePath, loaded->corruption)),
            json);
    }
    return ctx.succeed(text, json);
}

} // namespace cma::cli
