#include "accountsmodel.h"

#include "auth/jwt.h"
#include "quota/runway.h"
#include "util/timefmt.h"

#include <QIODevice>
#include <QMimeData>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {
constexpr auto kMime = "application/x-codex-multi-auth-pool-index";
}

AccountsModel::AccountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AccountsModel::setView(const PoolView &view)
{
    // Same accounts in the same places: update in place (selection and scroll stay); else reset.
    bool sameRows = view.pool.accounts.size() == m_view.pool.accounts.size();
    for (int i = 0; sameRows && i < view.pool.accounts.size(); ++i)
        sameRows = view.pool.accounts[i].trackerKey() == m_view.pool.accounts[i].trackerKey();
    if (!sameRows)
        beginResetModel();
    m_view = view;
    m_readyRank.clear();
    for (int rank = 0; rank < m_view.readyFirst.size(); ++rank)
        m_readyRank.insert(m_view.readyFirst[rank], rank);
    if (!sameRows)
        endResetModel();
    else if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int AccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_view.pool.accounts.size());
}

int AccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountsModel::columnTitle(int column)
{
    switch (column) {
    case Number:
        return tr("#");
    case AccountColumn:
        return tr("Account");
    case Plan:
        return tr("Plan");
    case Status:
        return tr("Status");
    case ShortWindow:
        return tr("5h");
    case LongWindow:
        return tr("Weekly");
    case Token:
        return tr("Token");
    case LastUsed:
        return tr("Last used");
    case Risk:
        return tr("Risk");
    case Tags:
        return tr("Tags");
    }
    return {};
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::ToolTipRole && section == Status)
        return tr("Status badge; hover a badge for the forecast reasons");
    return {};
}

Qt::ItemFlags AccountsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_manual ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_manual)
        f |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return f;
}

QString AccountsModel::accountText(int row) const
{
    const Account &a = m_view.pool.accounts[row];
    QString text = m_view.label(row);
    if (a.workspaces && a.workspaces->size() > 1 && a.currentWorkspaceIndex &&
        *a.currentWorkspaceIndex < a.workspaces->size())
        text += u" · "_s + a.workspaces->at(int(*a.currentWorkspaceIndex)).name.value_or(tr("workspace"));
    if (row == m_view.pool.currentIndex())
        text.prepend(u"● "_s);
    if (m_view.pool.pinnedAccountIndex && *m_view.pool.pinnedAccountIndex == row)
        text += u" ⚑"_s;
    if (row < m_view.facts.size() && m_view.facts[row].policy.note && !m_view.facts[row].policy.note->isEmpty())
        text += u" ✎"_s;
    return text;
}

