#pragma once

#include "models/poolview.h"

#include <QAbstractTableModel>

namespace cma::ui {

/// The forecast table (docs/ui.md §6): account, availability, risk, wait and the first reason (every
/// reason when expanded, the CLI's `--explain`). Rows in recommendation order.
class ForecastModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        AccountColumn,
        Availability,
        Risk,
        Wait,
        Reason,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;
    void setView(const PoolView &view);
    void setExplain(bool on);
    bool explain() const { return m_explain; }
    /// Pool index of a row.
    int poolIndex(int row) const { return m_order.value(row, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PoolView m_view;
    QList<int> m_order; ///< positions in m_view.forecast
    bool m_explain = false;
};

} // namespace cma::ui
