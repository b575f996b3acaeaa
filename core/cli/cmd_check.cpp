// check [<sel>…] [--no-probe] (docs/cli.md).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/healthservice.h"
#include "util/clock.h"
#include "util/timefmt.h"

#include <cmath>

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

QString detailText(const CheckRow &row, qint64 now)
{
    switch (row.note) {
    case CheckRow::Note::KeychainUnavailable:
        return u"keychain unavailable"_s;
    case CheckRow::Note::SecretMissing:
        return u"secret missing — re-login needed"_s;
    case CheckRow::Note::RefreshRefused:
        return u"refresh failed: %1 — re-login needed"_s.arg(row.detail);
    case CheckRow::Note::RefreshFailedStillWorks:
        return u"refresh failed (%1) but this account still works right now"_s.arg(row.detail);
    case CheckRow::Note::RefreshFailed:
        return u"refresh failed: %1"_s.arg(row.detail);
    case CheckRow::Note::LiveCheckSkipped:
        return u"signed in (live check skipped)"_s;
    case CheckRow::Note::LiveCheckSkippedNoAccountId:
        return u"signed in (live check skipped: missing account ID)"_s;
    case CheckRow::Note::LiveCheckFailed:
        return u"signed in (live check failed: %1)"_s.arg(row.detail);
    case CheckRow::Note::LiveSessionOk:
        break;
    }
    return u"live session OK (%1)"_s.arg(quotaSummary(row.reading.entry, now));
}

} // namespace

int runCheck(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    CheckRequest request;
    request.pool = loaded->pool;
    request.probe = !ctx.args().has(u"--no-probe"_s);
    if (!ctx.args().positional.isEmpty()) {
        Result<QList<int>> sel = resolveSelectors(request.pool, ctx.args().positional);
        if (!sel)
            return ctx.fail(sel.error());
        request.indexes = sel.value();
    }
    Result<CheckOutcome> done = HealthService(ctx.app()).check(request);
    if (!done)
        return ctx.fail(done.error());
    const AccountPool &pool = request.pool;
    const qint64 now = Clock::instance().nowMs();
    QString text = u"Checking %1 account(s) with quick check%2...\n"_s.arg(done->rows.size())
                       .arg(request.probe ? u" + live check"_s : QString());
    QJsonArray accounts;
    for (const CheckRow &row : std::as_const(done->rows)) {
        const QString mark = row.state == CheckRow::State::Available      ? u"✓"_s
                             : row.state == CheckRow::State::SignedInOnly ? u"!"_s
                                                                          : u"✗"_s;
        const QString detail = detailText(row, now);
        text += u"  %1 %2 | %3%4\n"_s.arg(mark, accountText(pool, row.index, ctx.redact()), detail,
                                          row.reEnabled ? u" (re-enabled)"_s : QString());
        QJsonObject o = accountObject(pool, row.index, AccountFacts{}, now, ctx.redact());
        o.insert(u"outcome"_s, HealthService::stateName(row.state));
        o.insert(u"detail"_s, detail);
        o.insert(u"refreshed"_s, row.refreshed);
        o.insert(u"reEnabled"_s, row.reEnabled);
        const UsageReading u = done->readings.value(row.index);
        o.insert(u"quota"_s, u.entry ? QJsonValue(u.entry->toJson()) : QJsonValue(QJsonValue::Null));
        accounts.append(o);
    }
    text += u"\n%1 Codex available | %2 signed in only | %3 need re-login\n"_s.arg(done->available)
                .arg(done->signedInOnly)
                .arg(done->needReLogin);
    const QJsonObject json{{u"summary"_s, QJsonObject{{u"total"_s, int(done->rows.size())},
                                                      {u"available"_s, done->available},
                                                      {u"signedInOnly"_s, done->signedInOnly},
                                                      {u"needReLogin"_s, done->needReLogin},
                                                      {u"errors"_s, done->errors}}},
                           {u"accounts"_s, accounts}};
    std::optional<Error> failure;
    if (done->keychainDown > 0 && done->available == 0)
        failure = makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
    else if (done->available == 0)
        failure = makeError(ErrorCode::NoUsableAccount, u"no account is available"_s);
    else if (done->enabledUnavailable)
        failure = makeError(ErrorCode::Auth, u"some enabled accounts are not available"_s);
    if (failure) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(*failure, json);
    }
    return ctx.succeed(text, json);
}

} // namespace cma::cli
