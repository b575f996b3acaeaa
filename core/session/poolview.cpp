#include "poolview.h"

#include "appcontext.h"
#include "quota/quotasamples.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

std::optional<double> quotaLeft(const QuotaWindow &w, qint64 now)
{
    if (!w.usedPercent)
        return std::nullopt;
    if (w.resetAtMs && *w.resetAtMs <= now)
        return 100.0; // refreshing…
    return std::clamp(100.0 - *w.usedPercent, 0.0, 100.0);
}

PoolView PoolView::gather(AppContext &app, qint64 now)
{
    PoolView v;
    v.now = now;
    app.settings().reload();
    const QJsonValue hide = app.settings().value(u"desktop"_s, u"hidePersonalInfo"_s);
    v.hidePersonalInfo = hide.isBool() && hide.toBool();
    v.resetTimeStyle = app.settings().desktopString(u"resetTimeStyle"_s, u"both"_s);
    AccountRepository &repo = app.repository();
    v.storagePath = repo.store().path();
    v.secretMode = secretModeName(repo.mode());
    const QFileInfo info(v.storagePath);
    if (info.exists())
        v.lastSaved = info.lastModified().toMSecsSinceEpoch();
    v.keychainAvailable = repo.keychain() != nullptr;
    Result<LoadedPool> loaded = repo.load();
    if (loaded) {
        v.pool = loaded->pool;
        v.health = loaded->health;
        v.healthText = displayName(storageHealthName(loaded->health));
        if (loaded->health == StorageHealth::Corrupt)
            v.storageProblem = tr("The account storage is damaged: %1").arg(loaded->corruption);
        else if (loaded->health == StorageHealth::Recoverable)
            v.storageProblem =
                tr("The account storage was recovered from %1.").arg(QFileInfo(loaded->source).fileName());
    } else {
        v.storageBusy = true;
        v.healthText = tr("busy");
        v.storageProblem = loaded.error().message;
    }
    app.quotaCache().reload();
    app.quotaSamples().reload();
    v.facts = gatherFacts(app, v.pool, /*checkSecrets=*/false);
    for (const AccountFacts &f : std::as_const(v.facts))
        v.keychainLocked = v.keychainLocked || f.secret == SecretState::Unavailable;
    v.derive(&app.quotaSamples());
    v.runtimeOverlayAvailable = QFileInfo::exists(app.paths().root + u"/runtime-observability.json"_s);

    if (Result<LoadedPool> f = PoolStore(app.paths().flaggedPath(), PoolStore::Kind::Flagged).load()) {
        for (const Account &a : f->pool.accounts) {
            FlaggedAccount fa;
            fa.account = a;
            fa.flaggedAt = qint64(a.extra.value(u"flaggedAt"_s).toDouble());
            fa.reason = a.extra.value(u"flaggedReason"_s).toString();
            fa.lastError = a.extra.value(u"lastError"_s).toString();
            v.flagged.append(fa);
        }
    }
    return v;
}

void PoolView::derive(const QuotaSamples *samples)
{
    QHash<int, ForecastInput> inputs;
    QList<std::optional<QuotaEntry>> quota;
    for (int i = 0; i < facts.size(); ++i) {
        inputs.insert(i, facts[i].forecastInput());
        quota.append(facts[i].quota);
    }
    ForecastOptions options;
    options.loginHint = tr("Add an account");
    forecast.clear();
    for (int i = 0; i < pool.accounts.size(); ++i)
        forecast.append(Forecaster::evaluate(pool, i, quota.value(i), now, inputs.value(i), std::nullopt, options));
    recommendation = Forecaster::recommend(forecast, options);
    summary = Forecaster::summarize(forecast);
    readyFirst = readyFirstOrder(pool, quota, now, inputs);
    runway = computeRunway(pool, forecast, quota, now, samples);
}

QString PoolView::email(int index) const
{
    const std::optional<QString> &e = pool.accounts[index].email;
    if (!e || e->isEmpty())
        return {};
    return hidePersonalInfo ? maskEmail(*e) : *e;
}

QString PoolView::accountId(int index) const
{
    const QString id = pool.accounts[index].accountId.value_or(QString());
    return hidePersonalInfo ? maskAccountId(id) : id;
}

QString shortAccountLabel(const Account &a, int index, bool hidePersonalInfo)
{
    if (a.accountLabel && !a.accountLabel->isEmpty())
        return *a.accountLabel;
    if (a.email && !a.email->isEmpty())
        return hidePersonalInfo ? maskEmail(*a.email) : *a.email;
    return QCoreApplication::translate("PoolView", "Account %1").arg(index + 1);
}

QString PoolView::label(int index) const
{
    return shortAccountLabel(pool.accounts[index], index, hidePersonalInfo);
}

QString PoolView::resetText(const QuotaWindow &w) const
{
    if (!w.resetAtMs)
        return {};
    if (*w.resetAtMs <= now)
        return tr("refreshing…");
    const QString clock = formatClock(*w.resetAtMs, now), in = formatDuration(*w.resetAtMs - now);
    if (resetTimeStyle == "absolute"_L1)
        return tr("resets %1").arg(clock);
    if (resetTimeStyle == "relative"_L1)
        return tr("resets in %1").arg(in);
    return tr("resets %1 (in %2)").arg(clock, in);
}

