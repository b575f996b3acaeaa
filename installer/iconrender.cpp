// iconrender: writes the application icon at the hicolor sizes desktops need, and the tray status
// icons, using the app's own renderers (QSvgRenderer and TrayIconRenderer). Run at build time.
//   iconrender <svg> <out-dir>

#include "tray/trayiconrenderer.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: iconrender <svg> <out-dir>\n");
        return 2;
    }
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "iconrender: cannot read %s\n", argv[1]);
        return 1;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString dir = QStringLiteral("%1/hicolor/%2x%2/apps").arg(out).arg(size);
        QDir().mkpath(dir);
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        svg.render(&p);
        p.end();
        if (!image.save(dir + QStringLiteral("/codex-multi-auth.png")))
            return 1;
    }
    using cma::ui::TrayIconRenderer;
    using cma::ui::TrayIconState;
    QDir().mkpath(out + QStringLiteral("/tray"));
    const QList<QPair<QString, TrayIconState>> states = {
        {QStringLiteral("no-accounts"), TrayIconState{}},
        {QStringLiteral("full"), TrayIconState{TrayIconState::Kind::Meter, 100.0, 100.0, false, false}},
        {QStringLiteral("low"), TrayIconState{TrayIconState::Kind::Meter, 8.0, 40.0, false, true}},
        {QStringLiteral("stale"), TrayIconState{TrayIconState::Kind::Meter, 60.0, 80.0, true, false}},
        {QStringLiteral("pool-dry"),
         TrayIconState{TrayIconState::Kind::PoolDry, std::nullopt, std::nullopt, false, true}},
        {QStringLiteral("unknown-account"),
         TrayIconState{TrayIconState::Kind::UnknownCodexAccount, std::nullopt, std::nullopt, false, false}},
    };
    for (const auto &[name, state] : states) {
        if (!TrayIconRenderer::render(state, 22, 1.0).save(QStringLiteral("%1/tray/%2-22.png").arg(out, name)) ||
            !TrayIconRenderer::render(state, 22, 2.0).save(QStringLiteral("%1/tray/%2-22@2x.png").arg(out, name)))
            return 1;
    }
    return 0;
}