QVariant AccountsModel::windowData(int row, const QuotaWindow &w, int role) const
{
    const std::optional<double> left = quotaLeft(w, m_view.now);
    const std::optional<QuotaEntry> &q = m_view.facts[row].quota;
    switch (role) {
    case Qt::DisplayRole: {
        // Short, so the column fits: `64% · 18:10` (or `· in 2h 05m` in the relative style); the
        // tooltip says it in full.
        if (!left)
            return w.isEmpty() ? u"—"_s : tr("no data");
        if (w.resetAtMs && *w.resetAtMs <= m_view.now)
            return tr("100% (refreshing…)");
        QString t = tr("%1%").arg(std::llround(*left));
        if (w.resetAtMs)
            t += u" · "_s + (m_view.resetTimeStyle == "relative"_L1
                                 ? tr("in %1").arg(formatDuration(*w.resetAtMs - m_view.now))
                                 : formatClock(*w.resetAtMs, m_view.now));
        return t;
    }
    case BarLeftRole:
        return left ? QVariant(*left) : QVariant();
    case StaleRole:
        return !q || isStaleReading(q->updatedAt, m_view.now);
    case PaceRole: {
        const Pace pace = computePace(w, m_view.now);
        if (!pace.visible)
            return QString();
        return pace.paceDelta > 0 ? u"▲"_s : u"▼"_s;
    }
    case Qt::ToolTipRole: {
        if (!left)
            return w.isEmpty() ? tr("This plan has no such window") : QVariant();
        const Pace pace = computePace(w, m_view.now);
        QString tip = m_view.accessibleWindowText(w);
        if (const QString reset = m_view.resetText(w); !reset.isEmpty())
            tip += u"\n"_s + reset;
        if (pace.visible)
            tip += u"\n"_s + pace.text(m_view.now);
        if (q && isStaleReading(q->updatedAt, m_view.now))
            tip += u"\n"_s + tr("Stale: the reading is old or the last fetch failed");
        return tip;
    }
    case Qt::AccessibleDescriptionRole:
        return m_view.accessibleWindowText(w);
    case SortRole:
        return left ? *left : -1.0;
    }
    return {};
}

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const Account &a = m_view.pool.accounts[row];
    const AccountFacts &f = m_view.facts[row];
    const AccountForecast *fc = row < m_view.forecast.size() ? &m_view.forecast[row] : nullptr;
    switch (role) {
    case PoolIndexRole:
        return row;
    case TrackerKeyRole:
        return a.trackerKey();
    case ReadyRankRole:
        return m_readyRank.value(row, row);
    case SearchRole: {
        QStringList parts{m_view.label(row), m_view.email(row), m_view.accountId(row),
                          a.accountLabel.value_or(QString())};
        parts += f.policy.tags;
        parts.append(f.policy.note.value_or(QString()));
        return parts.join(u'\n');
    }
    default:
        break;
    }
    const int column = index.column();
    if (column == ShortWindow || column == LongWindow) {
        if (!f.quota)
            return role == Qt::DisplayRole ? QVariant(tr("no data"))
                   : role == StaleRole     ? QVariant(true)
                   : role == SortRole      ? QVariant(-1.0)
                                           : QVariant();
        return windowData(row, column == ShortWindow ? f.quota->primary : f.quota->secondary, role);
    }
    const QString badge = m_view.badge(row);
    switch (column) {
    case Number:
        if (role == Qt::DisplayRole || role == SortRole)
            return row + 1;
        break;
    case AccountColumn:
        if (role == Qt::DisplayRole)
            return accountText(row);
        if (role == SortRole)
            return m_view.label(row).toLower();
        if (role == Qt::ToolTipRole) {
            QStringList tip{m_view.email(row)};
            if (row == m_view.pool.currentIndex())
                tip << tr("Codex's current account");
            if (m_view.pool.pinnedAccountIndex && *m_view.pool.pinnedAccountIndex == row)
                tip << tr("Pinned");
            if (f.policy.note && !f.policy.note->isEmpty())
                tip << tr("Note: %1").arg(*f.policy.note);
            return tip.join(u'\n');
        }
        break;
    case Plan:
        if (role == Qt::DisplayRole || role == SortRole) {
            const QString plan = planOf(a, f);
            return plan.isEmpty() ? QString() : planDisplayName(plan);
        }
        break;
    case Status:
        if (role == Qt::DisplayRole)
            return displayName(badge);
        if (role == SortRole)
            return badge;
        if (role == ToneRole)
            return int(badgeTone(badge));
        if (role == Qt::ToolTipRole && fc)
            return fc->reasons.join(u'\n');
        if (role == Qt::AccessibleDescriptionRole)
            return tr("Status %1").arg(displayName(badge));
        break;
    case Token:
        if (role == Qt::DisplayRole)
            return tokenText(a, f, m_view.now);
        if (role == SortRole)
            return double(a.expiresAt.value_or(0));
        if (role == ToneRole)
            return int(a.authInvalidatedAt || f.secret == SecretState::Missing ? Tone::Danger : Tone::Muted);
        break;
    case LastUsed:
        if (role == Qt::DisplayRole)
            return lastUsedText(a.lastUsed, m_view.now);
        if (role == SortRole)
            return double(a.lastUsed);
        if (role == Qt::ToolTipRole && a.lastUsed > 0)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.lastUsed), QLocale::LongFormat);
        break;
    case Risk:
        if (!fc)
            break;
        if (role == Qt::DisplayRole)
            return tr("%1 (%2)").arg(displayName(fc->riskLevel)).arg(fc->riskScore);
        if (role == SortRole)
            return fc->riskScore;
        break;
    case Tags:
        if (role == Qt::DisplayRole || role == SortRole)
            return f.policy.tags.join(u", "_s);
        break;
    }
    return {};
}

Qt::DropActions AccountsModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList AccountsModel::mimeTypes() const
{
    return {QString::fromLatin1(kMime)};
}

QMimeData *AccountsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMime), QByteArray::number(indexes.first().row()));
    return mime;
}

bool AccountsModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const
{
    return m_manual && action == Qt::MoveAction && data && data->hasFormat(QString::fromLatin1(kMime));
}

bool AccountsModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                 const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    bool ok = false;
    const int from = data->data(QString::fromLatin1(kMime)).toInt(&ok);
    if (!ok || from < 0 || from >= rowCount())
        return false;
    int to = parent.isValid() ? parent.row() : (row < 0 ? rowCount() - 1 : row);
    if (!parent.isValid() && row > from)
        to = row - 1; // dropping between rows below the source
    to = std::clamp(to, 0, rowCount() - 1);
    if (to != from)
        Q_EMIT moveRequested(from, to);
    return false; // the pool changes through the core; the view updates from the next PoolView
}

} // namespace cma::ui
