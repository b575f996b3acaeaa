// import <path> | --from-codex (docs/storage.md §14, docs/cli.md `import`).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/transferservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runImport(CommandContext &ctx)
{
    return importAccounts(ctx, {});
}

int importAccounts(CommandContext &ctx, const QString &codexAuthPath)
{
    const bool fromCodex = ctx.args().has(u"--from-codex"_s);
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    if (fromCodex == (ctx.args().positional.size() == 1) || ctx.args().positional.size() > 1)
        return ctx.fail(
            makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli import <path> | --from-codex [--dry-run]"_s));
    TransferService transfer(ctx.app());
    ImportRequest request;
    request.fromCodex = fromCodex;
    request.codexAuthPath = codexAuthPath;
    if (!fromCodex)
        request.path = ctx.args().positional.first();
    request.passphrase = [&ctx] { return readPassphrase(ctx, false); };
    Result<ImportBatch> batch = transfer.readImport(request);
    if (!batch)
        return ctx.fail(batch.error());
    for (const QString &p : std::as_const(batch->problems))
        ctx.console().err() << "warning: " << p << "\n";

    Result<ImportOutcome> done = makeError(ErrorCode::Io, QString());
    if (dryRun) {
        Result<LoadedPool> loaded = loadForReading(ctx);
        if (!loaded)
            return ctx.fail(loaded.error());
        done = transfer.mergeImport(batch.value(), &loaded->pool);
    } else {
        done = transfer.mergeImport(batch.value());
    }
    if (!done)
        return ctx.fail(done.error());
    return ctx.succeed(u"%1Imported %2, updated %3, skipped %4. Total: %5"_s.arg(dryRun ? u"Dry run: "_s : QString())
                           .arg(done->imported)
                           .arg(done->updated)
                           .arg(done->skipped)
                           .arg(done->total),
                       {{u"dryRun"_s, dryRun},
                        {u"source"_s, batch->source},
                        {u"imported"_s, done->imported},
                        {u"updated"_s, done->updated},
                        {u"skipped"_s, done->skipped},
                        {u"total"_s, done->total}});
}

} // namespace cma::cli
