// secrets status, secrets use keychain|file.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/secretsservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runSecrets(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    if (ctx.args().command == "secrets status"_L1) {
        Result<LoadedPool> loaded = loadForReading(ctx, true);
        if (!loaded)
            return ctx.fail(loaded.error());
        const SecretsStatus s = SecretsService(app).status(loaded->pool);
        QString text = u"Secrets: %1 (%2). %3 in keychain, %4 plaintext, %5 missing."_s
                           .arg(secretModeName(s.mode), s.reachable ? u"reachable"_s : u"unreachable"_s)
                           .arg(s.keychain)
                           .arg(s.plaintext)
                           .arg(s.missing);
        for (const QString &b : s.plaintextBackups)
            text += u"\nContains plaintext tokens: "_s + app.paths().displayPath(b);
        return ctx.succeed(
            text, {{u"mode"_s, secretModeName(s.mode)},
                   {u"reachable"_s, s.reachable},
                   {u"counts"_s,
                    QJsonObject{{u"keychain"_s, s.keychain}, {u"plaintext"_s, s.plaintext}, {u"missing"_s, s.missing}}},
                   {u"plaintextBackups"_s, QJsonArray::fromStringList(s.plaintextBackups)}});
    }
    const QString target = ctx.args().positional.value(0);
    if (ctx.args().positional.size() != 1 || (target != "keychain"_L1 && target != "file"_L1))
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli secrets use keychain|file"_s));
    const SecretMode mode = target == "keychain"_L1 ? SecretMode::Keychain : SecretMode::File;
    Result<SecretsConversion> done = SecretsService(app).use(mode);
    if (!done)
        return ctx.fail(done.error());
    const QString text =
        mode == SecretMode::Keychain
            ? u"Moved %1 account(s) into the keychain; removed %2 plaintext recovery files."_s.arg(done->converted)
                  .arg(done->removedFiles.size())
            : u"Moved %1 account(s) out of the keychain into %2."_s.arg(done->converted).arg(done->poolPath);
    return ctx.succeed(text, {{u"mode"_s, target},
                              {u"converted"_s, done->converted},
                              {u"removedFiles"_s, QJsonArray::fromStringList(done->removedFiles)}});
}

} // namespace cma::cli
