#include "accountswindow.h"

#include "auth/jwt.h"
#include "models/accountsmodel.h"
#include "models/outcometext.h"
#include "quota/runway.h"
#include "util/clock.h"
#include "util/jsonfile.h"
#include "util/redact.h"
#include "util/timefmt.h"
#include "windows/banner.h"
#include "windows/quotabar.h"
#include "windows/transferprompts.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryFile>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

// --- proxy -------------------------------------------------------------------------------------

void AccountsProxy::setSearch(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void AccountsProxy::setBaseOrder(const QString &mode)
{
    m_mode = mode;
    m_columnSort = false;
    setSortRole(mode == "manual"_L1 ? AccountsModel::PoolIndexRole : AccountsModel::ReadyRankRole);
    sort(0, Qt::AscendingOrder);
    invalidate();
}

void AccountsProxy::sortByColumn(int column, Qt::SortOrder order)
{
    m_columnSort = true;
    setSortRole(AccountsModel::SortRole);
    sort(column, order);
}

bool AccountsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(AccountsModel::SearchRole).toString().contains(m_search, Qt::CaseInsensitive);
}

bool AccountsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(sortRole()), r = right.data(sortRole());
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    if (l.toDouble() != r.toDouble())
        return l.toDouble() < r.toDouble();
    return left.row() < right.row();
}

// --- window ------------------------------------------------------------------------------------

AccountsWindow::AccountsWindow(DesktopSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_model(new AccountsModel(this))
    , m_proxy(new AccountsProxy(this))
{
    setObjectName(u"accountsWindow"_s);
    m_transfer = new TransferPrompts(this);
    setWindowTitle(tr("Accounts — Codex Multi-Auth"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setBaseOrder(u"ready-first"_s);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_banners = new BannerArea(central);
    layout->addWidget(m_banners);

    auto *searchRow = new QHBoxLayout;
    m_search = new QLineEdit(central);
    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(tr("Search email, label, id, tag or note  ( / )"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search accounts"));
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AccountsProxy::setSearch);
    auto *orderLabel = new QLabel(tr("&Order:"), central);
    m_order = new QComboBox(central);
    m_order->setObjectName(u"order"_s);
    m_order->addItem(tr("Ready first"), u"ready-first"_s);
    m_order->addItem(tr("Manual (drag to reorder)"), u"manual"_s);
    orderLabel->setBuddy(m_order);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this] { setSortMode(m_order->currentData().toString()); });
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(orderLabel);
    searchRow->addWidget(m_order);
    layout->addLayout(searchRow);

    auto *split = new QSplitter(Qt::Horizontal, central);
    m_table = new QTableView(split);
    m_table->setObjectName(u"accountsTable"_s);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Accounts"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setItemDelegateForColumn(AccountsModel::ShortWindow, new QuotaBarDelegate(m_table));
    m_table->setItemDelegateForColumn(AccountsModel::LongWindow, new QuotaBarDelegate(m_table));
    m_table->setItemDelegateForColumn(AccountsModel::Status, new BadgeDelegate(m_table));
    m_table->setDragDropMode(QAbstractItemView::DragDrop);
    m_table->setDefaultDropAction(Qt::MoveAction);
    m_table->setDragDropOverwriteMode(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::sectionClicked, this, [this, header](int column) {
        const Qt::SortOrder order = m_proxy->columnSortActive() && header->sortIndicatorSection() == column &&
                                            header->sortIndicatorOrder() == Qt::AscendingOrder
                                        ? Qt::DescendingOrder
                                        : Qt::AscendingOrder;
        header->setSortIndicatorShown(true);
        header->setSortIndicator(column, order);
        m_proxy->sortByColumn(column, order);
    });
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &pos) {
        QMenu menu(this);
        for (int c = 0; c < AccountsModel::ColumnCount; ++c) {
            QAction *a = menu.addAction(AccountsModel::columnTitle(c));
            a->setCheckable(true);
            a->setChecked(!m_table->isColumnHidden(c));
            connect(a, &QAction::toggled, this, [this, c](bool on) { setColumnShown(c, on); });
        }
        menu.addSeparator();
        menu.addAction(tr("Reset order"), this, [this] { setSortMode(m_order->currentData().toString()); });
        menu.exec(header->mapToGlobal(pos));
    });
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setColumnHidden(AccountsModel::Risk, true);
    m_table->setColumnHidden(AccountsModel::Tags, true);
    connect(m_model, &AccountsModel::moveRequested, this, [this](int from, int to) {
        // Manual order (docs/ui.md §5): the record moves; current account and pin follow by identity.
        const PoolView &v = m_model->view();
        if (from < 0 || from >= v.pool.accounts.size())
            return;
        m_session.move(v.pool.accounts[from], to, this, [this](const Result<MoveOutcome> &r) {
            if (!r)
                reportResult(OutcomeText::failure(r.error()), false, OutcomeText::failureDetail(r.error()));
        });
    });
    connect(m_table, &QTableView::customContextMenuRequested, this,
            [this](const QPoint &pos) { actionMenu()->exec(m_table->viewport()->mapToGlobal(pos)); });
    connect(m_table, &QTableView::activated, this, [this] { m_actions.value(u"switch"_s)->trigger(); });
    m_table->installEventFilter(this); // Ctrl+C copies emails, not the current cell

    m_details = new QTextBrowser(split);
    m_details->setObjectName(u"details"_s);
    m_details->setAccessibleName(tr("Account details"));
    m_details->setOpenLinks(false);
    m_details->setMinimumWidth(260);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    m_details->hide(); // opens when an account is selected, so the table has the room otherwise
    layout->addWidget(split, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        buildActions();
    });

    // Problem accounts (the flagged file), collapsible.
    m_flaggedToggle = new QToolButton(central);
    m_flaggedToggle->setObjectName(u"problemToggle"_s);
    m_flaggedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_flaggedToggle->setArrowType(Qt::RightArrow);
    m_flaggedToggle->setCheckable(true);
    m_flaggedToggle->setAutoRaise(true);
    layout->addWidget(m_flaggedToggle);
    m_flaggedBox = new QWidget(central);
    auto *flaggedLayout = new QVBoxLayout(m_flaggedBox);
    flaggedLayout->setContentsMargins(16, 0, 0, 0);
    m_flagged = new QTreeWidget(m_flaggedBox);
    m_flagged->setObjectName(u"problemAccounts"_s);
    m_flagged->setRootIsDecorated(false);
    m_flagged->setHeaderLabels({tr("Account"), tr("Flagged"), tr("Reason"), tr("Last error")});
    m_flagged->setAccessibleName(tr("Problem accounts"));
    m_flagged->setMaximumHeight(140);
    flaggedLayout->addWidget(m_flagged);
    auto *flaggedButtons = new QHBoxLayout;
    auto *verify = new QPushButton(tr("&Verify and restore"), m_flaggedBox);
    auto *removeFlagged = new QPushButton(tr("Remove from &list"), m_flaggedBox);
    flaggedButtons->addWidget(verify);
    flaggedButtons->addWidget(removeFlagged);
    flaggedButtons->addStretch();
    flaggedLayout->addLayout(flaggedButtons);
    layout->addWidget(m_flaggedBox);
    m_flaggedBox->hide();
    connect(m_flaggedToggle, &QToolButton::toggled, this, [this](bool on) {
        m_flaggedBox->setVisible(on);
        m_flaggedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(verify, &QPushButton::clicked, this, &AccountsWindow::verifyFlagged);
    connect(removeFlagged, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_flagged->currentItem();
        const int i = item ? item->data(0, Qt::UserRole).toInt() : -1;
        if (i < 0 || i >= m_model->view().flagged.size())
            return;
        m_session.removeFlagged(m_model->view().flagged[i].account, this,
                                reply<Ok>([](const Ok &) { return OutcomeText::flaggedRemoved(); }));
    });

    setCentralWidget(central);

    // Status bar: storage path, health, secret mode, last save.
    m_statusPath = new QLabel(this);
    m_statusHealth = new QLabel(this);
    m_statusSecrets = new QLabel(this);
    m_statusSaved = new QLabel(this);
    m_statusPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_statusPath, 1);
    statusBar()->addPermanentWidget(m_statusHealth);
    statusBar()->addPermanentWidget(m_statusSecrets);
    statusBar()->addPermanentWidget(m_statusSaved);
    // "Saved 29 s ago" keeps counting between snapshots.
    auto *tick = new QTimer(this);
    connect(tick, &QTimer::timeout, this, &AccountsWindow::updateSaved);
    tick->start(1000);

    buildToolbar();
    buildActions();
    auto *find = new QShortcut(QKeySequence(u"/"_s), this);
    connect(find, &QShortcut::activated, m_search, qOverload<>(&QWidget::setFocus));
    auto *find2 = new QShortcut(QKeySequence::Find, this);
    connect(find2, &QShortcut::activated, m_search, qOverload<>(&QWidget::setFocus));
    for (int n = 1; n <= 9; ++n) {
        auto *s = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n)), this);
        connect(s, &QShortcut::activated, this, [this, n] {
            if (n <= m_model->rowCount())
                switchTo(n - 1);
        });
    }
    resize(1180, 620);
}

