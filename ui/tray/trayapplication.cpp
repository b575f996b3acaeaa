#include "trayapplication.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/loginflow.h"
#include "codex/codexlivestore.h"
#include "codex/livesync.h"
#include "codex/switchservice.h"
#include "tray/coreworker.h"
#include "tray/notifier.h"
#include "tray/traycontroller.h"
#include "models/accountsmodel.h"
#include "models/poolview.h"
#include "settings/settingkeys.h"
#include "settings/settingswindow.h"
#include "theme/theme.h"
#include "theme/translation.h"
#include "windows/accountswindow.h"
#include "windows/forecastwindow.h"
#include "windows/logindialog.h"
#include "windows/welcomedialog.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"
#include "util/timefmt.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QJsonValue>
#include <QLocalServer>
#include <QLoggingCategory>
#include <QLocalSocket>
#include <QMenu>
#include <QMessageBox>
#include <QThread>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace cma::ui {

TrayApplication::TrayApplication(bool startMinimized, QObject *parent)
    : QObject(parent)
    , m_startMinimized(startMinimized)
{}

TrayApplication::~TrayApplication()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait(5000);
    }
    delete m_window;
}

QString TrayApplication::autostartPath()
{
    const QString config = qEnvironmentVariable("XDG_CONFIG_HOME", QDir::homePath() + u"/.config"_s);
    return config + u"/autostart/codex-multi-auth.desktop"_s;
}

bool TrayApplication::startAtLogin()
{
    return QFileInfo::exists(autostartPath()); // the OS entry is the only truth (docs/ui.md §9)
}

bool TrayApplication::setStartAtLogin(bool on)
{
    if (!on)
        return QFile::remove(autostartPath()) || !QFileInfo::exists(autostartPath());
    QDir().mkpath(QFileInfo(autostartPath()).absolutePath());
    const QByteArray entry =
        "[Desktop Entry]\nType=Application\nName=Codex Multi-Auth\nExec=codex-multi-auth --minimized\n"
        "TryExec=codex-multi-auth\nIcon=codex-multi-auth\nX-GNOME-Autostart-enabled=true\nNoDisplay=false\n";
    return writeFileAtomically(autostartPath(), entry, 0644).ok();
}

bool TrayApplication::claimInstance()
{
    const QString name = u"codex-multi-auth-"_s + sha256Hex(m_app->paths().root.toUtf8()).left(16);
    QLocalSocket probe;
    probe.connectToServer(name);
    if (probe.waitForConnected(500)) {
        probe.write("show\n");
        probe.waitForBytesWritten(1000);
        return false;
    }
    ensurePrivateDir(m_app->paths().desktopDir());
    Result<FileLock> lock = FileLock::acquire(m_app->paths().desktopDir() + u"/instance.lock"_s, 1000);
    if (!lock)
        return false;
    m_instanceLock = std::make_unique<FileLock>(std::move(lock.value()));
    QLocalServer::removeServer(name);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_server->nextPendingConnection()) {
            connect(s, &QLocalSocket::readyRead, this, [this, s] {
                if (s->readAll().startsWith("show"))
                    showWindow();
                s->deleteLater();
            });
        }
    });
    m_server->listen(name);
    return true;
}

