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

/// One account row of the tray menu (docs/ui.md §3).
struct TrayRow
{
    int index = -1;
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
};

/// Everything the tray shows at one moment: icon state, tooltip, header lines and rows in order.
struct TraySnapshot
{
    TrayIconState icon;
    QString tooltip;
    QString headerTitle;
    QStringList headerLines;
    QList<TrayRow> rows;     ///< visible order
    QList<TrayRow> overflow; ///< under "More accounts" (beyond 12)
    std::optional<int> recommendedIndex;
    QString bestLabel;
    std::optional<int> pinnedIndex;
    QString foreignEmail; ///< Codex holds a login not in the pool
    bool codexSignedOut = false;
    QString storageProblem;
    bool compact = false; ///< more than 6 accounts: one-line rows
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
