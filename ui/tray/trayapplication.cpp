#include "trayapplication.h"

#include "models/accountsmodel.h"
#include "models/outcometext.h"
#include "models/poolview.h"
#include "services/autostart.h"
#include "session/desktopsession.h"
#include "session/notifier.h"
#include "settings/settingkeys.h"
#include "settings/settingswindow.h"
#include "theme/theme.h"
#include "theme/translation.h"
#include "tray/traycontroller.h"
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
#include <QDir>
#include <QFileInfo>
#include <QJsonValue>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QMenu>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma::ui {

TrayApplication::TrayApplication(DesktopSession &session, bool startMinimized, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_startMinimized(startMinimized)
{}

TrayApplication::~TrayApplication()
{
    delete m_window;
}

bool TrayApplication::claimInstance()
{
    const QString name = u"codex-multi-auth-"_s + sha256Hex(m_session.paths().root.toUtf8()).left(16);
    QLocalSocket probe;
    probe.connectToServer(name);
    if (probe.waitForConnected(500)) {
        probe.write("show\n");
        probe.waitForBytesWritten(1000);
        return false;
    }
    ensurePrivateDir(m_session.paths().desktopDir());
    Result<FileLock> lock = FileLock::acquire(m_session.paths().desktopDir() + u"/instance.lock"_s, 1000);
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
    // First run: our desktop folder does not exist yet (claimInstance creates it).
    const bool firstRun = !QFileInfo::exists(m_session.paths().desktopDir());
    if (!claimInstance())
        return false;

    applyAppearance();
    m_tray = new TrayController(this);
    m_tray->setStartAtLogin(Autostart(m_session.env()).enabled());

    // What the session reports.
    connect(&m_session, &DesktopSession::viewChanged, this, &TrayApplication::rebuild);
    connect(&m_session, &DesktopSession::activityChanged, this, [this](const SessionActivity &a) {
        m_tray->setBusyText(a.kind == SessionActivity::Kind::ReadingQuota ? tr("Refreshing… 0/%1").arg(a.total)
                            : a.kind == SessionActivity::Kind::Working    ? tr("Working…")
                                                                          : QString());
    });
    connect(&m_session, &DesktopSession::guardianStatsChanged, this, [this](const GuardianStats &st) {
        m_guardianStats = tr("%1 runs, last %2: %3 refreshed, %4 not needed yet, %5 failed")
                              .arg(st.runs)
                              .arg(formatAgo(st.lastRunAt, Clock::instance().nowMs()))
                              .arg(st.refreshed)
                              .arg(st.notNeeded)
                              .arg(st.failed);
        if (m_settings)
            m_settings->setGuardianStats(m_guardianStats);
    });
    connect(&m_session, &DesktopSession::reloginNeeded, this, [this](const QString &) {
        if (!NotifySettings::from(m_session.settings(), m_session.env()).tokenTrouble)
            return;
        notify(tr("Sign-in needed"), tr("An account needs to sign in again; see the tray menu."));
    });
    connect(&m_session, &DesktopSession::alertRaised, this, &TrayApplication::notify);
    connect(&m_session, &DesktopSession::foreignAccountSeen, this, [this](const QString &email) {
        notify(tr("Unknown Codex account"), tr("Codex is signed in as %1, which is not in your pool").arg(email));
    });
    // `config set` or an edit of settings.json: theme, tray icon options, language and the menu's
    // keys follow without a restart. An open settings window keeps its live preview.
    connect(&m_session, &DesktopSession::settingsChanged, this, [this] {
        m_session.settings().reload();
        if (!m_settings || !m_settings->isVisible())
            applyAppearance();
        rebuild();
    });

    // The façade's semantic signals.
    connect(m_tray, &TrayController::switchRequested, this, [this](int index) {
        const PoolView &v = m_session.view();
        if (index < 0 || index >= v.pool.accounts.size())
            return;
        m_session.switchTo(v.pool.accounts[index], SwitchOptions{}, this, [this](const Result<SwitchResult> &r) {
            r ? report(OutcomeText::switched(r.value()), true) : reportFailure(r.error());
        });
    });
    connect(m_tray, &TrayController::switchToBestRequested, this, [this] {
        m_session.switchToBest(this, [this](const Result<BestOutcome> &r) {
            r ? report(OutcomeText::best(r.value()), true) : reportFailure(r.error());
        });
    });
    connect(m_tray, &TrayController::unpinRequested, this, [this] {
        m_session.unpin(this, [this](const Result<UnpinOutcome> &r) {
            r ? report(OutcomeText::unpinned(r.value()), true) : reportFailure(r.error());
        });
    });
    connect(m_tray, &TrayController::refreshNowRequested, &m_session, &DesktopSession::refreshNow);
    connect(m_tray, &TrayController::toolRequested, this, &TrayApplication::runTool);
    connect(m_tray, &TrayController::addAccountRequested, this, [this] { startLogin(); });
    connect(m_tray, &TrayController::openWindowRequested, this, &TrayApplication::showWindow);
    connect(m_tray, &TrayController::openForecastRequested, this, &TrayApplication::showForecast);
    connect(m_tray, &TrayController::openSettingsRequested, this, &TrayApplication::showSettings);
    connect(m_tray, &TrayController::importForeignRequested, this, &TrayApplication::importForeign);
    connect(m_tray, &TrayController::quitRequested, qApp, &QApplication::quit);
    connect(m_tray, &TrayController::startAtLoginToggled, this, &TrayApplication::setStartAtLogin);
    connect(m_tray, &TrayController::pauseNotificationsRequested, this, [this](int minutes) {
        m_session.setNotificationsPausedUntil(minutes > 0 ? Clock::instance().nowMs() + qint64(minutes) * 60000 : 0);
        m_tray->setNotificationsPaused(minutes > 0);
    });
    connect(m_tray, &TrayController::menuOpened, this, [this] { m_session.setFastPolling(true); });
    connect(m_tray, &TrayController::menuClosed, this, [this] { m_session.setFastPolling(false); });

    m_session.start();
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
    in.view = m_session.view();
    const PoolView &view = in.view;
    in.stale = view.quotaStale;
    in.foreignEmail = view.foreignEmail;
    in.codexSignedOut = view.codexSignedOut;
    if (view.storageBusy)
        in.storageProblem = tr("Storage busy");
    else if (view.health == StorageHealth::Corrupt)
        in.storageProblem = tr("Storage damaged — run codex-multi-auth --cli doctor");
    else if (view.health == StorageHealth::ReadOnly)
        in.storageProblem = tr("Storage written by a newer version (read-only)");
    // The account-list order keys of docs/ui.md §8 apply to the tray menu.
    SettingsStore &settings = m_session.settings();
    auto flag = [&settings](const QString &key, bool fallback) {
        const QJsonValue v = settings.value(u"dashboardDisplaySettings"_s, key);
        return v.isBool() ? v.toBool() : fallback;
    };
    in.readyFirst =
        flag(u"menuSortEnabled"_s, true) &&
        settings.value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s).toString(u"ready-first"_s) == "ready-first"_L1;
    in.pinCurrentToTop = flag(u"menuSortPinCurrent"_s, false);
    m_tray->setSnapshot(TraySnapshotBuilder::build(in));
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

void TrayApplication::announce(const QString &message, bool ok)
{
    if (!message.isEmpty())
        notify(ok ? tr("Codex Multi-Auth") : tr("That did not work"), message.left(400));
    if (m_settings)
        m_settings->refreshStoragePage();
    Q_EMIT actionFinished(message, ok);
}

void TrayApplication::report(const QString &message, bool ok)
{
    if (m_window)
        m_window->showResult(message, ok);
    announce(message, ok);
}

void TrayApplication::reportFailure(const Error &error)
{
    report(OutcomeText::failure(error), false);
}

template <typename Window> void TrayApplication::connectResults(Window *window)
{
    connect(window, &Window::resultReported, this, &TrayApplication::announce);
}

void TrayApplication::runTool(const QString &tool)
{
    // The tray menu's tools, run by the same services as the matching commands (docs/ui.md §12).
    auto failed = [this](const Error &e) { reportFailure(e); };
    if (tool == "check"_L1) {
        m_session.check({}, this, [this, failed](const Result<CheckOutcome> &r) {
            r ? report(OutcomeText::checked(r.value()), OutcomeText::allAvailable(r.value())) : failed(r.error());
        });
    } else if (tool == "fix"_L1) {
        FixRequest request;
        request.live = true;
        m_session.fix(request, this, [this, failed](const Result<FixOutcome> &r) {
            r ? report(OutcomeText::fixed(r.value()), true) : failed(r.error());
        });
    } else if (tool == "refresh"_L1) {
        m_session.refreshTokens({}, this, [this, failed](const Result<QList<TokenRefreshRow>> &r) {
            r ? report(OutcomeText::refreshed(r.value()), OutcomeText::allRefreshed(r.value())) : failed(r.error());
        });
    } else if (tool == "verify-flagged"_L1) {
        m_session.verifyFlagged({}, this, [this, failed](const Result<VerifyFlaggedOutcome> &r) {
            r ? report(OutcomeText::verified(r.value()), true) : failed(r.error());
        });
    } else {
        m_session.debugBundle(this, [this, failed](const Result<QByteArray> &r) {
            if (!r)
                return failed(r.error());
            QApplication::clipboard()->setText(QString::fromUtf8(r.value()));
            notify(tr("Diagnostics copied"), tr("The redacted debug bundle is on the clipboard."));
            Q_EMIT actionFinished(tr("The redacted debug bundle is on the clipboard."), true);
        });
    }
}

void TrayApplication::setStartAtLogin(bool on)
{
    Autostart autostart(m_session.env());
    if (Status s = autostart.setEnabled(on); !s)
        reportFailure(s.error());
    m_tray->setStartAtLogin(autostart.enabled());
}

void TrayApplication::showWindow()
{
    if (!m_window) {
        auto *w = new AccountsWindow(m_session);
        m_window = w;
        w->setStatePath(m_session.paths().desktopDir() + u"/window-state.json"_s);
        connectResults(w);
        connect(w, &AccountsWindow::addAccountRequested, this, [this] { startLogin(); });
        connect(w, &AccountsWindow::reloginRequested, this, [this](int index) { startLogin(index); });
        connect(w, &AccountsWindow::importForeignRequested, this, &TrayApplication::importForeign);
        connect(w, &AccountsWindow::openForecastRequested, this, &TrayApplication::showForecast);
        connect(w, &AccountsWindow::openSettingsRequested, this, &TrayApplication::showSettings);
        connect(w, &AccountsWindow::quitRequested, qApp, &QApplication::quit);
        w->setSortMode(
            m_session.settings().value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s).toString(u"ready-first"_s));
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
        m_forecast = new ForecastWindow(m_session);
        m_forecast->setAttribute(Qt::WA_DeleteOnClose);
        connectResults(m_forecast.data());
        rebuild();
    }
    m_forecast->show();
    m_forecast->raise();
    m_forecast->activateWindow();
}

