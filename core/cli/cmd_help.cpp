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

int runVersion(CommandContext &ctx)
{
    return ctx.succeed(CliApp::versionText(),
                       QJsonObject{{u"version"_s, QStringLiteral(CMA_VERSION)},
                                   {u"qtVersion"_s, QString::fromLatin1(qVersion())},
                                   {u"codexCompatVersion"_s, QString::fromLatin1(Endpoints::kCodexCompatVersion)}});
}

void registerCommands(QHash<QString, CommandHandler> &handlers)
{
    handlers.insert(u"help"_s, runHelp);
    handlers.insert(u"version"_s, runVersion);
}

} // namespace cma::cli
