#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexshim.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {
QString selfPath()
{
    const QString app = QCoreApplication::applicationFilePath();
    return app.isEmpty() ? QFileInfo(u"/proc/self/exe"_s).canonicalFilePath() : app;
}

/// Whether \a dir comes before the official CLI's folder on PATH.
bool beforeOfficial(const QProcessEnvironment &env, const QString &dir, const QString &self)
{
    const QString wanted = QFileInfo(dir).canonicalFilePath();
    for (const QString &d : env.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts)) {
        const QString canon = QFileInfo(d).canonicalFilePath();
        if (!wanted.isEmpty() && canon == wanted)
            return true;
        const QFileInfo codex(d + u"/codex"_s);
        if (codex.isExecutable() && codex.canonicalFilePath() != QFileInfo(self).canonicalFilePath())
            return false;
    }
    return false;
}
} // namespace

int runShim(CommandContext &ctx)
{
    const QString verb = ctx.args().command.section(u' ', 1);
    const QString dir =
        ctx.args().has(u"--dir"_s) ? ctx.args().value(u"--dir"_s) : CodexShim::defaultShimDir(ctx.env());
    const QString link = QDir(dir).absoluteFilePath(u"codex"_s);
    const QString self = selfPath();
    const QFileInfo info(link);
    const bool ours =
        info.isSymLink() && QFileInfo(info.symLinkTarget()).canonicalFilePath() == QFileInfo(self).canonicalFilePath();
    auto report = [&](const QString &text, bool installed) {
        return ctx.succeed(text, {{u"installed"_s, installed},
                                  {u"path"_s, link},
                                  {u"target"_s, installed ? QJsonValue(self) : QJsonValue(QJsonValue::Null)},
                                  {u"onPathBeforeOfficial"_s, installed && beforeOfficial(ctx.env(), dir, self)}});
    };
    if (verb == "status"_L1) {
        if (!ours)
            return report(u"The codex shim is not installed (%1)."_s.arg(link), false);
        return report(u"The codex shim is installed: %1 → %2.%3"_s.arg(
                          link, self,
                          beforeOfficial(ctx.env(), dir, self)
                              ? QString()
                              : u" It is not on PATH ahead of the official Codex CLI."_s),
                      true);
    }
    if (verb == "install"_L1) {
        if (info.exists() && !ours && !info.isSymLink())
            return ctx.fail(
                makeError(ErrorCode::Io, u"%1 exists and is not our shim; nothing was changed"_s.arg(link)));
        if (!QDir().mkpath(dir))
            return ctx.fail(makeError(ErrorCode::Io, u"cannot create %1"_s.arg(dir)));
        if (info.isSymLink())
            QFile::remove(link);
        if (!QFile::link(self, link))
            return ctx.fail(makeError(ErrorCode::Io, u"cannot create the link %1"_s.arg(link)));
        if (!beforeOfficial(ctx.env(), dir, self))
            ctx.console().err() << "warning: " << dir
                                << " is not on PATH ahead of the official Codex CLI; put it first to use the shim.\n";
        return report(u"Installed the codex shim: %1 → %2."_s.arg(link, self), true);
    }
    // remove
    if (!ours)
        return report(u"No codex shim to remove at %1."_s.arg(link), false);
    if (!QFile::remove(link))
        return ctx.fail(makeError(ErrorCode::Io, u"cannot remove %1"_s.arg(link)));
    return report(u"Removed the codex shim %1."_s.arg(link), false);
}

} // namespace cma::cli
