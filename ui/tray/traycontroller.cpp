#include "traycontroller.h"

#include "auth/jwt.h"
#include "theme/theme.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace cma::ui {

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayController::menuOpened);
    connect(m_menu, &QMenu::aboutToHide, this, &TrayController::menuClosed);
    // The settings window previews the tray icon options live (docs/ui.md §8).
    connect(&Theme::instance(), &Theme::changed, this, &TrayController::updateIcon);
    rebuild();
}

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

TrayController::~TrayController()
{
    delete m_menu;
}

bool TrayController::trayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayController::show()
{
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT openWindowRequested();
            else if (reason == QSystemTrayIcon::MiddleClick)
                Q_EMIT refreshNowRequested();
            else if (reason == QSystemTrayIcon::Trigger)
                m_menu->popup(QCursor::pos());
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
    m_snapshot = snapshot;
    if (m_tray) {
        updateIcon();
        m_tray->setToolTip(snapshot.tooltip);
    }
    rebuild();
}

void TrayController::setBusyText(const QString &text)
{
    m_busy = text;
    rebuild();
}

void TrayController::setNotificationsPaused(bool paused)
{
    m_paused = paused;
    rebuild();
}

void TrayController::setStartAtLogin(bool on)
{
    m_startAtLogin = on;
    rebuild();
}

