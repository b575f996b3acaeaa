#include "browser.h"

#include <QProcess>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
bool truthy(const QString &v)
{
    return QStringList{u"1"_s, u"true"_s, u"yes"_s, u"on"_s}.contains(v.trimmed().toLower());
}

} // namespace

bool browserDisabled(const QProcessEnvironment &env)
{
    if (truthy(env.value(u"CODEX_AUTH_NO_BROWSER"_s)))
        return true;
    return QStringList{u"0"_s, u"false"_s, u"no"_s, u"off"_s, u"none"_s}.contains(
        env.value(u"BROWSER"_s).trimmed().toLower());
}

bool openBrowser(const QUrl &url, const QProcessEnvironment &env)
{
    const QString link = QString::fromUtf8(url.toEncoded());
    QString browser = env.value(u"BROWSER"_s).trimmed().section(u':', 0, 0);
    QStringList command = browser.isEmpty() ? QStringList{u"xdg-open"_s} : QProcess::splitCommand(browser);
    if (command.isEmpty())
        return false;
    bool replaced = false;
    for (QString &part : command) {
        if (part.contains(u"%s"_s)) {
            part.replace(u"%s"_s, link);
            replaced = true;
        }
    }
    if (!replaced)
        command.append(link);
    const QString program = command.takeFirst();
    QProcess p;
    p.setProgram(program);
    p.setArguments(command);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    return p.startDetached();
}

} // namespace cma
