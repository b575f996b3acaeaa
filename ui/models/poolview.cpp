#include "poolview.h"

using namespace Qt::StringLiterals;

namespace cma::ui {

Tone badgeTone(const QString &badge)
{
    if (badge == "active"_L1 || badge == "ok"_L1)
        return Tone::Success;
    if (badge == "quota-exhausted"_L1 || badge == "rate-limited"_L1 || badge == "cooldown"_L1)
        return Tone::Warning;
    if (badge == "disabled"_L1 || badge == "error"_L1 || badge == "flagged"_L1 || badge == "needs-login"_L1)
        return Tone::Danger;
    return Tone::Muted;
}

} // namespace cma::ui
