// export and import (docs/storage.md §14, docs/cli.md `export`, `import`).

#include "accounts/exportcodec.h"
#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexauth.h"
#include "util/atomicfile.h"
#include "util/clock.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

/// From --passphrase-file, CODEX_MULTI_AUTH_PASSPHRASE, or a no-echo prompt (twice when creating).
Result<QString> readPassphrase(CommandContext &ctx, bool creating)
{
    if (ctx.args().has(u"--passphrase-file"_s)) {
        Result<QByteArray> data = readWholeFile(ctx.args().value(u"--passphrase-file"_s), 64 * 1024);
        if (!data)
            return makeError(ErrorCode::Usage, u"cannot read the passphrase file: %1"_s.arg(data.error().message));
        QString pass = QString::fromUtf8(data.value());
        while (pass.endsWith(u'\n') || pass.endsWith(u'\r'))
            pass.chop(1);
        return pass;
    }
    const QString env = ctx.env().value(u"CODEX_MULTI_AUTH_PASSPHRASE"_s);
    if (!env.isEmpty())
        return env;
    if (!ctx.console().isInteractive())
        return makeError(ErrorCode::Usage,
                         u"a passphrase is needed: use --passphrase-file or CODEX_MULTI_AUTH_PASSPHRASE"_s);
    ctx.console().err() << "Passphrase: ";
    const QString first = ctx.console().readSecretLine();
    if (first.isNull())
        return makeError(ErrorCode::Interrupted, u"cancelled"_s);
    if (creating) {
        if (Status s = ExportCodec::checkPassphrase(first); !s)
            return s.error();
        ctx.console().err() << "Repeat the passphrase: ";
        if (ctx.console().readSecretLine() != first)
            return makeError(ErrorCode::Usage, u"the passphrases differ"_s);
    }
    return first;
}

Result<QString> exportPath(CommandContext &ctx, bool reference)
{
    const QString name = ctx.args().value(u"--name"_s);
    const QStringList &pos = ctx.args().positional;
    if (ctx.args().has(u"--name"_s) == (pos.size() == 1) || pos.size() > 1)
        return makeError(
            ErrorCode::Usage,
            u"usage: codex-multi-auth --cli export (<path> | --name <name>) [--format encrypted|reference]"_s);
    if (!ctx.args().has(u"--name"_s))
        return QFileInfo(pos.first()).absoluteFilePath();
    static const QRegularExpression valid(u"^[A-Za-z0-9_-]+$"_s);
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::Usage, u"a backup name may hold only letters, digits, _ and -"_s);
    if (Status s = ensurePrivateDir(ctx.app().paths().backupsDir()); !s)
        return s.error();
    return QString(ctx.app().paths().backupsDir() + u'/' + name + (reference ? u".json"_s : u".cma-backup"_s));
}

} // namespace

