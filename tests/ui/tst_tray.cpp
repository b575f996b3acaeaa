#include "testenv.h"
#include "tray/trayapplication.h"
#include "tray/traycontroller.h"
#include "tray/traymenu.h"
#include "tray/traysnapshot.h"

#include <QApplication>
#include <QMenu>
#include <QWidgetAction>
#include <QProcess>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace cma;
using namespace cma::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1'790'000'000'000; // a fixed moment: no test depends on the clock
constexpr qint64 kHour = 3600'000;

Account account(int n)
{
    Account a;
    a.accountId = u"acct-%1"_s.arg(n, 4, 10, QChar(u'0'));
    a.email = u"user%1@example.org"_s.arg(n);
    a.refreshToken = u"rt-%1"_s.arg(n);
    a.addedAt = kNow - 10 * kHour;
    return a;
}

AccountFacts facts(double primaryUsed, double secondaryUsed = 10, qint64 resetIn = 2 * kHour)
{
    AccountFacts f;
    QuotaEntry e;
    e.updatedAt = kNow - 60'000;
    e.status = 200;
    e.planType = u"plus"_s;
    e.primary.usedPercent = primaryUsed;
    e.primary.windowMinutes = 300;
    e.primary.resetAtMs = kNow + resetIn;
    e.secondary.usedPercent = secondaryUsed;
    e.secondary.windowMinutes = 10080;
    e.secondary.resetAtMs = kNow + 72 * kHour;
    f.quota = e;
    return f;
}

TraySnapshotBuilder::Input input(int count)
{
    TraySnapshotBuilder::Input in;
    in.view.now = kNow;
    for (int i = 0; i < count; ++i) {
        in.view.pool.accounts.append(account(i));
        in.view.facts.append(facts(20 + i % 5));
    }
    return in;
}

/// The snapshot of a scripted pool, derived as the tray derives it after every change.
TraySnapshot snapshotOf(TraySnapshotBuilder::Input in)
{
    in.view.derive(nullptr);
    return TraySnapshotBuilder::build(in);
}

/// Pool indexes of the account rows in the order the menu shows them.
QList<int> rowOrder(QMenu *menu)
{
    QList<int> out;
    for (QAction *a : menu->actions())
        if (a->objectName().startsWith(u"account-"_s) && a->isVisible())
            out.append(static_cast<TrayRowItem *>(static_cast<QWidgetAction *>(a)->defaultWidget())->row().index);
    return out;
}

QList<int> indices(const QList<TrayRow> &rows)
{
    QList<int> out;
    for (const TrayRow &r : rows)
        out.append(r.index);
    return out;
}

} // namespace

