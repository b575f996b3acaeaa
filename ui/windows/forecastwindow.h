#pragma once

#include "models/poolview.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QVBoxLayout;
class QComboBox;

namespace cma::ui {

class ForecastModel;
class RunwayWidget;

/// The forecast and quota window (docs/ui.md §6): Forecast, Quota and Runway tabs, all live.
class ForecastWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ForecastWindow(QWidget *parent = nullptr);
    void setView(const PoolView &view);
    QTabWidget *tabs() const { return m_tabs; }
    ForecastModel *model() const { return m_model; }
    RunwayWidget *runway() const { return m_runway; }
    QString recommendationText() const;
    /// The quota card texts (tests, accessibility).
    QStringList quotaCardTexts() const;

Q_SIGNALS:
    void commandsRequested(const QList<QStringList> &commands);
    void switchToBestRequested();
    void refreshNowRequested();

private:
    void rebuildCards();

    PoolView m_view;
    QTabWidget *m_tabs;
    ForecastModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_recommendation;
    QPushButton *m_switchNow;
    QCheckBox *m_explain;
    QCheckBox *m_live;
    QCheckBox *m_overlay;
    QComboBox *m_modelFamily;
    QWidget *m_cards;
    QVBoxLayout *m_cardsLayout;
    QCheckBox *m_showUsed;
    RunwayWidget *m_runway;
    QLabel *m_runwayText;
    QLabel *m_burnText;
};

} // namespace cma::ui
