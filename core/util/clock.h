#pragma once

#include <QDateTime>

namespace cma {

/// The one source of "now" in core. Tests replace it with a clock they advance by hand, so that
/// nothing waits with sleep and schedules over days run in milliseconds.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    /// The process-wide clock; SystemClock unless a test installed another.
    static Clock &instance();
    /// Installs \a clock (not owned) as the process-wide clock; nullptr restores the system clock.
    static void setInstance(Clock *clock);
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

} // namespace cma
