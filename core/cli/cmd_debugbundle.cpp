// debug bundle [--out <path>]: what a bug report needs, redacted.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/healthservice.h"
#include "util/atomicfile.h"

#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cma::cli {

int runDebugBundle(CommandContext &ctx)
{
    const QByteArray text = HealthService(ctx.app()).debugBundle();
    const QJsonObject bundle = QJsonDocument::fromJson(text).object();
    if (ctx.args().has(u"--out"_s)) {
        const QString out = QFileInfo(ctx.args().value(u"--out"_s)).absoluteFilePath();
        if (Status s = writeFileAtomically(out, text + "\n", 0600); !s)
            return ctx.fail(s.error());
        return ctx.succeed(u"Wrote the debug bundle to %1."_s.arg(out), {{u"path"_s, out}, {u"bundle"_s, bundle}});
    }
    return ctx.succeed(QString::fromUtf8(text), {{u"bundle"_s, bundle}});
}

} // namespace cma::cli
