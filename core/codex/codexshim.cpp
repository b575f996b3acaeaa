#include "codexshim.h"

#include <QDir>
#include <QFileInfo>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

bool CodexShim::isCodexName(const QString &programPath)
{
    return QFileInfo(programPath).completeBaseName().compare(u"codex"_s, Qt::CaseSensitive) == 0;
}

QString CodexShim::defaultShimDir(const QProcessEnvironment &env)
{
    return env.value(u"HOME"_s, QDir::homePath()) + u"/.local/bin"_s;
}

Result<QString> CodexShim::findRealCodex(const QProcessEnvironment &env, const QString &self)
{
    for (const char *var : {"CODEX_MULTI_AUTH_REAL_CODEX", "CODEX_MULTI_AUTH_REAL_CODEX_BIN"}) {
        const QString set = env.value(QString::fromLatin1(var)).trimmed();
        if (!set.isEmpty()) {
            if (QFileInfo(set).isExecutable())
                return set;
            return makeError(ErrorCode::NotFound, u"codex-multi-auth: %1 points to %2, which does not exist"_s.arg(
                                                      QString::fromLatin1(var), set));
        }
    }
    const QString selfReal = QFileInfo(self).canonicalFilePath();
    for (const QString &dir : env.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts)) {
        const QFileInfo candidate(dir + u"/codex"_s);
        if (!candidate.isFile() || !candidate.isExecutable())
            continue;
        if (candidate.canonicalFilePath() == selfReal)
            continue;
        return candidate.absoluteFilePath();
    }
    return makeError(
        ErrorCode::NotFound,
        u"codex-multi-auth: the official Codex CLI was not found on PATH; install it or set CODEX_MULTI_AUTH_REAL_CODEX"_s);
}

int CodexShim::execReplacing(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QList<QByteArray> argStore;
    argStore.append(QFile::encodeName(program));
    for (const QString &a : args)
        argStore.append(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QList<QByteArray> envStore;
    for (const QString &kv : env.toStringList())
        envStore.append(kv.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(argStore.first().constData(), argv.data(), envp.data());
    return 127;
}

} // namespace cma
