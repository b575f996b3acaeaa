#include "runway.h"

#include <QCoreApplication>

#include "quota/quotasamples.h"

#include "util/timefmt.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

Pace computePace(const QuotaWindow &w, qint64 now, std::optional<double> rate)
{
    Pace p;
    if (!w.usedPercent || !w.windowMinutes || !w.resetAtMs || *w.windowMinutes <= 0)
        return p;
    const double u = *w.usedPercent;
    const double L = double(*w.windowMinutes) * 60000.0;
    const double e = std::clamp(L - double(*w.resetAtMs - now), 0.0, L);
    if (u >= 100 && *w.resetAtMs > now) {
        p.visible = true;
        p.empty = true;
        return p;
    }
    if (e < 0.03 * L)
        return p;
    p.visible = true;
    p.paceDelta = u - 100.0 * e / L;
    const double r = rate.value_or(e > 0 ? u / e : 0);
    if (r > 0 && u < 100) {
        const qint64 out = now + qint64((100.0 - u) / r);
        if (out >= *w.resetAtMs)
            p.lastsUntilReset = true;
        else
            p.runsOutAt = out;
    } else {
        p.lastsUntilReset = true;
    }
    return p;
}

QString Pace::text(qint64 now) const
{
    if (!visible)
        return {};
    // Translated in the desktop app; the command line installs no translator and stays English.
    if (empty)
        return QCoreApplication::translate("Runway", "empty until reset");
    const QString delta = paceDelta >= 0
                              ? QCoreApplication::translate("Runway", "%1% in deficit").arg(std::llround(paceDelta))
                              : QCoreApplication::translate("Runway", "%1% in reserve").arg(std::llround(-paceDelta));
    if (runsOutAt)
        return QCoreApplication::translate("Runway", "%1 · runs out ~%2").arg(delta, formatClock(*runsOutAt, now));
    return QCoreApplication::translate("Runway", "%1 · lasts until reset").arg(delta);
}

QJsonValue Pace::toJson() const
{
    if (!visible)
        return QJsonValue::Null;
    return QJsonObject{{u"paceDelta"_s, std::round(paceDelta * 10) / 10},
                       {u"runsOutAt"_s, runsOutAt ? QJsonValue(double(*runsOutAt)) : QJsonValue(QJsonValue::Null)},
                       {u"lastsUntilReset"_s, lastsUntilReset},
                       {u"empty"_s, empty}};
}

namespace {
struct SimWindow
{
    double used = 0;
    qint64 length = 0;
    qint64 reset = 0;
};
struct Participant
{
    int index = 0;
    qint64 blockedUntil = 0;
    QList<SimWindow> windows;
    bool usable(qint64 t) const
    {
        if (t < blockedUntil)
            return false;
        for (const SimWindow &w : windows)
            if (w.used >= 100)
                return false;
        return true;
    }
    qint64 readyAt(qint64 t) const
    {
        qint64 at = std::max(t, blockedUntil);
        for (const SimWindow &w : windows)
            if (w.used >= 100)
                at = std::max(at, w.reset);
        return at;
    }
};
} // namespace

