#pragma once

#include "tray/traysnapshot.h"

#include <QObject>
#include <QTimer>

class QMenu;
class QAction;
class QSystemTrayIcon;

namespace cma::ui {

class TrayMenu;

/// The tray façade (docs/ui.md §2–3): hides QSystemTrayIcon, draws the icon, owns the menu (which
/// updates in place, even while open), and speaks in semantic signals.
class TrayController : public QObject
{
    Q_OBJECT
public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    static bool trayAvailable();
    void show();
    bool isVisible() const;
    void setSnapshot(const TraySnapshot &snapshot);
    /// The icon as drawn now: the snapshot's state with the theme's tray icon options.
    TrayIconState iconState() const;
    const TraySnapshot &snapshot() const { return m_snapshot; }
    /// Replaces "Refresh now" with progress (`Refreshing… 2/4`); empty restores it.
    void setBusyText(const QString &text);
    void setNotificationsPaused(bool paused);
    void setStartAtLogin(bool on);
    /// False when there is no notifier to show it (no tray): the caller shows a banner instead.
    bool notify(const QString &title, const QString &message, int durationMs = 5000);

    QMenu *menu() const;
    TrayMenu *trayMenu() const { return m_menu; }
    /// The row action of a pool index (tests, keyboard).
    QAction *actionForAccount(int index) const;

Q_SIGNALS:
    void switchRequested(int index);
    void switchToBestRequested();
    void unpinRequested();
    void addAccountRequested();
    void refreshNowRequested();
    void toolRequested(const QString &tool);
    void openWindowRequested();
    void openForecastRequested();
    void openSettingsRequested();
    void pauseNotificationsRequested(int minutes);
    void startAtLoginToggled(bool on);
    void importForeignRequested();
    void quitRequested();
    void menuOpened();
    void menuClosed();

private:
    void updateIcon();
    void popUpMenu();

    QSystemTrayIcon *m_tray = nullptr;
    TrayMenu *m_menu;
    QTimer m_pendingPopup;
    TraySnapshot m_snapshot;
};

} // namespace cma::ui
