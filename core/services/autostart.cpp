#include "autostart.h"

#include "util/atomicfile.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma {

Autostart::Autostart(const QProcessEnvironment &env)
    : m_path(env.value(u"XDG_CONFIG_HOME"_s, env.value(u"HOME"_s, QDir::homePath()) + u"/.config"_s) +
             u"/autostart/codex-multi-auth.desktop"_s)
{}

bool Autostart::enabled() const
{
    return QFileInfo::exists(m_path);
}

Status Autostart::setEnabled(bool on)
{
    if (!on) {
        if (QFile::remove(m_path) || !QFileInfo::exists(m_path))
            return success();
        return makeError(ErrorCode::Io, u"cannot remove %1"_s.arg(m_path));
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return makeError(ErrorCode::Io, u"cannot create %1"_s.arg(QFileInfo(m_path).absolutePath()));
    const QByteArray entry =
        "[Desktop Entry]\nType=Application\nName=Codex Multi-Auth\nExec=codex-multi-auth --minimized\n"
        "TryExec=codex-multi-auth\nIcon=codex-multi-auth\nX-GNOME-Autostart-enabled=true\nNoDisplay=false\n";
    return writeFileAtomically(m_path, entry, 0644);
}

} // namespace cma