QString PoolView::badge(int index) const
{
    const AccountFacts &f = facts[index];
    return statusBadge(pool.accounts[index], index == pool.currentIndex(), f.quota, now, f.forecastInput());
}

QString PoolView::accessibleWindowText(const QuotaWindow &w) const
{
    const std::optional<double> left = quotaLeft(w, now);
    const int minutes = w.windowMinutes.value_or(0);
    const QString name = minutes == 300     ? tr("5-hour window")
                         : minutes == 10080 ? tr("Weekly window")
                                            : tr("%1 window").arg(windowLabel(minutes));
    if (!left)
        return tr("%1, no data").arg(name);
    QString text = tr("%1, %2 percent left").arg(name).arg(std::llround(*left));
    if (w.resetAtMs && *w.resetAtMs > now)
        text += tr(", resets at %1").arg(formatClock(*w.resetAtMs, now));
    return text;
}

QString displayName(const QString &name)
{
    static const QHash<QString, const char *> names{
        {u"active"_s, QT_TRANSLATE_NOOP("PoolView", "active")},
        {u"ok"_s, QT_TRANSLATE_NOOP("PoolView", "ok")},
        {u"quota-exhausted"_s, QT_TRANSLATE_NOOP("PoolView", "quota-exhausted")},
        {u"rate-limited"_s, QT_TRANSLATE_NOOP("PoolView", "rate-limited")},
        {u"cooldown"_s, QT_TRANSLATE_NOOP("PoolView", "cooldown")},
        {u"disabled"_s, QT_TRANSLATE_NOOP("PoolView", "disabled")},
        {u"error"_s, QT_TRANSLATE_NOOP("PoolView", "error")},
        {u"flagged"_s, QT_TRANSLATE_NOOP("PoolView", "flagged")},
        {u"needs-login"_s, QT_TRANSLATE_NOOP("PoolView", "needs-login")},
        {u"unknown"_s, QT_TRANSLATE_NOOP("PoolView", "unknown")},
        {u"paused"_s, QT_TRANSLATE_NOOP("PoolView", "paused")},
        {u"ready"_s, QT_TRANSLATE_NOOP("PoolView", "ready")},
        {u"delayed"_s, QT_TRANSLATE_NOOP("PoolView", "delayed")},
        {u"unavailable"_s, QT_TRANSLATE_NOOP("PoolView", "unavailable")},
        {u"low"_s, QT_TRANSLATE_NOOP("PoolView", "low")},
        {u"medium"_s, QT_TRANSLATE_NOOP("PoolView", "medium")},
        {u"high"_s, QT_TRANSLATE_NOOP("PoolView", "high")},
        {u"healthy"_s, QT_TRANSLATE_NOOP("PoolView", "healthy")},
        {u"empty"_s, QT_TRANSLATE_NOOP("PoolView", "empty")},
        {u"recoverable"_s, QT_TRANSLATE_NOOP("PoolView", "recoverable")},
        {u"corrupt"_s, QT_TRANSLATE_NOOP("PoolView", "corrupt")},
        {u"intentional-reset"_s, QT_TRANSLATE_NOOP("PoolView", "intentional-reset")},
        {u"read-only"_s, QT_TRANSLATE_NOOP("PoolView", "read-only")},
    };
    const char *n = names.value(name);
    return n ? QCoreApplication::translate("PoolView", n) : name;
}

QString lastUsedText(qint64 lastUsed, qint64 now)
{
    if (lastUsed <= 0)
        return QCoreApplication::translate("PoolView", "never");
    const QDate today = QDateTime::fromMSecsSinceEpoch(now).date();
    const QDate day = QDateTime::fromMSecsSinceEpoch(lastUsed).date();
    const qint64 days = day.daysTo(today);
    if (days <= 0)
        return QCoreApplication::translate("PoolView", "today");
    if (days == 1)
        return QCoreApplication::translate("PoolView", "yesterday");
    if (days < 7)
        return QCoreApplication::translate("PoolView", "%1d ago").arg(days);
    if (days < 35)
        return QCoreApplication::translate("PoolView", "%1w ago").arg(days / 7);
    return QLocale().toString(day, QLocale::ShortFormat);
}

QString tokenText(const Account &a, const AccountFacts &facts, qint64 now)
{
    if (a.authInvalidatedAt || facts.secret == SecretState::Missing)
        return QCoreApplication::translate("PoolView", "re-login needed");
    if (a.expiresAt && *a.expiresAt > now)
        return QCoreApplication::translate("PoolView", "expires in %1").arg(formatDuration(*a.expiresAt - now));
    if (a.lastRefresh)
        return QCoreApplication::translate("PoolView", "refreshed %1").arg(formatAgo(*a.lastRefresh, now));
    return QCoreApplication::translate("PoolView", "expired");
}

} // namespace cma
