#include "cli/commands.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

void registerCommands(QHash<QString, CommandHandler> &handlers)
{
    handlers.insert(u"help"_s, runHelp);
    handlers.insert(u"version"_s, runVersion);
    handlers.insert(u"status"_s, runStatus);
    handlers.insert(u"unpin"_s, runUnpin);
    for (const char *verb : {"tag", "untag", "note", "weight", "pause", "unpause", "drain", "undrain"})
        handlers.insert(u"account "_s + QLatin1String(verb), runAccountPolicy);
    handlers.insert(u"account enable"_s, runAccountEnable);
    handlers.insert(u"account disable"_s, runAccountEnable);
    handlers.insert(u"account policy list"_s, runAccountPolicyList);
    handlers.insert(u"remove"_s, runRemove);
    handlers.insert(u"secrets status"_s, runSecrets);
    handlers.insert(u"secrets use"_s, runSecrets);
    handlers.insert(u"export"_s, runExport);
    handlers.insert(u"import"_s, runImport);
    handlers.insert(u"switch"_s, runSwitch);
    handlers.insert(u"refresh"_s, runRefresh);
    handlers.insert(u"codex-store status"_s, runCodexStore);
    handlers.insert(u"codex-store pin-file"_s, runCodexStore);
    handlers.insert(u"login"_s, runLogin);
    handlers.insert(u"quota"_s, runQuota);
    handlers.insert(u"forecast"_s, runForecast);
    handlers.insert(u"best"_s, runBest);
    handlers.insert(u"check"_s, runCheck);
    handlers.insert(u"fix"_s, runFix);
    handlers.insert(u"doctor"_s, runDoctor);
    for (const char *verb : {"explain", "get", "set", "reset"})
        handlers.insert(u"config "_s + QLatin1String(verb), runConfig);
    handlers.insert(u"debug bundle"_s, runDebugBundle);
    handlers.insert(u"workspace"_s, runWorkspace);
    handlers.insert(u"uninstall"_s, runUninstall);
    handlers.insert(u"rotation reset-rate-limits"_s, runResetRateLimits);
    handlers.insert(u"verify-flagged"_s, runVerifyFlagged);
    handlers.insert(u"report"_s, runReport);
    for (const char *verb : {"status", "install", "remove"})
        handlers.insert(u"shim "_s + QLatin1String(verb), runShim);
}

} // namespace cma::cli
