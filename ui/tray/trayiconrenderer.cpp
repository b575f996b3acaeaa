#include "trayiconrenderer.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace cma::ui {

QColor TrayIconRenderer::colorForLeft(double percentLeft)
{
    // docs/ui.md §2: ≤ 15 % left danger, ≤ 35 % warning, else success.
    if (percentLeft <= 15.0)
        return QColor(0xd9, 0x3f, 0x3f);
    if (percentLeft <= 35.0)
        return QColor(0xe8, 0xa3, 0x17);
    return QColor(0x2e, 0xa0, 0x5a);
}

QImage TrayIconRenderer::render(const TrayIconState &state, int logicalSize, qreal dpr)
{
    const int px = qRound(logicalSize * dpr);
    QImage image(px, px, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    image.setDevicePixelRatio(dpr);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = logicalSize;
    if (state.stale)
        p.setOpacity(0.5);

    // Frame: a rounded tile, so the icon reads on light and dark panels alike.
    QPainterPath tile;
    tile.addRoundedRect(QRectF(0.5, 0.5, s - 1, s - 1), s * 0.18, s * 0.18);
    p.fillPath(tile, QColor(0x20, 0x24, 0x2b));

    // Bars sit on whole device pixels, so they stay crisp at every device pixel ratio.
    auto snap = [dpr](qreal v) { return std::round(v * dpr) / dpr; };
    const qreal pad = snap(s * 0.16);
    const qreal barH = snap((s - 3 * pad) / 2.0);
    const qreal width = s - 2 * pad;
    const QColor danger = colorForLeft(0);
    auto drawBar = [&](qreal y, std::optional<double> left) {
        p.setRenderHint(QPainter::Antialiasing, false);
        // A used-up window is a red track in every mode, monochrome included: the one state the
        // user must see at a glance.
        const bool empty = left && *left <= 0.0;
        p.fillRect(QRectF(pad, y, width, barH), empty ? danger : QColor(0x4a, 0x50, 0x5a));
        if (left && !empty) {
            const double clamped = std::clamp(*left, 0.0, 100.0);
            const double shown = state.showUsed ? 100.0 - clamped : clamped;
            qreal filled = snap(width * shown / 100.0);
            if (shown > 0 && filled <= 0)
                filled = 1.0 / dpr; // a sliver stays visible until the window is truly empty
            const QColor fill = state.colored || clamped <= 15.0 ? colorForLeft(clamped) : QColor(0xe6, 0xe8, 0xeb);
            p.fillRect(QRectF(pad, y, filled, barH), fill);
        }
        p.setRenderHint(QPainter::Antialiasing, true);
    };

    switch (state.kind) {
    case TrayIconState::Kind::Meter:
        if (state.percentText && state.shortLeft) {
            const double left = std::clamp(*state.shortLeft, 0.0, 100.0);
            QFont f;
            f.setPixelSize(int(s * (left >= 99.5 ? 0.42 : 0.56)));
            f.setBold(true);
            p.setFont(f);
            p.setPen(state.colored || left <= 15.0 || state.exhausted ? colorForLeft(left) : QColor(0xe6, 0xe8, 0xeb));
            p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter,
                       QString::number(qRound(state.showUsed ? 100.0 - left : left)));
            break;
        }
        drawBar(pad, state.shortLeft);
        drawBar(2 * pad + barH, state.longLeft);
        break;
    case TrayIconState::Kind::PoolDry:
        drawBar(pad, 0.0);
        drawBar(2 * pad + barH, 0.0);
        break;
    case TrayIconState::Kind::NoAccounts:
    case TrayIconState::Kind::UnknownCodexAccount: {
        // A plus sign (add an account) or a question mark (Codex uses an account we do not know).
        QPen pen(QColor(0xe6, 0xe6, 0xe6), s * 0.12, Qt::SolidLine, Qt::RoundCap);
        p.setPen(pen);
        if (state.kind == TrayIconState::Kind::NoAccounts) {
            p.drawLine(QPointF(s / 2, s * 0.28), QPointF(s / 2, s * 0.72));
            p.drawLine(QPointF(s * 0.28, s / 2), QPointF(s * 0.72, s / 2));
        } else {
            QFont f;
            f.setPixelSize(int(s * 0.7));
            f.setBold(true);
            p.setFont(f);
            p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter, QStringLiteral("?"));
        }
        break;
    }
    }
    if (state.exhausted && state.kind == TrayIconState::Kind::Meter) {
        // Exhausted even when the bars cannot say it (one window left, percent style, stale
        // dimming): a red frame at full opacity.
        p.setOpacity(1.0);
        p.setPen(QPen(danger, std::max<qreal>(1.0, s * 0.09)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(tile);
    }
    if (state.attention) {
        p.setOpacity(1.0);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd9, 0x3f, 0x3f));
        p.drawEllipse(QPointF(s * 0.82, s * 0.18), s * 0.16, s * 0.16);
    }
    return image;
}

QIcon TrayIconRenderer::icon(const TrayIconState &state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        for (qreal dpr : {1.0, 2.0})
            icon.addPixmap(QPixmap::fromImage(render(state, size, dpr)));
    }
    return icon;
}

} // namespace cma::ui
