#pragma once

#include "cli/cliapp.h"

namespace cma::cli {

/// Registers every command handler; each command (or group, like `account …`) lives in its own
/// cmd_<name>.cpp.
void registerCommands(QHash<QString, CommandHandler> &handlers);

// One function per command file.
int runHelp(CommandContext &ctx);
int runVersion(CommandContext &ctx);
int runStatus(CommandContext &ctx);
int runUnpin(CommandContext &ctx);
int runAccountPolicy(CommandContext &ctx);
int runAccountEnable(CommandContext &ctx);
int runAccountPolicyList(CommandContext &ctx);
int runRemove(CommandContext &ctx);
int runSecrets(CommandContext &ctx);
int runExport(CommandContext &ctx);
int runImport(CommandContext &ctx);
/// `import` with the given `--from-codex` source instead of Codex's own auth.json (the shim
/// imports a login the official CLI made in a scratch folder).
int importAccounts(CommandContext &ctx, const QString &codexAuthPath);
int runSwitch(CommandContext &ctx);
int runRefresh(CommandContext &ctx);
int runCodexStore(CommandContext &ctx);
int runLogin(CommandContext &ctx);
int runShim(CommandContext &ctx);
int runQuota(CommandContext &ctx);
int runForecast(CommandContext &ctx);
int runBest(CommandContext &ctx);
int runCheck(CommandContext &ctx);
int runFix(CommandContext &ctx);
int runDoctor(CommandContext &ctx);
int runConfig(CommandContext &ctx);
int runDebugBundle(CommandContext &ctx);
int runWorkspace(CommandContext &ctx);
int runUninstall(CommandContext &ctx);
int runResetRateLimits(CommandContext &ctx);
int runVerifyFlagged(CommandContext &ctx);
int runReport(CommandContext &ctx);

} // namespace cma::cli
