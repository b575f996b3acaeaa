#include "trayapplication.h"

#include "trayiconrenderer.h"

#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>
#include <QWidget>

namespace cma::ui {

TrayApplication::TrayApplication(bool startMinimized, QObject *parent)
    : QObject(parent)
    , m_startMinimized(startMinimized)
{
}

TrayApplication::~TrayApplication()
{
    delete m_menu;
    delete m_window;
}

bool TrayApplication::hasTray() const
{
    return m_tray && m_tray->isVisible();
}

void TrayApplication::start()
{
    buildMenu();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setIcon(TrayIconRenderer::icon(TrayIconState{}));
        m_tray->setToolTip(tr("Codex Multi-Auth: no accounts yet"));
        m_tray->setContextMenu(m_menu);
        m_tray->show();
        if (!m_startMinimized)
            return;
    }
    if (!m_tray || !m_startMinimized)
        showMainWindow();
}

void TrayApplication::buildMenu()
{
    m_menu = new QMenu;
    QAction *header = m_menu->addAction(tr("No accounts yet"));
    header->setEnabled(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("Open Codex Multi-Auth"), this, &TrayApplication::showMainWindow);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), qApp, &QApplication::quit);
}

void TrayApplication::showMainWindow()
{
    if (!m_window) {
        m_window = new QWidget;
        m_window->setWindowTitle(tr("Codex Multi-Auth"));
        auto *layout = new QVBoxLayout(m_window);
        auto *label = new QLabel(tr("No accounts yet. Add one with:\n  codex-multi-auth --cli login"), m_window);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(label);
        auto *quit = new QPushButton(tr("Quit"), m_window);
        connect(quit, &QPushButton::clicked, qApp, &QApplication::quit);
        layout->addWidget(quit);
        m_window->resize(420, 160);
    }
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace cma::ui
