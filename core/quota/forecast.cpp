#include "forecast.h"

#include "util/redact.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

QString availabilityName(Availability a)
{
    switch (a) {
    case Availability::Ready:
        return u"ready"_s;
    case Availability::Delayed:
        return u"delayed"_s;
    case Availability::Unavailable:
        return u"unavailable"_s;
    }
    return {};
}

bool RefreshFailure::isHard() const
{
    if (reason == "missing_refresh"_L1)
        return true;
    const QString code = errorCode.toLower();
    if (code == "refresh_token_expired"_L1 || code == "refresh_token_reused"_L1 ||
        code == "refresh_token_invalidated"_L1 || code == "token_revoked"_L1)
        return true;
    if (!statusCode)
        return false;
    const int s = *statusCode;
    if (s == 401)
        return true;
    if (s == 400 && code == "invalid_grant"_L1)
        return true;
    if (s >= 400 && s < 500 && s != 403 && s != 408 && s != 429) {
        const QString m = message.toLower();
        for (const char *phrase :
             {"invalid_grant", "invalid refresh", "token has been revoked", "token has been invalidated"}) {
            if (m.contains(QLatin1String(phrase)))
                return true;
        }
    }
    return false;
}

QString RefreshFailure::detail() const
{
    if (!reason.isEmpty())
        return statusCode ? u"%1 (%2)"_s.arg(reason).arg(*statusCode) : reason;
    QString m = message;
    static const QRegularExpression bearer(u"Bearer\\s+\\S+"_s);
    static const QRegularExpression key(u"sk-[A-Za-z0-9_-]+"_s);
    static const QRegularExpression email(u"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]+"_s);
    m.replace(bearer, u"Bearer ***"_s);
    m.replace(key, u"***"_s);
    QRegularExpressionMatchIterator it = email.globalMatch(m);
    QStringList found;
    while (it.hasNext())
        found.append(it.next().captured());
    for (const QString &e : std::as_const(found))
        m.replace(e, maskEmail(e));
    m = m.left(160);
    return m.isEmpty() ? u"refresh failed"_s : m;
}

QString Forecaster::waitText(qint64 ms)
{
    const qint64 s = ms < 0 ? 0 : ms / 1000;
    const qint64 m = s / 60;
    if (m > 0)
        return u"%1m %2s"_s.arg(m).arg(s % 60);
    return u"%1s"_s.arg(s);
}

qint64 storedRateLimitUntil(const Account &account, const QString &family, const QString &model, qint64 now)
{
    if (!account.rateLimitResetTimes)
        return 0;
    const QMap<QString, qint64> &times = *account.rateLimitResetTimes;
    if (!model.isEmpty()) {
        qint64 r = 0;
        for (const QString &key : QStringList{family, family + u':' + model}) {
            const qint64 v = times.value(key, 0);
            if (v > now)
                r = std::max(r, v);
        }
        return r;
    }
    qint64 r = 0;
    for (auto it = times.begin(); it != times.end(); ++it) {
        if ((it.key() == family || it.key().startsWith(family + u':')) && it.value() > now)
            r = r == 0 ? it.value() : std::min(r, it.value());
    }
    return r;
}

