// doctor [--fix [--dry-run]] (docs/cli.md §5 `doctor`).

#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexlivestore.h"
#include "codex/codexshim.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/filelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

struct Check
{
    QString key;
    QString severity; // ok | warn | error
    QString message;
    QJsonValue details;
};

int modeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

} // namespace

int runDoctor(CommandContext &ctx)
{
    const bool fix = ctx.args().has(u"--fix"_s);
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    if (dryRun && !fix)
        return ctx.fail(makeError(ErrorCode::Usage, u"--dry-run goes with --fix"_s));
    AppContext &app = ctx.app();
    const StoragePaths &paths = app.paths();
    AccountRepository &repo = app.repository();
    QList<Check> checks;
    QJsonArray actions;
    auto add = [&](const QString &key, const QString &severity, const QString &message,
                   const QJsonValue &details = {}) {
        checks.append({key, severity, message, details});
    };
    auto act = [&](const QString &key, const QString &message) {
        actions.append(
            QJsonObject{{u"key"_s, key}, {u"message"_s, QString((dryRun ? u"would "_s : QString()) + message)}});
    };

    add(u"storage-root"_s, u"ok"_s, u"%1 (%2)"_s.arg(paths.displayPath(paths.root), paths.rootSourceName()));
    const QString poolPath = repo.store().path();
    Result<LoadedPool> loaded = repo.load();
    const bool exists = QFileInfo::exists(poolPath);
    add(u"storage-file"_s, exists ? u"ok"_s : u"warn"_s,
        exists ? paths.displayPath(poolPath) : u"no pool file yet (%1)"_s.arg(paths.displayPath(poolPath)));
    AccountPool pool;
    if (!loaded) {
        add(u"storage-readable"_s, u"error"_s, loaded.error().message);
    } else {
        pool = loaded->pool;
        switch (loaded->health) {
        case StorageHealth::Corrupt:
            add(u"storage-readable"_s, u"error"_s,
                u"%1. Options: restore a backup with codex-multi-auth --cli import <file>, or clear with --cli remove --all."_s
                    .arg(loaded->corruption));
            break;
        case StorageHealth::Recoverable:
            add(u"storage-readable"_s, u"warn"_s,
                u"the pool file is damaged or missing; recoverable from %1 (the next change restores it)"_s.arg(
                    loaded->source));
            break;
        default:
            add(u"storage-readable"_s, u"ok"_s, storageHealthName(loaded->health));
        }
        add(u"storage-version"_s, loaded->readOnly() ? u"error"_s : u"ok"_s,
            loaded->readOnly() ? u"the pool was written by a newer version; it is read-only here"_s : u"version 3"_s);
    }
    // Permissions.
    QStringList loose;
    for (const QString &dir : {paths.root, paths.backupsDir(), paths.leasesDir(), paths.desktopDir()}) {
        const int m = modeOf(dir);
        if (m >= 0 && (m & 077))
            loose.append(dir);
    }
    for (const QFileInfo &fi : QDir(paths.root).entryInfoList(QDir::Files | QDir::Hidden)) {
        if (modeOf(fi.absoluteFilePath()) & 077)
            loose.append(fi.absoluteFilePath());
    }
    add(u"storage-permissions"_s, loose.isEmpty() ? u"ok"_s : u"warn"_s,
        loose.isEmpty() ? u"folders 0700, files 0600"_s
                        : u"%1 file(s) or folder(s) readable by others"_s.arg(loose.size()),
        QJsonArray::fromStringList(loose));
    if (fix && !loose.isEmpty()) {
        for (const QString &p : std::as_const(loose)) {
            if (!dryRun)
                ::chmod(QFile::encodeName(p).constData(), QFileInfo(p).isDir() ? 0700 : 0600);
        }
        act(u"storage-permissions"_s, u"tightened %1 mode(s)"_s.arg(loose.size()));
    }
    // Lock.
    if (QFileInfo::exists(paths.root)) {
        Result<FileLock> lock = FileLock::acquire(repo.store().lockPath(), 0);
        add(u"storage-lock"_s, lock ? u"ok"_s : (lock.error().code == ErrorCode::StorageBusy ? u"warn"_s : u"error"_s),
            lock ? u"free"_s : lock.error().message);
    }
    // Secrets.
    const bool reachable = repo.keychain() && repo.keychain()->probe().ok();
    add(u"secret-storage"_s, repo.mode() == SecretMode::Keychain && !reachable ? u"warn"_s : u"ok"_s,
        u"%1; keychain %2"_s.arg(secretModeName(repo.mode()), reachable ? u"reachable"_s : u"not reachable"_s));
    int missing = 0, plaintextInKeychainMode = 0;
    for (const Account &a : pool.accounts) {
        if (isKeychainMarker(a.refreshToken)) {
            if (reachable && repo.secretState(a) == SecretState::Missing)
                ++missing;
        } else if (repo.mode() == SecretMode::Keychain) {
            ++plaintextInKeychainMode;
        }
    }
    add(u"secret-items"_s, missing ? u"error"_s : u"ok"_s,
        missing ? u"%1 account(s) lost their keychain item; sign in to them again"_s.arg(missing)
                : u"every keychain item resolves"_s);
    QStringList plainBackups;
    for (const QString &path : plaintextTokenFiles(paths))
        if (path.startsWith(paths.backupsDir() + u'/'))
            plainBackups.append(QFileInfo(path).fileName());
    add(u"plaintext-backups"_s, plainBackups.isEmpty() ? u"ok"_s : u"warn"_s,
        plainBackups.isEmpty() ? u"none"_s : u"%1 named backup(s) hold plaintext tokens"_s.arg(plainBackups.size()),
        QJsonArray::fromStringList(plainBackups));
    const int settingsMode = modeOf(paths.settingsPath());
    add(u"settings-permissions"_s, settingsMode > 0 && (settingsMode & 077) ? u"warn"_s : u"ok"_s,
        settingsMode < 0 ? u"no settings.json yet"_s : u"mode %1"_s.arg(settingsMode, 4, 8, QLatin1Char('0')));
    QStringList staleLeases;
    const qint64 now = Clock::instance().nowMs();
    for (const QFileInfo &fi : QDir(paths.leasesDir()).entryInfoList({u"*.lock"_s, u"*.result.json"_s}, QDir::Files))
        if (now - fi.lastModified().toMSecsSinceEpoch() > 60000)
            staleLeases.append(fi.absoluteFilePath());
    add(u"refresh-leases"_s, staleLeases.isEmpty() ? u"ok"_s : u"warn"_s,
        staleLeases.isEmpty() ? u"no stale lease files"_s : u"%1 stale lease file(s)"_s.arg(staleLeases.size()));
    if (fix && !staleLeases.isEmpty()) {
        for (const QString &f : std::as_const(staleLeases))
            if (!dryRun)
                QFile::remove(f);
        act(u"refresh-leases"_s, u"deleted %1 stale lease file(s)"_s.arg(staleLeases.size()));
    }

    // Codex.
    CodexLiveStore live(paths.codexHome, paths.codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    add(u"codex-config-file"_s, config && config->exists ? u"ok"_s : u"warn"_s,
        config ? (config->exists ? paths.displayPath(live.configPath()) : u"no config.toml (Codex uses its defaults)"_s)
               : config.error().message);
    if (config) {
        const bool pinned = config->storeSet && config->store == "file"_L1;
        add(u"codex-auth-store"_s, pinned ? u"ok"_s : u"warn"_s,
            pinned
                ? u"file"_s
                : u"credential store %1; run codex-multi-auth --cli codex-store pin-file to make switching simplest"_s
                      .arg(config->storeSet ? config->store : u"unset"_s));
    }
    Result<CodexAuth> auth = CodexAuth::readFile(live.authPath());
    if (!auth && auth.error().code == ErrorCode::NotFound) {
        add(u"codex-auth-file"_s, u"warn"_s, u"Codex has no auth.json"_s);
    } else if (!auth) {
        add(u"codex-auth-file"_s, u"ok"_s, paths.displayPath(live.authPath()));
        add(u"codex-auth-readable"_s, u"error"_s, auth.error().message);
    } else {
        add(u"codex-auth-file"_s, u"ok"_s, paths.displayPath(live.authPath()));
        add(u"codex-auth-readable"_s, u"ok"_s, u"parses"_s);
        QStringList problems;
        if (!jwt::isStrictJwt(auth->idToken))
            problems.append(u"id_token"_s);
        if (auth->accountId.isEmpty())
            problems.append(u"account_id"_s);
        if (!auth->lastRefreshMs)
            problems.append(u"last_refresh"_s);
        add(u"codex-auth-fields"_s, problems.isEmpty() ? u"ok"_s : u"warn"_s,
            problems.isEmpty()
                ? u"id_token, account_id, last_refresh present"_s
                : u"Codex would not authenticate with this file: %1 missing or invalid"_s.arg(problems.join(u", "_s)));
        const int index = auth->findInPool(pool);
        add(u"codex-auth-account"_s, index >= 0 && index == pool.currentIndex() ? u"ok"_s : u"warn"_s,
            index < 0 ? u"Codex's account is not in the pool; add it with codex-multi-auth --cli import --from-codex"_s
            : index == pool.currentIndex()
                ? u"account %1, the pool's selection"_s.arg(index + 1)
                : u"Codex holds account %1, the pool selects account %2"_s.arg(index + 1).arg(pool.currentIndex() + 1));
    }
    const Result<QString> codexBinary = CodexShim::findRealCodex(ctx.env(), QCoreApplication::applicationFilePath());
    add(u"codex-binary"_s, codexBinary ? u"ok"_s : u"warn"_s,
        codexBinary ? codexBinary.value() : u"the official Codex CLI was not found on PATH"_s);

    // Accounts.
    add(u"accounts"_s, pool.accounts.isEmpty() ? u"warn"_s : u"ok"_s, u"%1 account(s)"_s.arg(pool.accounts.size()));
    int enabled = 0;
    for (const Account &a : pool.accounts)
        enabled += a.isEnabled();
    add(u"enabled-accounts"_s, !pool.accounts.isEmpty() && enabled == 0 ? u"error"_s : u"ok"_s,
        u"%1 enabled"_s.arg(enabled));
    {
        Result<QByteArray> raw = readWholeFile(poolPath);
        const QJsonObject o = raw ? QJsonDocument::fromJson(raw.value()).object() : QJsonObject();
        const int stored = o.value(u"activeIndex"_s).toInt(0);
        const qsizetype count = o.value(u"accounts"_s).toArray().size();
        const bool bad = count > 0 && (stored < 0 || stored >= count);
        add(u"active-index"_s, bad ? u"warn"_s : u"ok"_s,
            bad ? u"activeIndex %1 is outside the pool on disk"_s.arg(stored) : u"in range"_s);
    }
    QHash<QString, int> tokens, emails;
    int placeholders = 0, oddTokens = 0;
    QList<int> duplicateTokenIndexes;
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        if (tokens.contains(a.refreshTokenKey()))
            duplicateTokenIndexes.append(i);
        tokens[a.refreshTokenKey()]++;
        if (!a.emailKey().isEmpty())
            emails[a.emailKey()]++;
        placeholders += a.emailKey().endsWith(u"@example.com"_s);
        if (!isKeychainMarker(a.refreshToken) && (a.refreshToken.size() < 20 || a.refreshToken.startsWith(u"token-"_s)))
            ++oddTokens;
    }
    int dupEmails = 0;
    for (auto it = emails.begin(); it != emails.end(); ++it)
        dupEmails += it.value() > 1;
    add(u"duplicate-refresh-token"_s, duplicateTokenIndexes.isEmpty() ? u"ok"_s : u"warn"_s,
        u"%1 duplicate(s)"_s.arg(duplicateTokenIndexes.size()));
    add(u"duplicate-email"_s, dupEmails ? u"warn"_s : u"ok"_s,
        dupEmails ? u"%1 email(s) used by several records (several workspaces?)"_s.arg(dupEmails) : u"none"_s);
    add(u"placeholder-email"_s, placeholders ? u"warn"_s : u"ok"_s,
        placeholders ? u"%1 account(s) with @example.com"_s.arg(placeholders) : u"none"_s);
    add(u"refresh-token-shape"_s, oddTokens ? u"warn"_s : u"ok"_s,
        oddTokens ? u"%1 refresh token(s) look unusual"_s.arg(oddTokens) : u"ok"_s);
    if (!pool.accounts.isEmpty()) {
        const Recommendation rec = Forecaster::recommend(Forecaster::evaluateAll(pool, app.quotaCache(), now));
        const bool differs = rec.recommendedIndex && *rec.recommendedIndex != pool.currentIndex();
        add(u"recommended-switch"_s, differs ? u"warn"_s : u"ok"_s,
            differs
                ? u"account %1 is a better choice: codex-multi-auth --cli switch %1"_s.arg(*rec.recommendedIndex + 1)
                : rec.reason);
    }
    if (pool.accounts.size() > 20)
        add(u"pool-size"_s, u"warn"_s,
            u"%1 accounts: the Node version refuses to add more than 20 (it still reads them)"_s.arg(
                pool.accounts.size()));

    // Pool repairs in one locked save.
    if (fix && loaded && !loaded->readOnly() && loaded->health != StorageHealth::Corrupt && exists) {
        const bool needSave = !duplicateTokenIndexes.isEmpty() || plaintextInKeychainMode > 0 ||
                              (enabled == 0 && !pool.accounts.isEmpty());
        if (needSave && !dryRun) {
            Result<LoadedPool> saved = app.repository(true).update([&](AccountPool &p) {
                QSet<QString> seen;
                for (Account &a : p.accounts) {
                    if (seen.contains(a.refreshTokenKey())) {
                        a.enabled = false;
                        a.disabledReason = u"user"_s;
                    }
                    seen.insert(a.refreshTokenKey());
                }
                bool anyEnabled =
                    std::any_of(p.accounts.begin(), p.accounts.end(), [](const Account &a) { return a.isEnabled(); });
                if (!anyEnabled && !p.accounts.isEmpty()) {
                    p.accounts[p.currentIndex()].enabled.reset();
                    p.accounts[p.currentIndex()].disabledReason.reset();
                }
                return success();
            });
            if (!saved)
                return ctx.fail(saved.error());
        }
        if (!duplicateTokenIndexes.isEmpty())
            act(u"duplicate-refresh-token"_s, u"disabled %1 later duplicate(s)"_s.arg(duplicateTokenIndexes.size()));
        if (plaintextInKeychainMode)
            act(u"secret-storage"_s, u"moved %1 plaintext secret(s) into the keychain"_s.arg(plaintextInKeychainMode));
        if (enabled == 0 && !pool.accounts.isEmpty())
            act(u"enabled-accounts"_s, u"re-enabled the current account"_s);
    }

    int ok = 0, warn = 0, error = 0;
    QString text;
    QJsonArray list;
    for (const Check &c : std::as_const(checks)) {
        ok += c.severity == "ok"_L1;
        warn += c.severity == "warn"_L1;
        error += c.severity == "error"_L1;
        text += u"%1 %2: %3\n"_s.arg(c.severity == "ok"_L1     ? u"✓"_s
                                     : c.severity == "warn"_L1 ? u"!"_s
                                                               : u"✗"_s,
                                     c.key, c.message);
        list.append(QJsonObject{{u"key"_s, c.key},
                                {u"severity"_s, c.severity},
                                {u"message"_s, c.message},
                                {u"details"_s, c.details.isUndefined() ? QJsonValue(QJsonValue::Null) : c.details}});
    }
    text += u"ok %1 | warn %2 | error %3\n"_s.arg(ok).arg(warn).arg(error);
    for (const QJsonValue &a : std::as_const(actions))
        text += u"fix: "_s + a[u"message"_s].toString() + u'\n';
    const QJsonObject json{{u"storagePath"_s, poolPath},
                           {u"summary"_s, QJsonObject{{u"ok"_s, ok}, {u"warn"_s, warn}, {u"error"_s, error}}},
                           {u"checks"_s, list},
                           {u"fix"_s, QJsonObject{{u"enabled"_s, fix},
                                                  {u"dryRun"_s, dryRun},
                                                  {u"changed"_s, !actions.isEmpty() && !dryRun},
                                                  {u"actions"_s, actions}}}};
    if (error > 0) {
        if (!ctx.json())
            ctx.console().out() << text;
        return ctx.fail(makeError(ErrorCode::Io, u"%1 check(s) failed"_s.arg(error)), json);
    }
    return ctx.succeed(text, json);
}

} // namespace cma::cli
