// doctor [--fix [--dry-run]] (docs/cli.md §5 `doctor`).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/healthservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runDoctor(CommandContext &ctx)
{
    DoctorRequest request;
    request.fix = ctx.args().has(u"--fix"_s);
    request.dryRun = ctx.args().has(u"--dry-run"_s);
    if (request.dryRun && !request.fix)
        return ctx.fail(makeError(ErrorCode::Usage, u"--dry-run goes with --fix"_s));
    Result<DoctorReport> report = HealthService(ctx.app()).doctor(request);
    if (!report)
        return ctx.fail(report.error());
    QString text;
    QJsonArray list;
    for (const DoctorCheck &c : std::as_const(report->checks)) {
        text += u"%1 %2: %3\n"_s.arg(c.severity == DoctorCheck::Severity::Ok     ? u"✓"_s
                                     : c.severity == DoctorCheck::Severity::Warn ? u"!"_s
                                                                                 : u"✗"_s,
                                     c.key, c.message);
        list.append(QJsonObject{{u"key"_s, c.key},
                                {u"severity"_s, HealthService::severityName(c.severity)},
                                {u"message"_s, c.message},
                                {u"details"_s, c.details.isUndefined() ? QJsonValue(QJsonValue::Null) : c.details}});
    }
    text += u"ok %1 | warn %2 | error %3\n"_s.arg(report->ok).arg(report->warn).arg(report->error);
    QJsonArray actions;
    for (const DoctorAction &a : std::as_const(report->actions)) {
        text += u"fix: "_s + a.message + u'\n';
        actions.append(QJsonObject{{u"key"_s, a.key}, {u"message"_s, a.message}});
    }
    const QJsonObject json{
        {u"storagePath"_s, report->poolPath},
        {u"summary"_s, QJsonObject{{u"ok"_s, report->ok}, {u"warn"_s, report->warn}, {u"error"_s, report->error}}},
        {u"checks"_s, list},
        {u"fix"_s, QJsonObject{{u"enabled"_s, request.fix},
                               {u"dryRun"_s, request.dryRun},
                               {u"changed"_s, !actions.isEmpty() && !request.dryRun},
                               {u"actions"_s, actions}}}};
    if (report->error > 0) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::Io, u"%1 check(s) failed"_s.arg(report->error)), json);
    }
    return ctx.succeed(text, json);
}

} // namespace cma::cli
