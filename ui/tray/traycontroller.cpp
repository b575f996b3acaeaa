#include "traycontroller.h"

#include "theme/theme.h"
#include "tray/traymenu.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace cma::ui {

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_menu(new TrayMenu(this))
{
    connect(m_menu, &TrayMenu::switchRequested, this, &TrayController::switchRequested);
    connect(m_menu, &TrayMenu::switchToBestRequested, this, &TrayController::switchToBestRequested);
    connect(m_menu, &TrayMenu::unpinRequested, this, &TrayController::unpinRequested);
    connect(m_menu, &TrayMenu::addAccountRequested, this, &TrayController::addAccountRequested);
    connect(m_menu, &TrayMenu::refreshNowRequested, this, &TrayController::refreshNowRequested);
    connect(m_menu, &TrayMenu::toolRequested, this, &TrayController::toolRequested);
    connect(m_menu, &TrayMenu::openWindowRequested, this, &TrayController::openWindowRequested);
    connect(m_menu, &TrayMenu::openForecastRequested, this, &TrayController::openForecastRequested);
    connect(m_menu, &TrayMenu::openSettingsRequested, this, &TrayController::openSettingsRequested);
    connect(m_menu, &TrayMenu::pauseNotificationsRequested, this, &TrayController::pauseNotificationsRequested);
    connect(m_menu, &TrayMenu::startAtLoginToggled, this, &TrayController::startAtLoginToggled);
    connect(m_menu, &TrayMenu::importForeignRequested, this, &TrayController::importForeignRequested);
    connect(m_menu, &TrayMenu::quitRequested, this, &TrayController::quitRequested);
    connect(m_menu, &TrayMenu::menuOpened, this, &TrayController::menuOpened);
    connect(m_menu, &TrayMenu::menuClosed, this, &TrayController::menuClosed);
    // The settings window previews the tray icon options live, and `config set` or an edit of the
    // settings file re-applies the theme (docs/ui.md §8): the icon follows either way.
    connect(&Theme::instance(), &Theme::changed, this, &TrayController::updateIcon);
    m_pendingPopup.setSingleShot(true);
    connect(&m_pendingPopup, &QTimer::timeout, this, &TrayController::popUpMenu);
}

TrayController::~TrayController() = default;

TrayIconState TrayController::iconState() const
{
    TrayIconState state = m_snapshot.icon;
    const ThemeSettings &theme = Theme::instance().current();
    state.showUsed = theme.trayShowUsed;
    state.colored = theme.trayColored;
    state.percentText = theme.trayStyle == "percent"_L1;
    return state;
}

void TrayController::updateIcon()
{
    if (m_tray)
        m_tray->setIcon(TrayIconRenderer::icon(iconState()));
}

bool TrayController::trayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QMenu *TrayController::menu() const
{
    return m_menu->menu();
}

QAction *TrayController::actionForAccount(int index) const
{
    return m_menu->actionForAccount(index);
}

void TrayController::popUpMenu()
{
    QMenu *menu = m_menu->menu();
    if (menu->isVisible())
        return; // a second click while it opens must not close and reopen it
    menu->popup(QCursor::pos());
}

void TrayController::show()
{
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        // Both buttons open the same menu, from our own handler: the context menu is not handed to
        // QSystemTrayIcon, so no platform code pops it up a second time on the same click.
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            switch (reason) {
            case QSystemTrayIcon::DoubleClick:
                m_pendingPopup.stop();
                m_menu->menu()->hide();
                Q_EMIT openWindowRequested();
                break;
            case QSystemTrayIcon::MiddleClick:
                Q_EMIT refreshNowRequested();
                break;
            case QSystemTrayIcon::Trigger:
                // A menu opened on the first press would take the second click of a double
                // click, which opens the accounts window: wait out the double-click interval.
                m_pendingPopup.start(QApplication::doubleClickInterval());
                break;
            case QSystemTrayIcon::Context:
                m_pendingPopup.stop();
                popUpMenu();
                break;
            case QSystemTrayIcon::Unknown:
                break;
            }
        });
    }
    updateIcon();
    m_tray->setToolTip(m_snapshot.tooltip);
    m_tray->show();
}

bool TrayController::isVisible() const
{
    return m_tray && m_tray->isVisible();
}

void TrayController::setSnapshot(const TraySnapshot &snapshot)
{
    const bool iconChanged = !(snapshot.icon == m_snapshot.icon);
    const bool tipChanged = snapshot.tooltip != m_snapshot.tooltip;
    m_snapshot = snapshot;
    if (m_tray) {
        if (iconChanged)
            updateIcon();
        if (tipChanged)
            m_tray->setToolTip(snapshot.tooltip);
    }
    m_menu->setSnapshot(snapshot);
}

void TrayController::setBusyText(const QString &text)
{
    m_menu->setBusyText(text);
}

void TrayController::setNotificationsPaused(bool paused)
{
    m_menu->setNotificationsPaused(paused);
}

void TrayController::setStartAtLogin(bool on)
{
    m_menu->setStartAtLogin(on);
}

bool TrayController::notify(const QString &title, const QString &message, int durationMs)
{
    if (!m_tray || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return false;
    m_tray->showMessage(title, message, QSystemTrayIcon::Information, durationMs);
    return true;
}

} // namespace cma::ui