int runExport(CommandContext &ctx)
{
    const QString format = ctx.args().has(u"--format"_s) ? ctx.args().value(u"--format"_s) : u"encrypted"_s;
    if (format != "encrypted"_L1 && format != "reference"_L1)
        return ctx.fail(makeError(ErrorCode::Usage, u"--format is encrypted or reference"_s));
    const bool reference = format == "reference"_L1;
    Result<QString> path = exportPath(ctx, reference);
    if (!path)
        return ctx.fail(path.error());
    if (QFileInfo::exists(path.value()) && !ctx.args().has(u"--force"_s))
        return ctx.fail(makeError(ErrorCode::Usage, u"%1 exists; pass --force to replace it"_s.arg(path.value())));
    if (reference) {
        if (Status s = confirm(ctx, u"The reference format holds every token in clear. Write %1?"_s.arg(path.value()));
            !s)
            return ctx.fail(s.error());
    }
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    AccountPool pool = loaded->pool;
    if (pool.accounts.isEmpty())
        return ctx.fail(makeError(ErrorCode::NoUsableAccount, u"the pool is empty; nothing to export"_s));
    AccountRepository &repo = ctx.app().repository();
    for (Account &a : pool.accounts) {
        Result<TokenSet> t = repo.tokensOf(a);
        if (!t)
            return ctx.fail(
                makeError(t.error().code, u"%1: %2"_s.arg(a.email.value_or(a.trackerKey()), t.error().message)));
        repo.setTokens(a, t.value());
        a.secretId.clear();
    }
    QJsonObject policies;
    const QHash<QString, AccountPolicy> all =
        PolicyStore(ctx.app().paths().policiesPath(), ctx.app().paths().root + u"/account-policies.lock"_s).all();
    for (const Account &a : pool.accounts) {
        const QString key = PolicyStore::keyFor(a);
        if (all.contains(key))
            policies.insert(key, all.value(key).toJson());
    }
    QByteArray bytes = ExportCodec::referenceExport(pool, reference ? QJsonObject{} : policies);
    if (!reference) {
        Result<QString> pass = readPassphrase(ctx, true);
        if (!pass)
            return ctx.fail(pass.error());
        if (Status s = ExportCodec::checkPassphrase(pass.value()); !s)
            return ctx.fail(s.error());
        Result<QByteArray> sealed =
            ExportCodec::encrypt(bytes, pass.value(), Clock::instance().nowMs(), int(pool.accounts.size()));
        if (!sealed)
            return ctx.fail(sealed.error());
        bytes = sealed.value();
    }
    if (Status s = writeFileAtomically(path.value(), bytes, 0600); !s)
        return ctx.fail(s.error());
    return ctx.succeed(u"Exported %1 account(s) to %2 (%3)."_s.arg(pool.accounts.size()).arg(path.value(), format),
                       {{u"path"_s, path.value()}, {u"format"_s, format}, {u"accountCount"_s, pool.accounts.size()}});
}

namespace {

/// The account in Codex's auth.json as a pool record.
Result<Account> accountFromCodex(AppContext &app)
{
    Result<CodexAuth> live = CodexAuth::readFile(app.paths().codexAuthPath());
    if (!live)
        return makeError(live.error().code == ErrorCode::NotFound ? ErrorCode::NotFound : ErrorCode::Io,
                         u"Codex has no ChatGPT sign-in to import (%1)"_s.arg(live.error().message));
    if (!live->isChatGpt() || live->idToken.isEmpty() || live->accessToken.isEmpty())
        return makeError(ErrorCode::Io, u"%1 holds no ChatGPT sign-in (an API key or an incomplete file)"_s.arg(
                                            app.paths().codexAuthPath()));
    const TokenIdentity who = TokenIdentity::fromTokens(live->idToken, live->accessToken);
    Account a;
    a.email = who.email.isEmpty() ? std::nullopt : std::optional<QString>(who.email.trimmed().toLower());
    a.accountId = live->accountId.isEmpty()
                      ? (who.accountId.isEmpty() ? std::nullopt : std::optional<QString>(who.accountId))
                      : std::optional<QString>(live->accountId);
    a.accountIdSource = u"token"_s;
    a.userId = who.userId.isEmpty() ? std::nullopt : std::optional<QString>(who.userId);
    a.refreshToken = live->refreshToken;
    a.accessToken = live->accessToken;
    a.idToken = live->idToken;
    a.expiresAt = who.accessExpiresAtMs;
    a.lastRefresh = live->lastRefreshMs;
    const qint64 now = Clock::instance().nowMs();
    a.addedAt = now;
    a.lastUsed = now;
    return a;
}

} // namespace

