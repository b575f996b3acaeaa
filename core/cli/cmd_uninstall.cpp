// uninstall [--dry-run] [--clear-accounts]: takes away what the program put into the system.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/integrationservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runUninstall(CommandContext &ctx)
{
    UninstallRequest request;
    request.dryRun = ctx.args().has(u"--dry-run"_s);
    request.clearAccounts = ctx.args().has(u"--clear-accounts"_s);
    if (!request.dryRun) {
        if (Status s = confirm(ctx, request.clearAccounts
                                        ? u"Remove the autostart entry and the codex shim, and delete every account?"_s
                                        : u"Remove the autostart entry and the codex shim?"_s);
            !s)
            return ctx.fail(s.error());
    }
    Result<UninstallOutcome> done = IntegrationService(ctx.app()).uninstall(request);
    if (!done)
        return ctx.fail(done.error());
    QString text = done->removed.isEmpty() ? u"Nothing to remove.\n"_s : QString();
    for (const QString &r : std::as_const(done->removed))
        text += (request.dryRun ? u"Would remove "_s : u"Removed "_s) + r + u'\n';
    text += u"Shared files (settings, policies, quota cache) stay for the Node version."_s;
    const QJsonObject json{{u"dryRun"_s, request.dryRun},
                           {u"removed"_s, QJsonArray::fromStringList(done->removed)},
                           {u"warnings"_s, QJsonArray::fromStringList(done->warnings)}};
    if (!done->warnings.isEmpty())
        return ctx.fail(makeError(ErrorCode::Io, u"some items could not be removed"_s), json);
    return ctx.succeed(text, json);
}

} // namespace cma::cli
