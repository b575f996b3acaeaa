#pragma once

#include "models/poolview.h"

#include <QWidget>

namespace cma::ui {

/// The runway timeline (docs/ui.md §6): one lane per participant from now to 24 h (or 7 days), with
/// usable, in-use, blocked and exhausted stretches from the simulation, a marker at dryAt, and
/// the runway text. Drawn with QPainter.
class RunwayWidget : public QWidget
{
    Q_OBJECT
public:
    explicit RunwayWidget(QWidget *parent = nullptr);
    void setView(const PoolView &view);
    void setSpanHours(int hours);
    int spanHours() const { return m_hours; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    PoolView m_view;
    int m_hours = 24;
};

} // namespace cma::ui
