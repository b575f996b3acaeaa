#include "cli/commands.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runVersion(CommandContext &ctx)
{
    return ctx.succeed(CliApp::versionText(),
                       QJsonObject{{u"version"_s, QStringLiteral(CMA_VERSION)},
                                   {u"qtVersion"_s, QString::fromLatin1(qVersion())},
                                   {u"codexCompatVersion"_s, QString::fromLatin1(Endpoints::kCodexCompatVersion)}});
}

} // namespace cma::cli
