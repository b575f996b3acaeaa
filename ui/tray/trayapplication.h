#pragma once

#include "net/endpoints.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <memory>

class QLocalServer;
class QThread;
class QWidget;

namespace cma {
class AppContext;
class FileLock;
class LiveSync;
} // namespace cma

namespace cma::ui {

class AccountsWindow;
class CoreWorker;
class ForecastWindow;
class LoginDialog;
class Notifier;
class SettingsWindow;
class TrayController;
struct PoolView;

/// The tray process (docs/ui.md §1–4, §9–11; docs/runtime.md §1): one instance per storage root, the tray
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
    void requestCommands(const QList<QStringList> &commands);
    void requestMove(const QString &trackerKey, int to);

public:
    void showWindow();
    void showForecast();
    void showSettings();
    /// The first-run welcome (docs/ui.md §11).
    void showWelcome();
    /// The login dialog; \a reloginIndex ≥ 0 opens it in re-login mode for that account.
    void startLogin(int reloginIndex = -1);
    AccountsWindow *accountsWindow() const;
    ForecastWindow *forecastWindow() const;
    SettingsWindow *settingsWindow() const;
    LoginDialog *loginDialog() const;
    /// Applies the saved theme and language (at start, and after Settings → OK).
    void applyAppearance();

private:
    void importForeign();
    bool claimInstance();
    void notify(const QString &title, const QString &message);
    /// The effective value of a settings key (environment, file, default).
    QJsonValue setting(const QString &fullName) const;
    void connectCommands(QObject *window);
    void watchForTray();

    bool m_startMinimized;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<FileLock> m_instanceLock;
    QLocalServer *m_server = nullptr;
    TrayController *m_tray = nullptr;
    std::unique_ptr<Notifier> m_notifier;
    LiveSync *m_sync = nullptr;
    QThread *m_thread = nullptr;
    CoreWorker *m_worker = nullptr;
    QPointer<AccountsWindow> m_window;
    QPointer<ForecastWindow> m_forecast;
    QPointer<SettingsWindow> m_settings;
    QPointer<LoginDialog> m_loginDialog;
    QString m_language;
    QString m_guardianStats;
    QString m_pendingTool;
    QString m_foreignEmail;
    bool m_codexSignedOut = false;
    bool m_readingFailed = false;
};

} // namespace cma::ui