int runImport(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    const bool fromCodex = ctx.args().has(u"--from-codex"_s);
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    if (fromCodex == (ctx.args().positional.size() == 1) || ctx.args().positional.size() > 1)
        return ctx.fail(
            makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli import <path> | --from-codex [--dry-run]"_s));

    QList<Account> incoming;
    QString source;
    QJsonObject policies;
    bool selectImported = false;
    if (fromCodex) {
        Result<Account> a = accountFromCodex(app);
        if (!a)
            return ctx.fail(a.error());
        incoming.append(a.value());
        source = u"codex-auth"_s;
        selectImported = true;
    } else {
        const QString path = ctx.args().positional.first();
        Result<QByteArray> data = readWholeFile(path, ExportCodec::kMaxImportBytes);
        if (!data)
            return ctx.fail(makeError(data.error().code == ErrorCode::NotFound ? ErrorCode::Usage : ErrorCode::Io,
                                      data.error().message));
        QByteArray bytes = data.value();
        ExportCodec::Format format = ExportCodec::detect(bytes);
        if (format == ExportCodec::Format::Encrypted) {
            Result<QString> pass = readPassphrase(ctx, false);
            if (!pass)
                return ctx.fail(pass.error());
            Result<QByteArray> plain = ExportCodec::decrypt(bytes, pass.value());
            if (!plain)
                return ctx.fail(plain.error());
            bytes = plain.value();
            source = u"encrypted"_s;
        } else if (format == ExportCodec::Format::ReferenceExport) {
            source = u"reference-export"_s;
        } else if (format == ExportCodec::Format::PoolFile) {
            source = u"pool-file"_s;
        } else {
            return ctx.fail(
                makeError(ErrorCode::Io, u"invalid file: %1 is not an export, a pool file or a backup"_s.arg(path)));
        }
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        Result<NormalizedPool> normalized = normalizePool(root, Clock::instance().nowMs());
        if (!normalized)
            return ctx.fail(makeError(ErrorCode::Io, u"invalid file: %1"_s.arg(normalized.error().message)));
        for (const QString &p : std::as_const(normalized->problems))
            ctx.console().err() << "warning: " << p << "\n";
        incoming = normalized->pool.accounts;
        policies = root.value(u"accountPolicies"_s).toObject();
    }

    int imported = 0, updated = 0, skipped = 0, total = 0;
    AccountRepository &repo = app.repository(!dryRun);
    auto merge = [&](AccountPool &pool) -> Status {
        imported = updated = skipped = 0;
        for (const Account &a : std::as_const(incoming)) {
            const int match = findMatchingAccount(pool.accounts, a);
            // Compare with the record's real tokens, not its keychain marker.
            QJsonObject before;
            if (match >= 0) {
                Account resolved = pool.accounts[match];
                if (Result<TokenSet> t = repo.tokensOf(resolved))
                    repo.setTokens(resolved, t.value());
                before = resolved.toJson();
            }
            const auto [outcome, index] = upsertAccount(pool, a);
            if (outcome == UpsertOutcome::Inserted)
                ++imported;
            else if (pool.accounts[index].toJson() != before)
                ++updated;
            else
                ++skipped;
            if (selectImported) {
                pool.select(index);
                pool.accounts[index].lastSwitchReason = pool.accounts.size() == 1 ? u"initial"_s : u"manual"_s;
            }
        }
        total = int(pool.accounts.size());
        return success();
    };
    if (dryRun) {
        Result<LoadedPool> loaded = loadForReading(ctx);
        if (!loaded)
            return ctx.fail(loaded.error());
        AccountPool copy = loaded->pool;
        merge(copy);
    } else {
        Result<LoadedPool> saved = repo.update(merge);
        if (!saved)
            return ctx.fail(saved.error());
        if (!policies.isEmpty()) {
            PolicyStore store(app.paths().policiesPath(), app.paths().root + u"/account-policies.lock"_s);
            for (const Account &a : std::as_const(incoming)) {
                const QJsonValue p = policies.value(PolicyStore::keyFor(a));
                if (p.isObject())
                    store.update(
                        a,
                        [&](AccountPolicy &mine) {
                            const AccountPolicy theirs = AccountPolicy::fromJson(p.toObject());
                            mine.tags = theirs.tags;
                            mine.weight = theirs.weight;
                            mine.paused = theirs.paused;
                            mine.drained = theirs.drained;
                            mine.note = theirs.note;
                            return success();
                        },
                        Clock::instance().nowMs());
            }
        }
    }
    return ctx.succeed(u"%1Imported %2, updated %3, skipped %4. Total: %5"_s.arg(dryRun ? u"Dry run: "_s : QString())
                           .arg(imported)
                           .arg(updated)
                           .arg(skipped)
                           .arg(total),
                       {{u"dryRun"_s, dryRun},
                        {u"source"_s, source},
                        {u"imported"_s, imported},
                        {u"updated"_s, updated},
                        {u"skipped"_s, skipped},
                        {u"total"_s, total}});
}

} // namespace cma::cli
