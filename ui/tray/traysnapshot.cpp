#include "traysnapshot.h"

#include "models/poolview.h"

#include "auth/jwt.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {

/// The heading name of a window: `5h`, `Weekly`, `30d` (docs/ui.md §1).
QString windowHeading(const QuotaWindow &w)
{
    const int minutes = w.windowMinutes.value_or(0);
    return minutes == 10080 ? QCoreApplication::translate("TraySnapshotBuilder", "Weekly") : windowLabel(minutes);
}

std::optional<TrayWindow> trayWindow(const QuotaWindow &w, qint64 now)
{
    const std::optional<double> left = quotaLeft(w, now);
    if (!left)
        return std::nullopt;
    TrayWindow t;
    t.label = windowHeading(w);
    t.shortLabel = windowLabel(w.windowMinutes.value_or(0));
    t.left = left;
    const bool refreshing = w.resetAtMs && *w.resetAtMs <= now;
    t.leftText = refreshing ? QCoreApplication::translate("TraySnapshotBuilder", "100% left (refreshing…)")
                            : QCoreApplication::translate("TraySnapshotBuilder", "%1% left").arg(std::llround(*left));
    if (w.resetAtMs && !refreshing) {
        t.resetIn = formatDuration(*w.resetAtMs - now);
        t.resetText = QCoreApplication::translate("TraySnapshotBuilder", "resets in %1").arg(t.resetIn);
    }
    const Pace pace = computePace(w, now);
    if (pace.visible && !refreshing) {
        t.pace = pace.text(now);
        t.deficit = pace.paceDelta > 0;
    }
    return t;
}

QList<TrayWindow> trayWindows(const std::optional<QuotaEntry> &quota, qint64 now)
{
    QList<TrayWindow> out;
    if (!quota)
        return out;
    for (const QuotaWindow *w : {&quota->primary, &quota->secondary})
        if (const std::optional<TrayWindow> t = trayWindow(*w, now))
            out.append(*t);
    return out;
}

QString windowsText(const QList<TrayWindow> &windows)
{
    QStringList parts;
    for (const TrayWindow &w : windows)
        parts.append(w.label + u' ' + w.leftText + (w.resetText.isEmpty() ? QString() : u" · "_s + w.resetText));
    return parts.join(u" | "_s);
}

/// The least left of an account's windows; nullopt without a reading.
std::optional<double> leastLeft(const QList<TrayWindow> &windows)
{
    std::optional<double> least;
    for (const TrayWindow &w : windows)
        if (w.left && (!least || *w.left < *least))
            least = w.left;
    return least;
}

} // namespace

