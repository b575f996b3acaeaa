#include "quotabar.h"

#include "models/accountsmodel.h"
#include "theme/theme.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {
QColor fillFor(double left)
{
    const Theme &t = Theme::instance();
    return t.tone(left <= 10.0 ? Tone::Danger : left <= 30.0 ? Tone::Warning : Tone::Success);
}
} // namespace

QString CellDelegate::drawCellWithoutText(QPainter *painter, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    return text;
}

void paintQuotaBar(QPainter *p, const QRect &rect, std::optional<double> left, bool stale, bool showUsed,
                   const QString &text, const QPalette &palette)
{
    p->save();
    const int barWidth = std::min(90, rect.width() / 3);
    const QRect bar(rect.left() + 4, rect.center().y() - 4, barWidth, 8);
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(palette.color(QPalette::Mid));
    p->drawRoundedRect(bar, 3, 3);
    if (left) {
        const double value = showUsed ? 100.0 - *left : *left;
        QColor fill = fillFor(*left);
        if (stale)
            fill.setAlphaF(0.45);
        const int w = qRound(bar.width() * std::clamp(value, 0.0, 100.0) / 100.0);
        if (w > 0) {
            p->setBrush(fill);
            p->drawRoundedRect(QRect(bar.left(), bar.top(), std::max(w, 3), bar.height()), 3, 3);
        }
    }
    QColor textColor = palette.color(QPalette::Text);
    if (stale)
        textColor = palette.color(QPalette::Disabled, QPalette::Text);
    p->setPen(textColor);
    QFont f = p->font();
    f.setItalic(stale || text.contains(u'…'));
    p->setFont(f);
    const QRect textRect = rect.adjusted(barWidth + 10, 0, 0, 0);
    p->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                p->fontMetrics().elidedText(text, Qt::ElideRight, textRect.width()));
    p->restore();
}

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString text = drawCellWithoutText(painter, option, index);
    const QVariant left = index.data(AccountsModel::BarLeftRole);
    QString shown = text;
    const QString pace = index.data(AccountsModel::PaceRole).toString();
    if (!pace.isEmpty())
        shown = pace + u' ' + shown;
    QPalette palette = option.palette;
    if (option.state & QStyle::State_Selected)
        palette.setColor(QPalette::Text, palette.color(QPalette::HighlightedText));
    paintQuotaBar(painter, option.rect, left.isValid() ? std::optional<double>(left.toDouble()) : std::nullopt,
                  index.data(AccountsModel::StaleRole).toBool(), false, shown, palette);
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(s.width() + 110);
    return s;
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString text = drawCellWithoutText(painter, option, index);
    if (text.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor tone = selected ? option.palette.color(QPalette::HighlightedText)
                                 : Theme::instance().tone(Tone(index.data(AccountsModel::ToneRole).toInt()));
    const QFontMetrics fm(option.font);
    const QRect chip(option.rect.left() + 4, option.rect.center().y() - fm.height() / 2 - 2,
                     std::min(fm.horizontalAdvance(text) + 14, option.rect.width() - 8), fm.height() + 4);
    QColor fill = tone;
    fill.setAlphaF(0.18);
    painter->setPen(QPen(tone, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, chip.height() / 2.0, chip.height() / 2.0);
    painter->setPen(tone);
    painter->drawText(chip, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, chip.width() - 8));
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(s.width() + 20);
    return s;
}

QuotaBarWidget::QuotaBarWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::TabFocus); // reachable by keyboard, so screen readers announce it
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void QuotaBarWidget::setValue(std::optional<double> left, bool stale, bool showUsed, const QString &text,
                              const QString &accessibleDescription)
{
    m_left = left;
    m_stale = stale;
    m_showUsed = showUsed;
    m_text = text;
    setAccessibleName(text);
    setAccessibleDescription(accessibleDescription);
    setToolTip(accessibleDescription);
    update();
}

QSize QuotaBarWidget::sizeHint() const
{
    return {320, fontMetrics().height() + 8};
}

void QuotaBarWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintQuotaBar(&p, rect(), m_left, m_stale, m_showUsed, m_text, palette());
    if (hasFocus()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

} // namespace cma::ui