AccountForecast Forecaster::evaluate(const AccountPool &pool, int index, const std::optional<QuotaEntry> &quota,
                                     qint64 now, const ForecastInput &input,
                                     const std::optional<RuntimeOverlay> &overlay, const Options &options)
{
    const Account &a = pool.accounts[index];
    AccountForecast f;
    f.index = index;
    f.isCurrent = index == pool.currentIndex();
    f.label = accountLabelText(a, index + 1, true);
    double risk = f.isCurrent ? -5 : 0;
    double wait = 0;
    f.disabled = !a.isEnabled();
    auto delay = [&] {
        if (f.availability == Availability::Ready)
            f.availability = Availability::Delayed;
    };
    auto add = [&](double r, const QString &reason) {
        risk += r;
        if (!reason.isEmpty())
            f.reasons.append(reason);
    };

    if (f.disabled) {
        add(95, u"account is disabled"_s);
        f.availability = Availability::Unavailable;
    }
    if (a.authInvalidatedAt) {
        add(95, u"token-invalid — re-login needed"_s);
        f.availability = Availability::Unavailable;
    }
    if (input.refreshFailure) {
        if (input.refreshFailure->isHard()) {
            add(90, u"hard auth failure: "_s + input.refreshFailure->detail());
            f.availability = Availability::Unavailable;
            f.hardFailure = true;
        } else {
            add(25, u"refresh warning: "_s + input.refreshFailure->detail());
        }
    }
    if (a.coolingDownUntil && *a.coolingDownUntil > now) {
        const qint64 remaining = *a.coolingDownUntil - now;
        wait = std::max(wait, double(remaining));
        delay();
        add(45, u"cooldown remaining "_s + waitText(remaining));
    }
    const qint64 limit = storedRateLimitUntil(a, options.family, options.model, now);
    if (limit > 0) {
        wait = std::max(wait, double(limit - now));
        delay();
        add(35, u"rate limit resets in "_s + waitText(limit - now));
    }
    if (const std::optional<QuotaEntry> &entry = quota; entry && entry->exhausted(now)) {
        qint64 q = -1;
        for (const QuotaWindow *w : {&entry->primary, &entry->secondary}) {
            if (w->usedPercent && *w->usedPercent >= 100 && w->resetAtMs && *w->resetAtMs > now)
                q = std::max(q, *w->resetAtMs - now);
        }
        if (q < 0)
            q = qint64(wait);
        wait = std::max(wait, double(q));
        delay();
        f.exhausted = true;
        add(60, u"quota cache exhausted"_s);
        if (q > 0)
            f.reasons.append(u"quota resets in "_s + waitText(q));
    }
    if (overlay) {
        if (overlay->policyBlockedIndexes.contains(index)) {
            add(95, u"runtime policy blocked account"_s);
            f.availability = Availability::Unavailable;
        } else {
            QString reason = overlay->accountSkipReasons.value(index);
            if (reason.isEmpty())
                reason = overlay->lastPoolExhaustionSkipReasons.value(index);
            const bool stale =
                (reason == "rate-limited"_L1 && limit == 0) ||
                (reason.startsWith(u"cooling-down"_s) && !(a.coolingDownUntil && *a.coolingDownUntil > now));
            if (!reason.isEmpty() && reason != "already-attempted"_L1 && !stale) {
                add(reason == "circuit-open"_L1      ? 90
                    : reason == "token-exhausted"_L1 ? 70
                                                     : 50,
                    u"runtime skip: "_s + reason);
                f.availability = Availability::Unavailable;
            }
        }
    }
    if (input.liveQuota) {
        const LiveQuota &live = *input.liveQuota;
        const double p = live.primary.usedPercent.value_or(0);
        const double s = live.secondary.usedPercent.value_or(0);
        const bool pressure = live.status == 429 || p >= 90 || s >= 90;
        if (live.status == 429) {
            add(35, u"live probe returned 429"_s);
            delay();
        }
        if (pressure) {
            qint64 liveWait = 0;
            for (const QuotaWindow *w : {&live.primary, &live.secondary}) {
                if (!w->resetAtMs || *w->resetAtMs <= now)
                    continue;
                if (live.status == 429 || (w->usedPercent && *w->usedPercent >= 100))
                    liveWait = std::max(liveWait, *w->resetAtMs - now);
            }
            wait = std::max(wait, double(liveWait));
            if (liveWait > 0)
                delay();
        }
        for (const QuotaWindow *w : {&live.primary, &live.secondary}) {
            if (w->usedPercent && *w->usedPercent >= 100 && !w->resetAtMs) {
                f.exhausted = true;
                delay();
            }
        }
        if (live.primary.usedPercent)
            f.reasons.append(
                u"primary quota %1% used"_s.arg(std::clamp<qint64>(std::llround(*live.primary.usedPercent), 0, 100)));
        if (live.secondary.usedPercent)
            f.reasons.append(u"secondary quota %1% used"_s.arg(
                std::clamp<qint64>(std::llround(*live.secondary.usedPercent), 0, 100)));
        const double top = std::max(p, s);
        risk += top >= 98 ? 55 : top >= 90 ? 35 : top >= 80 ? 20 : top >= 70 ? 10 : 0;
    }
    if (a.lastUsed > 0) {
        const qint64 since = now - a.lastUsed;
        if (since < 0)
            risk += 5;
        else if (since > 7LL * 86400000)
            risk += 10;
    }
    if (input.paused || input.drained) {
        add(95, input.paused ? u"account paused"_s : u"account drained"_s);
        f.availability = Availability::Unavailable;
    }
    if (input.secret == SecretHealth::Missing) {
        add(95, u"secret missing — re-login needed"_s);
        f.availability = Availability::Unavailable;
    } else if (input.secret == SecretHealth::Unavailable) {
        add(50, u"keychain unavailable"_s);
        f.availability = Availability::Unavailable;
    }
    f.riskScore = std::isfinite(risk) ? int(std::clamp<double>(std::round(risk), 0, 100)) : 100;
    f.riskLevel = f.riskScore >= 75 ? u"high"_s : f.riskScore >= 40 ? u"medium"_s : u"low"_s;
    f.waitMs = std::max<qint64>(0, qint64(std::floor(wait)));
    return f;
}

