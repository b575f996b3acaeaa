#pragma once

#include "models/poolview.h"
#include "session/desktopsession.h"

#include <QMainWindow>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <memory>

class QLabel;
class QLineEdit;
class QComboBox;
class QMenu;
class QTableView;
class QTextBrowser;
class QTreeWidget;
class QToolButton;

namespace cma {
class SharedJsonFile;
class DesktopSession;
} // namespace cma

namespace cma::ui {

class AccountsModel;
class TransferPrompts;
class BannerArea;

/// Search and order of the accounts table: ready-first or manual order until a header is
/// clicked, then that column until the order is reset.
class AccountsProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSearch(const QString &text);
    /// ready-first | manual; drops a column sort.
    void setBaseOrder(const QString &mode);
    void sortByColumn(int column, Qt::SortOrder order);
    bool columnSortActive() const { return m_columnSort; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
    QString m_mode = QStringLiteral("ready-first");
    bool m_columnSort = false;
};

/// The accounts window (docs/ui.md §5), and the main window when there is no tray (§10). Its actions are
/// typed requests to the desktop session; their results come back in words of the user's language.
class AccountsWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit AccountsWindow(DesktopSession &session, QWidget *parent = nullptr);
    ~AccountsWindow() override;

    void setView(const PoolView &view);
    /// No tray: a menu bar with the tray menu's entries, the current account in the title, and
    /// closing asks whether to quit.
    void setMainWindowMode(bool on, QMenu *accountsMenu);
    bool mainWindowMode() const { return m_mainMode; }
    /// An alert shown as a banner (when there is no notifier).
    void addNotice(const QString &title, const QString &message);
    /// The outcome of the last action, in the status bar (\a detail as its tooltip).
    void showResult(const QString &message, bool ok, const QString &detail = {});
    /// The status bar's message now.
    QString resultText() const;
    void setSortMode(const QString &mode);
    /// Where the window remembers its hidden columns and "Don't ask again"
    /// (`desktop/window-state.json`); read at once.
    void setStatePath(const QString &path);
    void setColumnShown(int column, bool shown);
    bool asksBeforeQuit() const { return m_askOnClose; }

    AccountsModel *model() const { return m_model; }
    AccountsProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    BannerArea *banners() const { return m_banners; }
    /// Pool indexes of the selected rows, in pool order.
    QList<int> selectedIndexes() const;
    void selectIndex(int poolIndex);
    /// The per-account actions for the selection (context menu and tests).
    QMenu *actionMenu();
    QString detailsHtml() const;

Q_SIGNALS:
    /// An action of this window finished; \a message is what the status bar says.
    void resultReported(const QString &message, bool ok);
    void addAccountRequested();
    void reloginRequested(int poolIndex);
    void importForeignRequested();
    void openForecastRequested();
    void openSettingsRequested();
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildToolbar();
    void buildActions();
    void updateDetails();
    void updateBanners();
    void updateStatus();
    void updateSaved();
    void updateTitle();
    void updateFlagged();
    void saveState();
    /// Shows a result and tells the tray (resultReported).
    void reportResult(const QString &message, bool ok, const QString &detail = {});
    /// The session callback that words a result with \a words and reports it.
    template <typename T, typename Words> DesktopSession::Done<T> reply(Words words);
    QList<Account> selectedAccounts() const;
    void switchTo(int poolIndex);
    void checkSelected();
    void refreshSelected();
    void toggleEnabled(bool enable);
    void setPolicyFlag(bool paused, bool on);
    void clearRateLimits();
    void runHealthCheck();
    void runAutoRepair();
    void refreshAllTokens();
    void verifyFlagged();
    void removeSelected();
    void deleteAll();
    void editTagsAndNote();
    void exportPool();
    void importFile();
    QString selectorsText(const QList<int> &indexes) const;

    DesktopSession &m_session;
    AccountsModel *m_model;
    AccountsProxy *m_proxy;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_order;
    QTextBrowser *m_details;
    BannerArea *m_banners;
    QTreeWidget *m_flagged;
    QToolButton *m_flaggedToggle;
    QWidget *m_flaggedBox;
    QLabel *m_statusPath;
    QLabel *m_statusHealth;
    QLabel *m_statusSecrets;
    QLabel *m_statusSaved;
    QAction *m_verifyFlagged = nullptr;
    QMenu *m_actionMenu = nullptr;
    QHash<QString, QAction *> m_actions;
    TransferPrompts *m_transfer = nullptr;
    bool m_mainMode = false;
    bool m_askOnClose = true;
    int m_sizedForRows = -1;
    std::unique_ptr<SharedJsonFile> m_state;
};

} // namespace cma::ui
