#include "accounts/poolnormalizer.h"
#include "cli/clisupport.h"
#include "cli/commands.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {
QStringList plaintextBackups(AppContext &app)
{
    const QString dir = app.paths().backupsDir() + u'/';
    QStringList out = plaintextTokenFiles(app.paths());
    out.removeIf([&](const QString &path) { return !path.startsWith(dir); });
    return out;
}
} // namespace

int runSecrets(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    if (ctx.args().command == "secrets status"_L1) {
        Result<LoadedPool> loaded = loadForReading(ctx, true);
        if (!loaded)
            return ctx.fail(loaded.error());
        AccountRepository &repo = app.repository();
        int keychain = 0, plaintext = 0, missing = 0;
        bool reachable = false;
        if (repo.keychain())
            reachable = repo.keychain()->probe().ok();
        for (const Account &a : loaded->pool.accounts) {
            if (!isKeychainMarker(a.refreshToken)) {
                ++plaintext;
                continue;
            }
            const SecretState s = reachable ? repo.secretState(a) : SecretState::Unavailable;
            keychain += s == SecretState::Keychain;
            missing += s == SecretState::Missing;
        }
        const QStringList backups = plaintextBackups(app);
        QString text = u"Secrets: %1 (%2). %3 in keychain, %4 plaintext, %5 missing."_s
                           .arg(secretModeName(repo.mode()), reachable ? u"reachable"_s : u"unreachable"_s)
                           .arg(keychain)
                           .arg(plaintext)
                           .arg(missing);
        for (const QString &b : backups)
            text += u"\nContains plaintext tokens: "_s + app.paths().displayPath(b);
        QJsonArray list;
        for (const QString &b : backups)
            list.append(b);
        return ctx.succeed(
            text, {{u"mode"_s, secretModeName(repo.mode())},
                   {u"reachable"_s, reachable},
                   {u"counts"_s,
                    QJsonObject{{u"keychain"_s, keychain}, {u"plaintext"_s, plaintext}, {u"missing"_s, missing}}},
                   {u"plaintextBackups"_s, list}});
    }
    const QString target = ctx.args().positional.value(0);
    if (ctx.args().positional.size() != 1 || (target != "keychain"_L1 && target != "file"_L1))
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli secrets use keychain|file"_s));
    const SecretMode mode = target == "keychain"_L1 ? SecretMode::Keychain : SecretMode::File;
    AccountRepository &repo = app.repository(true);
    Result<AccountRepository::Conversion> done = repo.convertTo(mode);
    if (!done)
        return ctx.fail(done.error());
    if (Status s = app.settings().setValue(u"desktop"_s, u"secretStorage"_s, target); !s)
        return ctx.fail(s.error());
    QJsonArray removed;
    for (const QString &f : done->removedFiles)
        removed.append(f);
    const QString text =
        mode == SecretMode::Keychain
            ? u"Moved %1 account(s) into the keychain; removed %2 plaintext recovery files."_s.arg(done->converted)
                  .arg(done->removedFiles.size())
            : u"Moved %1 account(s) out of the keychain into %2."_s.arg(done->converted).arg(repo.store().path());
    return ctx.succeed(text, {{u"mode"_s, target}, {u"converted"_s, done->converted}, {u"removedFiles"_s, removed}});
}

} // namespace cma::cli