AccountsWindow::~AccountsWindow() = default;

void AccountsWindow::buildToolbar()
{
    QToolBar *bar = addToolBar(tr("Actions"));
    bar->setObjectName(u"toolbar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *add = bar->addAction(tr("&Add account…"), this, &AccountsWindow::addAccountRequested);
    add->setObjectName(u"addAccount"_s);
    add->setShortcut(QKeySequence::New);
    bar->addAction(tr("&Refresh now"), &m_session, &DesktopSession::refreshNow);
    bar->addAction(tr("Switch to &best"), this, [this] {
        m_session.switchToBest(this, reply<BestOutcome>([](const BestOutcome &o) { return OutcomeText::best(o); }));
    });
    bar->addAction(tr("&Health check"), this, &AccountsWindow::runHealthCheck);
    bar->addAction(tr("Auto-re&pair"), this, &AccountsWindow::runAutoRepair);
    bar->addAction(tr("E&xport…"), this, &AccountsWindow::exportPool);
    bar->addAction(tr("&Import…"), this, &AccountsWindow::importFile);
    auto *more = new QToolButton(bar);
    more->setText(tr("More"));
    more->setAccessibleName(tr("More actions"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(more);
    menu->addAction(tr("Refresh all &tokens"), this, &AccountsWindow::refreshAllTokens);
    m_verifyFlagged = menu->addAction(tr("Verify problem accounts"), this, &AccountsWindow::verifyFlagged);
    menu->addSeparator();
    menu->addAction(tr("Forecast and quota…"), this, &AccountsWindow::openForecastRequested);
    menu->addAction(tr("Settings…"), this, &AccountsWindow::openSettingsRequested);
    menu->addSeparator();
    // The danger zone lives here, out of the main view, behind a typed confirmation.
    menu->addAction(tr("Delete all accounts…"), this, &AccountsWindow::deleteAll)->setObjectName(u"deleteAll"_s);
    more->setMenu(menu);
    bar->addWidget(more);
}

QString AccountsWindow::selectorsText(const QList<int> &indexes) const
{
    QStringList parts;
    for (int i : indexes)
        parts.append(m_model->view().label(i));
    return parts.join(u", "_s);
}

QList<int> AccountsWindow::selectedIndexes() const
{
    QList<int> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        out.append(i.data(AccountsModel::PoolIndexRole).toInt());
    std::sort(out.begin(), out.end());
    return out;
}

void AccountsWindow::selectIndex(int poolIndex)
{
    const QModelIndex source = m_model->index(poolIndex, 0);
    const QModelIndex proxied = m_proxy->mapFromSource(source);
    if (proxied.isValid())
        m_table->selectionModel()->select(proxied, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows |
                                                       QItemSelectionModel::Current);
    m_table->setCurrentIndex(proxied);
}

template <typename T, typename Words> DesktopSession::Done<T> AccountsWindow::reply(Words words)
{
    return answer<T>(std::move(words),
                     [w = QPointer<AccountsWindow>(this)](const QString &text, bool ok, const QString &detail) {
                         if (w)
                             w->reportResult(text, ok, detail);
                     });
}

void AccountsWindow::reportResult(const QString &message, bool ok, const QString &detail)
{
    showResult(message, ok, detail);
    Q_EMIT resultReported(message, ok);
}

QList<Account> AccountsWindow::selectedAccounts() const
{
    QList<Account> out;
    const PoolView &v = m_model->view();
    for (int i : selectedIndexes())
        if (i < v.pool.accounts.size())
            out.append(v.pool.accounts[i]);
    return out;
}

void AccountsWindow::switchTo(int poolIndex)
{
    const PoolView &v = m_model->view();
    if (poolIndex < 0 || poolIndex >= v.pool.accounts.size())
        return;
    m_session.switchTo(v.pool.accounts[poolIndex], SwitchOptions{}, this,
                       reply<SwitchResult>([](const SwitchResult &r) { return OutcomeText::switched(r); }));
}

void AccountsWindow::checkSelected()
{
    const QList<int> sel = selectedIndexes();
    if (sel.isEmpty())
        return;
    CheckRequest request;
    request.pool = m_model->view().pool;
    request.indexes = sel;
    m_session.check(request, this, reply<CheckOutcome>([](const CheckOutcome &o) { return OutcomeText::checked(o); }));
}

void AccountsWindow::refreshSelected()
{
    const QList<int> sel = selectedIndexes();
    if (sel.isEmpty())
        return;
    RefreshTokensRequest request;
    request.pool = m_model->view().pool;
    request.indexes = sel;
    m_session.refreshTokens(request, this, reply<QList<TokenRefreshRow>>([](const QList<TokenRefreshRow> &rows) {
                                return OutcomeText::refreshed(rows);
                            }));
}

void AccountsWindow::toggleEnabled(bool enable)
{
    const QList<Account> targets = selectedAccounts();
    if (targets.isEmpty())
        return;
    m_session.setEnabled(EnableRequest{targets, enable}, this, reply<EnableOutcome>([enable](const EnableOutcome &o) {
                             return OutcomeText::enabled(o, enable);
                         }));
}

void AccountsWindow::setPolicyFlag(bool paused, bool on)
{
    for (int i : selectedIndexes()) {
        if (i >= m_model->view().pool.accounts.size())
            continue;
        const PolicyChange change = paused ? PolicyChange::setPaused(on) : PolicyChange::setDrained(on);
        m_session.changePolicy(PolicyRequest{m_model->view().pool.accounts[i], {change}}, this,
                               reply<PolicyOutcome>([this, i](const PolicyOutcome &o) {
                                   return OutcomeText::policy(m_model->view(), i, o);
                               }));
    }
}

void AccountsWindow::clearRateLimits()
{
    const QList<Account> targets = selectedAccounts();
    if (targets.isEmpty())
        return;
    m_session.resetRateLimits(
        RateLimitRequest{targets, false}, this,
        reply<RateLimitOutcome>([](const RateLimitOutcome &o) { return OutcomeText::rateLimits(o); }));
}

void AccountsWindow::runHealthCheck()
{
    m_session.check({}, this, reply<CheckOutcome>([](const CheckOutcome &o) { return OutcomeText::checked(o); }));
}

void AccountsWindow::runAutoRepair()
{
    FixRequest request;
    request.live = true;
    m_session.fix(request, this, reply<FixOutcome>([](const FixOutcome &o) { return OutcomeText::fixed(o); }));
}

void AccountsWindow::refreshAllTokens()
{
    m_session.refreshTokens({}, this, reply<QList<TokenRefreshRow>>([](const QList<TokenRefreshRow> &rows) {
                                return OutcomeText::refreshed(rows);
                            }));
}

void AccountsWindow::verifyFlagged()
{
    m_session.verifyFlagged(
        {}, this, reply<VerifyFlaggedOutcome>([](const VerifyFlaggedOutcome &o) { return OutcomeText::verified(o); }));
}

void AccountsWindow::buildActions()
{
    // One set of actions: the context menu, the details pane and the keys share them.
    const QList<int> sel = selectedIndexes();
    const PoolView &v = m_model->view();
    const bool one = sel.size() == 1;
    const bool any = !sel.isEmpty();
    auto make = [this](const QString &id, const QString &text, const QKeySequence &key = {}) {
        QAction *a = m_actions.value(id);
        if (!a) {
            a = new QAction(text, this);
            a->setObjectName(id);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            if (!key.isEmpty())
                a->setShortcut(key);
            m_table->addAction(a);
            m_actions.insert(id, a);
        }
        a->setText(text);
        return a;
    };
    const bool firstTime = m_actions.isEmpty();
    QAction *sw = make(u"switch"_s, tr("Set as &current"), QKeySequence(Qt::Key_Return));
    QAction *unpin = make(u"unpin"_s, tr("&Unpin"));
    QAction *check = make(u"check"_s, tr("&Check now"), QKeySequence(Qt::Key_F5));
    QAction *refresh = make(u"refresh"_s, tr("&Refresh token"));
    bool allEnabled = any;
    bool allPaused = any, allDrained = any;
    for (int i : sel) {
        if (i >= v.pool.accounts.size())
            continue;
        allEnabled = allEnabled && v.pool.accounts[i].isEnabled();
        allPaused = allPaused && v.facts[i].policy.paused;
        allDrained = allDrained && v.facts[i].policy.drained;
    }
    QAction *enable =
        make(u"enable"_s, allEnabled ? tr("&Disable") : tr("&Enable"), QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *pause = make(u"pause"_s, allPaused ? tr("Resu&me") : tr("&Pause"));
    QAction *drain = make(u"drain"_s, allDrained ? tr("Undrai&n") : tr("Drai&n"));
    QAction *relogin = make(u"relogin"_s, tr("Re-lo&gin…"), QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *tags = make(u"tags"_s, tr("&Tags and note…"));
    QAction *clearLimits = make(u"clearLimits"_s, tr("Clear rate-limit &marks"));
    QAction *copyEmail = make(u"copyEmail"_s, tr("Copy &email"), QKeySequence::Copy);
    QAction *copyId = make(u"copyId"_s, tr("Copy account &id"));
    QAction *remove = make(u"remove"_s, tr("Re&move…"), QKeySequence::Delete);
    if (firstTime) {
        connect(sw, &QAction::triggered, this, [this] {
            const QList<int> s = selectedIndexes();
            if (s.size() == 1)
                switchTo(s.first());
        });
        connect(unpin, &QAction::triggered, this, [this] {
            m_session.unpin(this, reply<UnpinOutcome>([](const UnpinOutcome &o) { return OutcomeText::unpinned(o); }));
        });
        connect(check, &QAction::triggered, this, &AccountsWindow::checkSelected);
        connect(refresh, &QAction::triggered, this, &AccountsWindow::refreshSelected);
        // Each toggle's data says whether the whole selection has it on (then it turns it off).
        connect(enable, &QAction::triggered, this, [this, enable] { toggleEnabled(!enable->data().toBool()); });
        connect(pause, &QAction::triggered, this, [this, pause] { setPolicyFlag(true, !pause->data().toBool()); });
        connect(drain, &QAction::triggered, this, [this, drain] { setPolicyFlag(false, !drain->data().toBool()); });
        connect(relogin, &QAction::triggered, this, [this] {
            const QList<int> s = selectedIndexes();
            if (s.size() == 1)
                Q_EMIT reloginRequested(s.first());
        });
        connect(tags, &QAction::triggered, this, &AccountsWindow::editTagsAndNote);
        connect(clearLimits, &QAction::triggered, this, &AccountsWindow::clearRateLimits);
        connect(copyEmail, &QAction::triggered, this, [this] {
            QStringList out;
            for (int i : selectedIndexes())
                out.append(m_model->view().email(i));
            QApplication::clipboard()->setText(out.join(u'\n'));
        });
        connect(copyId, &QAction::triggered, this, [this] {
            QStringList out;
            for (int i : selectedIndexes())
                out.append(m_model->view().accountId(i));
            QApplication::clipboard()->setText(out.join(u'\n'));
        });
        connect(remove, &QAction::triggered, this, &AccountsWindow::removeSelected);
    }
    enable->setData(allEnabled);
    pause->setData(allPaused);
    drain->setData(allDrained);
    sw->setEnabled(one);
    unpin->setEnabled(v.pool.pinnedAccountIndex.has_value());
    for (QAction *a : {check, refresh, enable, pause, drain, clearLimits, copyEmail, copyId, remove, tags})
        a->setEnabled(any);
    relogin->setEnabled(one);
    tags->setEnabled(one);
    if (m_verifyFlagged)
        m_verifyFlagged->setText(tr("Verify problem accounts (%1)").arg(v.flagged.size()));
}

QMenu *AccountsWindow::actionMenu()
{
    buildActions();
    if (!m_actionMenu)
        m_actionMenu = new QMenu(this);
    m_actionMenu->clear();
    for (const QString &id : {u"switch"_s, u"unpin"_s})
        m_actionMenu->addAction(m_actions.value(id));
    m_actionMenu->addSeparator();
    for (const QString &id : {u"check"_s, u"refresh"_s, u"enable"_s, u"pause"_s, u"drain"_s, u"relogin"_s})
        m_actionMenu->addAction(m_actions.value(id));
    // Workspace ▸ for an account with several workspaces.
    const QList<int> sel = selectedIndexes();
    const PoolView &v = m_model->view();
    if (sel.size() == 1 && sel.first() < v.pool.accounts.size()) {
        const Account &a = v.pool.accounts[sel.first()];
        if (a.workspaces && a.workspaces->size() > 1) {
            QMenu *ws = m_actionMenu->addMenu(tr("&Workspace"));
            for (int w = 0; w < a.workspaces->size(); ++w) {
                const Workspace &workspace = a.workspaces->at(w);
                QAction *act = ws->addAction(workspace.name.value_or(workspace.id));
                act->setCheckable(true);
                act->setChecked(a.currentWorkspaceIndex && *a.currentWorkspaceIndex == w);
                act->setEnabled(workspace.enabled);
                connect(act, &QAction::triggered, this, [this, a, index = sel.first(), w] {
                    m_session.selectWorkspace(a, w + 1, this,
                                              reply<WorkspaceOutcome>([this, index](const WorkspaceOutcome &o) {
                                                  return OutcomeText::workspace(m_model->view(), index, o);
                                              }));
                });
            }
        }
    }
    for (const QString &id : {u"tags"_s, u"clearLimits"_s})
        m_actionMenu->addAction(m_actions.value(id));
    m_actionMenu->addSeparator();
    for (const QString &id : {u"copyEmail"_s, u"copyId"_s})
        m_actionMenu->addAction(m_actions.value(id));
    m_actionMenu->addSeparator();
    m_actionMenu->addAction(m_actions.value(u"remove"_s));
    return m_actionMenu;
}

void AccountsWindow::setSortMode(const QString &mode)
{
    const int i = m_order->findData(mode);
    if (i >= 0 && i != m_order->currentIndex()) {
        m_order->setCurrentIndex(i); // re-enters through currentIndexChanged
        return;
    }
    m_model->setManualOrder(mode == "manual"_L1);
    m_proxy->setBaseOrder(mode);
    m_table->horizontalHeader()->setSortIndicatorShown(false);
}

void AccountsWindow::setView(const PoolView &view)
{
    const QList<int> before = selectedIndexes();
    QStringList keys;
    for (int i : before)
        if (i < m_model->view().pool.accounts.size())
            keys.append(m_model->view().pool.accounts[i].trackerKey());
    m_model->setView(view);
    // Selection follows by identity across a reorder or a reload.
    if (!keys.isEmpty()) {
        QItemSelection selection;
        for (int i = 0; i < view.pool.accounts.size(); ++i)
            if (keys.contains(view.pool.accounts[i].trackerKey())) {
                const QModelIndex p = m_proxy->mapFromSource(m_model->index(i, 0));
                if (p.isValid())
                    selection.select(p, p);
            }
        m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (!m_proxy->columnSortActive())
        m_proxy->invalidate();
    // Column widths follow the content when accounts come or go, not on every quota update.
    if (m_model->rowCount() != m_sizedForRows) {
        m_sizedForRows = m_model->rowCount();
        m_table->resizeColumnsToContents();
        // Long emails and reset texts elide (the tooltip has them whole), so every key column fits a
        // 1280 px wide screen.
        m_table->setColumnWidth(AccountsModel::AccountColumn,
                                std::min(m_table->columnWidth(AccountsModel::AccountColumn), 280));
        for (int c : {int(AccountsModel::ShortWindow), int(AccountsModel::LongWindow)})
            m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 200));
    }
    updateDetails();
    updateBanners();
    updateStatus();
    updateTitle();
    updateFlagged();
    buildActions();
}

QString AccountsWindow::detailsHtml() const
{
    return m_details->toHtml();
}

void AccountsWindow::updateDetails()
{
    const QList<int> sel = selectedIndexes();
    const PoolView &v = m_model->view();
    m_details->setVisible(!sel.isEmpty());
    if (sel.size() != 1 || sel.first() >= v.pool.accounts.size()) {
        m_details->setHtml(sel.isEmpty() ? tr("<p>Select an account to see its details.</p>")
                                         : tr("<p>%n accounts selected.</p>", nullptr, int(sel.size())));
        return;
    }
    const int i = sel.first();
    const Account &a = v.pool.accounts[i];
    const AccountFacts &f = v.facts[i];
    const AccountForecast *fc = i < v.forecast.size() ? &v.forecast[i] : nullptr;
    auto row = [](const QString &k, const QString &val) {
        return u"<tr><td style='padding-right:8px'><b>%1</b></td><td>%2</td></tr>"_s.arg(k.toHtmlEscaped(),
                                                                                         val.toHtmlEscaped());
    };
    auto ago = [&](qint64 t) { return t > 0 ? formatAgo(t, v.now) : tr("never"); };
    QString html = u"<h3>%1</h3>"_s.arg(v.label(i).toHtmlEscaped());
    html += u"<h4>"_s + tr("Identity") + u"</h4><table>"_s;
    html += row(tr("Email"), v.email(i));
    html +=
        row(tr("Account id"), v.accountId(i) + (a.accountIdSource ? u" ("_s + *a.accountIdSource + u')' : QString()));
    if (a.workspaces && !a.workspaces->isEmpty()) {
        QStringList ws;
        for (int w = 0; w < a.workspaces->size(); ++w)
            ws.append((a.currentWorkspaceIndex && *a.currentWorkspaceIndex == w ? u"● "_s : QString()) +
                      a.workspaces->at(w).name.value_or(a.workspaces->at(w).id));
        html += row(tr("Workspaces"), ws.join(u", "_s));
    }
    const QString plan = planOf(a, f);
    html += row(tr("Plan"), plan.isEmpty() ? tr("unknown") : planDisplayName(plan));
    html += u"</table><h4>"_s + tr("Token") + u"</h4><table>"_s;
    html += row(tr("Access token"), tokenText(a, f, v.now));
    html += row(tr("Last refresh"), a.lastRefresh ? ago(*a.lastRefresh) : tr("never"));
    const QString where = f.secret == SecretState::Keychain      ? tr("Keychain")
                          : f.secret == SecretState::Plaintext   ? tr("File")
                          : f.secret == SecretState::Unavailable ? tr("Keychain (locked)")
                                                                 : tr("missing — sign in again");
    html += row(tr("Secret"), where);
    if (a.authInvalidatedAt)
        html += row(
            tr("Problem"),
            tr("refresh refused %1 (%2)").arg(ago(*a.authInvalidatedAt), a.authInvalidationErrorCode.value_or(u"-"_s)));
    html += u"</table><h4>"_s + tr("Quota") + u"</h4><table>"_s;
    if (f.quota) {
        for (const QuotaWindow *w : {&f.quota->primary, &f.quota->secondary}) {
            if (w->isEmpty())
                continue;
            QString text = v.accessibleWindowText(*w);
            const Pace pace = computePace(*w, v.now);
            if (pace.visible)
                text += u" · "_s + pace.text(v.now);
            html += row(windowLabel(w->windowMinutes.value_or(0)), text);
        }
        html += row(
            tr("Reading"),
            tr("%1, from %2").arg(ago(f.quota->updatedAt), f.quota->extra.value(u"source"_s).toString(tr("cache"))));
        const QJsonValue credits = f.quota->extra.value(u"credits"_s);
        if (credits.isObject() && credits.toObject().contains(u"balance"_s))
            html += row(tr("Credits"), credits.toObject().value(u"balance"_s).toVariant().toString());
    } else {
        html += row(tr("Reading"), tr("no data"));
    }
    if (fc) {
        html += u"</table><h4>"_s + tr("Forecast") + u"</h4><table>"_s;
        html += row(tr("Availability"), displayName(availabilityName(fc->availability)));
        html += row(tr("Risk"), u"%1 (%2)"_s.arg(displayName(fc->riskLevel)).arg(fc->riskScore));
        if (fc->waitMs > 0)
            html += row(tr("Wait"), formatDuration(fc->waitMs));
        for (const QString &r : fc->reasons)
            html += row(tr("Reason"), r);
    }
    html += u"</table><h4>"_s + tr("Policy") + u"</h4><table>"_s;
    html += row(tr("Tags"), f.policy.tags.isEmpty() ? tr("none") : f.policy.tags.join(u", "_s));
    if (f.policy.note && !f.policy.note->isEmpty())
        html += row(tr("Note"), *f.policy.note);
    html += row(tr("Weight"), QString::number(f.policy.weight));
    if (f.policy.paused)
        html += row(tr("Paused"), tr("yes"));
    if (f.policy.drained)
        html += row(tr("Drained"), tr("yes"));
    html += u"</table><h4>"_s + tr("History") + u"</h4><table>"_s;
    html += row(tr("Added"), ago(a.addedAt));
    html += row(tr("Last used"), lastUsedText(a.lastUsed, v.now));
    if (a.lastSwitchReason)
        html += row(tr("Last switch"), *a.lastSwitchReason);
    if (a.coolingDownUntil && *a.coolingDownUntil > v.now)
        html += row(
            tr("Cooldown"),
            tr("%1 left (%2)").arg(formatDuration(*a.coolingDownUntil - v.now), a.cooldownReason.value_or(QString())));
    if (a.rateLimitResetTimes)
        for (auto it = a.rateLimitResetTimes->begin(); it != a.rateLimitResetTimes->end(); ++it)
            if (it.value() > v.now)
                html += row(tr("Rate limit"), tr("%1: %2 left").arg(it.key(), formatDuration(it.value() - v.now)));
    html += u"</table>"_s;
    m_details->setHtml(html);
}

void AccountsWindow::updateBanners()
{
    const PoolView &v = m_model->view();
    if (v.storageBusy) {
        m_banners->show(u"busy"_s, Tone::Warning,
                        tr("Storage busy: another program holds the account file. Retrying…"));
    } else {
        m_banners->clear(u"busy"_s);
    }
    if (!v.storageBusy && (v.health == StorageHealth::Corrupt || v.health == StorageHealth::Recoverable)) {
        bool created = false;
        Banner *b = m_banners->show(u"damaged"_s, v.health == StorageHealth::Corrupt ? Tone::Danger : Tone::Warning,
                                    v.storageProblem, &created);
        if (created) {
            b->addButton(tr("Restore from backup"), [this] {
                DoctorRequest request;
                request.fix = true;
                m_session.doctor(request, this,
                                 reply<DoctorReport>([](const DoctorReport &r) { return OutcomeText::doctor(r); }));
            });
            b->addButton(tr("Open folder"), [this] {
                QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_model->view().storagePath).absolutePath()));
            });
        }
    } else {
        m_banners->clear(u"damaged"_s);
    }
    if (v.health == StorageHealth::ReadOnly)
        m_banners->show(u"readonly"_s, Tone::Warning,
                        tr("The account file was written by a newer version of codex-multi-auth; it is read-only "
                           "here."));
    else
        m_banners->clear(u"readonly"_s);
    if (v.keychainLocked) {
        bool created = false;
        Banner *b = m_banners->show(u"keychain"_s, Tone::Warning,
                                    tr("The keychain is locked; tokens cannot be read or refreshed until it is "
                                       "unlocked."),
                                    &created);
        if (created) {
            // Reading the keychain makes the Secret Service ask the user to unlock it.
            b->addButton(tr("Unlock"), [this] {
                m_session.secretsStatus(
                    this, reply<SecretsStatus>([](const SecretsStatus &s) { return OutcomeText::secretsStatus(s); }));
            });
            b->addButton(tr("Retry"), [this] { m_session.refreshNow(); });
        }
    } else {
        m_banners->clear(u"keychain"_s);
    }
    if (!v.foreignEmail.isEmpty()) {
        bool created = false;
        Banner *b = m_banners->show(u"foreign"_s, Tone::Warning,
                                    tr("Codex is signed in as %1, which is not in your pool.")
                                        .arg(v.hidePersonalInfo ? maskEmail(v.foreignEmail) : v.foreignEmail),
                                    &created);
        if (created)
            b->addButton(tr("Add to pool"), [this] { Q_EMIT importForeignRequested(); });
    } else {
        m_banners->clear(u"foreign"_s);
    }
}

void AccountsWindow::addNotice(const QString &title, const QString &message)
{
    Banner *b = m_banners->show(u"notice-"_s + title, Tone::Muted, u"%1 — %2"_s.arg(title, message));
    b->setClosable(true);
}

void AccountsWindow::showResult(const QString &message, bool ok, const QString &detail)
{
    const QString first = message.section(u'\n', 0, 0);
    statusBar()->showMessage((ok ? QString() : tr("Failed: ")) + first, 15000);
    statusBar()->setToolTip(detail);
}

QString AccountsWindow::resultText() const
{
    return statusBar()->currentMessage();
}

void AccountsWindow::updateStatus()
{
    const PoolView &v = m_model->view();
    m_statusPath->setText(v.storagePath);
    m_statusHealth->setText(tr("Health: %1").arg(v.healthText));
    m_statusSecrets->setText(v.secretMode == "keychain"_L1 ? tr("Secrets: keychain") : tr("Secrets: file"));
    updateSaved();
}

void AccountsWindow::updateSaved()
{
    const PoolView &v = m_model->view();
    const qint64 now = std::max(v.now, Clock::instance().nowMs());
    m_statusSaved->setText(v.lastSaved ? tr("Saved %1").arg(formatAgo(*v.lastSaved, now)) : tr("Not saved yet"));
}

void AccountsWindow::updateTitle()
{
    const PoolView &v = m_model->view();
    if (!m_mainMode) {
        setWindowTitle(tr("Accounts — Codex Multi-Auth"));
        return;
    }
    const int current = v.pool.currentIndex();
    if (current < 0) {
        setWindowTitle(tr("Codex Multi-Auth — no accounts"));
        return;
    }
    QString quota;
    if (current < v.facts.size() && v.facts[current].quota) {
        const std::optional<double> left = quotaLeft(v.facts[current].quota->primary, v.now);
        if (left)
            quota = tr(" — %1% left").arg(std::llround(*left));
    }
    setWindowTitle(tr("%1%2 — Codex Multi-Auth").arg(v.label(current), quota));
}

void AccountsWindow::updateFlagged()
{
    const PoolView &v = m_model->view();
    m_flaggedToggle->setText(tr("Problem accounts (%1)").arg(v.flagged.size()));
    m_flaggedToggle->setVisible(!v.flagged.isEmpty());
    if (v.flagged.isEmpty())
        m_flaggedBox->hide();
    else if (m_flaggedToggle->isChecked())
        m_flaggedBox->show();
    m_flagged->clear();
    for (qsizetype i = 0; i < v.flagged.size(); ++i) {
        const FlaggedAccount &f = v.flagged[i];
        const QString email = f.account.email.value_or(f.account.accountId.value_or(QString()));
        auto *item = new QTreeWidgetItem(m_flagged, {v.hidePersonalInfo ? maskEmail(email) : email,
                                                     f.flaggedAt ? formatAgo(f.flaggedAt, v.now) : QString(), f.reason,
                                                     f.lastError});
        item->setData(0, Qt::UserRole, int(i));
    }
}

void AccountsWindow::removeSelected()
{
    const QList<int> sel = selectedIndexes();
    if (sel.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Remove accounts"),
                    tr("Remove %n account(s) from the pool?", nullptr, int(sel.size())), QMessageBox::Cancel, this);
    box.setInformativeText(selectorsText(sel));
    auto *revoke = new QCheckBox(tr("Also sign this login out at OpenAI"), &box);
    box.setCheckBox(revoke);
    QPushButton *ok = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != ok)
        return;
    RemoveRequest request;
    request.targets = selectedAccounts();
    request.revoke = revoke->isChecked();
    m_session.remove(request, this,
                     reply<RemoveOutcome>([](const RemoveOutcome &o) { return OutcomeText::removed(o); }));
}

