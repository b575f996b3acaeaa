#pragma once

#include "accounts/account.h"
#include "models/poolview.h"
#include "quota/runway.h"
#include "tray/trayiconrenderer.h"

#include <QCoreApplication>
#include <optional>

namespace cma {
class QuotaSamples;
}

namespace cma::ui {

/// One quota window as the menu draws it: a small bar with its "% left", the reset and the pace.
struct TrayWindow
{
    QString label;              ///< `5h`, `Weekly` (headings)
    QString shortLabel;         ///< `5h`, `7d` (rows)
    std::optional<double> left; ///< percent left; nullopt without a reading
    QString leftText;           ///< `64% left`, `100% left (refreshing…)`
    QString resetText;          ///< `resets in 1h 12m`, empty without a reset time
    QString resetIn;            ///< `1h 12m`: the short form rows use
    QString pace;               ///< `12% in deficit · runs out ~17:40`; empty when pace says nothing
    bool deficit = false;
};

/// The tint of a row: nearly exhausted (a window at 15 % left or less) or exhausted (a window used
/// up, a limit reached or a rate limit running).
enum class TrayTone
{
    Normal,
    Low,
    Exhausted
};

/// One account row of the tray menu (docs/ui.md §3).
struct TrayRow
{
    int index = -1; ///< pool index; the row shows the pool number, index + 1
    QString label;
    QString plan;
    bool current = false;
    bool recommended = false;
    bool pinned = false;
    bool enabled = true;
    bool needsLogin = false;
    /// For non-ready accounts: `rate-limited · 42m`, `cooldown 45s`, `re-login needed`, …
    QString reason;
    /// `5h 64% left · resets in 1h 12m | 7d 91% left`
    QString quotaText;
    std::optional<double> shortLeft;
    std::optional<double> longLeft;
    QList<TrayWindow> windows;
    TrayTone tone = TrayTone::Normal;
    bool stale = false;
};

/// Everything the tray shows at one moment: icon state, tooltip, header lines and rows in order.
struct TraySnapshot
{
    TrayIconState icon;
    QString tooltip;
    QString headerTitle;             ///< `alice@example.com (Plus)`
    QList<TrayWindow> headerWindows; ///< the current account's windows
    QString headerStatus;            ///< `Updated 2 min ago`, `Stale — …`, `No quota data yet`
    bool headerStale = false;
    QString runwayText;      ///< the runway line of docs/forecast.md
    QList<TrayRow> rows;     ///< visible order
    QList<TrayRow> overflow; ///< under "More accounts" (beyond 12)
    std::optional<int> recommendedIndex;
    QString bestLabel;
    std::optional<int> pinnedIndex;
    QString foreignEmail; ///< Codex holds a login not in the pool
    bool codexSignedOut = false;
    QString storageProblem;
    int problemAccounts = 0; ///< accounts in the flagged file
    bool compact = false;    ///< more than 6 accounts: one-line rows
};

/// Builds the snapshot from the derived PoolView (pool, facts, forecast, runway) and Codex's state.
class TraySnapshotBuilder
{
    Q_DECLARE_TR_FUNCTIONS(TraySnapshotBuilder)
public:
    struct Input
    {
        PoolView view;      ///< derive()d: the builder reads its forecast, recommendation and runway
        bool stale = false; ///< the last reading of the current account failed
        QString foreignEmail;
        bool codexSignedOut = false;
        QString storageProblem;
        bool readyFirst = true;       ///< menuSortEnabled with menuSortMode ready-first
        bool pinCurrentToTop = false; ///< menuSortPinCurrent
    };
    static TraySnapshot build(const Input &input);
};

} // namespace cma::ui
