#include "banner.h"

#include "theme/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cma::ui {

Banner::Banner(const QString &id, Tone tone, const QString &text, QWidget *parent)
    : QFrame(parent)
    , m_id(id)
    , m_tone(tone)
    , m_label(new QLabel(text, this))
{
    setObjectName(u"banner-"_s + id);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);
    m_buttons = new QHBoxLayout;
    layout->addLayout(m_buttons);
    setAccessibleName(text);
    applyTone();
    connect(&Theme::instance(), &Theme::changed, this, &Banner::applyTone);
}

QString Banner::text() const
{
    return m_label->text();
}

void Banner::applyTone()
{
    const QColor tone = Theme::instance().tone(m_tone);
    QPalette p = palette();
    const QColor window = QPalette().color(QPalette::Window);
    // Blend by hand: a translucent background would show the parent's through a native frame.
    const QColor blended =
        QColor::fromRgbF(window.redF() * 0.84 + tone.redF() * 0.16, window.greenF() * 0.84 + tone.greenF() * 0.16,
                         window.blueF() * 0.84 + tone.blueF() * 0.16);
    p.setColor(QPalette::Window, blended);
    setPalette(p);
}

void Banner::addButton(const QString &text, std::function<void()> onClick)
{
    auto *b = new QPushButton(text, this);
    connect(b, &QPushButton::clicked, this, [onClick = std::move(onClick)] { onClick(); });
    m_buttons->addWidget(b);
}

void Banner::setClosable(bool closable)
{
    if (!closable)
        return;
    auto *close = new QToolButton(this);
    close->setText(u"✕"_s);
    close->setAutoRaise(true);
    close->setAccessibleName(tr("Dismiss"));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QObject::deleteLater);
    m_buttons->addWidget(close);
}

BannerArea::BannerArea(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
}

Banner *BannerArea::find(const QString &id) const
{
    for (Banner *b : findChildren<Banner *>(QString(), Qt::FindDirectChildrenOnly))
        if (b->id() == id)
            return b;
    return nullptr;
}

Banner *BannerArea::show(const QString &id, Tone tone, const QString &text, bool *created)
{
    Banner *b = find(id);
    if (b && b->text() != text) {
        delete b;
        b = nullptr;
    }
    if (created)
        *created = !b;
    if (!b) {
        b = new Banner(id, tone, text, this);
        m_layout->addWidget(b);
    }
    return b;
}

void BannerArea::clear(const QString &id)
{
    delete find(id);
}

QStringList BannerArea::ids() const
{
    QStringList out;
    for (Banner *b : findChildren<Banner *>(QString(), Qt::FindDirectChildrenOnly))
        out.append(b->id());
    return out;
}

} // namespace cma::ui