bool TrayController::notify(const QString &title, const QString &message, int durationMs)
{
    if (!m_tray || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return false;
    m_tray->showMessage(title, message, QSystemTrayIcon::Information, durationMs);
    return true;
}

QAction *TrayController::actionForAccount(int index) const
{
    return m_rowActions.value(index);
}

QAction *TrayController::addRow(QMenu *menu, const TrayRow &row, int visibleNumber)
{
    QString text;
    if (visibleNumber >= 1 && visibleNumber <= 9)
        text += u"&%1  "_s.arg(visibleNumber);
    text += row.current ? u"✓ "_s : row.recommended ? u"★ "_s : u"   "_s;
    text += row.label;
    if (!row.plan.isEmpty())
        text += u" · "_s + planDisplayName(row.plan);
    if (row.pinned)
        text += u" ⚑"_s;
    const QString detail = !row.reason.isEmpty() ? row.reason : row.quotaText;
    if (!detail.isEmpty())
        text += (m_snapshot.compact ? u"  —  "_s : u"\n      "_s) + detail;
    QAction *a = menu->addAction(text);
    a->setObjectName(u"account-%1"_s.arg(row.index));
    TrayIconState mini;
    mini.kind = TrayIconState::Kind::Meter;
    mini.shortLeft = row.shortLeft;
    mini.longLeft = row.longLeft;
    mini.attention = row.needsLogin;
    a->setIcon(TrayIconRenderer::icon(mini));
    a->setCheckable(true);
    a->setChecked(row.current);
    a->setToolTip(row.quotaText);
    const int index = row.index;
    connect(a, &QAction::triggered, this, [this, index] { Q_EMIT switchRequested(index); });
    m_rowActions.insert(index, a);
    return a;
}

void TrayController::rebuild()
{
    m_menu->clear();
    m_rowActions.clear();
    const TraySnapshot &s = m_snapshot;
    QAction *title = m_menu->addAction(s.headerTitle.isEmpty() ? tr("Codex Multi-Auth") : s.headerTitle);
    title->setEnabled(false);
    for (const QString &line : s.headerLines)
        m_menu->addAction(line)->setEnabled(false);
    m_menu->addSeparator();
    int number = 0;
    for (const TrayRow &row : s.rows)
        addRow(m_menu, row, ++number);
    if (!s.overflow.isEmpty()) {
        QMenu *more = m_menu->addMenu(tr("More accounts (%1)").arg(s.overflow.size()));
        for (const TrayRow &row : s.overflow)
            addRow(more, row, 0);
    }
    if (!s.rows.isEmpty())
        m_menu->addSeparator();
    if (s.recommendedIndex && !s.rows.isEmpty()) {
        QAction *best = m_menu->addAction(tr("Switch to best: %1").arg(s.bestLabel));
        best->setObjectName(u"switchToBest"_s);
        best->setEnabled(std::none_of(s.rows.begin(), s.rows.end(),
                                      [&](const TrayRow &r) { return r.current && r.index == *s.recommendedIndex; }));
        connect(best, &QAction::triggered, this, &TrayController::switchToBestRequested);
    }
    if (s.pinnedIndex) {
        QAction *unpin = m_menu->addAction(tr("Unpin account %1").arg(*s.pinnedIndex + 1));
        unpin->setObjectName(u"unpin"_s);
        connect(unpin, &QAction::triggered, this, &TrayController::unpinRequested);
    }
    QAction *add = m_menu->addAction(tr("Add account…"));
    add->setObjectName(u"addAccount"_s);
    connect(add, &QAction::triggered, this, &TrayController::addAccountRequested);
    QAction *refresh = m_menu->addAction(m_busy.isEmpty() ? tr("Refresh now") : m_busy);
    refresh->setObjectName(u"refreshNow"_s);
    refresh->setEnabled(m_busy.isEmpty() && !s.rows.isEmpty());
    connect(refresh, &QAction::triggered, this, &TrayController::refreshNowRequested);

    QMenu *tools = m_menu->addMenu(tr("Tools"));
    const QList<QPair<QString, QString>> toolItems = {{u"check"_s, tr("Health check")},
                                                      {u"fix"_s, tr("Auto-repair issues")},
                                                      {u"refresh"_s, tr("Refresh all tokens")},
                                                      {u"verify-flagged"_s, tr("Check problem accounts")},
                                                      {u"diagnostics"_s, tr("Copy diagnostics")}};
    for (const auto &[key, label] : toolItems) {
        QAction *a = tools->addAction(label);
        a->setObjectName(u"tool-"_s + key);
        connect(a, &QAction::triggered, this, [this, key] { Q_EMIT toolRequested(key); });
    }
    m_menu->addAction(tr("Accounts…"), this, &TrayController::openWindowRequested);
    m_menu->addAction(tr("Forecast and quota…"), this, &TrayController::openForecastRequested);
    m_menu->addAction(tr("Settings…"), this, &TrayController::openSettingsRequested);
    QAction *login = m_menu->addAction(tr("Start at login"));
    login->setCheckable(true);
    login->setChecked(m_startAtLogin);
    connect(login, &QAction::toggled, this, &TrayController::startAtLoginToggled);
    QMenu *pause = m_menu->addMenu(m_paused ? tr("Notifications paused") : tr("Pause notifications"));
    pause->addAction(tr("For 1 hour"), this, [this] { Q_EMIT pauseNotificationsRequested(60); });
    pause->addAction(tr("Until tomorrow"), this, [this] { Q_EMIT pauseNotificationsRequested(24 * 60); });
    pause->addAction(tr("Resume"), this, [this] { Q_EMIT pauseNotificationsRequested(0); })->setEnabled(m_paused);
    if (!s.foreignEmail.isEmpty()) {
        m_menu->addSeparator();
        QAction *foreign = m_menu->addAction(tr("Codex is signed in as %1 (not in pool) — Add…").arg(s.foreignEmail));
        foreign->setObjectName(u"importForeign"_s);
        connect(foreign, &QAction::triggered, this, &TrayController::importForeignRequested);
    }
    if (s.codexSignedOut && !s.rows.isEmpty()) {
        QAction *signIn = m_menu->addAction(tr("Codex is signed out — Sign Codex in as the current account"));
        connect(signIn, &QAction::triggered, this, [this] {
            for (const TrayRow &r : m_snapshot.rows)
                if (r.current)
                    Q_EMIT switchRequested(r.index);
        });
    }
    if (!s.storageProblem.isEmpty())
        m_menu->addAction(s.storageProblem)->setEnabled(false);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"));
    quit->setObjectName(u"quit"_s);
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);
}

} // namespace cma::ui