QList<AccountForecast> Forecaster::evaluateAll(const AccountPool &pool, const QuotaCache &cache, qint64 now,
                                               const QHash<int, ForecastInput> &inputs,
                                               const std::optional<RuntimeOverlay> &overlay, const Options &options)
{
    QList<AccountForecast> out;
    out.reserve(pool.accounts.size());
    const QList<std::optional<QuotaEntry>> quota = cache.entriesFor(pool);
    for (int i = 0; i < pool.accounts.size(); ++i)
        out.append(evaluate(pool, i, quota[i], now, inputs.value(i), overlay, options));
    return out;
}

bool Forecaster::recommendedBefore(const AccountForecast *a, const AccountForecast *b)
{
    if (a->availability != b->availability)
        return a->availability == Availability::Ready;
    if (a->availability == Availability::Delayed && a->waitMs != b->waitMs)
        return a->waitMs < b->waitMs;
    if (a->riskScore != b->riskScore)
        return a->riskScore < b->riskScore;
    if (a->isCurrent != b->isCurrent)
        return a->isCurrent;
    return a->index < b->index;
}

Recommendation Forecaster::recommend(const QList<AccountForecast> &results, const Options &options)
{
    QList<const AccountForecast *> candidates;
    bool blockedButRecoverable = false;
    for (const AccountForecast &r : results) {
        if (!r.disabled && !r.hardFailure && !r.exhausted && r.availability != Availability::Unavailable)
            candidates.append(&r);
        else if (!r.disabled && !r.hardFailure)
            blockedButRecoverable = true;
    }
    Recommendation rec;
    if (candidates.isEmpty()) {
        rec.reason =
            blockedButRecoverable
                ? u"All accounts are blocked or exhausted. Wait for a reset, clear the block, or run %1 to add a fresh account."_s
                      .arg(options.loginHint)
                : u"No healthy accounts are available. Run %1 to add a fresh account."_s.arg(options.loginHint);
        return rec;
    }
    std::stable_sort(candidates.begin(), candidates.end(), &Forecaster::recommendedBefore);
    const AccountForecast *winner = candidates.first();
    rec.recommendedIndex = winner->index;
    rec.reason = winner->availability == Availability::Ready
                     ? u"Lowest risk ready account (%1, score %2)."_s.arg(winner->riskLevel).arg(winner->riskScore)
                     : u"No account is immediately ready; pick shortest wait (%1)."_s.arg(waitText(winner->waitMs));
    return rec;
}

