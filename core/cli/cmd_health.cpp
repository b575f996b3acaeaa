// check, fix, doctor, verify-flagged (docs/cli.md §5).

#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexlivestore.h"
#include "codex/codexshim.h"
#include "codex/switchservice.h"
#include "quota/usageclient.h"
#include "refresh/refreshservice.h"
#include "util/clock.h"
#include "util/timefmt.h"

#include <QDir>
#include <QFileInfo>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {
QString quotaSummary(const std::optional<QuotaEntry> &q, qint64 now)
{
    if (!q)
        return {};
    QStringList parts;
    for (const QuotaWindow *w : {&q->primary, &q->secondary}) {
        if (w->isEmpty() || !w->usedPercent)
            continue;
        QString p = u"%1 %2% left"_s.arg(windowLabel(w->windowMinutes.value_or(0)))
                        .arg(std::llround(std::clamp(100 - *w->usedPercent, 0.0, 100.0)));
        if (w->resetAtMs)
            p += u", resets "_s + formatClock(*w->resetAtMs, now);
        parts.append(p);
    }
    return parts.join(u" | "_s);
}
} // namespace

int runCheck(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const AccountPool pool = loaded->pool;
    QList<int> indexes;
    if (!ctx.args().positional.isEmpty()) {
        Result<QList<int>> sel = resolveSelectors(pool, ctx.args().positional);
        if (!sel)
            return ctx.fail(sel.error());
        indexes = sel.value();
    } else {
        for (int i = 0; i < pool.accounts.size(); ++i)
            indexes.append(i);
    }
    const bool probe = !ctx.args().has(u"--no-probe"_s);
    AppContext &app = ctx.app();
    RefreshService refresher(app);
    const qint64 now = Clock::instance().nowMs();
    struct Row
    {
        int index;
        QString outcome;
        QString detail;
        bool refreshed = false;
        bool reEnabled = false;
    };
    QList<Row> rows;
    QList<int> toProbe;
    int keychainDown = 0;
    for (int i : std::as_const(indexes)) {
        const Account &a = pool.accounts[i];
        Row row{i, {}, {}};
        Result<TokenSet> tokens = app.repository().tokensOf(a);
        if (!tokens) {
            row.outcome = tokens.error().code == ErrorCode::SecretStoreUnavailable ? u"error"_s : u"needs-login"_s;
            row.detail = tokens.error().code == ErrorCode::SecretStoreUnavailable
                             ? u"keychain unavailable"_s
                             : u"secret missing — re-login needed"_s;
            keychainDown += tokens.error().code == ErrorCode::SecretStoreUnavailable;
            rows.append(row);
            continue;
        }
        // check is the one command that presents an invalidated refresh token again, once.
        const bool due = a.authInvalidatedAt || RefreshService::isDue(a, tokens->accessToken, now, 900000);
        if (due) {
            const RefreshReport r = refresher.refresh(
                RefreshRequest{a, a.authInvalidatedAt ? RefreshMode::RetryInvalidated : RefreshMode::IfDue,
                               u"proactive_expiry"_s, 900000});
            if (r.outcome == RefreshReport::Outcome::Failed) {
                const std::optional<qint64> exp = RefreshService::accessExpiry(a, tokens->accessToken);
                if (r.permanent) {
                    row.outcome = u"needs-login"_s;
                    row.detail =
                        u"refresh failed: %1 — re-login needed"_s.arg(r.failure ? r.failure->detail() : r.message);
                } else if (exp && *exp > now) {
                    row.outcome = u"signed-in-only"_s;
                    row.detail = u"refresh failed (%1) but this account still works right now"_s.arg(
                        r.failure ? r.failure->detail() : r.message);
                } else {
                    row.outcome = u"error"_s;
                    row.detail = u"refresh failed: %1"_s.arg(r.message);
                }
                rows.append(row);
                continue;
            }
            row.refreshed = r.outcome == RefreshReport::Outcome::Refreshed;
        }
        if (!probe) {
            row.outcome = u"signed-in-only"_s;
            row.detail = u"signed in (live check skipped)"_s;
        } else if (a.accountIdKey().isEmpty()) {
            row.outcome = u"signed-in-only"_s;
            row.detail = u"signed in (live check skipped: missing account ID)"_s;
        } else {
            toProbe.append(int(rows.size()));
        }
        rows.append(row);
    }
    QHash<int, UsageReading> readings;
    if (!toProbe.isEmpty()) {
        Result<LoadedPool> fresh = app.repository().load();
        const AccountPool &current = fresh ? fresh->pool : pool;
        QList<int> poolIndexes;
        for (int r : std::as_const(toProbe))
            poolIndexes.append(findMatchingAccount(current.accounts, pool.accounts[rows[r].index], true));
        for (const UsageReading &u : UsageClient(app).read(current, poolIndexes))
            readings.insert(u.index, u);
        for (qsizetype k = 0; k < toProbe.size(); ++k) {
            Row &row = rows[toProbe[k]];
            const UsageReading u = readings.value(poolIndexes[k]);
            if (!u.error.isEmpty()) {
                row.outcome = u"signed-in-only"_s;
                row.detail = u"signed in (live check failed: %1)"_s.arg(u.status ? QString::number(u.status) : u.error);
            } else {
                row.outcome = u"available"_s;
                row.detail = u"live session OK (%1)"_s.arg(quotaSummary(u.entry, now));
            }
        }
    }
    // Re-enable accounts disabled for an auth failure that work again; re-sync Codex if needed.
    Result<LoadedPool> saved = app.repository(true).update([&](AccountPool &p) {
        for (Row &row : rows) {
            if (row.outcome != "available"_L1 && row.outcome != "signed-in-only"_L1)
                continue;
            const int i = findMatchingAccount(p.accounts, pool.accounts[row.index], true);
            if (i >= 0 && !p.accounts[i].isEnabled() && p.accounts[i].disabledReason == u"auth-failure"_s) {
                p.accounts[i].enabled.reset();
                p.accounts[i].disabledReason.reset();
                row.reEnabled = true;
            }
        }
        return success();
    });
    if (!saved)
        return ctx.fail(saved.error());
    int available = 0, signedIn = 0, needLogin = 0, errors = 0;
    QString text = u"Checking %1 account(s) with quick check%2...\n"_s.arg(rows.size())
                       .arg(probe ? u" + live check"_s : QString());
    QJsonArray accounts;
    for (const Row &row : std::as_const(rows)) {
        const QString mark = row.outcome == "available"_L1        ? u"✓"_s
                             : row.outcome == "signed-in-only"_L1 ? u"!"_s
                                                                  : u"✗"_s;
        text += u"  %1 %2 | %3%4\n"_s.arg(mark, accountText(pool, row.index, ctx.redact()), row.detail,
                                          row.reEnabled ? u" (re-enabled)"_s : QString());
        available += row.outcome == "available"_L1;
        signedIn += row.outcome == "signed-in-only"_L1;
        needLogin += row.outcome == "needs-login"_L1;
        errors += row.outcome == "error"_L1;
        QJsonObject o = accountObject(pool, row.index, AccountFacts{}, now, ctx.redact());
        o.insert(u"outcome"_s, row.outcome);
        o.insert(u"detail"_s, row.detail);
        o.insert(u"refreshed"_s, row.refreshed);
        o.insert(u"reEnabled"_s, row.reEnabled);
        const UsageReading u = readings.value(row.index);
        o.insert(u"quota"_s, u.entry ? QJsonValue(u.entry->toJson()) : QJsonValue(QJsonValue::Null));
        accounts.append(o);
    }
    text +=
        u"\n%1 Codex available | %2 signed in only | %3 need re-login\n"_s.arg(available).arg(signedIn).arg(needLogin);
    const QJsonObject json{{u"summary"_s, QJsonObject{{u"total"_s, int(rows.size())},
                                                      {u"available"_s, available},
                                                      {u"signedInOnly"_s, signedIn},
                                                      {u"needReLogin"_s, needLogin},
                                                      {u"errors"_s, errors}}},
                           {u"accounts"_s, accounts}};
    if (keychainDown > 0 && available == 0) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s), json);
    }
    if (available == 0) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::NoUsableAccount, u"no account is available"_s), json);
    }
    bool enabledUnavailable = false;
    for (const Row &row : std::as_const(rows))
        enabledUnavailable =
            enabledUnavailable || (pool.accounts[row.index].isEnabled() && row.outcome != "available"_L1);
    if (enabledUnavailable) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::Auth, u"some enabled accounts are not available"_s), json);
    }
    return ctx.succeed(text, json);
}

