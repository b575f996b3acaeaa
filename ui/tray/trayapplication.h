#pragma once

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <memory>

class QLocalServer;
class QWidget;

namespace cma {
class DesktopSession;
class FileLock;
struct Error;
} // namespace cma

namespace cma::ui {

class AccountsWindow;
class ForecastWindow;
class LoginDialog;
class SettingsWindow;
class TrayController;

/// The tray face of the desktop session (docs/ui.md §1–4, §9–11; docs/runtime.md §1): one instance per
/// storage root, the tray façade, notifications, autostart, the windows, and a window that stays
/// reachable when the desktop has no tray. Everything that may block runs in the session.
class TrayApplication : public QObject
{
    Q_OBJECT
public:
    TrayApplication(DesktopSession &session, bool startMinimized, QObject *parent = nullptr);
    ~TrayApplication() override;

    /// Claims the instance and starts the session; returns false when another instance was asked
    /// to show itself instead (exit 0 then).
    bool start();
    TrayController *tray() const { return m_tray; }
    DesktopSession &session() { return m_session; }
    /// Rebuilds the tray from the session's newest view.
    void rebuild();

Q_SIGNALS:
    /// An action from the tray or a window finished; \a message is what the user was told.
    void actionFinished(const QString &message, bool ok);

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
    void runTool(const QString &tool);
    /// Tells the user how an action ended: a notification (a banner without a tray) and
    /// actionFinished(); the window that started it shows it too.
    void announce(const QString &message, bool ok);
    /// announce(), for an action of the tray menu (also shown in the accounts window).
    void report(const QString &message, bool ok);
    void reportFailure(const Error &error);
    bool claimInstance();
    void notify(const QString &title, const QString &message);
    /// The effective value of a settings key (environment, file, default).
    QJsonValue setting(const QString &fullName) const;
    /// Every window turns its own results into text; the tray announces them.
    template <typename Window> void connectResults(Window *window);
    void setStartAtLogin(bool on);
    void watchForTray();

    DesktopSession &m_session;
    bool m_startMinimized;
    std::unique_ptr<FileLock> m_instanceLock;
    QLocalServer *m_server = nullptr;
    TrayController *m_tray = nullptr;
    QPointer<AccountsWindow> m_window;
    QPointer<ForecastWindow> m_forecast;
    QPointer<SettingsWindow> m_settings;
    QPointer<LoginDialog> m_loginDialog;
    QString m_language;
    QString m_guardianStats;
};

} // namespace cma::ui
