#pragma once

#include "tray/traysnapshot.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

class QAction;
class QMenu;
class QWidgetAction;

namespace cma::ui {

/// The menu's header (docs/ui.md §3 item 1): the current account, each window as a small bar with
/// "% left" and its reset, the pace, the freshness of the reading and the runway line. Drawn in
/// the menu's normal text colours (never the greyed look of disabled items), so it stays legible
/// on light and dark palettes.
class TrayHeader : public QWidget
{
    Q_OBJECT
public:
    explicit TrayHeader(QWidget *parent = nullptr);
    void setSnapshot(const TraySnapshot &snapshot);
    QSize sizeHint() const override;
    /// Everything the header says, line by line (accessibility and tests).
    QStringList lines() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    TraySnapshot m_snapshot;
};

/// One account row: the pool number, ✓ current / ★ recommended / pin marks, the elided label and
/// plan, and mini bars for its windows (or the reason it is not ready), tinted when nearly or fully
/// exhausted. The row lets mouse events through to the menu, which highlights and triggers it
/// like any other item, keyboard included.
class TrayRowItem : public QWidget
{
    Q_OBJECT
public:
    TrayRowItem(QMenu *menu, QAction *action);
    void setRow(const TrayRow &row, bool compact);
    const TrayRow &row() const { return m_row; }
    bool compact() const { return m_compact; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QMenu *m_menu;
    QAction *m_action;
    TrayRow m_row;
    bool m_compact = false;
};

/// Builds the tray menu once and keeps it current in place (docs/ui.md §3). Every entry is created one
/// time; a new snapshot only changes texts, visibility and row contents, so an open menu is never
/// closed, replaced or re-parented. When the set or order of accounts changes while the menu is
/// open, the rows keep their places until it closes and are laid out again then.
///
/// The sections are built by separate steps (header, accounts, actions, tools, windows, pause,
/// conditional lines, quit), so a layout setting can show, hide or reorder one of them.
class TrayMenu : public QObject
{
    Q_OBJECT
public:
    explicit TrayMenu(QObject *parent = nullptr);
    ~TrayMenu() override;

    QMenu *menu() const { return m_menu; }
    TrayHeader *header() const { return m_header; }
    void setSnapshot(const TraySnapshot &snapshot);
    /// Replaces "Refresh now" with progress (`Refreshing… 2/4`); empty restores it.
    void setBusyText(const QString &text);
    void setNotificationsPaused(bool paused);
    void setStartAtLogin(bool on);
    /// The row action of a pool index (keyboard, tests).
    QAction *actionForAccount(int index) const;
    /// True while a row layout waits for the menu to close.
    bool layoutPending() const { return m_layoutPending; }

    /// The widest the menu grows: long emails and messages are elided to fit.
    static constexpr int kMaxWidth = 460;

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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildHeader();
    void buildAccounts();
    void buildActions();
    void buildTools();
    void buildWindows();
    void buildPause();
    void buildConditional();
    void buildQuit();

    bool isOpen() const;
    static QList<int> layoutOf(const TraySnapshot &snapshot);
    void layOutRows();
    void updateRowsInPlace();
    void updateEntries();
    QWidgetAction *newRow(QMenu *menu);
    QString elided(const QString &text) const;
    void repaintRows();

    QMenu *m_menu;
    QMenu *m_more = nullptr;
    QAction *m_moreAction = nullptr;
    QWidgetAction *m_headerAction = nullptr;
    TrayHeader *m_header = nullptr;
    QAction *m_accountsEnd = nullptr;
    QList<QWidgetAction *> m_rows;
    QList<QWidgetAction *> m_overflowRows;
    QAction *m_best = nullptr;
    QAction *m_unpin = nullptr;
    QAction *m_add = nullptr;
    QAction *m_refresh = nullptr;
    QMenu *m_tools = nullptr;
    QAction *m_verifyFlagged = nullptr;
    QAction *m_startAtLogin = nullptr;
    QMenu *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_conditionalSeparator = nullptr;
    QAction *m_foreign = nullptr;
    QAction *m_signedOut = nullptr;
    QAction *m_storage = nullptr;

    TraySnapshot m_snapshot;
    QString m_busy;
    bool m_paused = false;
    bool m_layoutPending = false;
    QList<int> m_shownLayout; ///< layoutOf() the rows as they are in the menu now
};

} // namespace cma::ui
