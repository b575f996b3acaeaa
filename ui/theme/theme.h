#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>
#include <functional>

class QJsonValue;

namespace cma::ui {

/// The look the user chose (docs/ui.md §8 Color theme): palette, base colour, accent and the tray
/// icon options. A value type, so a saved theme can be re-applied exactly.
struct ThemeSettings
{
    QString palette = QStringLiteral("system"); ///< system | light | dark
    QString preset = QStringLiteral("green");   ///< uiThemePreset: green | blue
    QString accent = QStringLiteral("green");   ///< uiAccentColor: green | cyan | blue | yellow
    QString trayStyle = QStringLiteral("meter");
    bool trayShowUsed = false;
    bool trayColored = false;

    /// Reads the theme keys through \a value (the full key name → its effective value).
    static ThemeSettings fromValues(const std::function<QJsonValue(const QString &)> &value);
    static const QStringList &keys();
    bool operator==(const ThemeSettings &) const = default;
};

/// Tones of badges and bars (docs/forecast.md §6): success, warning, danger, muted.
enum class Tone
{
    Success,
    Warning,
    Danger,
    Muted,
    Accent,
    InUse ///< the account in use on timelines: the accent, unless it would read as usable or waiting
};

/// Applies a ThemeSettings to the whole application: the Fusion style and one QPalette built from
/// the reference's colours, adjusted for contrast on light palettes. No style sheets: every window
/// and the tray icon follow a change at once (live preview), and re-applying the saved settings
/// restores the exact palette.
class Theme : public QObject
{
    Q_OBJECT
public:
    static Theme &instance();

    void apply(const ThemeSettings &settings);
    const ThemeSettings &current() const { return m_current; }
    /// The palette \a settings produce (pure: the same settings give the same palette).
    QPalette paletteFor(const ThemeSettings &settings) const;
    /// A tone's colour for text or fills on the current palette's window background.
    QColor tone(Tone tone) const;
    static QColor referenceColor(const QString &name);
    static double contrastRatio(const QColor &a, const QColor &b);
    /// Darkens (on light backgrounds) or lightens \a color until it reaches \a ratio against \a background.
    static QColor withContrast(QColor color, const QColor &background, double ratio);
    bool isDark() const;

Q_SIGNALS:
    void changed();

private:
    Theme();
    QPalette m_system;
    ThemeSettings m_current;
    bool m_applied = false;
};

} // namespace cma::ui
