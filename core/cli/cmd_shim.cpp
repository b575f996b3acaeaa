// shim status|install|remove [--dir <dir>] (docs/cli.md §1.1).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexshim.h"
#include "services/integrationservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runShim(CommandContext &ctx)
{
    const QString verb = ctx.args().command.section(u' ', 1);
    const QString dir = ctx.args().value(u"--dir"_s);
    IntegrationService integration(ctx.app());
    auto report = [&](const QString &text, const ShimState &s) {
        return ctx.succeed(text, {{u"installed"_s, s.installed},
                                  {u"path"_s, s.link},
                                  {u"target"_s, s.installed ? QJsonValue(s.target) : QJsonValue(QJsonValue::Null)},
                                  {u"onPathBeforeOfficial"_s, s.installed && s.onPathBeforeOfficial}});
    };
    if (verb == "status"_L1) {
        const ShimState s = integration.shimState(dir);
        if (!s.installed)
            return report(u"The codex shim is not installed (%1)."_s.arg(s.link), s);
        return report(
            u"The codex shim is installed: %1 → %2.%3"_s.arg(
                s.link, s.target,
                s.onPathBeforeOfficial ? QString() : u" It is not on PATH ahead of the official Codex CLI."_s),
            s);
    }
    if (verb == "install"_L1) {
        Result<ShimState> done = integration.installShim(dir);
        if (!done)
            return ctx.fail(done.error());
        if (!done->onPathBeforeOfficial)
            ctx.console().err() << "warning: " << (dir.isEmpty() ? CodexShim::defaultShimDir(ctx.env()) : dir)
                                << " is not on PATH ahead of the official Codex CLI; put it first to use the shim.\n";
        return report(u"Installed the codex shim: %1 → %2."_s.arg(done->link, done->target), done.value());
    }
    const ShimState before = integration.shimState(dir);
    if (!before.installed)
        return report(u"No codex shim to remove at %1."_s.arg(before.link), before);
    Result<ShimState> done = integration.removeShim(dir);
    if (!done)
        return ctx.fail(done.error());
    return report(u"Removed the codex shim %1."_s.arg(before.link), done.value());
}

} // namespace cma::cli
