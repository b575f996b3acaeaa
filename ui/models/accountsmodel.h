#pragma once

#include "models/poolview.h"

#include <QAbstractTableModel>

namespace cma::ui {

/// The accounts table (docs/ui.md §5): adapts the PoolView the tray process gathers; it never fetches.
/// Rows are in pool order; a proxy sorts them (ready-first, manual, or by a clicked column).
class AccountsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Number,
        AccountColumn,
        Plan,
        Status,
        ShortWindow,
        LongWindow,
        Token,
        LastUsed,
        Risk,
        Tags,
        ColumnCount
    };
    enum Role
    {
        PoolIndexRole = Qt::UserRole + 1,
        SortRole,
        ReadyRankRole,
        SearchRole,
        ToneRole,    ///< int(Tone)
        BarLeftRole, ///< double percent left, invalid without data
        StaleRole,   ///< bool
        PaceRole,    ///< QString ▲ / ▼ / empty
        TrackerKeyRole
    };

    explicit AccountsModel(QObject *parent = nullptr);

    void setView(const PoolView &view);
    const PoolView &view() const { return m_view; }
    void setManualOrder(bool manual) { m_manual = manual; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    static QString columnTitle(int column);

Q_SIGNALS:
    /// A row was dragged to another place in manual order (pool indexes).
    void moveRequested(int from, int to);

private:
    QVariant windowData(int row, const QuotaWindow &w, int role) const;
    QString accountText(int row) const;

    PoolView m_view;
    QHash<int, int> m_readyRank;
    bool m_manual = false;
};

} // namespace cma::ui
