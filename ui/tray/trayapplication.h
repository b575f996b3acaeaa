#pragma once

#include "net/endpoints.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <memory>

class QLocalServer;
class QThread;
class QWidget;

namespace cma {
class AppContext;
class BrowserLogin;
class FileLock;
class LiveSync;
} // namespace cma

namespace cma::ui {

class CoreWorker;
class Notifier;
class TrayController;

/// The tray process (ui.md §1–4, §9–11; runtime.md §1): one instance per storage root, the tray
/// façade, live sync, the refresh guardian and quota polling on a worker thread, notifications,
/// autostart, and a window that stays reachable when the desktop has no tray.
class TrayApplication : public QObject
{
    Q_OBJECT
public:
    explicit TrayApplication(bool startMinimized, QObject *parent = nullptr);
    ~TrayApplication() override;

    /// Returns false when another instance was asked to show itself instead (exit 0 then).
    bool start();
    TrayController *tray() const { return m_tray; }
    AppContext &app() { return *m_app; }
    /// Rebuilds the snapshot from disk (after any change).
    void rebuild();
    /// Runs the smoke test of tests/e2e/tray_smoke.sh; the process exits with its result.
    void runSmokeTest(const QString &screenshotDir);

    static QString autostartPath();
    static bool startAtLogin();
    static bool setStartAtLogin(bool on);

Q_SIGNALS:
    void actionFinished(const QString &message, bool ok);
    void requestSwitch(const QString &trackerKey, bool pin);
    void requestBest();
    void requestUnpin();
    void requestRefresh();
    void requestTool(const QString &tool);
    void requestFastPolling(bool fast);

private:
    void showWindow();
    void startLogin();
    void importForeign();
    bool claimInstance();

    bool m_startMinimized;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<FileLock> m_instanceLock;
    QLocalServer *m_server = nullptr;
    TrayController *m_tray = nullptr;
    std::unique_ptr<Notifier> m_notifier;
    LiveSync *m_sync = nullptr;
    QThread *m_thread = nullptr;
    CoreWorker *m_worker = nullptr;
    QPointer<QWidget> m_window;
    QPointer<BrowserLogin> m_login;
    QString m_pendingTool;
    QString m_foreignEmail;
    bool m_codexSignedOut = false;
    bool m_readingFailed = false;
};

} // namespace cma::ui
