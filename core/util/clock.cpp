#include "clock.h"

namespace cma {

namespace {
SystemClock s_systemClock;
Clock *s_clock = &s_systemClock;
} // namespace

Clock &Clock::instance()
{
    return *s_clock;
}

void Clock::setInstance(Clock *clock)
{
    s_clock = clock ? clock : &s_systemClock;
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace cma
