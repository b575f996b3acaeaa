#pragma once

#include "util/result.h"

#include <QProcessEnvironment>

namespace cma {

/// "Start at login": the desktop's autostart entry (`$XDG_CONFIG_HOME/autostart/
/// codex-multi-auth.desktop`). The entry itself is the only truth; nothing else records it.
class Autostart
{
public:
    explicit Autostart(const QProcessEnvironment &env);

    QString path() const { return m_path; }
    bool enabled() const;
    /// Writes (or removes) the entry; the tray starts minimized from it.
    Status setEnabled(bool on);

private:
    QString m_path;
};

} // namespace cma
