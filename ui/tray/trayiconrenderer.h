#pragma once

#include <QColor>
#include <QIcon>
#include <QImage>
#include <optional>

namespace cma::ui {

/// What the tray icon shows (docs/ui.md §2): the two-bar meter of the active account.
struct TrayIconState
{
    enum class Kind
    {
        Meter,
        NoAccounts,
        UnknownCodexAccount,
        PoolDry
    };
    Kind kind = Kind::NoAccounts;
    /// Percent left of the short (5 h) and long (7 d) window; nullopt = unknown.
    std::optional<double> shortLeft;
    std::optional<double> longLeft;
    bool stale = false;
    /// A window of the current account is used up: drawn in the danger tone whatever the colour option.
    bool exhausted = false;
    bool attention = false;
    /// The icon options of docs/ui.md §8 (`desktop.trayIcon.*`): bars filled by the used share instead
    /// of what is left; traffic-light colours (else one neutral fill, red only when nearly empty);
    /// the number of the short window instead of bars.
    bool showUsed = false;
    bool colored = true;
    bool percentText = false;
    bool operator==(const TrayIconState &) const = default;
};

/// Draws the tray icon at run time with QPainter, crisp at any device pixel ratio.
class TrayIconRenderer
{
public:
    static QImage render(const TrayIconState &state, int logicalSize, qreal devicePixelRatio);
    static QIcon icon(const TrayIconState &state);
    static QColor colorForLeft(double percentLeft);
};

} // namespace cma::ui
