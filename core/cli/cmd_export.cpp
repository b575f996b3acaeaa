// export (docs/storage.md §14, docs/cli.md `export`).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/transferservice.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma::cli {

int runExport(CommandContext &ctx)
{
    const QString format = ctx.args().has(u"--format"_s) ? ctx.args().value(u"--format"_s) : u"encrypted"_s;
    if (format != "encrypted"_L1 && format != "reference"_L1)
        return ctx.fail(makeError(ErrorCode::Usage, u"--format is encrypted or reference"_s));
    ExportRequest request;
    request.format = format == "reference"_L1 ? ExportFormat::Reference : ExportFormat::Encrypted;
    TransferService transfer(ctx.app());
    const QStringList &pos = ctx.args().positional;
    if (ctx.args().has(u"--name"_s) == (pos.size() == 1) || pos.size() > 1)
        return ctx.fail(makeError(
            ErrorCode::Usage,
            u"usage: codex-multi-auth --cli export (<path> | --name <name>) [--format encrypted|reference]"_s));
    if (ctx.args().has(u"--name"_s)) {
        Result<QString> path = transfer.backupPath(ctx.args().value(u"--name"_s), request.format);
        if (!path)
            return ctx.fail(path.error());
        request.path = path.value();
    } else {
        request.path = QFileInfo(pos.first()).absoluteFilePath();
    }
    if (QFileInfo::exists(request.path) && !ctx.args().has(u"--force"_s))
        return ctx.fail(makeError(ErrorCode::Usage, u"%1 exists; pass --force to replace it"_s.arg(request.path)));
    if (request.format == ExportFormat::Reference) {
        if (Status s = confirm(ctx, u"The reference format holds every token in clear. Write %1?"_s.arg(request.path));
            !s)
            return ctx.fail(s.error());
    }
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    request.passphrase = [&ctx] { return readPassphrase(ctx, true); };
    Result<ExportOutcome> done = transfer.exportPool(loaded->pool, request);
    if (!done)
        return ctx.fail(done.error());
    return ctx.succeed(u"Exported %1 account(s) to %2 (%3)."_s.arg(done->accountCount).arg(done->path, format),
                       {{u"path"_s, done->path}, {u"format"_s, format}, {u"accountCount"_s, done->accountCount}});
}

} // namespace cma::cli