Runway computeRunway(const AccountPool &pool, const QList<AccountForecast> &forecast,
                     const QList<std::optional<QuotaEntry>> &quota, qint64 now, const QuotaSamples *samples)
{
    Runway r;
    if (pool.accounts.isEmpty()) {
        r.state = u"empty"_s;
        return r;
    }
    const qint64 horizon = now + 7LL * 86400000;
    QList<Participant> parts;
    QList<int> order; // recommendation order: ready first, shortest wait, lowest risk, current, index
    for (const AccountForecast &f : forecast) {
        if (f.availability == Availability::Unavailable)
            continue;
        Participant p;
        p.index = f.index;
        p.blockedUntil = f.availability == Availability::Delayed ? now + f.waitMs : now;
        const std::optional<QuotaEntry> &q = quota.value(f.index);
        for (const QuotaWindow *w : {q ? &q->primary : nullptr, q ? &q->secondary : nullptr}) {
            if (!w || w->isEmpty())
                continue;
            SimWindow s;
            s.length = qint64(w->windowMinutes.value_or(w == &q->primary ? 300 : 10080)) * 60000;
            if (!w->usedPercent)
                r.approximate = true;
            s.used = w->usedPercent.value_or(0);
            if (w->resetAtMs && *w->resetAtMs > now)
                s.reset = *w->resetAtMs;
            else if (w->resetAtMs) {
                s.reset = *w->resetAtMs + s.length * ((now - *w->resetAtMs) / s.length + 1);
                s.used = 0;
            } else {
                s.reset = now + s.length;
                r.approximate = true;
            }
            p.windows.append(s);
        }
        parts.append(p);
    }
    QList<const AccountForecast *> sorted;
    for (const AccountForecast &f : forecast)
        if (f.availability != Availability::Unavailable)
            sorted.append(&f);
    std::stable_sort(sorted.begin(), sorted.end(), &Forecaster::recommendedBefore);
    for (const AccountForecast *f : std::as_const(sorted))
        order.append(f->index);
    r.participantCount = int(parts.size());
    auto partOf = [&](int index) -> Participant * {
        for (Participant &p : parts)
            if (p.index == index)
                return &p;
        return nullptr;
    };
    for (const Participant &p : parts)
        r.readyCount += p.usable(now) ? 1 : 0;

    // nextReadyAt: the earliest time a participant not usable now becomes usable.
    for (const Participant &p : parts) {
        if (p.usable(now))
            continue;
        const qint64 at = p.readyAt(now);
        if (!r.nextReadyAt || at < *r.nextReadyAt) {
            r.nextReadyAt = at;
            r.nextReadyIndex = p.index;
        }
    }

    // Burn rate: the current account's trailing rate; else the most recently used account with
    // one; else the current account's window average.
    const int current = pool.currentIndex();
    auto trailingOf = [&](int index) {
        QMap<int, double> rates;
        if (!samples || index < 0 || index >= quota.size() || !quota[index])
            return rates;
        for (const QuotaWindow *w : {&quota[index]->primary, &quota[index]->secondary}) {
            if (!w->windowMinutes)
                continue;
            if (const std::optional<double> rate = samples->trailingRate(pool.accounts[index], *w->windowMinutes, now))
                rates.insert(*w->windowMinutes, *rate * 3600000.0);
        }
        return rates;
    };
    QList<int> byRecentUse;
    for (int i = 0; i < pool.accounts.size(); ++i)
        if (i != current)
            byRecentUse.append(i);
    std::stable_sort(byRecentUse.begin(), byRecentUse.end(),
                     [&](int a, int b) { return pool.accounts[a].lastUsed > pool.accounts[b].lastUsed; });
    if (current >= 0)
        byRecentUse.prepend(current);
    for (int i : std::as_const(byRecentUse)) {
        if (QMap<int, double> rates = trailingOf(i); !rates.isEmpty()) {
            r.percentPerHourByWindowMinutes = rates;
            r.burnSource = u"trailing"_s;
            r.burnAccountIndex = i;
            break;
        }
    }
    if (r.burnSource == "none"_L1 && current >= 0 && current < quota.size() && quota[current]) {
        for (const QuotaWindow *w : {&quota[current]->primary, &quota[current]->secondary}) {
            if (!w->usedPercent || !w->windowMinutes || !w->resetAtMs)
                continue;
            const double L = double(*w->windowMinutes) * 60000.0;
            const double e = std::clamp(L - double(*w->resetAtMs - now), 0.0, L);
            if (e < 0.03 * L || *w->usedPercent <= 0)
                continue;
            r.percentPerHourByWindowMinutes.insert(*w->windowMinutes, *w->usedPercent / e * 3600000.0);
            r.burnSource = u"window-average"_s;
            r.burnAccountIndex = current;
        }
    }

    // Lanes: each participant's state over [from, to), merged with the stretch before it.
    auto record = [&](const Participant &p, qint64 from, qint64 to, RunwaySegment::Kind kind) {
        if (to <= from)
            return;
        QList<RunwaySegment> &lane = r.lanes[p.index];
        if (!lane.isEmpty() && lane.last().kind == kind && lane.last().end == from)
            lane.last().end = to;
        else
            lane.append({from, to, kind});
    };
    // A participant's state at t: an exhausted window wins over a wait (that is why it waits).
    auto kindAt = [](const Participant &p, qint64 t) {
        for (const SimWindow &w : p.windows)
            if (w.used >= 100 && t < w.reset)
                return RunwaySegment::Kind::Exhausted;
        return t < p.blockedUntil ? RunwaySegment::Kind::Blocked : RunwaySegment::Kind::Usable;
    };
    // Without burning, states change only when waits end and exhausted windows reset.
    auto recordStatic = [&](qint64 from) {
        for (const Participant &p : std::as_const(parts)) {
            QList<qint64> edges{from, horizon};
            if (p.blockedUntil > from && p.blockedUntil < horizon)
                edges.append(p.blockedUntil);
            for (const SimWindow &w : p.windows)
                if (w.used >= 100 && w.reset > from && w.reset < horizon)
                    edges.append(w.reset);
            std::sort(edges.begin(), edges.end());
            for (int i = 0; i + 1 < edges.size(); ++i)
                record(p, edges[i], edges[i + 1], kindAt(p, edges[i]));
        }
    };
    if (r.readyCount == 0) {
        r.state = u"dry"_s;
        r.dryAt = now;
        recordStatic(now);
        return r;
    }
    if (r.burnSource == "none"_L1) {
        r.state = u"unknown"_s;
        recordStatic(now);
        return r;
    }
    // Simulation (at most 10 000 steps).
    qint64 t = now;
    for (int step = 0; step < 10000 && t < horizon; ++step) {
        Participant *serving = partOf(current);
        if (!serving || !serving->usable(t)) {
            serving = nullptr;
            for (int idx : std::as_const(order)) {
                Participant *p = partOf(idx);
                if (p && p->usable(t)) {
                    serving = p;
                    break;
                }
            }
        }
        if (!serving) {
            r.dryAt = t;
            recordStatic(t);
            t = horizon;
            break;
        }
        qint64 next = horizon;
        bool burning = false;
        for (const SimWindow &w : serving->windows) {
            const int minutes = int(w.length / 60000);
            if (!r.percentPerHourByWindowMinutes.contains(minutes)) {
                r.approximate = true;
                continue;
            }
            burning = true;
            const double perMs = r.percentPerHourByWindowMinutes.value(minutes) / 3600000.0;
            next = std::min(next, t + std::max<qint64>(1, qint64((100.0 - w.used) / perMs)));
        }
        if (!burning) {
            recordStatic(t);
            t = horizon;
            break;
        }
        for (const Participant &p : std::as_const(parts)) {
            for (const SimWindow &w : p.windows)
                next = std::min(next, w.reset);
            if (p.blockedUntil > t)
                next = std::min(next, p.blockedUntil);
        }
        next = std::max(next, t + 1);
        for (const Participant &p : std::as_const(parts)) {
            record(p, t, std::min(next, horizon), &p == serving ? RunwaySegment::Kind::Serving : kindAt(p, t));
        }
        for (SimWindow &w : serving->windows) {
            const int minutes = int(w.length / 60000);
            if (r.percentPerHourByWindowMinutes.contains(minutes))
                w.used = std::min(100.0, w.used + r.percentPerHourByWindowMinutes.value(minutes) / 3600000.0 *
                                                      double(next - t));
        }
        for (Participant &p : parts) {
            for (SimWindow &w : p.windows) {
                if (w.reset <= next) {
                    w.used = 0;
                    w.reset += w.length;
                }
            }
        }
        t = next;
    }
    if (t < horizon)
        recordStatic(t); // the step limit ran out
    r.state = r.dryAt && *r.dryAt < horizon ? u"limited"_s : u"ok"_s;
    return r;
}