void AccountsWindow::deleteAll()
{
    bool ok = false;
    const QString typed = QInputDialog::getText(
        this, tr("Delete all accounts"),
        tr("This deletes all %n account(s) of this pool and their saved secrets.\nType DELETE to confirm.", nullptr,
           int(m_model->rowCount())),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    if (typed.trimmed() != "DELETE"_L1) {
        showResult(tr("Nothing was deleted: the confirmation did not match DELETE."), false);
        return;
    }
    m_session.removeAll(this,
                        reply<RemoveAllOutcome>([](const RemoveAllOutcome &o) { return OutcomeText::removedAll(o); }));
}

void AccountsWindow::editTagsAndNote()
{
    const QList<int> sel = selectedIndexes();
    if (sel.size() != 1)
        return;
    const int i = sel.first();
    const AccountPolicy &policy = m_model->view().facts[i].policy;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Tags and note — %1").arg(m_model->view().label(i)));
    auto *form = new QFormLayout(&dialog);
    auto *tags = new QLineEdit(policy.tags.join(u", "_s), &dialog);
    tags->setPlaceholderText(tr("ci, night"));
    auto *note = new QLineEdit(policy.note.value_or(QString()), &dialog);
    form->addRow(tr("&Tags (comma-separated):"), tags);
    form->addRow(tr("&Note:"), note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList wanted;
    for (const QString &t : tags->text().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty() && !wanted.contains(t.trimmed()))
            wanted.append(t.trimmed());
    PolicyRequest request{m_model->view().pool.accounts[i], {}};
    for (const QString &t : policy.tags)
        if (!wanted.contains(t))
            request.changes.append(PolicyChange::removeTag(t));
    for (const QString &t : wanted)
        if (!policy.tags.contains(t))
            request.changes.append(PolicyChange::addTag(t));
    if (note->text() != policy.note.value_or(QString()))
        request.changes.append(PolicyChange::setNote(note->text()));
    if (!request.changes.isEmpty())
        m_session.changePolicy(request, this, reply<PolicyOutcome>([this, i](const PolicyOutcome &o) {
                                   return OutcomeText::policy(m_model->view(), i, o);
                               }));
}

void AccountsWindow::exportPool()
{
    const std::optional<TransferPrompts::Answer> a = m_transfer->askExport();
    if (!a)
        return;
    m_session.exportPool(ExportRequest{a->path, ExportFormat::Encrypted, TransferPrompts::source(a->passphrase)}, this,
                         reply<ExportOutcome>([](const ExportOutcome &o) { return OutcomeText::exported(o); }));
}

void AccountsWindow::importFile()
{
    const std::optional<TransferPrompts::Answer> a = m_transfer->askImport();
    if (!a)
        return;
    ImportRequest request;
    request.path = a->path;
    request.passphrase = TransferPrompts::source(a->passphrase);
    m_session.importAccounts(request, this,
                             reply<ImportOutcome>([](const ImportOutcome &o) { return OutcomeText::imported(o); }));
}

void AccountsWindow::setMainWindowMode(bool on, QMenu *accountsMenu)
{
    m_mainMode = on;
    menuBar()->clear();
    menuBar()->setVisible(on);
    if (on) {
        // The tray menu itself, so its entries stay current as it is rebuilt (docs/ui.md §10).
        if (accountsMenu) {
            accountsMenu->setTitle(tr("&Accounts"));
            menuBar()->addMenu(accountsMenu);
        }
        QMenu *tools = menuBar()->addMenu(tr("&Tools"));
        tools->addAction(tr("&Health check"), this, &AccountsWindow::runHealthCheck);
        tools->addAction(tr("Auto-&repair"), this, &AccountsWindow::runAutoRepair);
        tools->addAction(tr("Refresh all &tokens"), this, &AccountsWindow::refreshAllTokens);
        QMenu *view = menuBar()->addMenu(tr("&View"));
        view->addAction(tr("&Forecast and quota"), this, &AccountsWindow::openForecastRequested);
        view->addAction(tr("&Settings"), this, &AccountsWindow::openSettingsRequested);
    }
    updateTitle();
}

namespace {
const QStringList &columnKeys()
{
    // Stable names in window-state.json, in AccountsModel::Column order.
    static const QStringList keys{u"number"_s, u"account"_s, u"plan"_s,     u"status"_s, u"5h"_s,
                                  u"weekly"_s, u"token"_s,   u"lastUsed"_s, u"risk"_s,   u"tags"_s};
    return keys;
}
} // namespace

void AccountsWindow::setStatePath(const QString &path)
{
    m_state = std::make_unique<SharedJsonFile>(path, path + u".lock"_s);
    const Result<QJsonObject> state = m_state->read();
    if (!state)
        return; // a damaged state file only costs the remembered choices
    m_askOnClose = state->value(u"askBeforeQuit"_s).toBool(true);
    if (state->contains(u"hiddenColumns"_s)) {
        const QJsonArray hidden = state->value(u"hiddenColumns"_s).toArray();
        for (int c = 0; c < AccountsModel::ColumnCount; ++c)
            m_table->setColumnHidden(c, hidden.contains(columnKeys().value(c)));
    }
}

void AccountsWindow::setColumnShown(int column, bool shown)
{
    m_table->setColumnHidden(column, !shown);
    saveState();
}

void AccountsWindow::saveState()
{
    if (!m_state)
        return;
    m_state->update([this](QJsonObject &o) {
        QJsonArray hidden;
        for (int c = 0; c < AccountsModel::ColumnCount; ++c)
            if (m_table->isColumnHidden(c))
                hidden.append(columnKeys().value(c));
        o.insert(u"askBeforeQuit"_s, m_askOnClose);
        o.insert(u"hiddenColumns"_s, hidden);
        return success();
    });
}

bool AccountsWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        m_actions.value(u"copyEmail"_s)->trigger();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

void AccountsWindow::closeEvent(QCloseEvent *event)
{
    if (!m_mainMode || !m_askOnClose) {
        if (m_mainMode)
            Q_EMIT quitRequested();
        event->accept();
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("Quit codex-multi-auth?"),
                    tr("Quit codex-multi-auth? Token refresh and alerts stop while it is not running."),
                    QMessageBox::NoButton, this);
    QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::AcceptRole);
    QPushButton *minimize = box.addButton(tr("Minimize"), QMessageBox::RejectRole);
    auto *dontAsk = new QCheckBox(tr("Don't ask again"), &box);
    box.setCheckBox(dontAsk);
    box.setDefaultButton(minimize);
    box.exec();
    if (dontAsk->isChecked()) {
        m_askOnClose = false;
        saveState();
    }
    if (box.clickedButton() == quit) {
        event->accept();
        Q_EMIT quitRequested();
        return;
    }
    event->ignore();
    showMinimized();
}

void AccountsWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Texts built in code follow the next view; the fixed ones are rebuilt with the window.
        setView(m_model->view());
    }
    QMainWindow::changeEvent(event);
}

} // namespace cma::ui
