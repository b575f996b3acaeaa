#pragma once

#include <QStyledItemDelegate>
#include <QWidget>
#include <optional>

namespace cma::ui {

/// Paints one quota bar: the share left (or used) in a tone that follows the level, dimmed when
/// the reading is stale, with its text beside or over it.
void paintQuotaBar(QPainter *painter, const QRect &rect, std::optional<double> left, bool stale, bool showUsed,
                   const QString &text, const QPalette &palette);

/// A cell that the style draws (background, selection, focus) and whose text the delegate paints.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    QString drawCellWithoutText(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
};

/// The table cells of the 5h and Weekly columns.
class QuotaBarDelegate : public CellDelegate
{
    Q_OBJECT
public:
    using CellDelegate::CellDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// The status badge cells: the badge text on a tinted chip.
class BadgeDelegate : public CellDelegate
{
    Q_OBJECT
public:
    using CellDelegate::CellDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// A quota bar as a widget (quota cards), with an accessible description.
class QuotaBarWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QuotaBarWidget(QWidget *parent = nullptr);
    void setValue(std::optional<double> left, bool stale, bool showUsed, const QString &text,
                  const QString &accessibleDescription);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::optional<double> m_left;
    bool m_stale = false;
    bool m_showUsed = false;
    QString m_text;
};

} // namespace cma::ui