QJsonObject Runway::toJson() const
{
    QJsonObject rates;
    for (auto it = percentPerHourByWindowMinutes.begin(); it != percentPerHourByWindowMinutes.end(); ++it)
        rates.insert(QString::number(it.key()), std::round(it.value() * 10) / 10);
    auto opt = [](const std::optional<qint64> &v) { return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null); };
    return {{u"state"_s, state},
            {u"readyCount"_s, readyCount},
            {u"participantCount"_s, participantCount},
            {u"dryAt"_s, opt(dryAt)},
            {u"nextReadyAt"_s, opt(nextReadyAt)},
            {u"nextReadyIndex"_s, nextReadyIndex ? QJsonValue(*nextReadyIndex) : QJsonValue(QJsonValue::Null)},
            {u"burn"_s, QJsonObject{{u"source"_s, burnSource},
                                    {u"accountIndex"_s,
                                     burnAccountIndex ? QJsonValue(*burnAccountIndex) : QJsonValue(QJsonValue::Null)},
                                    {u"percentPerHourByWindowMinutes"_s, rates}}},
            {u"horizonMs"_s, 604800000.0},
            {u"approximate"_s, approximate}};
}

QString Runway::text(const AccountPool &pool, qint64 now) const
{
    auto t = [](const char *text) { return QCoreApplication::translate("Runway", text); };
    const QString back =
        nextReadyAt ? t(QT_TRANSLATE_NOOP("Runway", " · next account back %1")).arg(formatClock(*nextReadyAt, now))
                    : QString();
    if (state == "empty"_L1)
        return t(QT_TRANSLATE_NOOP("Runway", "No accounts — add one"));
    if (state == "dry"_L1) {
        if (!nextReadyAt)
            return t(QT_TRANSLATE_NOOP("Runway", "No usable account — re-login or enable one"));
        return t(QT_TRANSLATE_NOOP("Runway", "All accounts exhausted · next ready %1 (Account %2)"))
            .arg(formatClock(*nextReadyAt, now))
            .arg(nextReadyIndex.value_or(0) + 1);
    }
    if (state == "unknown"_L1)
        return t(QT_TRANSLATE_NOOP("Runway", "%1 of %2 accounts ready")).arg(readyCount).arg(pool.accounts.size()) +
               back;
    if (state == "limited"_L1)
        return t(QT_TRANSLATE_NOOP("Runway", "Pool runs dry ~%1 at current pace")).arg(formatClock(*dryAt, now)) + back;
    return t(QT_TRANSLATE_NOOP("Runway", "Pool lasts at current pace")) + back;
}

} // namespace cma
