#pragma once

#include "session/poolview.h"
#include "theme/theme.h"

namespace cma::ui {

/// A badge's tone (docs/ui.md §5: success, warning, danger, muted).
Tone badgeTone(const QString &badge);

} // namespace cma::ui