bool TrayApplication::start()
{
    Result<Endpoints> endpoints = Endpoints::fromEnvironment();
    m_app = std::make_unique<AppContext>(QProcessEnvironment::systemEnvironment(),
                                         endpoints ? endpoints.value() : Endpoints());
    // First run: our desktop folder does not exist yet (claimInstance creates it).
    const bool firstRun = !QFileInfo::exists(m_app->paths().desktopDir());
    if (!claimInstance())
        return false;

    applyAppearance();
    m_tray = new TrayController(this);
    m_notifier =
        std::make_unique<Notifier>(m_app->paths().desktopDir() + u"/state.json"_s,
                                   [this](const QString &title, const QString &message) { notify(title, message); });
    m_tray->setStartAtLogin(startAtLogin());

    // The worker thread: everything that may block.
    m_thread = new QThread(this);
    m_worker = new CoreWorker(QProcessEnvironment::systemEnvironment(), endpoints ? endpoints.value() : Endpoints());
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &CoreWorker::init);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrayApplication::requestSwitch, m_worker, &CoreWorker::switchTo);
    connect(this, &TrayApplication::requestBest, m_worker, &CoreWorker::switchToBest);
    connect(this, &TrayApplication::requestUnpin, m_worker, &CoreWorker::unpin);
    connect(this, &TrayApplication::requestRefresh, m_worker, &CoreWorker::refreshNow);
    connect(this, &TrayApplication::requestTool, m_worker, &CoreWorker::runTool);
    connect(this, &TrayApplication::requestFastPolling, m_worker, &CoreWorker::setFastPolling);
    connect(this, &TrayApplication::requestCommands, m_worker, &CoreWorker::runCommands);
    connect(this, &TrayApplication::requestMove, m_worker, &CoreWorker::moveAccount);
    connect(m_worker, &CoreWorker::dataChanged, this, &TrayApplication::rebuild);
    connect(m_worker, &CoreWorker::guardianStats, this,
            [this](int runs, int refreshed, int failed, int notNeeded, qint64 lastRunAt) {
                m_guardianStats = tr("%1 runs, last %2: %3 refreshed, %4 not needed yet, %5 failed")
                                      .arg(runs)
                                      .arg(formatAgo(lastRunAt, Clock::instance().nowMs()))
                                      .arg(refreshed)
                                      .arg(notNeeded)
                                      .arg(failed);
                if (m_settings)
                    m_settings->setGuardianStats(m_guardianStats);
            });
    connect(m_worker, &CoreWorker::progress, m_tray, &TrayController::setBusyText);
    connect(m_worker, &CoreWorker::readingFailed, this, [this](bool failed) { m_readingFailed = failed; });
    connect(m_worker, &CoreWorker::reloginNeeded, this, [this](const QString &) {
        if (!NotifySettings::from(m_app->settings(), m_app->env()).tokenTrouble)
            return;
        notify(tr("Sign-in needed"), tr("An account needs to sign in again; see the tray menu."));
    });
    connect(m_worker, &CoreWorker::finished, this, [this](const QString &message, bool ok) {
        if (m_pendingTool == "diagnostics"_L1 && ok) {
            QApplication::clipboard()->setText(message);
            notify(tr("Diagnostics copied"), tr("The redacted debug bundle is on the clipboard."));
        } else if (!message.isEmpty()) {
            notify(ok ? tr("Codex Multi-Auth") : tr("That did not work"), message.left(400));
        }
        m_pendingTool.clear();
        if (m_window)
            m_window->showResult(message, ok);
        if (m_settings)
            m_settings->refreshStoragePage();
        Q_EMIT actionFinished(message, ok);
    });
    m_thread->start();

    // The façade's semantic signals.
    connect(m_tray, &TrayController::switchRequested, this, [this](int index) {
        const TraySnapshot &s = m_tray->snapshot();
        Result<LoadedPool> loaded = m_app->repository().load();
        if (!loaded || index < 0 || index >= loaded->pool.accounts.size())
            return;
        Q_UNUSED(s);
        Q_EMIT requestSwitch(loaded->pool.accounts[index].trackerKey(), true);
    });
    connect(m_tray, &TrayController::switchToBestRequested, this, &TrayApplication::requestBest);
    connect(m_tray, &TrayController::unpinRequested, this, &TrayApplication::requestUnpin);
    connect(m_tray, &TrayController::refreshNowRequested, this, &TrayApplication::requestRefresh);
    connect(m_tray, &TrayController::toolRequested, this, [this](const QString &tool) {
        m_pendingTool = tool;
        Q_EMIT requestTool(tool);
    });
    connect(m_tray, &TrayController::addAccountRequested, this, [this] { startLogin(); });
    connect(m_tray, &TrayController::openWindowRequested, this, &TrayApplication::showWindow);
    connect(m_tray, &TrayController::openForecastRequested, this, &TrayApplication::showForecast);
    connect(m_tray, &TrayController::openSettingsRequested, this, &TrayApplication::showSettings);
    connect(m_tray, &TrayController::importForeignRequested, this, &TrayApplication::importForeign);
    connect(m_tray, &TrayController::quitRequested, qApp, &QApplication::quit);
    connect(m_tray, &TrayController::startAtLoginToggled, this, [this](bool on) {
        setStartAtLogin(on);
        m_tray->setStartAtLogin(startAtLogin());
    });
    connect(m_tray, &TrayController::pauseNotificationsRequested, this, [this](int minutes) {
        m_notifier->setPausedUntil(minutes > 0 ? Clock::instance().nowMs() + qint64(minutes) * 60000 : 0);
        m_tray->setNotificationsPaused(minutes > 0);
    });
    connect(m_tray, &TrayController::menuOpened, this, [this] { Q_EMIT requestFastPolling(true); });
    connect(m_tray, &TrayController::menuClosed, this, [this] { Q_EMIT requestFastPolling(false); });

    // Live sync: changes by the CLI, another instance or Codex arrive within 2 s.
    m_sync = new LiveSync(*m_app, this);
    connect(m_sync, &LiveSync::poolChanged, this, &TrayApplication::rebuild);
    connect(m_sync, &LiveSync::quotaChanged, this, &TrayApplication::rebuild);
    connect(m_sync, &LiveSync::reconciled, this, &TrayApplication::rebuild);
    connect(m_sync, &LiveSync::foreignAccount, this, [this](const QString &email) {
        m_foreignEmail = email;
        notify(tr("Unknown Codex account"), tr("Codex is signed in as %1, which is not in your pool").arg(email));
        rebuild();
    });
    connect(m_sync, &LiveSync::codexCredentialsChanged, this, [this] {
        m_foreignEmail.clear();
        m_codexSignedOut = false;
    });
    // `config set` or an edit of settings.json: theme, tray icon options, language and the menu's
    // keys follow without a restart. An open settings window keeps its live preview.
    connect(m_sync, &LiveSync::settingsChanged, this, [this] {
        if (!m_settings || !m_settings->isVisible())
            applyAppearance();
        rebuild();
    });
    connect(m_sync, &LiveSync::codexSignedOut, this, [this] {
        m_codexSignedOut = true;
        rebuild();
    });
    // Live account sync (pluginConfig.liveAccountSync, its poll and debounce), read at start.
    if (setting(u"pluginConfig.liveAccountSync"_s).toBool())
        m_sync->start(int(setting(u"pluginConfig.liveAccountSyncPollMs"_s).toDouble()),
                      int(setting(u"pluginConfig.liveAccountSyncDebounceMs"_s).toDouble()));

    rebuild();
    if (TrayController::trayAvailable()) {
        m_tray->show();
        if (firstRun && !m_startMinimized)
            showWelcome(); // docs/ui.md §11
    } else {
        showWindow(); // no tray: the window stays reachable (docs/ui.md §10)
        watchForTray();
    }
    return true;
}

