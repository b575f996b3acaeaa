#pragma once

#include <QString>

class QTranslator;

namespace cma::ui {

/// Where the compiled translations (`codex-multi-auth_de.qm`) are: CMA_TRANSLATIONS_DIR, the
/// bundle's `Contents/Resources/translations` (macOS), the installed
/// `share/codex-multi-auth/translations` next to the executable's prefix (Linux, Windows), or the
/// build tree's `translations/`.
QString translationsDir();

/// Replaces the installed application translation with the one for \a language (`system`, `en`,
/// `de`); English loads its plural forms. Returns true when a non-English translation is in use.
bool useLanguage(const QString &language);

} // namespace cma::ui
