#include "testenv.h"
#include "windowtest.h"
#include "session/poolview.h"
#include "theme/theme.h"
#include "windows/forecastwindow.h"
#include "windows/runwaywidget.h"

#include <QImage>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The forecast and quota window (docs/ui.md §6): the runway timeline renders a scripted pool and the
// window shows the recommendation and a card per quota window.
class TestForecastWindow : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void runwayTimelineRendersAScriptedPool()
    {
        // Account 1 in use at a measured pace; account 2 exhausted for two hours, then usable.
        f.seedPool(2);
        PoolView v = f.view();
        QVERIFY(v.runway.lanes.contains(0));
        QVERIFY(v.runway.lanes.contains(1));
        const QList<RunwaySegment> &second = v.runway.lanes[1];
        QCOMPARE(second.first().kind, RunwaySegment::Kind::Exhausted);
        QCOMPARE(second.first().end, v.facts[1].quota->primary.resetAtMs.value());
        QCOMPARE(v.runway.lanes[0].first().kind, RunwaySegment::Kind::Serving);

        Theme::instance().apply(ThemeSettings());
        RunwayWidget widget;
        widget.resize(800, 140);
        widget.setView(v);
        QImage image(widget.size(), QImage::Format_ARGB32);
        widget.render(&image);
        // Lanes start at kTop (28) and are 22 px high; sample the middle of each lane shortly after now.
        const int left = 800 / 3 + 4; // label column is capped at a third of the width
        auto near = [](const QColor &a, const QColor &b) {
            return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40 &&
                   std::abs(a.blue() - b.blue()) < 40;
        };
        int found = 0;
        for (int x = 60; x < left + 60; ++x) {
            if (near(image.pixelColor(x, 28 + 30 + 11), Theme::instance().tone(Tone::Danger)))
                ++found;
        }
        QVERIFY2(found > 5, "the exhausted stretch of account 2 is drawn in the danger tone");
        int serving = 0;
        for (int x = 60; x < 790; ++x)
            if (near(image.pixelColor(x, 28 + 11), Theme::instance().tone(Tone::InUse)))
                ++serving;
        QVERIFY2(serving > 5, "account 1 is drawn in use");
        // In use, usable and waiting never share a colour, whatever the accent.
        for (const QString &accent : {u"green"_s, u"cyan"_s, u"blue"_s, u"yellow"_s}) {
            ThemeSettings t;
            t.accent = accent;
            Theme::instance().apply(t);
            const QColor inUse = Theme::instance().tone(Tone::InUse);
            for (Tone other : {Tone::Success, Tone::Warning, Tone::Danger})
                QVERIFY2(!near(inUse, Theme::instance().tone(other)), qPrintable(accent));
        }
        Theme::instance().apply(ThemeSettings());

        auto s = f.session();
        ForecastWindow window(*s);
        window.setView(v);
        QVERIFY2(window.recommendationText().startsWith(u"Best next: user1@example.org"_s),
                 qPrintable(window.recommendationText()));
        QCOMPARE(window.quotaCardTexts().size(), 4);
        QVERIFY(window.quotaCardTexts().first().startsWith(u"5-hour window, 70 percent left"_s));
    }

    /// Screenshots of every window in light and dark, English and German (under Xvfb: the e2e
    /// script sets CMA_SCREENSHOT_DIR and QT_QPA_PLATFORM=xcb).
};

QTEST_MAIN(TestForecastWindow)
#include "tst_forecastwindow.moc"