void TrayApplication::watchForTray()
{
    // docs/ui.md §10: look again every 2 s for 30 s, then every 30 s; when a tray appears the icon is
    // created and the window stops being the main window (closing it hides it to the tray).
    auto *timer = new QTimer(this);
    timer->setInterval(2000);
    connect(timer, &QTimer::timeout, this, [this, timer, checks = 0]() mutable {
        if (++checks == 15)
            timer->setInterval(30000);
        if (!TrayController::trayAvailable())
            return;
        timer->deleteLater();
        m_tray->show();
        if (m_window)
            m_window->setMainWindowMode(false, nullptr);
    });
    timer->start();
}

void TrayApplication::rebuild()
{
    TraySnapshotBuilder::Input in;
    in.view = PoolView::gather(*m_app, Clock::instance().nowMs());
    in.view.foreignEmail = m_foreignEmail;
    const PoolView &view = in.view;
    in.stale = m_readingFailed;
    in.foreignEmail = m_foreignEmail;
    in.codexSignedOut = m_codexSignedOut;
    if (view.storageBusy)
        in.storageProblem = tr("Storage busy");
    else if (view.health == StorageHealth::Corrupt)
        in.storageProblem = tr("Storage damaged — run codex-multi-auth --cli doctor");
    else if (view.health == StorageHealth::ReadOnly)
        in.storageProblem = tr("Storage written by a newer version (read-only)");
    // The account-list order keys of docs/ui.md §8 apply to the tray menu.
    auto flag = [this](const QString &key, bool fallback) {
        const QJsonValue v = m_app->settings().value(u"dashboardDisplaySettings"_s, key);
        return v.isBool() ? v.toBool() : fallback;
    };
    in.readyFirst =
        flag(u"menuSortEnabled"_s, true) &&
        m_app->settings().value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s).toString(u"ready-first"_s) ==
            "ready-first"_L1;
    in.pinCurrentToTop = flag(u"menuSortPinCurrent"_s, false);
    m_tray->setSnapshot(TraySnapshotBuilder::build(in));
    m_notifier->evaluate(view.pool, view.facts, view.now, NotifySettings::from(m_app->settings(), m_app->env()),
                         &view.runway);
    if (m_window)
        m_window->setView(view);
    if (m_forecast)
        m_forecast->setView(view);
}