ForecastSummary Forecaster::summarize(const QList<AccountForecast> &results)
{
    ForecastSummary s;
    s.total = int(results.size());
    for (const AccountForecast &r : results) {
        s.ready += r.availability == Availability::Ready;
        s.delayed += r.availability == Availability::Delayed;
        s.unavailable += r.availability == Availability::Unavailable;
        s.highRisk += r.riskLevel == "high"_L1;
    }
    return s;
}

QString statusBadge(const Account &account, bool isCurrent, const std::optional<QuotaEntry> &quota, qint64 now,
                    const ForecastInput &input)
{
    if (!account.isEnabled())
        return u"disabled"_s;
    if (account.authInvalidatedAt || input.secret == SecretHealth::Missing ||
        (input.refreshFailure && input.refreshFailure->isHard()))
        return u"needs-login"_s;
    if (input.paused || input.drained)
        return u"paused"_s;
    if (account.coolingDownUntil && *account.coolingDownUntil > now)
        return u"cooldown"_s;
    if (quota && quota->exhausted(now))
        return u"quota-exhausted"_s;
    if ((quota && quota->status == 429) || storedRateLimitUntil(account, u"codex"_s, {}, now) > 0)
        return u"rate-limited"_s;
    if (isCurrent)
        return u"active"_s;
    return u"ok"_s;
}

QList<int> readyFirstOrder(const AccountPool &pool, const QList<std::optional<QuotaEntry>> &quota, qint64 now,
                           const QHash<int, ForecastInput> &inputs, bool pinCurrentToTop)
{
    struct Key
    {
        int index, bucket, floor, primaryLeft, secondaryLeft;
        qint64 lastUsed;
    };
    QList<Key> keys;
    keys.reserve(pool.accounts.size());
    const int current = pool.currentIndex();
    auto left = [](const QuotaWindow &w) {
        return w.usedPercent ? int(std::clamp<double>(std::round(100 - *w.usedPercent), 0, 100)) : -1;
    };
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        const std::optional<QuotaEntry> &q = quota[i];
        const QString badge = statusBadge(a, i == current, q, now, inputs.value(i));
        int bucket = 1;
        if (badge == "active"_L1 || badge == "ok"_L1)
            bucket = q ? 0 : 1;
        if (badge == "quota-exhausted"_L1 || badge == "cooldown"_L1 || badge == "rate-limited"_L1)
            bucket = 2;
        if (badge == "disabled"_L1 || badge == "needs-login"_L1 || badge == "paused"_L1)
            bucket = 3;
        if (bucket < 2 && q && (q->status == 429 || q->exhausted(now)))
            bucket = 2;
        const int p = q ? left(q->primary) : -1;
        const int s = q ? left(q->secondary) : -1;
        keys.append({i, bucket, std::min(p, s), p, s, a.lastUsed});
    }
    std::stable_sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        if (a.bucket != b.bucket)
            return a.bucket < b.bucket;
        if (a.floor != b.floor)
            return a.floor > b.floor;
        if (a.primaryLeft != b.primaryLeft)
            return a.primaryLeft > b.primaryLeft;
        if (a.secondaryLeft != b.secondaryLeft)
            return a.secondaryLeft > b.secondaryLeft;
        if (a.lastUsed != b.lastUsed)
            return a.lastUsed > b.lastUsed;
        return a.index < b.index;
    });
    QList<int> order;
    order.reserve(keys.size());
    for (const Key &k : keys)
        order.append(k.index);
    if (pinCurrentToTop && current >= 0) {
        order.removeOne(current);
        order.prepend(current);
    }
    return order;
}

} // namespace cma
