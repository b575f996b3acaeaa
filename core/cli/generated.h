#pragma once

#include <QString>

namespace cma::cli {

/// Shell completions and the man page, generated from the command table the parser uses, so
/// there is no second list to keep in sync. The build writes them with
/// `codex-multi-auth --cli __generate bash|zsh|fish|man`.
QString bashCompletion();
QString zshCompletion();
QString fishCompletion();
QString manPage();

} // namespace cma::cli
