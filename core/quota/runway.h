#pragma once

#include "quota/forecast.h"

#include <QJsonObject>
#include <QMap>
#include <optional>

namespace cma {

/// Pace of one window (docs/forecast.md §9.1).
struct Pace
{
    bool visible = false;
    double paceDelta = 0;            ///< > 0 deficit, < 0 reserve (percentage points)
    std::optional<qint64> runsOutAt; ///< when it would hit 100 % at this rate
    bool lastsUntilReset = false;
    bool empty = false; ///< exhausted until its reset
    QString text(qint64 now) const;
    QJsonValue toJson() const;
};

/// \a ratePerMs: a measured trailing rate, else the window average u/e is used.
Pace computePace(const QuotaWindow &window, qint64 now, std::optional<double> ratePerMs = std::nullopt);

/// One stretch of a participant's lane in the runway simulation (docs/ui.md §6 Runway tab).
struct RunwaySegment
{
    enum class Kind
    {
        Usable,
        Serving, ///< the simulated account in use, burning at the pool rate
        Blocked, ///< waiting (cooldown, rate limit)
        Exhausted
    };
    qint64 start = 0;
    qint64 end = 0;
    Kind kind = Kind::Usable;
};

/// The pool runway (docs/forecast.md §9.3).
struct Runway
{
    /// Per participant (pool index): its stretches from now to the 7-day horizon.
    QMap<int, QList<RunwaySegment>> lanes;
    QString state; ///< empty, dry, unknown, limited, ok
    int readyCount = 0;
    int participantCount = 0;
    std::optional<qint64> dryAt;
    std::optional<qint64> nextReadyAt;
    std::optional<int> nextReadyIndex;
    QString burnSource = QStringLiteral("none"); ///< trailing, window-average, none
    std::optional<int> burnAccountIndex;
    QMap<int, double> percentPerHourByWindowMinutes;
    bool approximate = false;

    QJsonObject toJson() const;
    /// The tray line, e.g. `Pool runs dry ~21:40 at current pace · next account back 18:22`.
    QString text(const AccountPool &pool, qint64 now) const;
};

class QuotaSamples;

/// Simulates the pool at the current burn rate from the quota cache and the forecast results
/// (without live data). The burn rate is the trailing rate of \a samples when they have one
/// (docs/forecast.md §9.2), else the current account's window average.
Runway computeRunway(const AccountPool &pool, const QList<AccountForecast> &forecast,
                     const QList<std::optional<QuotaEntry>> &quota, qint64 now, const QuotaSamples *samples = nullptr);

} // namespace cma