AccountsWindow *TrayApplication::accountsWindow() const
{
    return m_window;
}

ForecastWindow *TrayApplication::forecastWindow() const
{
    return m_forecast;
}

SettingsWindow *TrayApplication::settingsWindow() const
{
    return m_settings;
}

LoginDialog *TrayApplication::loginDialog() const
{
    return m_loginDialog;
}

void TrayApplication::connectCommands(QObject *window)
{
    // Every window action is a CLI command run on the worker (docs/ui.md §12).
    connect(window, SIGNAL(commandsRequested(QList<QStringList>)), this, SIGNAL(requestCommands(QList<QStringList>)));
}

void TrayApplication::showWindow()
{
    if (!m_window) {
        auto *w = new AccountsWindow;
        m_window = w;
        w->setStatePath(m_app->paths().desktopDir() + u"/window-state.json"_s);
        connectCommands(w);
        connect(w, &AccountsWindow::addAccountRequested, this, [this] { startLogin(); });
        connect(w, &AccountsWindow::reloginRequested, this, [this](int index) { startLogin(index); });
        connect(w, &AccountsWindow::refreshNowRequested, this, &TrayApplication::requestRefresh);
        connect(w, &AccountsWindow::switchToBestRequested, this, &TrayApplication::requestBest);
        connect(w, &AccountsWindow::importForeignRequested, this, &TrayApplication::importForeign);
        connect(w, &AccountsWindow::openForecastRequested, this, &TrayApplication::showForecast);
        connect(w, &AccountsWindow::openSettingsRequested, this, &TrayApplication::showSettings);
        connect(w, &AccountsWindow::quitRequested, qApp, &QApplication::quit);
        connect(w, &AccountsWindow::moveRequested, this, [this](int from, int to) {
            const PoolView &v = m_window->model()->view();
            if (from >= 0 && from < v.pool.accounts.size())
                Q_EMIT requestMove(v.pool.accounts[from].trackerKey(), to);
        });
        connect(w, &AccountsWindow::removeFlaggedRequested, this, [this](const QString &refreshKey) {
            PoolStore flagged(m_app->paths().flaggedPath(), PoolStore::Kind::Flagged);
            Result<LoadedPool> saved = flagged.update([&](AccountPool &pool) {
                pool.accounts.removeIf([&](const Account &a) { return a.refreshToken == refreshKey; });
                return success();
            });
            if (!saved)
                m_window->showResult(saved.error().message, false);
            rebuild();
        });
        w->setSortMode(
            m_app->settings().value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s).toString(u"ready-first"_s));
        const bool noTray = !TrayController::trayAvailable();
        w->setMainWindowMode(noTray, noTray ? m_tray->menu() : nullptr);
        rebuild();
    }
    if (m_startMinimized && !TrayController::trayAvailable() && !m_window->isVisible()) {
        m_window->showMinimized();
        return;
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void TrayApplication::showForecast()
{
    if (!m_forecast) {
        m_forecast = new ForecastWindow;
        m_forecast->setAttribute(Qt::WA_DeleteOnClose);
        connectCommands(m_forecast);
        connect(m_forecast, &ForecastWindow::switchToBestRequested, this, &TrayApplication::requestBest);
        connect(m_forecast, &ForecastWindow::refreshNowRequested, this, &TrayApplication::requestRefresh);
        rebuild();
    }
    m_forecast->show();
    m_forecast->raise();
    m_forecast->activateWindow();
}

void TrayApplication::showSettings()
{
    if (!m_settings) {
        m_settings = new SettingsWindow(*m_app);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        if (!m_guardianStats.isEmpty())
            m_settings->setGuardianStats(m_guardianStats);
        connectCommands(m_settings);
        connect(m_settings, &SettingsWindow::startAtLoginChanged, this, [this](bool on) {
            setStartAtLogin(on);
            m_tray->setStartAtLogin(startAtLogin());
        });
        connect(m_settings, &SettingsWindow::settingsSaved, this, [this](const QStringList &changed) {
            if (changed.contains(u"desktop.language"_s))
                applyAppearance();
            if (changed.contains(u"dashboardDisplaySettings.menuSortMode"_s) && m_window)
                m_window->setSortMode(m_app->settings()
                                          .value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s)
                                          .toString(u"ready-first"_s));
            rebuild();
        });
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

QJsonValue TrayApplication::setting(const QString &fullName) const
{
    const SettingKey *k = findSettingKey(fullName);
    return k ? effectiveSetting(*k, m_app->settings(), m_app->env()).value : QJsonValue();
}

void TrayApplication::applyAppearance()
{
    m_app->settings().reload();
    auto value = [this](const QString &name) { return setting(name); };
    Theme::instance().apply(ThemeSettings::fromValues(value));
    // desktop.logLevel (CMA_DEBUG=1 still turns debug on).
    const QString level = value(u"desktop.logLevel"_s).toString();
    if (qEnvironmentVariableIntValue("CMA_DEBUG") != 1)
        QLoggingCategory::setFilterRules(level == "debug"_L1     ? u"cma.*.debug=true"_s
                                         : level == "warning"_L1 ? u"cma.*.debug=false\ncma.*.info=false"_s
                                         : level == "error"_L1
                                             ? u"cma.*.debug=false\ncma.*.info=false\ncma.*.warning=false"_s
                                             : u"cma.*.debug=false"_s);
    const QString language = value(u"desktop.language"_s).toString(u"system"_s);
    if (language == m_language)
        return;
    m_language = language;
    useLanguage(language);
    // Windows built in the old language are rebuilt on next open; the open ones close now.
    for (QWidget *w : {static_cast<QWidget *>(m_window.data()), static_cast<QWidget *>(m_forecast.data())}) {
        if (w && !(w == m_window && m_window->mainWindowMode()))
            w->deleteLater();
    }
}

void TrayApplication::showWelcome()
{
    auto *welcome = new WelcomeDialog(*m_app);
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    connect(welcome, &WelcomeDialog::addAccountRequested, this, [this] { startLogin(); });
    connect(welcome, &QDialog::accepted, this, [this, welcome] {
        if (welcome->startAtLogin() != startAtLogin()) {
            setStartAtLogin(welcome->startAtLogin());
            m_tray->setStartAtLogin(startAtLogin());
        }
    });
    welcome->show();
}

void TrayApplication::notify(const QString &title, const QString &message)
{
    if (m_tray->notify(title, message, int(setting(u"pluginConfig.toastDurationMs"_s).toDouble())))
        return;
    // No notifier (no tray): the alert becomes a banner in the accounts window (docs/ui.md §10).
    if (m_window)
        m_window->addNotice(title, message);
}

void TrayApplication::startLogin(int reloginIndex)
{
    if (m_loginDialog) {
        m_loginDialog->raise();
        m_loginDialog->activateWindow();
        return;
    }
    auto *dialog = new LoginDialog(*m_app, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_loginDialog = dialog;
    if (reloginIndex >= 0)
        dialog->setRelogin(reloginIndex);
    connect(dialog, &LoginDialog::accountSaved, this, [this](const QString &summary) {
        if (m_window)
            m_window->showResult(summary, true);
        rebuild();
    });
    dialog->show();
}

void TrayApplication::importForeign()
{
    QStringList notices;
    SwitchService(*m_app).importForeignLiveAccount(&notices);
    m_foreignEmail.clear();
    if (!notices.isEmpty())
        notify(tr("Account added"), notices.join(u' '));
    rebuild();
}

} // namespace cma::ui
