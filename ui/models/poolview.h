#pragma once

#include "accounts/account.h"
#include "accounts/poolstore.h"
#include "cli/clisupport.h"
#include "quota/forecast.h"
#include "quota/runway.h"
#include "theme/theme.h"

#include <QCoreApplication>
#include <optional>

namespace cma {
class AppContext;
class QuotaSamples;
} // namespace cma

namespace cma::ui {

/// Percent left of a window: nullopt without a reading, 100 once its reset time has passed
/// (shown "refreshing…" until the next reading, docs/ui.md §1).
std::optional<double> quotaLeft(const QuotaWindow &window, qint64 now);

/// The short name of an account in menus and windows: its label, else its email (masked when
/// \a hidePersonalInfo), else `Account 3`.
QString shortAccountLabel(const Account &account, int index, bool hidePersonalInfo);

/// One problem account of the flagged file (docs/ui.md §5).
struct FlaggedAccount
{
    Account account;
    qint64 flaggedAt = 0;
    QString reason;
    QString lastError;
};

/// Everything the windows show at one moment, read once from the core services by the tray
/// process (after every change, live sync included) and handed to every window and model. The
/// windows never fetch on their own.
struct PoolView
{
    Q_DECLARE_TR_FUNCTIONS(PoolView)
public:
    qint64 now = 0;
    AccountPool pool;
    QList<cli::AccountFacts> facts;
    QList<AccountForecast> forecast; ///< by pool index
    Recommendation recommendation;
    ForecastSummary summary;
    Runway runway;
    QList<int> readyFirst; ///< pool indexes in ready-first order
    QList<FlaggedAccount> flagged;

    // Storage and environment, for the status bar and the banners.
    QString storagePath;
    StorageHealth health = StorageHealth::Empty;
    QString healthText;
    bool storageBusy = false;
    QString storageProblem;
    QString secretMode; ///< keychain | file
    bool keychainLocked = false;
    std::optional<qint64> lastSaved;
    QString foreignEmail; ///< Codex holds a login outside the pool
    bool hidePersonalInfo = false;
    QString resetTimeStyle = QStringLiteral("both");
    bool runtimeOverlayAvailable = false;

    /// Reads everything from the core services, then derive()s.
    static PoolView gather(AppContext &app, qint64 now);
    /// Computes forecast, recommendation, summary, ready-first order and runway from pool, facts
    /// and now: once per change, for the tray and every window.
    void derive(const QuotaSamples *samples);

    /// `Account 2 (bob@example.com)`-style label, masked when hidePersonalInfo is set.
    QString label(int index) const;
    QString email(int index) const;
    QString accountId(int index) const;
    /// `resets 18:10 (in 2h 05m)` in the chosen style; empty without a reset time.
    QString resetText(const QuotaWindow &window) const;
    /// The status badge of docs/forecast.md §6 for a pool index.
    QString badge(int index) const;
    /// `5-hour window, 64 percent left, resets at 18:10` (accessible descriptions).
    QString accessibleWindowText(const QuotaWindow &window) const;
};

/// The words shown for docs/forecast.md's badge, availability and risk names (translated; the names
/// themselves stay as the CLI prints them).
QString displayName(const QString &name);

/// A badge's tone (docs/ui.md §5: success, warning, danger, muted).
Tone badgeTone(const QString &badge);

/// The reference's last-used wording: `today`, `yesterday`, `3d ago`, `2w ago`, or a date.
QString lastUsedText(qint64 lastUsed, qint64 now);

/// `expires in 6d 3h`, `refreshed 12m ago` or `re-login needed`.
QString tokenText(const Account &account, const cli::AccountFacts &facts, qint64 now);

} // namespace cma::ui