void TrayApplication::showSettings()
{
    if (!m_settings) {
        m_settings = new SettingsWindow(m_session);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        if (!m_guardianStats.isEmpty())
            m_settings->setGuardianStats(m_guardianStats);
        connectResults(m_settings.data());
        connect(m_settings, &SettingsWindow::startAtLoginChanged, this, &TrayApplication::setStartAtLogin);
        connect(m_settings, &SettingsWindow::settingsSaved, this, [this](const QStringList &changed) {
            if (changed.contains(u"desktop.language"_s))
                applyAppearance();
            if (changed.contains(u"dashboardDisplaySettings.menuSortMode"_s) && m_window)
                m_window->setSortMode(m_session.settings()
                                          .value(u"dashboardDisplaySettings"_s, u"menuSortMode"_s)
                                          .toString(u"ready-first"_s));
            m_session.applySettings();
            if (changed.contains(u"desktop.secretStorage"_s)) {
                // The secrets move all or nothing (secrets use keychain|file).
                const SecretMode mode = setting(u"desktop.secretStorage"_s).toString() == "keychain"_L1
                                            ? SecretMode::Keychain
                                            : SecretMode::File;
                m_session.useSecrets(mode, this, [this](const Result<SecretsConversion> &r) {
                    r ? report(OutcomeText::secretsUsed(r.value()), true) : reportFailure(r.error());
                });
            }
        });
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

QJsonValue TrayApplication::setting(const QString &fullName) const
{
    const SettingKey *k = findSettingKey(fullName);
    return k ? effectiveSetting(*k, m_session.settings(), m_session.env()).value : QJsonValue();
}

void TrayApplication::applyAppearance()
{
    m_session.settings().reload();
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
    if (!m_session.hasView()) { // it says what the first view holds: wait for it
        auto *once = new QObject(this);
        connect(&m_session, &DesktopSession::viewChanged, once, [this, once] {
            once->deleteLater();
            showWelcome();
        });
        return;
    }
    auto *welcome = new WelcomeDialog(m_session);
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    connect(welcome, &WelcomeDialog::addAccountRequested, this, [this] { startLogin(); });
    connect(welcome, &QDialog::accepted, this, [this, welcome] {
        if (welcome->startAtLogin() != Autostart(m_session.env()).enabled())
            setStartAtLogin(welcome->startAtLogin());
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
    auto *dialog = new LoginDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_loginDialog = dialog;
    if (reloginIndex >= 0)
        dialog->setRelogin(reloginIndex);
    connect(dialog, &LoginDialog::accountSaved, this, [this](const QString &summary) {
        if (m_window)
            m_window->showResult(summary, true);
    });
    dialog->show();
}

void TrayApplication::importForeign()
{
    m_session.importForeign(this, [this](const Result<QList<SwitchNotice>> &r) {
        if (!r)
            return reportFailure(r.error());
        QStringList text;
        for (const SwitchNotice &n : r.value())
            text.append(OutcomeText::notice(n));
        if (!text.isEmpty())
            notify(tr("Account added"), text.join(u' '));
    });
}

} // namespace cma::ui
