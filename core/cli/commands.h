#pragma once

#include "cli/cliapp.h"

namespace cma::cli {

/// Registers every command handler; each command lives in its own cmd_<name>.cpp.
void registerCommands(QHash<QString, CommandHandler> &handlers);

// One function per command file.
int runHelp(CommandContext &ctx);
int runVersion(CommandContext &ctx);

} // namespace cma::cli
