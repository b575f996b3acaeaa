#include "cli/commands.h"
#include "cli/commandtable.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runHelp(CommandContext &ctx)
{
    const QString topic = ctx.args().positional.join(u' ');
    if (topic.isEmpty()) {
        ctx.console().out() << CliApp::helpText();
        return 0;
    }
    if (const CommandSpec *spec = findCommand(topic)) {
        ctx.console().out() << CliApp::commandHelp(*spec);
        return 0;
    }
    return ctx.fail(makeError(ErrorCode::Usage, u"unknown command: %1"_s.arg(topic)));
}

} // namespace cma::cli
