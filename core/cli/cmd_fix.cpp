// fix [--dry-run] [--live [--model <m>]] (docs/cli.md).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/healthservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

QString messageText(const FixRow &row)
{
    switch (row.note) {
    case FixRow::Note::AlreadyDisabled:
        return u"already disabled"_s;
    case FixRow::Note::TokenInvalid:
        return u"token-invalid — re-login needed"_s;
    case FixRow::Note::TokenValid:
        return u"token valid"_s;
    case FixRow::Note::WouldRefresh:
        return u"would refresh its token"_s;
    case FixRow::Note::TokenRefreshed:
        return u"token refreshed"_s;
    case FixRow::Note::SecretUnreadable:
    case FixRow::Note::RefreshFailed:
        break;
    }
    return row.detail;
}

} // namespace

int runFix(CommandContext &ctx)
{
    FixRequest request;
    request.dryRun = ctx.args().has(u"--dry-run"_s);
    request.live = ctx.args().has(u"--live"_s);
    if (ctx.args().has(u"--model"_s) && !request.live)
        return ctx.fail(makeError(ErrorCode::Usage, u"--model needs --live"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    request.pool = loaded->pool;
    Result<FixOutcome> done = HealthService(ctx.app()).fix(request);
    if (!done)
        return ctx.fail(done.error());
    QJsonArray reports;
    QString text;
    for (const FixRow &row : std::as_const(done->rows)) {
        const QString label = accountText(request.pool, row.index, ctx.redact());
        const QString message = messageText(row);
        reports.append(QJsonObject{{u"index"_s, row.index},
                                   {u"label"_s, label},
                                   {u"outcome"_s, HealthService::stateName(row.state)},
                                   {u"message"_s, message}});
        text += u"%1 %2: %3\n"_s.arg(row.state == FixRow::State::Healthy              ? u"✓"_s
                                     : row.state == FixRow::State::WarningSoftFailure ? u"!"_s
                                                                                      : u"-"_s,
                                     label, message);
    }
    text += u"Healthy %1 | disabled %2 | warnings %3 | skipped %4\n"_s.arg(done->healthy)
                .arg(done->disabled)
                .arg(done->warnings)
                .arg(done->skipped);
    const std::optional<int> &recommended = done->recommended;
    if (recommended && *recommended != done->currentAfter)
        text += u"Switch with: codex-multi-auth --cli switch %1\n"_s.arg(*recommended + 1);
    return ctx.succeed(text,
                       {{u"dryRun"_s, request.dryRun},
                        {u"liveProbe"_s, request.live},
                        {u"model"_s, ctx.args().value(u"--model"_s)},
                        {u"changed"_s, done->changed},
                        {u"quotaCacheChanged"_s, false},
                        {u"quotaCacheSaveError"_s, QJsonValue::Null},
                        {u"summary"_s, QJsonObject{{u"healthy"_s, done->healthy},
                                                   {u"disabled"_s, done->disabled},
                                                   {u"warnings"_s, done->warnings},
                                                   {u"skipped"_s, done->skipped}}},
                        {u"recommendation"_s, recommended ? QJsonValue(*recommended) : QJsonValue(QJsonValue::Null)},
                        {u"recommendedSwitchCommand"_s,
                         recommended ? QJsonValue(u"codex-multi-auth --cli switch %1"_s.arg(*recommended + 1))
                                     : QJsonValue(QJsonValue::Null)},
                        {u"reports"_s, reports}});
}

} // namespace cma::cli
