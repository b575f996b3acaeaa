#pragma once

#include "util/result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace cma {

namespace cli {
class Console;
}

/// The executable under the name `codex` (docs/cli.md §1.1):
///  * `codex auth …` (also `multi auth`, `multi-auth`, `multiauth`) runs our CLI;
///  * `codex login` / `codex logout` over a pooled live account are guarded (docs/protocol.md §8.1):
///    login runs our login with --activate, logout signs Codex out locally without revoking;
///  * everything else is exec'd unchanged on the official CLI, so its exit code is ours.
class CodexShim
{
public:
    /// True when \a programPath names `codex` (without extension).
    static bool isCodexName(const QString &programPath);

    /// The official CLI: CODEX_MULTI_AUTH_REAL_CODEX(_BIN), else PATH without ourselves.
    /// NotFound (exit 127) when there is none.
    static Result<QString> findRealCodex(const QProcessEnvironment &env, const QString &self);

    /// Runs the shim; returns an exit code, or does not return at all when it exec's Codex.
    static int run(const QStringList &args, const QString &self, cli::Console &console,
                   QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

    /// Replaces this process with \a program (POSIX execv); returns only on failure.
    static int execReplacing(const QString &program, const QStringList &args, const QProcessEnvironment &env);

    /// `shim status|install|remove` support: the default directory and the link it makes.
    static QString defaultShimDir(const QProcessEnvironment &env);
};

} // namespace cma
