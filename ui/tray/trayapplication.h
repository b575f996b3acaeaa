#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QMenu;
class QWidget;

namespace cma::ui {

/// The tray process: the tray icon façade, its menu, and the window that stays reachable when the
/// desktop has no system tray (ui.md §10).
class TrayApplication : public QObject
{
    Q_OBJECT
public:
    explicit TrayApplication(bool startMinimized, QObject *parent = nullptr);
    ~TrayApplication() override;

    void start();
    bool hasTray() const;

private:
    void buildMenu();
    void showMainWindow();

    bool m_startMinimized;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QPointer<QWidget> m_window;
};

} // namespace cma::ui
