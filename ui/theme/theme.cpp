#include "theme.h"

#include <QApplication>
#include <QJsonValue>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

const QStringList &ThemeSettings::keys()
{
    static const QStringList k{u"desktop.palette"_s,
                               u"dashboardDisplaySettings.uiThemePreset"_s,
                               u"dashboardDisplaySettings.uiAccentColor"_s,
                               u"desktop.trayIcon.style"_s,
                               u"desktop.trayIcon.showUsed"_s,
                               u"desktop.trayIcon.colored"_s};
    return k;
}

ThemeSettings ThemeSettings::fromValues(const std::function<QJsonValue(const QString &)> &value)
{
    ThemeSettings t;
    t.palette = value(keys()[0]).toString(t.palette);
    t.preset = value(keys()[1]).toString(t.preset);
    t.accent = value(keys()[2]).toString(t.accent);
    t.trayStyle = value(keys()[3]).toString(t.trayStyle);
    t.trayShowUsed = value(keys()[4]).toBool(t.trayShowUsed);
    t.trayColored = value(keys()[5]).toBool(t.trayColored);
    return t;
}

Theme &Theme::instance()
{
    static Theme *theme = new Theme; // lives as long as the application; never destroyed at exit
    return *theme;
}

Theme::Theme()
{
    // "system" is the palette the desktop gave the application before any choice of ours (a dark
    // desktop gives a dark one), taken once so that re-applying it restores it exactly. Without an
    // application yet, Fusion's own palette.
    if (qApp) {
        m_system = QApplication::palette();
    } else if (QStyle *fusion = QStyleFactory::create(u"Fusion"_s)) {
        m_system = fusion->standardPalette();
        delete fusion;
    }
}

QColor Theme::referenceColor(const QString &name)
{
    // The reference's colours (docs/ui.md §8).
    if (name == "green"_L1)
        return QColor(74, 222, 128);
    if (name == "blue-base"_L1)
        return QColor(96, 165, 250);
    if (name == "cyan"_L1)
        return QColor(34, 211, 238);
    if (name == "blue"_L1)
        return QColor(59, 130, 246);
    if (name == "yellow"_L1 || name == "warning"_L1)
        return QColor(245, 158, 11);
    if (name == "danger"_L1)
        return QColor(239, 68, 68);
    return QColor(148, 163, 184); // muted
}

double Theme::contrastRatio(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Theme::withContrast(QColor color, const QColor &background, double ratio)
{
    const bool darken = background.lightnessF() > 0.5;
    for (int step = 0; step < 40 && contrastRatio(color, background) < ratio; ++step)
        color = darken ? color.darker(106) : color.lighter(106);
    return color;
}

QPalette Theme::paletteFor(const ThemeSettings &s) const
{
    QPalette p;
    if (s.palette == "dark"_L1) {
        const QColor window(0x1f, 0x23, 0x29), base(0x16, 0x19, 0x1e), text(0xe6, 0xe8, 0xeb);
        p = QPalette(text, window, window.lighter(140), window.darker(140), window.lighter(120), text, text, base,
                     window);
        p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x37));
        p.setColor(QPalette::AlternateBase, QColor(0x1c, 0x20, 0x26));
        p.setColor(QPalette::ToolTipBase, QColor(0x2a, 0x2f, 0x37));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x94, 0x9b, 0xa6));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x80, 0x8a));
    } else if (s.palette == "light"_L1) {
        const QColor window(0xf3, 0xf4, 0xf6), base(Qt::white), text(0x1b, 0x1f, 0x24);
        p = QPalette(text, window, Qt::white, window.darker(130), window.darker(115), text, text, base, window);
        p.setColor(QPalette::Button, QColor(0xe9, 0xeb, 0xee));
        p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
        p.setColor(QPalette::ToolTipBase, Qt::white);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(0x9a, 0xa0, 0xa8));
    } else {
        p = m_system;
    }
    // Base colour drives links and the focus frame, the accent the selection; both are adjusted so
    // selected text and links stay readable on light backgrounds.
    const QColor baseColour = referenceColor(s.preset == "blue"_L1 ? u"blue-base"_s : u"green"_s);
    const QColor accent = referenceColor(s.accent);
    const QColor background = p.color(QPalette::Base);
    const bool light = background.lightnessF() > 0.5;
    const QColor highlight = light ? withContrast(accent, Qt::white, 4.5) : accent;
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, contrastRatio(highlight, Qt::white) >= contrastRatio(highlight, Qt::black)
                                              ? QColor(Qt::white)
                                              : QColor(Qt::black));
    p.setColor(QPalette::Link, withContrast(baseColour, background, 4.5));
    p.setColor(QPalette::LinkVisited, withContrast(baseColour.darker(115), background, 4.5));
    return p;
}

void Theme::apply(const ThemeSettings &settings)
{
    if (!m_applied) {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        m_applied = true;
    }
    m_current = settings;
    QApplication::setPalette(paletteFor(settings));
    Q_EMIT changed();
}

bool Theme::isDark() const
{
    return QApplication::palette().color(QPalette::Window).lightnessF() < 0.5;
}

QColor Theme::tone(Tone t) const
{
    const QColor background = QApplication::palette().color(QPalette::Window);
    QColor c;
    switch (t) {
    case Tone::Success:
        c = referenceColor(u"green"_s);
        break;
    case Tone::Warning:
        c = referenceColor(u"warning"_s);
        break;
    case Tone::Danger:
        c = referenceColor(u"danger"_s);
        break;
    case Tone::Muted:
        c = referenceColor(u"muted"_s);
        break;
    case Tone::Accent:
        c = referenceColor(m_current.accent);
        break;
    case Tone::InUse:
        // Next to usable (success green) and waiting (warning amber), a green or yellow accent
        // would be lost: those accents show the account in use in blue.
        c = referenceColor(m_current.accent == "green"_L1 || m_current.accent == "yellow"_L1 ? u"blue"_s
                                                                                             : m_current.accent);
        break;
    }
    return withContrast(c, background, 3.0);
}

} // namespace cma::ui