int runFix(CommandContext &ctx)
{
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    const bool live = ctx.args().has(u"--live"_s);
    if (ctx.args().has(u"--model"_s) && !live)
        return ctx.fail(makeError(ErrorCode::Usage, u"--model needs --live"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const AccountPool pool = loaded->pool;
    AppContext &app = ctx.app();
    RefreshService refresher(app);
    const qint64 now = Clock::instance().nowMs();
    QJsonArray reports;
    QString text;
    int healthy = 0, disabled = 0, warnings = 0, skipped = 0;
    QList<Account> toDisable;
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        QString outcome, message;
        if (!a.isEnabled()) {
            outcome = u"already-disabled"_s;
            message = u"already disabled"_s;
            ++skipped;
        } else if (a.authInvalidatedAt) {
            outcome = u"disabled-hard-failure"_s;
            message = u"token-invalid — re-login needed"_s;
            toDisable.append(a);
            ++disabled;
        } else {
            Result<TokenSet> t = app.repository().tokensOf(a);
            if (!t) {
                outcome = u"warning-soft-failure"_s;
                message = t.error().message;
                ++warnings;
            } else if (!RefreshService::isDue(a, t->accessToken, now, 900000) && !live) {
                outcome = u"healthy"_s;
                message = u"token valid"_s;
                ++healthy;
            } else if (dryRun) {
                outcome = u"healthy"_s;
                message = u"would refresh its token"_s;
                ++healthy;
            } else {
                const RefreshReport r =
                    refresher.refresh(RefreshRequest{a, RefreshMode::IfDue, u"proactive_expiry"_s, 900000});
                if (r.outcome != RefreshReport::Outcome::Failed) {
                    outcome = u"healthy"_s;
                    message = r.outcome == RefreshReport::Outcome::Refreshed ? u"token refreshed"_s : u"token valid"_s;
                    ++healthy;
                } else if (r.permanent) {
                    outcome = u"disabled-hard-failure"_s;
                    message = r.message;
                    toDisable.append(a);
                    ++disabled;
                } else {
                    outcome = u"warning-soft-failure"_s;
                    message = r.message;
                    ++warnings;
                }
            }
        }
        reports.append(QJsonObject{{u"index"_s, i},
                                   {u"label"_s, accountText(pool, i, ctx.redact())},
                                   {u"outcome"_s, outcome},
                                   {u"message"_s, message}});
        text += u"%1 %2: %3\n"_s.arg(outcome == "healthy"_L1                ? u"✓"_s
                                     : outcome == "warning-soft-failure"_L1 ? u"!"_s
                                                                            : u"-"_s,
                                     accountText(pool, i, ctx.redact()), message);
    }
    bool changed = false;
    if (!dryRun && !toDisable.isEmpty()) {
        Result<LoadedPool> saved = app.repository(true).update([&](AccountPool &p) {
            for (const Account &a : std::as_const(toDisable)) {
                const int i = findMatchingAccount(p.accounts, a, true);
                if (i >= 0 && p.accounts[i].isEnabled()) {
                    p.accounts[i].enabled = false;
                    p.accounts[i].disabledReason = u"auth-failure"_s;
                    changed = true;
                }
            }
            return success();
        });
        if (!saved)
            return ctx.fail(saved.error());
    }
    Result<LoadedPool> after = app.repository().load();
    std::optional<int> recommended;
    if (after) {
        const Recommendation rec = Forecaster::recommend(Forecaster::evaluateAll(after->pool, app.quotaCache(), now));
        recommended = rec.recommendedIndex;
    }
    text += u"Healthy %1 | disabled %2 | warnings %3 | skipped %4\n"_s.arg(healthy).arg(disabled).arg(warnings).arg(
        skipped);
    if (recommended && after && *recommended != after->pool.currentIndex())
        text += u"Switch with: codex-multi-auth --cli switch %1\n"_s.arg(*recommended + 1);
    return ctx.succeed(
        text,
        {{u"dryRun"_s, dryRun},
         {u"liveProbe"_s, live},
         {u"model"_s, ctx.args().value(u"--model"_s)},
         {u"changed"_s, changed},
         {u"quotaCacheChanged"_s, false},
         {u"quotaCacheSaveError"_s, QJsonValue::Null},
         {u"summary"_s,
          QJsonObject{
              {u"healthy"_s, healthy}, {u"disabled"_s, disabled}, {u"warnings"_s, warnings}, {u"skipped"_s, skipped}}},
         {u"recommendation"_s, recommended ? QJsonValue(*recommended) : QJsonValue(QJsonValue::Null)},
         {u"recommendedSwitchCommand"_s, recommended
                                             ? QJsonValue(u"codex-multi-auth --cli switch %1"_s.arg(*recommended + 1))
                                             : QJsonValue(QJsonValue::Null)},
         {u"reports"_s, reports}});
}

} // namespace cma::cli
