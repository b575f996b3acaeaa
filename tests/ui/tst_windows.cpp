#include "accounts/policystore.h"
#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "fakeopenaiserver.h"
#include "models/accountsmodel.h"
#include "models/forecastmodel.h"
#include "models/poolview.h"
#include "settings/settingswindow.h"
#include "testenv.h"
#include "theme/theme.h"
#include "theme/translation.h"
#include "tray/coreworker.h"
#include "windows/accountswindow.h"
#include "windows/banner.h"
#include "windows/forecastwindow.h"
#include "windows/logindialog.h"
#include "windows/runwaywidget.h"
#include "windows/welcomedialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QUrlQuery>
#include <QHeaderView>
#include <QScrollBar>
#include <QtTest>

using namespace cma;
using namespace cma::ui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<QStringList>)

namespace {

constexpr qint64 kHour = 3600'000;

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readBytes(path)).object();
}

void writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(o).toJson());
}

/// Answers the next modal dialog: clicks the button whose text contains \a button (after
/// optionally ticking its check box, or typing into its line edit).
void answerNextDialog(const QString &button, bool tickCheckBox = false, const QString &typed = {})
{
    QTimer::singleShot(50, qApp, [=] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal) {
            answerNextDialog(button, tickCheckBox, typed);
            return;
        }
        if (tickCheckBox)
            if (auto *box = modal->findChild<QCheckBox *>())
                box->setChecked(true);
        if (!typed.isNull())
            if (auto *line = modal->findChild<QLineEdit *>())
                line->setText(typed);
        for (QAbstractButton *b : modal->findChildren<QAbstractButton *>())
            if (b->text().remove(u'&').contains(button)) {
                b->click();
                return;
            }
    });
}

} // namespace

