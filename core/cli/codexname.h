#pragma once

#include "net/endpoints.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace cma {
class AppContext;
}

namespace cma::cli {

class Console;

/// The executable under the name `codex` (docs/cli.md §1.1), a face beside the command line:
///  * `codex auth …` (also `multi auth`, `multi-auth`, `multiauth`) runs our command line;
///  * `codex login` / `codex logout` over a pooled live account are guarded (docs/protocol.md §8.1):
///    login runs our login with --activate, logout signs Codex out locally without revoking;
///  * everything else is exec'd unchanged on the official CLI, so its exit code is ours.
/// A configuration error in the environment (\a endpoints) stops every form with exit 2; \a app is
/// null then. Returns an exit code, or does not return at all when it exec's Codex.
int runAsCodex(const QStringList &args, const QString &self, Console &console, const QProcessEnvironment &env,
               const Result<Endpoints> &endpoints, AppContext *app);

} // namespace cma::cli