TraySnapshot TraySnapshotBuilder::build(const Input &in)
{
    TraySnapshot s;
    const PoolView &v = in.view;
    const AccountPool &pool = v.pool;
    // One masking everywhere: the same maskEmail() as the CLI's --redact.
    s.foreignEmail = v.hidePersonalInfo && !in.foreignEmail.isEmpty() ? maskEmail(in.foreignEmail) : in.foreignEmail;
    s.codexSignedOut = in.codexSignedOut;
    s.storageProblem = in.storageProblem;
    s.problemAccounts = int(v.flagged.size());
    if (pool.accounts.isEmpty()) {
        s.icon.kind = TrayIconState::Kind::NoAccounts;
        s.headerTitle = tr("No accounts yet");
        s.headerStatus = tr("Add an account to start.");
        s.tooltip = tr("codex-multi-auth — no accounts");
        return s;
    }
    const QList<AccountForecast> &forecast = v.forecast;
    const Recommendation &rec = v.recommendation;
    const Runway &runway = v.runway;
    const int current = pool.currentIndex();
    s.recommendedIndex = rec.recommendedIndex;
    s.pinnedIndex = pool.pinnedAccountIndex;

    auto label = [&](int i) { return shortAccountLabel(pool.accounts[i], i, v.hidePersonalInfo); };
    auto email = [&](int i) {
        const QString e = pool.accounts[i].email.value_or(label(i));
        return v.hidePersonalInfo ? maskEmail(e) : e;
    };
    if (rec.recommendedIndex)
        s.bestLabel = tr("Account %1 (%2)").arg(*rec.recommendedIndex + 1).arg(label(*rec.recommendedIndex));

    // Header: the current account.
    const AccountFacts &cf = v.facts.value(current);
    const QString plan = planOf(pool.accounts[current], cf);
    s.headerTitle = email(current) + (plan.isEmpty() ? QString() : u" ("_s + planDisplayName(plan) + u')');
    s.headerWindows = trayWindows(cf.quota, v.now);
    s.headerStale = in.stale || !cf.quota || isStaleReading(cf.quota->updatedAt, v.now);
    if (!cf.quota)
        s.headerStatus = tr("No quota data yet");
    else if (in.stale)
        s.headerStatus = tr("Stale — the last reading failed");
    else if (s.headerStale)
        s.headerStatus = tr("Stale — updated %1").arg(formatAgo(cf.quota->updatedAt, v.now));
    else
        s.headerStatus = tr("Updated %1").arg(formatAgo(cf.quota->updatedAt, v.now));
    s.runwayText = runway.text(pool, v.now);

    // Icon.
    s.icon.kind = TrayIconState::Kind::Meter;
    if (cf.quota) {
        s.icon.shortLeft = quotaLeft(cf.quota->primary, v.now);
        s.icon.longLeft = quotaLeft(cf.quota->secondary, v.now);
        if (!s.icon.shortLeft && s.icon.longLeft)
            std::swap(s.icon.shortLeft, s.icon.longLeft); // one window: one bar on top
    }
    s.icon.stale = s.headerStale;
    const AccountForecast &cfc = forecast[current];
    s.icon.exhausted = cfc.exhausted || leastLeft(s.headerWindows).value_or(1) <= 0;
    s.icon.attention = pool.accounts[current].authInvalidatedAt.has_value() || cf.secret == SecretState::Missing ||
                       cf.secret == SecretState::Unavailable || cfc.hardFailure;
    if (runway.state == "dry"_L1)
        s.icon.kind = TrayIconState::Kind::PoolDry;
    if (!in.foreignEmail.isEmpty() || in.codexSignedOut)
        s.icon.kind = TrayIconState::Kind::UnknownCodexAccount;

    QStringList tip{u"codex-multi-auth — "_s + s.headerTitle};
    for (const TrayWindow &w : std::as_const(s.headerWindows))
        tip.append(w.label + u": "_s + w.leftText + (w.resetText.isEmpty() ? QString() : u" · "_s + w.resetText));
    if (!s.runwayText.isEmpty())
        tip.append(s.runwayText);
    tip.append(s.headerStatus);
    s.tooltip = tip.join(u'\n');

    // Rows. The current account stays near the top: first with menuSortPinCurrent, otherwise no
    // further down than the third row, so it is never lost at the end of a long ready-first list.
    QList<int> order = v.readyFirst;
    if (!in.readyFirst) {
        order.clear();
        for (int i = 0; i < pool.accounts.size(); ++i)
            order.append(i);
    }
    if (current >= 0 && order.contains(current)) {
        const qint64 at = order.indexOf(current);
        const qint64 wanted = in.pinCurrentToTop ? 0 : std::min<qint64>(at, 2);
        order.move(at, wanted);
    }
    s.compact = pool.accounts.size() > 6;
    for (int i : order) {
        TrayRow r;
        r.index = i;
        r.label = label(i);
        const AccountFacts &f = v.facts.value(i);
        r.plan = planOf(pool.accounts[i], f);
        r.current = i == current;
        r.recommended = rec.recommendedIndex == i && !r.current;
        r.pinned = pool.pinnedAccountIndex == i;
        r.enabled = pool.accounts[i].isEnabled();
        const AccountForecast &fc = forecast[i];
        r.needsLogin =
            pool.accounts[i].authInvalidatedAt.has_value() || f.secret == SecretState::Missing || fc.hardFailure;
        const qint64 rateLimitedUntil = storedRateLimitUntil(pool.accounts[i], u"codex"_s, {}, v.now);
        if (!r.enabled)
            r.reason = tr("disabled");
        else if (r.needsLogin)
            r.reason = tr("re-login needed");
        else if (f.secret == SecretState::Unavailable)
            r.reason = tr("keychain locked");
        else if (f.policy.paused || f.policy.drained)
            r.reason = f.policy.paused ? tr("paused") : tr("drained");
        else if (pool.accounts[i].coolingDownUntil && *pool.accounts[i].coolingDownUntil > v.now)
            r.reason = tr("cooldown %1").arg(formatDuration(*pool.accounts[i].coolingDownUntil - v.now));
        else if (fc.exhausted)
            r.reason = tr("exhausted · back in %1").arg(formatDuration(fc.waitMs));
        else if (rateLimitedUntil > 0)
            r.reason = tr("rate-limited · %1").arg(formatDuration(rateLimitedUntil - v.now));
        r.windows = trayWindows(f.quota, v.now);
        if (f.quota) {
            r.shortLeft = quotaLeft(f.quota->primary, v.now);
            r.longLeft = quotaLeft(f.quota->secondary, v.now);
            r.quotaText = windowsText(r.windows);
            r.stale = isStaleReading(f.quota->updatedAt, v.now);
        }
        const std::optional<double> least = leastLeft(r.windows);
        if (fc.exhausted || rateLimitedUntil > 0 || least.value_or(1) <= 0)
            r.tone = TrayTone::Exhausted;
        else if (least && *least <= 15.0)
            r.tone = TrayTone::Low;
        if (s.rows.size() < 12)
            s.rows.append(r);
        else
            s.overflow.append(r);
    }
    return s;
}

} // namespace cma::ui
