// verify-flagged [--dry-run] [--no-restore] (docs/storage.md §6).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/healthservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runVerifyFlagged(CommandContext &ctx)
{
    VerifyFlaggedRequest request;
    request.dryRun = ctx.args().has(u"--dry-run"_s);
    request.restore = !ctx.args().has(u"--no-restore"_s);
    const bool restore = request.restore && !request.dryRun;
    Result<VerifyFlaggedOutcome> done = HealthService(ctx.app()).verifyFlagged(request);
    if (!done)
        return ctx.fail(done.error());
    QJsonArray reports;
    QString text;
    for (const FlaggedRow &row : std::as_const(done->rows)) {
        const QString label = accountLabelText(row.account, row.index + 1, ctx.redact());
        const QString outcome = HealthService::stateName(row.state);
        const QString message = row.state == FlaggedRow::State::RestoreSkipped ? u"dry run: not checked"_s
                                : row.state == FlaggedRow::State::StillFlagged ? row.detail
                                                                               : u"refresh succeeded"_s;
        reports.append(QJsonObject{
            {u"index"_s, row.index}, {u"label"_s, label}, {u"outcome"_s, outcome}, {u"message"_s, message}});
        text += u"%1: %2 (%3)\n"_s.arg(label, outcome, message);
    }
    const int total = done->total;
    text +=
        u"%1 flagged | %2 restored | %3 still flagged\n"_s.arg(total).arg(done->restored).arg(total - done->healthy);
    return ctx.succeed(text, {{u"total"_s, total},
                              {u"restored"_s, done->restored},
                              {u"healthyFlagged"_s, restore ? 0 : done->healthy},
                              {u"stillFlagged"_s, total - done->healthy},
                              {u"remainingFlagged"_s, total - done->restored},
                              {u"changed"_s, done->restored > 0},
                              {u"dryRun"_s, request.dryRun},
                              {u"restore"_s, restore},
                              {u"reports"_s, reports}});
}

} // namespace cma::cli
