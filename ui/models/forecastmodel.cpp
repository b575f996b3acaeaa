#include "forecastmodel.h"

#include "models/accountsmodel.h"

using namespace Qt::StringLiterals;

namespace cma::ui {

void ForecastModel::setView(const PoolView &view)
{
    beginResetModel();
    m_view = view;
    QList<const AccountForecast *> sorted;
    for (const AccountForecast &f : m_view.forecast)
        sorted.append(&f);
    std::stable_sort(sorted.begin(), sorted.end(), &Forecaster::recommendedBefore);
    m_order.clear();
    for (const AccountForecast *f : std::as_const(sorted))
        m_order.append(int(f - m_view.forecast.constData()));
    endResetModel();
}

void ForecastModel::setExplain(bool on)
{
    if (on == m_explain)
        return;
    m_explain = on;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Reason), index(rowCount() - 1, Reason));
}

int ForecastModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int ForecastModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ForecastModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AccountColumn:
        return tr("Account");
    case Availability:
        return tr("Availability");
    case Risk:
        return tr("Risk");
    case Wait:
        return tr("Wait");
    case Reason:
        return tr("Reason");
    }
    return {};
}

QVariant ForecastModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_order.size())
        return {};
    const AccountForecast &f = m_view.forecast[m_order[index.row()]];
    if (role == AccountsModel::PoolIndexRole)
        return f.index;
    if (role == AccountsModel::ToneRole && index.column() == Availability)
        return int(f.availability == cma::Availability::Ready     ? Tone::Success
                   : f.availability == cma::Availability::Delayed ? Tone::Warning
                                                                  : Tone::Danger);
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return f.reasons.join(u'\n');
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case AccountColumn: {
        QString text = u"%1. %2"_s.arg(f.index + 1).arg(m_view.label(f.index));
        if (f.isCurrent)
            text.prepend(u"● "_s);
        if (m_view.recommendation.recommendedIndex && *m_view.recommendation.recommendedIndex == f.index)
            text += u" ★"_s;
        return text;
    }
    case Availability:
        return displayName(availabilityName(f.availability));
    case Risk:
        return u"%1 (%2)"_s.arg(displayName(f.riskLevel)).arg(f.riskScore);
    case Wait:
        return f.waitMs > 0 ? Forecaster::waitText(f.waitMs) : QString();
    case Reason:
        return m_explain ? f.reasons.join(u'\n') : f.reasons.value(0);
    }
    return {};
}

} // namespace cma::ui
