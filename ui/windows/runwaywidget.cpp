#include "runwaywidget.h"

#include "theme/theme.h"
#include "util/timefmt.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {
constexpr int kLaneHeight = 22;
constexpr int kLaneGap = 8;
constexpr int kTop = 28;
} // namespace

RunwayWidget::RunwayWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"runwayTimeline"_s);
    setFocusPolicy(Qt::TabFocus);
    setAccessibleName(tr("Runway timeline"));
}

void RunwayWidget::setView(const PoolView &view)
{
    m_view = view;
    setAccessibleDescription(m_view.runway.text(m_view.pool, m_view.now));
    updateGeometry();
    update();
}

void RunwayWidget::setSpanHours(int hours)
{
    m_hours = std::clamp(hours, 1, 168);
    update();
}

QSize RunwayWidget::sizeHint() const
{
    return {720, kTop + int(m_view.runway.lanes.size()) * (kLaneHeight + kLaneGap) + 30};
}

QSize RunwayWidget::minimumSizeHint() const
{
    return {360, kTop + 60};
}

void RunwayWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const Theme &theme = Theme::instance();
    const QFontMetrics fm = fontMetrics();
    int labelWidth = 0;
    for (auto it = m_view.runway.lanes.begin(); it != m_view.runway.lanes.end(); ++it)
        if (it.key() < m_view.pool.accounts.size())
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(m_view.label(it.key())));
    labelWidth = std::min(labelWidth + 12, width() / 3);
    const int left = labelWidth + 4, right = width() - 12;
    const qint64 start = m_view.now, span = qint64(m_hours) * 3600000, end = start + span;
    auto xOf = [&](qint64 t) { return left + double(right - left) * double(std::clamp(t, start, end) - start) / span; };

    // Time axis: "now", then ticks on round local times (every 3 h in the 24 h view, midnight in
    // the 7-day view); a label that would touch its neighbour is left out.
    const int bottom = kTop + int(m_view.runway.lanes.size()) * (kLaneHeight + kLaneGap);
    const qint64 tick = m_hours <= 24 ? 3 * 3600000LL : 24 * 3600000LL;
    QList<qint64> ticks{start};
    {
        QDateTime t = QDateTime::fromMSecsSinceEpoch(start);
        t.setTime(QTime(m_hours <= 24 ? (t.time().hour() / 3) * 3 : 0, 0));
        for (qint64 at = t.toMSecsSinceEpoch() + tick; at <= end; at += tick)
            ticks.append(at);
    }
    double lastRight = -1e9;
    for (const qint64 t : std::as_const(ticks)) {
        const double x = xOf(t);
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(QPointF(x, kTop - 6), QPointF(x, bottom));
        const QString label = t == start ? tr("now") : formatClock(t, start);
        const double half = fm.horizontalAdvance(label) / 2.0 + 2;
        const double l = std::max(0.0, x - half), r = l + 2 * half;
        if (r > width() || l < lastRight + 6)
            continue;
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(l, 2, 2 * half, kTop - 10), Qt::AlignCenter, label);
        lastRight = r;
    }

    if (m_view.runway.lanes.isEmpty()) {
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(rect().adjusted(0, kTop, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
                   m_view.pool.accounts.isEmpty() ? tr("No accounts yet") : tr("No account can take part now"));
        return;
    }
    int y = kTop;
    for (auto it = m_view.runway.lanes.begin(); it != m_view.runway.lanes.end(); ++it, y += kLaneHeight + kLaneGap) {
        const int index = it.key();
        p.setPen(pal.color(QPalette::WindowText));
        const QString name = index < m_view.pool.accounts.size() ? m_view.label(index) : QString();
        p.drawText(QRect(0, y, labelWidth, kLaneHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(name, Qt::ElideRight, labelWidth - 4));
        p.setPen(Qt::NoPen);
        p.setBrush(pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(QRectF(left, y, right - left, kLaneHeight), 4, 4);
        for (const RunwaySegment &s : it.value()) {
            if (s.end <= start || s.start >= end)
                continue;
            QColor c;
            switch (s.kind) {
            case RunwaySegment::Kind::Serving:
                c = theme.tone(Tone::InUse);
                break;
            case RunwaySegment::Kind::Usable:
                c = theme.tone(Tone::Success);
                c.setAlphaF(0.45);
                break;
            case RunwaySegment::Kind::Blocked:
                c = theme.tone(Tone::Warning);
                break;
            case RunwaySegment::Kind::Exhausted:
                c = theme.tone(Tone::Danger);
                break;
            }
            p.setBrush(c);
            const double x0 = xOf(s.start), x1 = xOf(s.end);
            p.drawRoundedRect(QRectF(x0, y + 3, std::max(2.0, x1 - x0), kLaneHeight - 6), 3, 3);
        }
    }
    // The dry marker (none without a burn rate).
    if (m_view.runway.dryAt && m_view.runway.burnSource != "none"_L1 && *m_view.runway.dryAt <= end) {
        const double x = xOf(*m_view.runway.dryAt);
        p.setPen(QPen(theme.tone(Tone::Danger), 2, Qt::DashLine));
        p.drawLine(QPointF(x, kTop - 4), QPointF(x, bottom));
        p.setPen(theme.tone(Tone::Danger));
        p.drawText(QRectF(x + 4, bottom - 2, 200, fm.height() + 4), Qt::AlignLeft | Qt::AlignTop,
                   tr("dry ~%1").arg(formatClock(*m_view.runway.dryAt, start)));
    }
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

} // namespace cma::ui
