#include "testenv.h"
#include "windowtest.h"
#include "models/accountsmodel.h"
#include "theme/translation.h"
#include "windows/accountswindow.h"
#include "windows/banner.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QHeaderView>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QScrollBar>
#include <QTableView>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The accounts window (docs/ui.md §5) over a real desktop session: its actions change the pool through
// the services, results come back in words (German ones with LANGUAGE=de), banners follow the
// view, and the window remembers its columns and "Don't ask again".
class TestAccountsWindow : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void actionsChangeThePoolThroughTheCore()
    {
        f.seedPool(3);
        auto s = f.session();
        AccountsWindow window(*s);
        connect(s.get(), &DesktopSession::viewChanged, &window, [&] { window.setView(s->view()); });
        QSignalSpy finished(&window, &AccountsWindow::resultReported);
        window.setView(s->view());
        window.show();

        // Set as current (Enter): Codex's auth.json holds account 3 and the pool pins it.
        window.selectIndex(2);
        window.findChild<QAction *>(u"switch"_s)->trigger();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(0).toString()));
        const QJsonObject auth = readJson(qEnvironmentVariable("CODEX_HOME") + u"/auth.json"_s);
        QCOMPARE(auth[u"tokens"_s][u"account_id"_s].toString(), u"acct-3"_s);
        QCOMPARE(f.pool().currentIndex(), 2);

        // Disable (Ctrl+E) on a multi-selection, then enable again.
        window.selectIndex(0);
        window.table()->selectionModel()->select(window.proxy()->mapFromSource(window.model()->index(1, 0)),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(window.selectedIndexes(), (QList<int>{0, 1}));
        QAction *enable = window.findChild<QAction *>(u"enable"_s);
        window.actionMenu();
        QCOMPARE(enable->text(), u"&Disable"_s);
        enable->trigger();
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(!f.pool().accounts[0].isEnabled());
        QVERIFY(!f.pool().accounts[1].isEnabled());
        QCOMPARE(f.pool().accounts[0].disabledReason.value_or(QString()), u"user"_s);
        window.actionMenu();
        QCOMPARE(enable->text(), u"&Enable"_s);
        enable->trigger();
        QTRY_COMPARE(finished.count(), 3);
        QVERIFY(f.pool().accounts[0].isEnabled());

        // Manual order: dragging account 3 to the top moves the record; current and pin follow.
        window.setSortMode(u"manual"_s);
        auto *mime = new QMimeData;
        mime->setData(window.model()->mimeTypes().first(), "2");
        QVERIFY(window.model()->canDropMimeData(mime, Qt::MoveAction, 0, 0, QModelIndex()));
        window.model()->dropMimeData(mime, Qt::MoveAction, 0, 0, QModelIndex());
        delete mime;
        QTRY_COMPARE(f.pool().accounts[0].accountId.value_or(QString()), u"acct-3"_s);
        QCOMPARE(f.pool().currentIndex(), 0);
        QCOMPARE(f.pool().pinnedAccountIndex.value_or(-1), 0);

        // Tags and note through their dialog.
        window.selectIndex(1);
        QTimer::singleShot(50, qApp, [] {
            QWidget *modal = QApplication::activeModalWidget();
            const QList<QLineEdit *> edits = modal->findChildren<QLineEdit *>();
            edits[0]->setText(u"ci, night"_s);
            edits[1]->setText(u"team laptop"_s);
            for (QAbstractButton *b : modal->findChildren<QAbstractButton *>())
                if (b->text().remove(u'&') == u"OK"_s)
                    b->click();
        });
        window.findChild<QAction *>(u"tags"_s)->trigger();
        QTRY_VERIFY(window.model()->view().facts.value(1).policy.tags == (QStringList{u"ci"_s, u"night"_s}));
        QCOMPARE(window.model()->view().facts[1].policy.note.value_or(QString()), u"team laptop"_s);
        QVERIFY(window.detailsHtml().contains(u"team laptop"_s));
        window.proxy()->setSearch(u"night"_s);
        QCOMPARE(window.proxy()->rowCount(), 1);
        window.proxy()->setSearch(QString());

        // Keys: Ctrl+C copies the email, F5 checks the selection.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.table()->setFocus();
        window.selectIndex(1);
        QTest::keyClick(window.table(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), window.model()->view().email(1));
        const int beforeCheck = finished.count();
        QTest::keyClick(window.table(), Qt::Key_F5);
        QTRY_COMPARE(finished.count(), beforeCheck + 1);
        QVERIFY2(finished.last().at(0).toString().startsWith(u"Health check: 1 available"_s),
                 qPrintable(finished.last().at(0).toString()));
        QCOMPARE(window.resultText(), finished.last().at(0).toString());

        // Remove (Delete) asks first; Cancel sends nothing, Remove removes (one answer in all).
        const int before = finished.count();
        window.selectIndex(2);
        answerNextDialog(u"Cancel"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QCOMPARE(f.pool().accounts.size(), 3);
        answerNextDialog(u"Remove"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QTRY_COMPARE(f.pool().accounts.size(), 2);
        QTRY_COMPARE(finished.count(), before + 1);
        QVERIFY2(finished.last().at(0).toString().startsWith(u"Removed account 3: user2@example.org."_s),
                 qPrintable(finished.last().at(0).toString()));

        // Delete all: a wrong confirmation deletes nothing (and says so at once); DELETE clears the pool.
        answerNextDialog(u"OK"_s, false, u"delete"_s);
        window.findChild<QAction *>(u"deleteAll"_s)->trigger();
        QCOMPARE(window.resultText(), u"Failed: Nothing was deleted: the confirmation did not match DELETE."_s);
        QCOMPARE(f.pool().accounts.size(), 2);
        answerNextDialog(u"OK"_s, false, u"DELETE"_s);
        window.findChild<QAction *>(u"deleteAll"_s)->trigger();
        QTRY_COMPARE(f.pool().accounts.size(), 0);
        QTRY_COMPARE(window.resultText(), u"Removed all 2 accounts."_s);
    }

    void actionResultsAreGermanInGerman()
    {
        // The process must start in German (QLocale reads LANGUAGE once): ctest runs this function
        // again as tst_accountswindow_de with LANGUAGE=de.
        if (!qEnvironmentVariable("LANGUAGE").startsWith(u"de"_s))
            QSKIP("runs as tst_accountswindow_de (LANGUAGE=de)");
        QVERIFY(useLanguage(u"system"_s)); // German, from LANGUAGE
        f.seedPool(2);
        auto s = f.session();
        AccountsWindow window(*s);
        connect(s.get(), &DesktopSession::viewChanged, &window, [&] { window.setView(s->view()); });
        window.setView(s->view());
        window.show();
        const PoolView stale = s->view();

        // A removal: the confirmation and the result in German.
        window.selectIndex(1);
        answerNextDialog(u"Entfernen"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QTRY_COMPARE(f.pool().accounts.size(), 1);
        QTRY_COMPARE(window.resultText(), u"Konto 2 entfernt: user2@example.org."_s);

        // A failure: the window still shows the removed account, the service no longer finds it.
        window.setView(stale);
        window.selectIndex(1);
        answerNextDialog(u"Entfernen"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QTRY_COMPARE(window.resultText(), u"Fehlgeschlagen: Dieses Konto ist nicht mehr im Pool."_s);
        QCOMPARE(f.pool().accounts.size(), 1);

        // Unpin, enable and disable speak German too.
        window.setView(s->view());
        window.selectIndex(0);
        window.findChild<QAction *>(u"enable"_s)->trigger();
        QTRY_COMPARE(window.resultText(), u"1 Konto deaktiviert."_s);
        useLanguage(u"en"_s);
    }

    void keyColumnsFitAt1280x800()
    {
        // A 1280×800 screen: at its default size the window fits, and every key column (account,
        // plan, status, 5h, weekly, token, last used) is inside the table's viewport without
        // horizontal scrolling, even with a long email; the details pane opens only on selection.
        f.seedPool(6);
        {
            auto ctx = f.app();
            QVERIFY(ctx->repository(true)
                        .update([](AccountPool &p) {
                            p.accounts[4].email = u"a.very.long.mailbox.name.for.a.shared.team@subdomain.example.org"_s;
                            // A plan without a weekly window.
                            return success();
                        })
                        .ok());
        }
        PoolView v = f.view();
        v.facts[5].quota->secondary = QuotaWindow();
        auto s = f.session();
        AccountsWindow window(*s);
        window.setView(v);
        QVERIFY2(window.width() <= 1280 && window.height() <= 800 - 40,
                 qPrintable(u"%1x%2"_s.arg(window.width()).arg(window.height())));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *table = window.table();
        QTRY_VERIFY(table->viewport()->width() > 0);
        QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
        auto *details = window.findChild<QWidget *>(u"details"_s);
        QVERIFY(!details->isVisible());
        for (int c : {int(AccountsModel::Number), int(AccountsModel::AccountColumn), int(AccountsModel::Plan),
                      int(AccountsModel::Status), int(AccountsModel::ShortWindow), int(AccountsModel::LongWindow),
                      int(AccountsModel::Token), int(AccountsModel::LastUsed)}) {
            QVERIFY(!table->isColumnHidden(c));
            const int left = table->horizontalHeader()->sectionViewportPosition(c);
            const int right = left + table->horizontalHeader()->sectionSize(c);
            QVERIFY2(left >= 0 && right <= table->viewport()->width(),
                     qPrintable(u"%1: %2..%3 of %4"_s.arg(AccountsModel::columnTitle(c))
                                    .arg(left)
                                    .arg(right)
                                    .arg(table->viewport()->width())));
        }
        // A plan with no weekly window says so with a dash, not "no data".
        const QModelIndex weekly = window.model()->index(5, AccountsModel::LongWindow);
        QCOMPARE(weekly.data().toString(), u"—"_s);
        // Selecting an account opens the details pane.
        window.selectIndex(1);
        QTRY_VERIFY(details->isVisible());
    }

    void bannersFollowTheView()
    {
        f.seedPool(2);
        auto s = f.session();
        AccountsWindow window(*s);
        PoolView v = f.view();
        v.foreignEmail = u"stranger@example.org"_s;
        v.keychainLocked = true;
        window.setView(v);
        QVERIFY(window.banners()->ids().contains(u"foreign"_s));
        QVERIFY(window.banners()->ids().contains(u"keychain"_s));
        QSignalSpy add(&window, &AccountsWindow::importForeignRequested);
        for (QPushButton *b : window.banners()->find(u"foreign"_s)->findChildren<QPushButton *>())
            if (b->text() == u"Add to pool"_s)
                b->click();
        QCOMPARE(add.count(), 1);
        v.foreignEmail.clear();
        v.keychainLocked = false;
        v.health = StorageHealth::ReadOnly;
        window.setView(v);
        QVERIFY(!window.banners()->ids().contains(u"foreign"_s));
        QVERIFY(window.banners()->ids().contains(u"readonly"_s));
        // Alerts become banners when there is no notifier.
        window.addNotice(u"Account exhausted"_s, u"user1@example.org reached its 5h limit"_s);
        QVERIFY(window.banners()->ids().contains(u"notice-Account exhausted"_s));
        // No tray: a menu bar and the current account in the title.
        QMenu trayMenu;
        trayMenu.addAction(u"Refresh now"_s);
        window.setMainWindowMode(true, &trayMenu);
        QVERIFY(window.windowTitle().startsWith(u"user1@example.org — 70% left"_s));
        QCOMPARE(window.menuBar()->actions().first()->menu(), &trayMenu); // follows the rebuilt tray menu
    }

    void windowRemembersColumnsAndDontAskAgain()
    {
        const QString state = f.root() + u"/window-state.json"_s;
        {
            auto s = f.session();
            AccountsWindow window(*s);
            window.setStatePath(state);
            QVERIFY(window.table()->isColumnHidden(AccountsModel::Risk)); // hidden by default
            window.setColumnShown(AccountsModel::Risk, true);
            window.setColumnShown(AccountsModel::Plan, false);
            QMenu trayMenu;
            window.setMainWindowMode(true, &trayMenu);
            window.show();
            answerNextDialog(u"Minimize"_s, /*tickCheckBox=*/true);
            window.close();
            QVERIFY(!window.asksBeforeQuit());
        }
        auto s = f.session();
        AccountsWindow again(*s);
        again.setStatePath(state);
        QVERIFY(!again.table()->isColumnHidden(AccountsModel::Risk));
        QVERIFY(again.table()->isColumnHidden(AccountsModel::Plan));
        QVERIFY(!again.asksBeforeQuit());
        QCOMPARE(QFileInfo(state).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }
};

QTEST_MAIN(TestAccountsWindow)
#include "tst_accountswindow.moc"
