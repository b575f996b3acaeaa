#pragma once

#include <QString>

class QLocale;

namespace cma {

/// `2h 05m`, `4m 05s`, `42s`, `1d 2h` (docs/cli.md §2).
QString formatDuration(qint64 ms);
/// Local `HH:MM`, with the weekday (`Tue 13:50`) when not today, and the date when more than a week away.
QString formatClock(qint64 epochMs, qint64 nowMs);
/// The locale for weekday names in formatClock (C, i.e. English, unless the desktop app sets its
/// language).
void setTimeLocale(const QLocale &locale);
/// `2h 05m ago`, `just now`.
QString formatAgo(qint64 epochMs, qint64 nowMs);

} // namespace cma