// The windows of docs/ui.md §5–§8 on the offscreen platform, over the real core: the models pass
// QAbstractItemModelTester, actions change the pool through the CLI's code, the settings preview
// and Cancel restore the exact palette, OK writes only changed keys, every login mode completes
// against the fake issuer, and the runway timeline renders a scripted pool.
class TestWindows : public QObject
{
    Q_OBJECT
private:
    test::FakeOpenAiServer *m_fake = nullptr;
    quint16 m_callbackPort = 0;
    QString m_root;
    QUrl m_opened;

    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }
    static Endpoints endpoints() { return Endpoints::fromEnvironment().value(); }
    std::unique_ptr<AppContext> app()
    {
        return std::make_unique<AppContext>(QProcessEnvironment::systemEnvironment(), endpoints());
    }

    /// A pool of \a n accounts signed in at the fake issuer, with quota readings: account 1 at
    /// 30 % used, account 2 exhausted for two hours, the others fresh.
    void seedPool(int n)
    {
        auto ctx = app();
        AccountPool pool;
        QList<QPair<Account, QuotaEntry>> readings;
        const qint64 now = Clock::instance().nowMs();
        for (int i = 1; i <= n; ++i) {
            const QString key = m_fake->addAccount({{u"email"_s, u"user%1@example.org"_s.arg(i)},
                                                    {u"account_id"_s, u"acct-%1"_s.arg(i)},
                                                    {u"plan"_s, i == 3 ? u"pro"_s : u"plus"_s}});
            Account a = test::FakeOpenAiServer::accountFromTokens(m_fake->mint(key));
            a.addedAt = now - 48 * kHour;
            a.lastUsed = now - qint64(i) * 24 * kHour;
            pool.accounts.append(a);
            QuotaEntry e;
            e.updatedAt = now - 60'000;
            e.status = 200;
            e.model = u"codex"_s;
            e.planType = i == 3 ? u"pro"_s : u"plus"_s;
            e.primary.usedPercent = i == 1 ? 30.0 : i == 2 ? 100.0 : 5.0 * i;
            e.primary.windowMinutes = 300;
            e.primary.resetAtMs = now + (i == 2 ? 2 * kHour : 3 * kHour);
            e.secondary.usedPercent = 10.0 * i;
            e.secondary.windowMinutes = 10080;
            e.secondary.resetAtMs = now + 72 * kHour;
            readings.append({a, e});
        }
        Result<LoadedPool> saved = ctx->repository(true).update([&](AccountPool &p) {
            p = pool;
            p.select(0);
            return success();
        });
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        QVERIFY(ctx->quotaCache().store(readings, saved->pool).ok());
    }
    /// The fake issuer signs the browser in as this account (added to it).
    void signInAs(const QJsonObject &account) { m_fake->setAuthorizeAs({{u"account"_s, m_fake->addAccount(account)}}); }
    /// Starts the dialog's browser sign-in (its "Open browser") and plays the browser: the fake
    /// issuer redirects to the dialog's loopback server. \a beforeBrowsing runs once the link is out.
    void signInWithBrowser(LoginDialog &dialog, const std::function<void()> &beforeBrowsing = {})
    {
        m_opened.clear();
        dialog.setBrowserOpener([this](const QUrl &url) {
            m_opened = url;
            return true;
        });
        dialog.show();
        dialog.findChild<QPushButton *>(u"openBrowser"_s)->click();
        QTRY_VERIFY(!m_opened.isEmpty());
        if (beforeBrowsing)
            beforeBrowsing();
        test::browse(m_opened);
    }
    PoolView view()
    {
        auto ctx = app();
        return PoolView::gather(*ctx, Clock::instance().nowMs());
    }
    AccountPool pool()
    {
        auto ctx = app();
        return ctx->repository().load().value().pool;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        qRegisterMetaType<QList<QStringList>>();
        m_fake = new test::FakeOpenAiServer(this);
        QVERIFY(m_fake->listen());
        m_callbackPort = freePort();
        qputenv("CODEX_MULTI_AUTH_ISSUER", m_fake->issuerUrl().toUtf8());
        qputenv("CODEX_MULTI_AUTH_CHATGPT_BASE_URL", m_fake->backendUrl().toUtf8());
        qputenv("CODEX_MULTI_AUTH_CALLBACK_PORT", QByteArray::number(m_callbackPort));
        m_root = qEnvironmentVariable("CODEX_MULTI_AUTH_DIR");
        useLanguage(u"en"_s); // the English plural forms
    }

    void init()
    {
        // A fresh storage folder and issuer for every test.
        QDir(m_root).removeRecursively();
        QDir().mkpath(m_root);
        QDir(qEnvironmentVariable("CODEX_HOME")).removeRecursively();
        QDir().mkpath(qEnvironmentVariable("CODEX_HOME"));
        writeJson(m_root + u"/settings.json"_s,
                  {{u"version"_s, 1}, {u"desktop"_s, QJsonObject{{u"secretStorage"_s, u"file"_s}}}});
        m_fake->reset();
        Theme::instance().apply(ThemeSettings());
    }

    void accountsModelPassesTester()
    {
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AccountsProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        seedPool(4);
        model.setView(view());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(AccountsModel::ColumnCount));
        // Same accounts: updated in place; one more: reset; none: empty.
        model.setView(view());
        seedPool(5);
        model.setView(view());
        QCOMPARE(model.rowCount(), 5);
        model.setView(PoolView());
        QCOMPARE(model.rowCount(), 0);
        model.setView(view());
        // What the cells say.
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QVERIFY(cell(0, AccountsModel::AccountColumn).toString().startsWith(u"● user1@example.org"_s));
        QCOMPARE(cell(0, AccountsModel::Status).toString(), u"active"_s);
        QCOMPARE(cell(1, AccountsModel::Status).toString(), u"quota-exhausted"_s);
        QCOMPARE(cell(1, AccountsModel::Status, AccountsModel::ToneRole).toInt(), int(Tone::Warning));
        QVERIFY2(cell(0, AccountsModel::ShortWindow).toString().startsWith(u"70% · "_s),
                 qPrintable(cell(0, AccountsModel::ShortWindow).toString()));
        QVERIFY(cell(0, AccountsModel::ShortWindow, Qt::ToolTipRole).toString().contains(u"resets "_s));
        QCOMPARE(cell(0, AccountsModel::ShortWindow, AccountsModel::BarLeftRole).toDouble(), 70.0);
        QVERIFY(cell(0, AccountsModel::ShortWindow, Qt::AccessibleDescriptionRole)
                    .toString()
                    .startsWith(u"5-hour window, 70 percent left, resets at "_s));
        QCOMPARE(cell(2, AccountsModel::Plan).toString(), u"Pro"_s);
        QVERIFY(cell(0, AccountsModel::Token).toString().startsWith(u"expires in "_s));
        QCOMPARE(cell(0, AccountsModel::LastUsed).toString(), u"yesterday"_s);
        // Ready-first puts the exhausted account last.
        proxy.setBaseOrder(u"ready-first"_s);
        QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        proxy.setBaseOrder(u"manual"_s);
        QCOMPARE(proxy.index(1, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        // A header click sorts by that column.
        proxy.sortByColumn(AccountsModel::ShortWindow, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        // Search: email, id, tag, note.
        proxy.setSearch(u"USER3"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearch(u"acct-4"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearch(QString());
        QCOMPARE(proxy.rowCount(), 5);
    }

    void keyColumnsFitAt1280x800()
    {
        // A 1280×800 screen: at its default size the window fits, and every key column (account,
        // plan, status, 5h, weekly, token, last used) is inside the table's viewport without
        // horizontal scrolling, even with a long email; the details pane opens only on selection.
        seedPool(6);
        {
            auto ctx = app();
            QVERIFY(ctx->repository(true)
                        .update([](AccountPool &p) {
                            p.accounts[4].email = u"a.very.long.mailbox.name.for.a.shared.team@subdomain.example.org"_s;
                            // A plan without a weekly window.
                            return success();
                        })
                        .ok());
        }
        PoolView v = view();
        v.facts[5].quota->secondary = QuotaWindow();
        AccountsWindow window;
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

    void hiddenPersonalInfoMasksTheTable()
    {
        seedPool(2);
        auto ctx = app();
        QVERIFY(ctx->settings().setValue(u"desktop"_s, u"hidePersonalInfo"_s, true).ok());
        AccountsModel model;
        model.setView(view());
        const QString text = model.index(0, AccountsModel::AccountColumn).data().toString();
        QVERIFY2(!text.contains(u"user1@example.org"_s), qPrintable(text));
        QVERIFY2(text.contains(u"***"_s), qPrintable(text));
    }

    void forecastModelPassesTester()
    {
        ForecastModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        seedPool(3);
        model.setView(view());
        QCOMPARE(model.rowCount(), 3);
        // Recommendation order: the exhausted account comes last, with a wait and its reason.
        QCOMPARE(model.poolIndex(2), 1);
        QCOMPARE(model.index(2, ForecastModel::Availability).data().toString(), u"delayed"_s);
        QVERIFY(!model.index(2, ForecastModel::Wait).data().toString().isEmpty());
        model.setExplain(true);
        model.setView(PoolView());
        QCOMPARE(model.rowCount(), 0);
    }

    void actionsChangeThePoolThroughTheCore()
    {
        seedPool(3);
        CoreWorker worker(QProcessEnvironment::systemEnvironment(), endpoints());
        worker.init();
        AccountsWindow window;
        connect(&window, &AccountsWindow::commandsRequested, &worker, &CoreWorker::runCommands);
        connect(&window, &AccountsWindow::moveRequested, &worker, [&](int from, int to) {
            worker.moveAccount(window.model()->view().pool.accounts[from].trackerKey(), to);
        });
        connect(&worker, &CoreWorker::dataChanged, &window, [&] { window.setView(view()); });
        QSignalSpy finished(&worker, &CoreWorker::finished);
        window.setView(view());
        window.show();

        // Set as current (Enter): Codex's auth.json holds account 3 and the pool pins it.
        window.selectIndex(2);
        window.findChild<QAction *>(u"switch"_s)->trigger();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(0).toString()));
        const QJsonObject auth = readJson(qEnvironmentVariable("CODEX_HOME") + u"/auth.json"_s);
        QCOMPARE(auth[u"tokens"_s][u"account_id"_s].toString(), u"acct-3"_s);
        QCOMPARE(pool().currentIndex(), 2);

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
        QVERIFY(!pool().accounts[0].isEnabled());
        QVERIFY(!pool().accounts[1].isEnabled());
        QCOMPARE(pool().accounts[0].disabledReason.value_or(QString()), u"user"_s);
        window.actionMenu();
        QCOMPARE(enable->text(), u"&Enable"_s);
        enable->trigger();
        QTRY_COMPARE(finished.count(), 3);
        QVERIFY(pool().accounts[0].isEnabled());

        // Manual order: dragging account 3 to the top moves the record; current and pin follow.
        window.setSortMode(u"manual"_s);
        auto *mime = new QMimeData;
        mime->setData(window.model()->mimeTypes().first(), "2");
        QVERIFY(window.model()->canDropMimeData(mime, Qt::MoveAction, 0, 0, QModelIndex()));
        window.model()->dropMimeData(mime, Qt::MoveAction, 0, 0, QModelIndex());
        delete mime;
        QTRY_COMPARE(pool().accounts[0].accountId.value_or(QString()), u"acct-3"_s);
        QCOMPARE(pool().currentIndex(), 0);
        QCOMPARE(pool().pinnedAccountIndex.value_or(-1), 0);

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
        QVERIFY2(finished.last().at(0).toString().contains(u"user1@example.org"_s) ||
                     finished.last().at(0).toString().contains(u"Account 2"_s),
                 qPrintable(finished.last().at(0).toString()));

        // Remove (Delete) asks first; Cancel keeps everything, Remove removes.
        const int before = finished.count();
        window.selectIndex(2);
        answerNextDialog(u"Cancel"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QTest::qWait(100);
        QCOMPARE(finished.count(), before);
        QCOMPARE(pool().accounts.size(), 3);
        answerNextDialog(u"Remove"_s);
        window.findChild<QAction *>(u"remove"_s)->trigger();
        QTRY_COMPARE(pool().accounts.size(), 2);

        // Delete all: a wrong confirmation deletes nothing; DELETE clears the pool.
        answerNextDialog(u"OK"_s, false, u"delete"_s);
        window.findChild<QAction *>(u"deleteAll"_s)->trigger();
        QTest::qWait(100);
        QCOMPARE(pool().accounts.size(), 2);
        answerNextDialog(u"OK"_s, false, u"DELETE"_s);
        window.findChild<QAction *>(u"deleteAll"_s)->trigger();
        QTRY_COMPARE(pool().accounts.size(), 0);
    }

    void bannersFollowTheView()
    {
        seedPool(2);
        AccountsWindow window;
        PoolView v = view();
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
        const QString state = m_root + u"/window-state.json"_s;
        {
            AccountsWindow window;
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
        AccountsWindow again;
        again.setStatePath(state);
        QVERIFY(!again.table()->isColumnHidden(AccountsModel::Risk));
        QVERIFY(again.table()->isColumnHidden(AccountsModel::Plan));
        QVERIFY(!again.asksBeforeQuit());
        QCOMPARE(QFileInfo(state).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void settingsPreviewAndCancelRestoreTheExactPalette_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("cancel") << u"cancel"_s;
        QTest::newRow("escape") << u"escape"_s;
        QTest::newRow("close") << u"close"_s;
    }
    void settingsPreviewAndCancelRestoreTheExactPalette()
    {
        QFETCH(QString, how);
        auto ctx = app();
        QVERIFY(ctx->settings().setValue(u"desktop"_s, u"palette"_s, u"light"_s).ok());
        QVERIFY(ctx->settings().setValue(u"dashboardDisplaySettings"_s, u"uiAccentColor"_s, u"cyan"_s).ok());
        const QByteArray fileBefore = readBytes(m_root + u"/settings.json"_s);
        ThemeSettings saved;
        saved.palette = u"light"_s;
        saved.accent = u"cyan"_s;
        Theme::instance().apply(saved);
        const QPalette before = QApplication::palette();

        SettingsWindow window(*ctx);
        window.show();
        window.showPage(u"Color theme"_s);
        auto *palette = qobject_cast<QComboBox *>(window.editorFor(u"desktop.palette"_s));
        auto *accent = qobject_cast<QComboBox *>(window.editorFor(u"dashboardDisplaySettings.uiAccentColor"_s));
        QVERIFY(palette && accent);
        QCOMPARE(palette->currentData().toString(), u"light"_s);
        palette->setCurrentIndex(palette->findData(u"dark"_s));
        accent->setCurrentIndex(accent->findData(u"yellow"_s));
        // Live: the application palette changed at once.
        QVERIFY(QApplication::palette() != before);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.5);
        QCOMPARE(Theme::instance().current().palette, u"dark"_s);

        if (how == "cancel"_L1) {
            for (QAbstractButton *b : window.findChildren<QAbstractButton *>())
                if (b->text().remove(u'&') == u"Cancel"_s)
                    b->click();
        } else if (how == "escape"_L1) {
            QTest::keyClick(&window, Qt::Key_Escape);
        } else {
            window.close();
        }
        QCOMPARE(QApplication::palette(), before);
        QCOMPARE(Theme::instance().current(), saved);
        QCOMPARE(readBytes(m_root + u"/settings.json"_s), fileBefore); // nothing written
    }

    void settingsOkWritesOnlyChangedKeysMergedOntoTheFile()
    {
        auto ctx = app();
        writeJson(m_root + u"/settings.json"_s,
                  {{u"version"_s, 1},
                   {u"desktop"_s, QJsonObject{{u"secretStorage"_s, u"file"_s}}},
                   {u"dashboardDisplaySettings"_s, QJsonObject{{u"menuFocusStyle"_s, u"row-invert"_s}}}});
        SettingsWindow window(*ctx);
        window.show();
        auto *hide = qobject_cast<QCheckBox *>(window.editorFor(u"desktop.hidePersonalInfo"_s));
        auto *interval = qobject_cast<QSpinBox *>(window.editorFor(u"pluginConfig.proactiveRefreshIntervalMs"_s));
        auto *thresholds = qobject_cast<QLineEdit *>(window.editorFor(u"desktop.notifications.thresholds"_s));
        QVERIFY(hide && interval && thresholds);
        QCOMPARE(interval->value(), 60); // shown in seconds
        hide->setChecked(true);
        interval->setValue(90);
        thresholds->setText(u"40, 10, 5"_s);
        Q_EMIT thresholds->textEdited(thresholds->text());
        // Another process changes the file meanwhile: its keys survive ours.
        {
            auto other = app();
            QVERIFY(other->settings().setValue(u"pluginConfig"_s, u"liveAccountSyncPollMs"_s, 4000).ok());
        }
        QCOMPARE(window.draft().changedKeys(),
                 (QStringList{u"desktop.hidePersonalInfo"_s, u"pluginConfig.proactiveRefreshIntervalMs"_s,
                              u"desktop.notifications.thresholds"_s}));
        QSignalSpy saved(&window, &SettingsWindow::settingsSaved);
        window.accept();
        QCOMPARE(saved.count(), 1);
        const QJsonObject file = readJson(m_root + u"/settings.json"_s);
        QCOMPARE(file[u"desktop"_s][u"hidePersonalInfo"_s].toBool(), true);
        QCOMPARE(file[u"desktop"_s][u"notifications"_s][u"thresholds"_s].toArray(), (QJsonArray{40, 10}));
        QCOMPARE(file[u"pluginConfig"_s][u"proactiveRefreshIntervalMs"_s].toInt(), 90000);
        QCOMPARE(file[u"pluginConfig"_s][u"liveAccountSyncPollMs"_s].toInt(), 4000);
        QCOMPARE(file[u"dashboardDisplaySettings"_s][u"menuFocusStyle"_s].toString(), u"row-invert"_s);
        // Unchanged keys were not written.
        QVERIFY(!file[u"desktop"_s].toObject().contains(u"palette"_s));
        QVERIFY(!file[u"pluginConfig"_s].toObject().contains(u"proactiveRefreshGuardian"_s));
        QCOMPARE(file[u"desktop"_s].toObject().size(), 3);
    }

    void settingsShowEnvironmentOverridesDisabled()
    {
        qputenv("CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS", "30000");
        auto ctx = app();
        SettingsWindow window(*ctx);
        QWidget *editor = window.editorFor(u"pluginConfig.proactiveRefreshIntervalMs"_s);
        QVERIFY(!editor->isEnabled());
        QCOMPARE(editor->toolTip(), u"Set by CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS = 30000"_s);
        qunsetenv("CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS");
        // Restore defaults resets the page in the draft only.
        window.showPage(u"Color theme"_s);
        auto *accent = qobject_cast<QComboBox *>(window.editorFor(u"dashboardDisplaySettings.uiAccentColor"_s));
        accent->setCurrentIndex(accent->findData(u"blue"_s));
        window.restorePageDefaults();
        QCOMPARE(accent->currentData().toString(), u"green"_s);
        QVERIFY(window.draft().changedKeys().isEmpty());
        // The Account list page previews its keys on sample rows.
        QVERIFY(window.listPreviewText().contains(u"[active]"_s));
        qobject_cast<QCheckBox *>(window.editorFor(u"dashboardDisplaySettings.menuShowStatusBadge"_s))
            ->setChecked(false);
        QVERIFY(!window.listPreviewText().contains(u"[active]"_s));
    }

    void securityPageListsPlaintextFilesAndBackups()
    {
        seedPool(1);
        auto ctx = app();
        QDir().mkpath(ctx->paths().backupsDir());
        auto writeFile = [](const QString &path, const QByteArray &content) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        writeFile(ctx->paths().backupsDir() + u"/before-move.cma-backup"_s, "encrypted");
        writeFile(ctx->paths().backupsDir() + u"/for-node.json"_s,
                  R"({"accounts":[{"refreshToken":"rt_plain_token_value"}]})");
        writeFile(ctx->paths().backupsDir() + u"/markers-only.json"_s,
                  R"({"accounts":[{"refreshToken":"cma-keychain:v1:0123456789abcdef0123456789abcdef"}]})");
        // File mode: the pool holds its refresh tokens in plaintext, and so does the Node export.
        QCOMPARE(plaintextTokenFiles(ctx->paths()),
                 (QStringList{ctx->paths().poolPath(), ctx->paths().backupsDir() + u"/for-node.json"_s}));
        QDir().mkpath(m_root + u"/projects/my-repo-0123456789ab"_s);
        QVERIFY(QFile::copy(ctx->paths().poolPath(),
                            m_root + u"/projects/my-repo-0123456789ab/openai-codex-accounts.json"_s));
        SettingsWindow window(*ctx);
        auto *projects = window.findChild<QListWidget *>(u"projectPools"_s);
        QCOMPARE(projects->count(), 1);
        QCOMPARE(projects->item(0)->text(), u"my-repo-0123456789ab"_s);
        auto *backups = window.findChild<QListWidget *>(u"namedBackups"_s);
        QCOMPARE(backups->count(), 3);
        const QString plaintext = window.findChild<QLabel *>(u"plaintextFiles"_s)->text();
        QVERIFY2(plaintext.contains(u"openai-codex-accounts.json"_s) && plaintext.contains(u"for-node.json"_s) &&
                     !plaintext.contains(u"markers-only.json"_s),
                 qPrintable(plaintext));
    }

    void welcomeSaysWhatWasFound()
    {
        seedPool(2);
        auto ctx = app();
        WelcomeDialog welcome(*ctx);
        const QString text = welcome.summaryText();
        QVERIFY2(text.contains(u"Found 2 accounts in "_s), qPrintable(text));
        // File mode chosen in settings.json, with plaintext accounts: the reason names them.
        QVERIFY2(text.contains(u"Refresh tokens stay in the account file (readable only by you), because the "
                               u"existing accounts keep theirs there."_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"The official Codex CLI was not found on PATH."_s) ||
                     text.contains(u"The official Codex CLI was found at "_s),
                 qPrintable(text));
        QVERIFY(welcome.startAtLogin());
        QSignalSpy add(&welcome, &WelcomeDialog::addAccountRequested);
        for (QPushButton *b : welcome.findChildren<QPushButton *>())
            if (b->text() == u"&Add account"_s)
                b->click();
        QCOMPARE(add.count(), 1);
    }

    void loginBrowserMode()
    {
        signInAs({{u"email"_s, u"carol@example.com"_s}, {u"account_id"_s, u"acct-carol"_s}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        QCOMPARE(dialog.windowTitle(), u"Add account"_s);
        signInWithBrowser(dialog, [&] {
            QCOMPARE(dialog.statusText(), u"Waiting for the browser…"_s);
            QCOMPARE(dialog.findChild<QLabel *>(u"countdown"_s)->text(), u"5:00"_s);
        });
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        QVERIFY2(dialog.resultText().startsWith(u"Added account 1: carol@example.com (Plus)"_s),
                 qPrintable(dialog.resultText()));
        QCOMPARE(pool().accounts.size(), 1);
        // The first account becomes Codex's account.
        QCOMPARE(
            readJson(qEnvironmentVariable("CODEX_HOME") + u"/auth.json"_s)[u"tokens"_s][u"account_id"_s].toString(),
            u"acct-carol"_s);
    }

    void loginErrorRedirectEndsTheAttempt()
    {
        m_fake->setAuthorizeAs({{u"mode"_s, u"error"_s}, {u"description"_s, u"missing_codex_entitlement"_s}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        signInWithBrowser(dialog);
        QTRY_COMPARE(dialog.statusText(), u"Codex is not enabled for your workspace. Contact your workspace "
                                          u"administrator to request access to Codex."_s);
        QVERIFY(dialog.resultText().isEmpty());
        QVERIFY(!QFileInfo::exists(m_root + u"/openai-codex-accounts.json"_s));
    }

    void loginPasteMode()
    {
        seedPool(1);
        signInAs({{u"email"_s, u"dave@example.com"_s}, {u"account_id"_s, u"acct-dave"_s}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        dialog.setBrowserOpener([](const QUrl &) { return false; });
        dialog.show();
        dialog.setMode(LoginDialog::Paste);
        QTRY_VERIFY(!dialog.signInLink().isEmpty());
        // With accounts in the pool the browser is asked for a fresh sign-in.
        QCOMPARE(QUrlQuery(dialog.signInLink()).queryItemValue(u"prompt"_s), u"login"_s);
        const QUrl redirect(
            QString::fromUtf8(test::httpGet(QString::fromUtf8(dialog.signInLink().toEncoded())).header("Location")));
        const QUrlQuery q(redirect);
        dialog.submitPaste(u"hello"_s);
        QCOMPARE(dialog.pasteError(), u"That is not a sign-in redirect URL"_s);
        dialog.submitPaste(u"code=%1&state=someone-else"_s.arg(q.queryItemValue(u"code"_s)));
        QCOMPARE(dialog.pasteError(), u"This URL belongs to a different sign-in attempt"_s);
        dialog.submitPaste(redirect.toString());
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        QVERIFY2(dialog.resultText().startsWith(u"Added account 2: dave@example.com"_s),
                 qPrintable(dialog.resultText()));
        // The pool had a usable current account: no switch unless asked.
        QCOMPARE(pool().currentIndex(), 0);
    }

    void loginDeviceMode()
    {
        signInAs({{u"email"_s, u"erin@example.com"_s}, {u"account_id"_s, u"acct-erin"_s}});
        m_fake->configure({{u"deviceInterval"_s, 1}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        dialog.show();
        dialog.setMode(LoginDialog::Device);
        QTRY_VERIFY(dialog.deviceCode().size() > 4);
        QVERIFY(dialog.statusText().startsWith(u"Waiting for approval… 15:00"_s) ||
                dialog.statusText().startsWith(u"Waiting for approval… 14:5"_s));
        QVERIFY(m_fake->approveDevice(dialog.deviceCode()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.resultText().isEmpty(), 15000);
        QVERIFY2(dialog.resultText().startsWith(u"Added account 1: erin@example.com"_s),
                 qPrintable(dialog.resultText()));
    }

    void loginDeviceDisabledOffersBrowser()
    {
        m_fake->configure({{u"deviceDisabled"_s, true}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        dialog.show();
        dialog.setMode(LoginDialog::Device);
        QTRY_COMPARE(dialog.statusText(), u"Device-code login is not enabled for this server. Use browser login."_s);
        bool offered = false;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            offered = offered || (b->text().remove(u'&') == u"Use browser login"_s && b->isVisible());
        QVERIFY(offered);
        m_fake->configure({{u"deviceDisabled"_s, false}});
    }

    void loginWorkspaceChooser()
    {
        const QJsonArray orgs{
            QJsonObject{{u"id"_s, u"org-personal"_s}, {u"title"_s, u"Personal"_s}, {u"role"_s, u"owner"_s}},
            QJsonObject{
                {u"id"_s, u"org-acme"_s}, {u"title"_s, u"Acme"_s}, {u"role"_s, u"member"_s}, {u"is_default"_s, true}}};
        signInAs(
            {{u"email"_s, u"frank@example.com"_s}, {u"account_id"_s, u"org-personal"_s}, {u"organizations"_s, orgs}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        signInWithBrowser(dialog);
        QTRY_VERIFY(dialog.choosingWorkspace());
        auto *list = dialog.findChild<QListWidget *>(u"workspaces"_s);
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->currentRow(), 1); // the default is preselected
        QCOMPARE(list->item(1)->text(), u"Acme — member (default)"_s);
        dialog.chooseWorkspace(1);
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        const Account a = pool().accounts.value(0);
        QCOMPARE(a.accountId.value_or(QString()), u"org-acme"_s);
        QCOMPARE(a.accountIdSource.value_or(QString()), u"org"_s);
    }

    void reloginWithAnotherIdentityAsks()
    {
        seedPool(1);
        signInAs({{u"email"_s, u"mallory@example.com"_s}, {u"account_id"_s, u"acct-m"_s}});
        auto ctx = app();
        LoginDialog dialog(*ctx);
        dialog.setRelogin(0);
        QCOMPARE(dialog.windowTitle(), u"Sign in again — user1@example.org"_s);
        signInWithBrowser(dialog, [] { answerNextDialog(u"No"_s); });
        QTRY_COMPARE(dialog.statusText(), u"Nothing was changed."_s);
        QCOMPARE(pool().accounts.size(), 1);
    }

    void runwayTimelineRendersAScriptedPool()
    {
        // Account 1 in use at a measured pace; account 2 exhausted for two hours, then usable.
        seedPool(2);
        PoolView v = view();
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

        ForecastWindow window;
        window.setView(v);
        QVERIFY2(window.recommendationText().startsWith(u"Best next: user1@example.org"_s),
                 qPrintable(window.recommendationText()));
        QCOMPARE(window.quotaCardTexts().size(), 4);
        QVERIFY(window.quotaCardTexts().first().startsWith(u"5-hour window, 70 percent left"_s));
    }

    /// Screenshots of every window in light and dark, English and German (under Xvfb: the e2e
    /// script sets CMA_SCREENSHOT_DIR and QT_QPA_PLATFORM=xcb).
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("CMA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("screenshots are taken by tests/e2e/windows_screenshots.sh");
        QDir().mkpath(dir);
        seedPool(4);
        {
            auto ctx = app();
            Result<LoadedPool> loaded = ctx->repository().load();
            PolicyStore policies(ctx->paths().policiesPath(), ctx->paths().root + u"/account-policies.lock"_s);
            QVERIFY(policies
                        .update(
                            loaded->pool.accounts[2],
                            [](AccountPolicy &p) {
                                p.tags = {u"ci"_s};
                                p.note = u"build box"_s;
                                return success();
                            },
                            Clock::instance().nowMs())
                        .ok());
        }
        for (const QString &language : {u"en"_s, u"de"_s}) {
            QVERIFY(useLanguage(language) == (language == "de"_L1));
            for (const QString &palette : {u"light"_s, u"dark"_s}) {
                ThemeSettings theme;
                theme.palette = palette;
                theme.accent = palette == "dark"_L1 ? u"cyan"_s : u"blue"_s;
                Theme::instance().apply(theme);
                const QString suffix = u"-%1-%2.png"_s.arg(language, palette);
                const PoolView v = view();
                auto save = [&](QWidget *w, const QString &name) {
                    w->show();
                    QVERIFY(QTest::qWaitForWindowExposed(w));
                    QTest::qWait(150);
                    QVERIFY(w->grab().save(dir + u'/' + name + suffix));
                };
                {
                    AccountsWindow w;
                    w.setView(v);
                    w.selectIndex(2);
                    w.resize(1180, 620);
                    save(&w, u"accounts"_s);
                }
                {
                    ForecastWindow w;
                    w.setView(v);
                    for (int tab = 0; tab < 3; ++tab) {
                        w.tabs()->setCurrentIndex(tab);
                        save(&w, QStringList{u"forecast"_s, u"quota"_s, u"runway"_s}[tab]);
                    }
                }
                {
                    auto ctx = app();
                    SettingsWindow w(*ctx);
                    w.showPage(language == "de"_L1 ? u"Farbschema"_s : u"Color theme"_s);
                    save(&w, u"settings"_s);
                    w.reject();
                }
                {
                    auto ctx = app();
                    LoginDialog d(*ctx);
                    d.setBrowserOpener([](const QUrl &) { return false; });
                    d.setMode(LoginDialog::Device);
                    QTRY_VERIFY(d.deviceCode().size() > 4);
                    save(&d, u"login"_s);
                }
            }
        }
        useLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestWindows)
#include "tst_windows.moc"
