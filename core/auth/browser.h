#pragma once

#include <QProcessEnvironment>
#include <QUrl>

namespace cma {

/// CODEX_AUTH_NO_BROWSER, or BROWSER set to 0/false/no/off/none: show the link instead.
bool browserDisabled(const QProcessEnvironment &env);

/// Opens \a url with `$BROWSER` (first of a colon list, `%s` replaced or the URL appended), else
/// xdg-open. False when nothing could be started.
bool openBrowser(const QUrl &url, const QProcessEnvironment &env);

} // namespace cma
