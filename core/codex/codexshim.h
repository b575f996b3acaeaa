#pragma once

#include "util/result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace cma {

/// What the `codex` name needs from the system: recognising the name, finding the official CLI,
/// replacing this process with it, and where the shim's link goes. The face itself (what `codex …`
/// does) is cli::runAsCodex.
class CodexShim
{
public:
    /// True when \a programPath names `codex` (without extension).
    static bool isCodexName(const QString &programPath);

    /// The official CLI: CODEX_MULTI_AUTH_REAL_CODEX(_BIN), else PATH without ourselves.
    /// NotFound (exit 127) when there is none.
    static Result<QString> findRealCodex(const QProcessEnvironment &env, const QString &self);

    /// Replaces this process with \a program (POSIX execv); returns only on failure.
    static int execReplacing(const QString &program, const QStringList &args, const QProcessEnvironment &env);

    /// `shim status|install|remove` support: the default directory and the link it makes.
    static QString defaultShimDir(const QProcessEnvironment &env);
};

} // namespace cma