// The tray's model (what each row says, in which order) and its menu, on the offscreen platform;
// the notifier's once-per-episode rule with its state file.
class TestTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void rowsReadyFirstWithReasons()
    {
        TraySnapshotBuilder::Input in = input(4);
        in.view.pool.select(0);
        in.view.facts[0] = facts(100, 40, kHour); // current account exhausted for an hour
        in.view.pool.accounts[1].enabled = false; // disabled by the user
        in.view.facts[2] = facts(5);              // plenty left: the recommendation
        in.view.pool.accounts[3].authInvalidatedAt = kNow - kHour;
        const TraySnapshot s = snapshotOf(in);

        QCOMPARE(s.rows.size(), 4);
        QVERIFY(s.overflow.isEmpty());
        QVERIFY(!s.compact);
        QCOMPARE(s.rows.first().index, 2); // the only ready account leads
        QVERIFY(s.recommendedIndex.has_value());
        QCOMPARE(*s.recommendedIndex, 2);
        QVERIFY(s.bestLabel.contains(u"user2@example.org"_s));

        QHash<int, TrayRow> byIndex;
        for (const TrayRow &r : s.rows)
            byIndex.insert(r.index, r);
        QVERIFY(byIndex[0].current);
        QVERIFY(!byIndex[0].recommended);
        QVERIFY2(byIndex[0].reason.startsWith(u"exhausted"_s), qPrintable(byIndex[0].reason));
        QCOMPARE(byIndex[1].reason, u"disabled"_s);
        QVERIFY(!byIndex[1].enabled);
        QCOMPARE(byIndex[3].reason, u"re-login needed"_s);
        QVERIFY(byIndex[3].needsLogin);
        QVERIFY(byIndex[2].recommended);
        QCOMPARE(byIndex[2].plan, u"plus"_s);
        QVERIFY2(byIndex[2].quotaText.contains(u"95% left"_s), qPrintable(byIndex[2].quotaText));
        QCOMPARE(byIndex[2].shortLeft.value_or(-1), 95.0);
        QCOMPARE(byIndex[2].longLeft.value_or(-1), 90.0);
    }

    void poolOrderWhenReadyFirstIsOff()
    {
        TraySnapshotBuilder::Input in = input(5);
        in.readyFirst = false;
        in.view.facts[0] = facts(100);
        QCOMPARE(indices(snapshotOf(in).rows), (QList<int>{0, 1, 2, 3, 4}));
        // Ready-first would put the exhausted current account last: it stays third at the lowest;
        // menuSortPinCurrent keeps it on top.
        in.readyFirst = true;
        in.view.pool.select(0);
        QCOMPARE(indices(snapshotOf(in).rows).indexOf(0), 2);
        in.pinCurrentToTop = true;
        QCOMPARE(indices(snapshotOf(in).rows).first(), 0);
    }

    void pinnedAccountIsMarked()
    {
        TraySnapshotBuilder::Input in = input(3);
        in.view.pool.pinnedAccountIndex = 1;
        const TraySnapshot s = snapshotOf(in);
        QCOMPARE(s.pinnedIndex.value_or(-1), 1);
        int pinned = 0;
        for (const TrayRow &r : s.rows)
            pinned += r.pinned ? (r.index == 1 ? 1 : 100) : 0;
        QCOMPARE(pinned, 1);
    }

    void compactAndOverflow_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("compact");
        QTest::addColumn<int>("visible");
        QTest::newRow("6 accounts: full rows") << 6 << false << 6;
        QTest::newRow("7 accounts: compact") << 7 << true << 7;
        QTest::newRow("12 accounts: all visible") << 12 << true << 12;
        QTest::newRow("30 accounts: 18 under More") << 30 << true << 12;
    }
    void compactAndOverflow()
    {
        QFETCH(int, count);
        QFETCH(bool, compact);
        QFETCH(int, visible);
        const TraySnapshot s = snapshotOf(input(count));
        QCOMPARE(s.compact, compact);
        QCOMPARE(s.rows.size(), visible);
        QCOMPARE(s.overflow.size(), count - visible);
        // Every account is somewhere, exactly once.
        QList<int> all = indices(s.rows) + indices(s.overflow);
        std::sort(all.begin(), all.end());
        QCOMPARE(all.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(all[i], i);
    }

    void hiddenPersonalInfo()
    {
        TraySnapshotBuilder::Input in = input(2);
        in.view.hidePersonalInfo = true;
        const TraySnapshot s = snapshotOf(in);
        for (const TrayRow &r : s.rows)
            QVERIFY2(!r.label.contains(u"@example.org"_s), qPrintable(r.label));
        QVERIFY(!s.tooltip.contains(u"user0@example.org"_s));
    }

    void menuRowsSwitch()
    {
        TraySnapshotBuilder::Input in = input(3);
        in.view.pool.select(0);
        in.view.facts[0] = facts(100);
        TrayController tray;
        tray.setSnapshot(snapshotOf(in));
        QMenu *menu = tray.menu();
        QVERIFY(menu);
        QAction *row1 = tray.actionForAccount(1);
        QVERIFY(row1);
        QVERIFY(row1->text().contains(u"user1@example.org"_s));
        QVERIFY(tray.actionForAccount(0)->isChecked());
        QVERIFY(!row1->isChecked());

        QSignalSpy switched(&tray, &TrayController::switchRequested);
        row1->trigger();
        QCOMPARE(switched.size(), 1);
        QCOMPARE(switched.first().first().toInt(), 1);

        QSignalSpy best(&tray, &TrayController::switchToBestRequested);
        QAction *bestAction = nullptr;
        for (QAction *a : menu->actions())
            if (a->text().startsWith(u"Switch to best"_s))
                bestAction = a;
        QVERIFY(bestAction);
        bestAction->trigger();
        QCOMPARE(best.size(), 1);

        // A new snapshot updates the rows: account 2 becomes current.
        in.view.pool.select(2);
        tray.setSnapshot(snapshotOf(in));
        QVERIFY(tray.actionForAccount(2)->isChecked());
        QVERIFY(!tray.actionForAccount(0)->isChecked());
    }

    void menuStaysOpenWhileSnapshotsArrive()
    {
        // The bug users met: the menu closed as soon as the next snapshot arrived. A snapshot
        // updates the open menu in place: same menu, same actions, new contents.
        TraySnapshotBuilder::Input in = input(3);
        in.view.pool.select(0);
        TrayController tray;
        tray.setSnapshot(snapshotOf(in));
        QMenu *menu = tray.menu();
        menu->popup(QPoint(20, 20));
        QTRY_VERIFY(menu->isVisible());
        const QList<QAction *> before = menu->actions();
        QAction *row1 = tray.actionForAccount(1);
        const QList<int> orderAtOpen = rowOrder(menu);
        for (int step = 1; step <= 12; ++step) {
            in.view.facts[0] = facts(20 + step, 30); // the current account's quota moves each time
            tray.setSnapshot(snapshotOf(in));
            QCoreApplication::processEvents();
            QVERIFY2(menu->isVisible(), qPrintable(u"closed after snapshot %1"_s.arg(step)));
        }
        QCOMPARE(menu->actions(), before);
        QCOMPARE(tray.actionForAccount(1), row1);
        QCOMPARE(rowOrder(menu), orderAtOpen);
        QVERIFY2(tray.trayMenu()->header()->lines().join(u'|').contains(u"68% left"_s),
                 qPrintable(tray.trayMenu()->header()->lines().join(u'|')));

        // The quota moved the current account down the ready-first order: while the menu is open
        // the rows keep their places (the new order waits); it applies once the menu closes.
        QVERIFY(tray.trayMenu()->layoutPending());
        QVERIFY(menu->isVisible());
        menu->hide();
        QTRY_VERIFY(!tray.trayMenu()->layoutPending());
        QCOMPARE(rowOrder(menu), indices(snapshotOf(in).rows));
        QVERIFY(rowOrder(menu) != orderAtOpen);
    }

    void headerIsReadable()
    {
        TraySnapshotBuilder::Input in = input(2);
        in.view.pool.select(1);
        in.view.facts[1] = facts(36, 9, kHour);
        TrayController tray;
        tray.setSnapshot(snapshotOf(in));
        TrayHeader *header = tray.trayMenu()->header();
        const QStringList lines = header->lines();
        QVERIFY2(lines.first().startsWith(u"user1@example.org (Plus)"_s), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.join(u'|').contains(u"5h  64% left · resets in 1h 00m"_s), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.join(u'|').contains(u"Weekly  91% left"_s), qPrintable(lines.join(u'|')));
        QVERIFY2(lines.join(u'|').contains(u"Updated"_s), qPrintable(lines.join(u'|')));
        // It is drawn in the menu's normal text colour, not the grey of a disabled item, even
        // though keyboard navigation passes over it.
        header->resize(header->sizeHint());
        const QImage image = header->grab().toImage();
        const QColor text = header->palette().color(QPalette::Active, QPalette::WindowText);
        const QColor grey = header->palette().color(QPalette::Disabled, QPalette::WindowText);
        int normal = 0, disabled = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                normal += c == text;
                disabled += c == grey && grey != text;
            }
        QVERIFY2(normal > 40 && normal > 4 * disabled, qPrintable(u"%1 normal, %2 grey"_s.arg(normal).arg(disabled)));
    }

    void rowsFitAndNumberByPool()
    {
        TraySnapshotBuilder::Input in = input(8);
        in.view.pool.accounts[5].email =
            u"a.very.long.mailbox.name.for.a.shared.team.account@subdomain.of.an.example.org"_s;
        in.view.pool.select(7);
        in.view.facts[7] = facts(100, 30); // the current account is exhausted: ready-first puts it last
        in.view.facts[3] = facts(90, 30);  // nearly exhausted
        TrayController tray;
        const TraySnapshot s = snapshotOf(in);
        tray.setSnapshot(s);
        QVERIFY2(tray.menu()->sizeHint().width() <= 480, qPrintable(QString::number(tray.menu()->sizeHint().width())));
        // The current account is never further down than the third row.
        QVERIFY(indices(s.rows).indexOf(7) <= 2);
        for (const TrayRow &r : s.rows) {
            if (r.index == 7)
                QCOMPARE(int(r.tone), int(TrayTone::Exhausted));
            else if (r.index == 3)
                QCOMPARE(int(r.tone), int(TrayTone::Low));
            else
                QCOMPARE(int(r.tone), int(TrayTone::Normal));
            // The row says the pool number, whatever its place in the menu.
            QVERIFY2(tray.actionForAccount(r.index)->text().startsWith(u"Account %1: "_s.arg(r.index + 1)),
                     qPrintable(tray.actionForAccount(r.index)->text()));
        }
        // Key 4 switches to pool account 4, the number the row shows.
        QMenu *menu = tray.menu();
        menu->popup(QPoint(10, 10));
        QTRY_VERIFY(menu->isVisible());
        QSignalSpy switched(&tray, &TrayController::switchRequested);
        QTest::keyClick(menu, Qt::Key_4);
        QCOMPARE(switched.size(), 1);
        QCOMPARE(switched.first().first().toInt(), 3);
        QVERIFY(!menu->isVisible());
    }

    void clickingARowSwitches()
    {
        TraySnapshotBuilder::Input in = input(3);
        in.view.pool.select(0);
        TrayController tray;
        tray.setSnapshot(snapshotOf(in));
        QMenu *menu = tray.menu();
        menu->popup(QPoint(10, 10));
        QTRY_VERIFY(menu->isVisible());
        QAction *row = tray.actionForAccount(2);
        const QRect rect = menu->actionGeometry(row);
        QVERIFY(rect.height() > 0);
        QSignalSpy switched(&tray, &TrayController::switchRequested);
        QTest::mouseMove(menu, rect.center());
        QTest::mouseClick(menu, Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(switched.size(), 1);
        QCOMPARE(switched.first().first().toInt(), 2);
    }

    void menuOverflowSubmenu()
    {
        TrayController tray;
        tray.setSnapshot(snapshotOf(input(15)));
        QMenu *more = nullptr;
        for (QAction *a : tray.menu()->actions())
            if (a->menu() && a->text().startsWith(u"More accounts (3)"_s))
                more = a->menu();
        QVERIFY(more);
        QCOMPARE(more->actions().size(), 3);
        for (int i = 0; i < 15; ++i)
            QVERIFY2(tray.actionForAccount(i), qPrintable(QString::number(i)));
    }

    void startAtLoginAndPauseInMenu()
    {
        TrayController tray;
        tray.setSnapshot(snapshotOf(input(2)));
        QAction *login = nullptr;
        QMenu *pause = nullptr;
        for (QAction *a : tray.menu()->actions()) {
            if (a->text() == u"Start at login"_s)
                login = a;
            if (a->menu() && a->text() == u"Pause notifications"_s)
                pause = a->menu();
        }
        QVERIFY(login && login->isCheckable() && !login->isChecked());
        QSignalSpy toggled(&tray, &TrayController::startAtLoginToggled);
        login->trigger();
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled.first().first().toBool(), true);

        QVERIFY(pause);
        QSignalSpy paused(&tray, &TrayController::pauseNotificationsRequested);
        pause->actions().first()->trigger();
        QCOMPARE(paused.size(), 1);
        QCOMPARE(paused.first().first().toInt(), 60);
        tray.setNotificationsPaused(true);
        bool resumeEnabled = false;
        for (QAction *a : tray.menu()->actions())
            if (a->menu() && a->text() == u"Notifications paused"_s)
                resumeEnabled = a->menu()->actions().last()->isEnabled();
        QVERIFY(resumeEnabled);
    }
};

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestTray t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_tray.moc"
