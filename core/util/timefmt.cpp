#include "timefmt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
/// The command line prints English weekdays (docs/cli.md §2); the desktop app switches to its language.
QLocale &timeLocale()
{
    static QLocale locale = QLocale::c();
    return locale;
}
} // namespace

void setTimeLocale(const QLocale &locale)
{
    timeLocale() = locale;
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    const qint64 d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (d > 0)
        return h > 0 ? u"%1d %2h"_s.arg(d).arg(h) : u"%1d"_s.arg(d);
    if (h > 0)
        return u"%1h %2m"_s.arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return u"%1m %2s"_s.arg(m).arg(sec, 2, 10, QLatin1Char('0'));
    return u"%1s"_s.arg(sec);
}

QString formatClock(qint64 epochMs, qint64 nowMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    const QString hm = t.toString(u"HH:mm"_s);
    if (t.date() == now.date())
        return hm;
    if (qAbs(now.daysTo(t)) < 7)
        return timeLocale().dayName(t.date().dayOfWeek(), QLocale::ShortFormat) + u' ' + hm;
    return t.toString(u"yyyy-MM-dd "_s) + hm;
}

QString formatAgo(qint64 epochMs, qint64 nowMs)
{
    // Translated in the desktop app only: the command line installs no translator.
    if (epochMs <= 0)
        return QCoreApplication::translate("Time", "never");
    const qint64 diff = nowMs - epochMs;
    if (diff < 1000)
        return QCoreApplication::translate("Time", "just now");
    return QCoreApplication::translate("Time", "%1 ago").arg(formatDuration(diff));
}

} // namespace cma
