#include "testenv.h"
#include "tray/trayiconrenderer.h"

#include <QGuiApplication>
#include <QtTest>

#include <cmath>

using namespace cma::ui;

// Rendered pixels of known icon states: the bar lengths and colours a user sees.
class TestTrayIcon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { cma::test::requireIsolatedEnvironment(); }

    void meterBars_data()
    {
        QTest::addColumn<double>("shortLeft");
        QTest::addColumn<double>("longLeft");
        QTest::addColumn<qreal>("dpr");
        QTest::newRow("full 1x") << 100.0 << 100.0 << 1.0;
        QTest::newRow("half 2x") << 50.0 << 80.0 << 2.0;
        QTest::newRow("low") << 5.0 << 25.0 << 1.0;
    }
    void meterBars()
    {
        QFETCH(double, shortLeft);
        QFETCH(double, longLeft);
        QFETCH(qreal, dpr);
        TrayIconState state;
        state.kind = TrayIconState::Kind::Meter;
        state.shortLeft = shortLeft;
        state.longLeft = longLeft;
        const QImage img = TrayIconRenderer::render(state, 32, dpr);
        QCOMPARE(img.width(), qRound(32 * dpr));
        // Geometry as the renderer snaps it: bars start and end on whole device pixels.
        const qreal pad = std::round(32 * 0.16 * dpr) / dpr;
        const qreal barH = std::round((32 - 3 * pad) / 2.0 * dpr) / dpr;
        const qreal width = 32 - 2 * pad;
        const int x0 = qRound(pad * dpr), xEnd = qRound((pad + width) * dpr) - 1;
        const int y1 = int((pad + barH / 2) * dpr), y2 = int((2 * pad + barH + barH / 2) * dpr);
        QCOMPARE(img.pixelColor(x0, y1), TrayIconRenderer::colorForLeft(shortLeft));
        QCOMPARE(img.pixelColor(x0, y2), TrayIconRenderer::colorForLeft(longLeft));
        // The filled part ends where the percentage says (within one device pixel).
        const int filledEnd = x0 + qRound(width * shortLeft / 100.0 * dpr) - 1;
        QCOMPARE(img.pixelColor(filledEnd, y1), TrayIconRenderer::colorForLeft(shortLeft));
        if (shortLeft < 99.0)
            QCOMPARE(img.pixelColor(filledEnd + 2, y1), QColor(0x4a, 0x50, 0x5a));
        else
            QCOMPARE(img.pixelColor(xEnd, y1), TrayIconRenderer::colorForLeft(shortLeft));
    }

    void staleIsHalfOpacity()
    {
        TrayIconState state;
        state.kind = TrayIconState::Kind::Meter;
        state.shortLeft = 100;
        state.longLeft = 100;
        const QImage fresh = TrayIconRenderer::render(state, 32, 1);
        state.stale = true;
        const QImage stale = TrayIconRenderer::render(state, 32, 1);
        const int a1 = fresh.pixelColor(16, 16).alpha(), a2 = stale.pixelColor(16, 16).alpha();
        QVERIFY2(qAbs(a2 - a1 / 2) <= 2, qPrintable(QStringLiteral("%1 vs %2").arg(a1).arg(a2)));
    }

    void exhaustedIsDangerEvenInMonochrome()
    {
        // docs/ui.md §2: a used-up window must be seen at a glance, whatever the colour option and
        // even when the reading is stale (dimmed).
        TrayIconState state;
        state.kind = TrayIconState::Kind::Meter;
        state.colored = false;
        state.shortLeft = 0;
        state.longLeft = 60;
        const int y1 = int((std::round(32 * 0.16) + 3) * 1);
        const int x = int(std::round(32 * 0.16)) + 2;
        const QColor danger = TrayIconRenderer::colorForLeft(0);
        QCOMPARE(TrayIconRenderer::render(state, 32, 1).pixelColor(x, y1), danger);
        state.exhausted = true;
        state.stale = true;
        const QImage img = TrayIconRenderer::render(state, 32, 1);
        // The frame is drawn at full opacity in the danger tone.
        const QColor edge = img.pixelColor(16, 1);
        QVERIFY2(edge.alpha() > 200 && edge.red() > 180 && edge.green() < 110, qPrintable(edge.name(QColor::HexArgb)));
        // A healthy monochrome meter has no red anywhere.
        state = {};
        state.kind = TrayIconState::Kind::Meter;
        state.colored = false;
        state.shortLeft = 80;
        state.longLeft = 60;
        const QImage calm = TrayIconRenderer::render(state, 32, 1);
        for (int yy = 0; yy < 32; ++yy)
            for (int xx = 0; xx < 32; ++xx) {
                const QColor c = calm.pixelColor(xx, yy);
                QVERIFY2(!(c.red() > 180 && c.green() < 110 && c.alpha() > 200), qPrintable(c.name()));
            }
    }

    void attentionDot()
    {
        TrayIconState state;
        state.kind = TrayIconState::Kind::Meter;
        state.shortLeft = 100;
        state.longLeft = 100;
        state.attention = true;
        const QImage img = TrayIconRenderer::render(state, 32, 1);
        QCOMPARE(img.pixelColor(int(32 * 0.82), int(32 * 0.18)), QColor(0xd9, 0x3f, 0x3f));
    }
};

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
