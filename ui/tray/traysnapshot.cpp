#include "traysnapshot.h"

#include "models/poolview.h"

#include "auth/jwt.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::ui {

namespace {

QString windowText(const QuotaWindow &w, qint64 now)
{
    const std::optional<double> left = quotaLeft(w, now);
    if (!left)
        return {};
    QString t = QCoreApplication::translate("TraySnapshotBuilder", "%1 %2% left")
                    .arg(windowLabel(w.windowMinutes.value_or(0)))
                    .arg(std::llround(*left));
    if (w.resetAtMs && *w.resetAtMs > now)
        t += QCoreApplication::translate("TraySnapshotBuilder", " · resets in %1")
                 .arg(formatDuration(*w.resetAtMs - now));
    else if (w.resetAtMs)
        t += QCoreApplication::translate("TraySnapshotBuilder", " (refreshing…)");
    return t;
}

} // namespace

TraySnapshot TraySnapshotBuilder::build(const Input &in)
{
    TraySnapshot s;
    const PoolView &v = in.view;
    const AccountPool &pool = v.pool;
    s.foreignEmail = in.foreignEmail;
    s.codexSignedOut = in.codexSignedOut;
    s.storageProblem = in.storageProblem;
    if (pool.accounts.isEmpty()) {
        s.icon.kind = TrayIconState::Kind::NoAccounts;
        s.headerTitle = tr("No accounts yet");
        s.headerLines = {tr("Add an account to start.")};
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
        s.bestLabel = label(*rec.recommendedIndex);

    // Header: the current account.
    const AccountFacts &cf = v.facts.value(current);
    const QString plan = planOf(pool.accounts[current], cf);
    s.headerTitle = email(current) + (plan.isEmpty() ? QString() : u" ("_s + planDisplayName(plan) + u')');
    if (cf.quota) {
        for (const QuotaWindow *w : {&cf.quota->primary, &cf.quota->secondary}) {
            const QString text = windowText(*w, v.now);
            if (text.isEmpty())
                continue;
            s.headerLines.append(text);
            const Pace pace = computePace(*w, v.now);
            if (pace.visible)
                s.headerLines.append(u"   "_s + pace.text(v.now));
        }
        s.headerLines.append(in.stale ? tr("Stale — the last reading failed")
                                      : tr("Updated %1").arg(formatAgo(cf.quota->updatedAt, v.now)));
    } else {
        s.headerLines.append(tr("No quota data yet"));
    }
    s.headerLines.append(runway.text(pool, v.now));

    // Icon.
    s.icon.kind = TrayIconState::Kind::Meter;
    if (cf.quota) {
        s.icon.shortLeft = quotaLeft(cf.quota->primary, v.now);
        s.icon.longLeft = quotaLeft(cf.quota->secondary, v.now);
        if (!s.icon.shortLeft && s.icon.longLeft)
            std::swap(s.icon.shortLeft, s.icon.longLeft); // one window: one bar on top
    }
    s.icon.stale = in.stale || !cf.quota || isStaleReading(cf.quota->updatedAt, v.now);
    const AccountForecast &cfc = forecast[current];
    s.icon.attention = pool.accounts[current].authInvalidatedAt.has_value() || cf.secret == SecretState::Missing ||
                       cf.secret == SecretState::Unavailable || cfc.hardFailure;
    if (runway.state == "dry"_L1)
        s.icon.kind = TrayIconState::Kind::PoolDry;
    if (!in.foreignEmail.isEmpty() || in.codexSignedOut)
        s.icon.kind = TrayIconState::Kind::UnknownCodexAccount;

    QStringList tip{u"codex-multi-auth — "_s + s.headerTitle};
    for (const QString &line : std::as_const(s.headerLines))
        if (!line.startsWith(u"   "_s))
            tip.append(line);
    s.tooltip = tip.join(u'\n');

    // Rows.
    QList<int> order = v.readyFirst;
    if (!in.readyFirst) {
        order.clear();
        for (int i = 0; i < pool.accounts.size(); ++i)
            order.append(i);
    }
    if (in.pinCurrentToTop && current >= 0) {
        order.removeOne(current);
        order.prepend(current);
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
            r.reason = tr("exhausted · %1").arg(formatDuration(fc.waitMs));
        else if (const qint64 rl = storedRateLimitUntil(pool.accounts[i], u"codex"_s, {}, v.now); rl > 0)
            r.reason = tr("rate-limited · %1").arg(formatDuration(rl - v.now));
        if (f.quota) {
            r.shortLeft = quotaLeft(f.quota->primary, v.now);
            r.longLeft = quotaLeft(f.quota->secondary, v.now);
            QStringList parts;
            for (const QuotaWindow *w : {&f.quota->primary, &f.quota->secondary}) {
                const QString t = windowText(*w, v.now);
                if (!t.isEmpty())
                    parts.append(t);
            }
            r.quotaText = parts.join(u" | "_s);
        }
        if (s.rows.size() < 12)
            s.rows.append(r);
        else
            s.overflow.append(r);
    }
    return s;
}

} // namespace cma::ui
