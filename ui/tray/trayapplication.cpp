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
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

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
    return QFileInfo::exists(autostartPath()); // the OS entry is the only truth (ui.md §9)
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
    if (!claimInstance())
        return false;

    m_tray = new TrayController(this);
    m_notifier = std::make_unique<Notifier>(
        m_app->paths().desktopDir() + u"/state.json"_s,
        [this](const QString &title, const QString &message) { m_tray->notify(title, message); });
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
    connect(m_worker, &CoreWorker::dataChanged, this, &TrayApplication::rebuild);
    connect(m_worker, &CoreWorker::progress, m_tray, &TrayController::setBusyText);
    connect(m_worker, &CoreWorker::readingFailed, this, [this](bool failed) { m_readingFailed = failed; });
    connect(m_worker, &CoreWorker::reloginNeeded, this, [this](const QString &) {
        m_tray->notify(tr("Sign-in needed"), tr("An account needs to sign in again; see the tray menu."));
    });
    connect(m_worker, &CoreWorker::finished, this, [this](const QString &message, bool ok) {
        if (m_pendingTool == "diagnostics"_L1 && ok) {
            QApplication::clipboard()->setText(message);
            m_tray->notify(tr("Diagnostics copied"), tr("The redacted debug bundle is on the clipboard."));
        } else if (!message.isEmpty()) {
            m_tray->notify(ok ? tr("Codex Multi-Auth") : tr("That did not work"), message.left(400));
        }
        m_pendingTool.clear();
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
    connect(m_tray, &TrayController::addAccountRequested, this, &TrayApplication::startLogin);
    connect(m_tray, &TrayController::openWindowRequested, this, &TrayApplication::showWindow);
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
        m_tray->notify(tr("Unknown Codex account"),
                       tr("Codex is signed in as %1, which is not in your pool").arg(email));
        rebuild();
    });
    connect(m_sync, &LiveSync::codexCredentialsChanged, this, [this] {
        m_foreignEmail.clear();
        m_codexSignedOut = false;
    });
    connect(m_sync, &LiveSync::codexSignedOut, this, [this] {
        m_codexSignedOut = true;
        rebuild();
    });
    m_sync->start();

    rebuild();
    const bool firstRun = !QFileInfo::exists(m_app->repository().store().path());
    if (TrayController::trayAvailable()) {
        m_tray->show();
        if (firstRun && !m_startMinimized)
            showWindow(); // the first-run welcome (ui.md §11)
    } else {
        showWindow(); // no tray: the window stays reachable (ui.md §10)
    }
    return true;
}

void TrayApplication::rebuild()
{
    m_app->settings().reload();
    Result<LoadedPool> loaded = m_app->repository().load();
    TraySnapshotBuilder::Input in;
    in.now = Clock::instance().nowMs();
    in.stale = m_readingFailed;
    in.foreignEmail = m_foreignEmail;
    in.codexSignedOut = m_codexSignedOut;
    const QJsonValue hide = m_app->settings().value(u"desktop"_s, u"hidePersonalInfo"_s);
    in.hidePersonalInfo = hide.isBool() && hide.toBool();
    if (loaded) {
        in.pool = loaded->pool;
        if (loaded->health == StorageHealth::Corrupt)
            in.storageProblem = tr("Storage damaged — run codex-multi-auth --cli doctor");
        else if (loaded->readOnly())
            in.storageProblem = tr("Storage written by a newer version (read-only)");
    } else {
        in.storageProblem = tr("Storage busy");
    }
    m_app->quotaCache().reload();
    m_app->quotaSamples().reload();
    in.samples = &m_app->quotaSamples();
    in.facts = cli::gatherFacts(*m_app, in.pool, /*checkSecrets=*/false);
    const TraySnapshot snapshot = TraySnapshotBuilder::build(in);
    m_tray->setSnapshot(snapshot);
    m_notifier->evaluate(in.pool, in.facts, in.now);
    if (m_window) {
        if (auto *list = m_window->findChild<QListWidget *>()) {
            list->clear();
            for (const TrayRow &r : snapshot.rows) {
                const QString detail = r.reason.isEmpty() ? r.quotaText : r.reason;
                auto *item = new QListWidgetItem((r.current ? u"✓ "_s : u"   "_s) + r.label +
                                                     (detail.isEmpty() ? QString() : u"  —  "_s + detail),
                                                 list);
                item->setData(Qt::UserRole, r.index);
            }
        }
    }
}

void TrayApplication::showWindow()
{
    if (!m_window) {
        auto *w = new QWidget;
        w->setObjectName(u"accountsFallback"_s);
        w->setWindowTitle(tr("Codex Multi-Auth"));
        auto *layout = new QVBoxLayout(w);
        auto *intro =
            new QLabel(TrayController::trayAvailable()
                           ? tr("Welcome. Add your ChatGPT accounts; the tray icon shows the current account's quota, "
                                "and its menu switches Codex in one click.")
                           : tr("This desktop has no system tray, so Codex Multi-Auth keeps this window instead."),
                       w);
        intro->setWordWrap(true);
        layout->addWidget(intro);
        auto *list = new QListWidget(w);
        list->setAccessibleName(tr("Accounts"));
        layout->addWidget(list);
        auto *switchButton = new QPushButton(tr("&Switch Codex to this account"), w);
        auto *add = new QPushButton(tr("&Add account…"), w);
        auto *refresh = new QPushButton(tr("&Refresh now"), w);
        auto *menu = new QPushButton(tr("&More…"), w);
        menu->setMenu(m_tray->menu());
        for (QPushButton *b : {switchButton, add, refresh, menu})
            layout->addWidget(b);
        connect(switchButton, &QPushButton::clicked, this, [this, list] {
            if (QListWidgetItem *item = list->currentItem())
                m_tray->switchRequested(item->data(Qt::UserRole).toInt());
        });
        connect(list, &QListWidget::itemActivated, this,
                [this](QListWidgetItem *item) { m_tray->switchRequested(item->data(Qt::UserRole).toInt()); });
        connect(add, &QPushButton::clicked, this, &TrayApplication::startLogin);
        connect(refresh, &QPushButton::clicked, this, &TrayApplication::requestRefresh);
        w->resize(560, 380);
        m_window = w;
        rebuild();
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void TrayApplication::startLogin()
{
    if (m_login)
        m_login->cancel();
    Result<LoadedPool> loaded = m_app->repository().load();
    auto *login = new BrowserLogin(m_app->endpoints(), loaded && !loaded->pool.accounts.isEmpty(), this);
    m_login = login;
    connect(login, &BrowserLogin::urlReady, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(login, &BrowserLogin::failed, this, [this, login](const QString &message, bool) {
        m_tray->notify(tr("Sign-in failed"), message);
        login->deleteLater();
    });
    connect(login, &BrowserLogin::succeeded, this, [this, login](const LoginResult &r) {
        Result<Account> account = accountFromLogin(r.tokens);
        if (account) {
            int index = -1;
            Result<LoadedPool> saved = m_app->repository(true).update([&](AccountPool &p) {
                index = upsertAccount(p, account.value()).second;
                if (p.accounts.size() == 1)
                    p.select(0);
                return success();
            });
            if (saved) {
                m_tray->notify(tr("Account added"),
                               tr("%1 is in your pool.")
                                   .arg(account->email.value_or(accountLabelText(account.value(), index + 1))));
                if (saved->pool.accounts.size() == 1)
                    Q_EMIT requestSwitch(saved->pool.accounts.first().trackerKey(), false);
            }
        }
        login->waitForSuccessPage();
        login->deleteLater();
        rebuild();
    });
    login->start();
}

void TrayApplication::importForeign()
{
    QStringList notices;
    SwitchService(*m_app).importForeignLiveAccount(&notices);
    m_foreignEmail.clear();
    if (!notices.isEmpty())
        m_tray->notify(tr("Account added"), notices.join(u' '));
    rebuild();
}

void TrayApplication::runSmokeTest(const QString &dir)
{
    // Driven by tests/e2e/tray_smoke.sh under Xvfb with trayer: the menu opens, a click on another
    // account switches Codex, and screenshots are kept.
    QDir().mkpath(dir);
    if (qEnvironmentVariable("CMA_TRAY_SMOKE_EXPECT") == "fallback"_L1) {
        // No tray host: the window must be there instead, listing every account.
        QTimer::singleShot(1500, this, [this, dir] {
            auto *list = m_window ? m_window->findChild<QListWidget *>() : nullptr;
            const bool ok = !TrayController::trayAvailable() && m_window && m_window->isVisible() && list &&
                            list->count() == m_tray->snapshot().rows.size() && list->count() > 0;
            if (m_window)
                m_window->grab().save(dir + u"/no-tray-window.png"_s);
            std::fprintf(stderr, "smoke: no-tray window %s\n", ok ? "shown" : "missing");
            QApplication::exit(ok ? 0 : 1);
        });
        return;
    }
    QTimer::singleShot(1500, this, [this, dir] {
        const bool trayOk = TrayController::trayAvailable() && m_tray->isVisible();
        QMenu *menu = m_tray->menu();
        menu->popup(QPoint(900, 30));
        QTimer::singleShot(1500, this, [this, dir, menu, trayOk] {
            QApplication::primaryScreen()->grabWindow(0).save(dir + u"/tray-menu.png"_s);
            menu->grab().save(dir + u"/tray-menu-only.png"_s);
            const TraySnapshot &s = m_tray->snapshot();
            int target = -1;
            for (const TrayRow &r : s.rows)
                if (!r.current && r.enabled) {
                    target = r.index;
                    break;
                }
            QAction *action = target >= 0 ? m_tray->actionForAccount(target) : nullptr;
            if (!trayOk || !action) {
                std::fprintf(stderr, "smoke: tray %s, target row %d\n", trayOk ? "ok" : "missing", target);
                QApplication::exit(1);
                return;
            }
            connect(this, &TrayApplication::actionFinished, this, [dir](const QString &message, bool ok) {
                QApplication::primaryScreen()->grabWindow(0).save(dir + u"/tray-after-switch.png"_s);
                std::fprintf(stderr, "smoke: %s\n", qPrintable(message));
                QApplication::exit(ok ? 0 : 1);
            });
            action->trigger();
            menu->hide();
        });
    });
}

} // namespace cma::ui
