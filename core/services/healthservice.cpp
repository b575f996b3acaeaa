#include "healthservice.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexauth.h"
#include "codex/codexlivestore.h"
#include "codex/codexshim.h"
#include "quota/forecast.h"
#include "refresh/refreshservice.h"
#include "settings/settingkeys.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"
#include "util/redact.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace cma {

HealthService::HealthService(AppContext &app)
    : m_app(app)
{}

QString HealthService::stateName(CheckRow::State state)
{
    switch (state) {
    case CheckRow::State::Available:
        return u"available"_s;
    case CheckRow::State::SignedInOnly:
        return u"signed-in-only"_s;
    case CheckRow::State::NeedsLogin:
        return u"needs-login"_s;
    case CheckRow::State::Error:
        break;
    }
    return u"error"_s;
}

QString HealthService::stateName(FixRow::State state)
{
    switch (state) {
    case FixRow::State::Healthy:
        return u"healthy"_s;
    case FixRow::State::DisabledHardFailure:
        return u"disabled-hard-failure"_s;
    case FixRow::State::WarningSoftFailure:
        return u"warning-soft-failure"_s;
    case FixRow::State::AlreadyDisabled:
        break;
    }
    return u"already-disabled"_s;
}

QString HealthService::stateName(FlaggedRow::State state)
{
    switch (state) {
    case FlaggedRow::State::RestoreSkipped:
        return u"restore-skipped"_s;
    case FlaggedRow::State::Restored:
        return u"restored"_s;
    case FlaggedRow::State::HealthyFlagged:
        return u"healthy-flagged"_s;
    case FlaggedRow::State::StillFlagged:
        break;
    }
    return u"still-flagged"_s;
}

QString HealthService::severityName(DoctorCheck::Severity severity)
{
    return severity == DoctorCheck::Severity::Ok     ? u"ok"_s
           : severity == DoctorCheck::Severity::Warn ? u"warn"_s
                                                     : u"error"_s;
}

// --- check -------------------------------------------------------------------------------------

Result<CheckOutcome> HealthService::check(const CheckRequest &request)
{
    const AccountPool &pool = request.pool;
    QList<int> indexes = request.indexes;
    if (indexes.isEmpty())
        for (int i = 0; i < pool.accounts.size(); ++i)
            indexes.append(i);
    RefreshService refresher(m_app);
    const qint64 now = Clock::instance().nowMs();
    CheckOutcome outcome;
    QList<CheckRow> &rows = outcome.rows;
    QList<int> toProbe;
    for (int i : std::as_const(indexes)) {
        const Account &a = pool.accounts[i];
        CheckRow row;
        row.index = i;
        Result<TokenSet> tokens = m_app.repository().tokensOf(a);
        if (!tokens) {
            const bool keychain = tokens.error().code == ErrorCode::SecretStoreUnavailable;
            row.state = keychain ? CheckRow::State::Error : CheckRow::State::NeedsLogin;
            row.note = keychain ? CheckRow::Note::KeychainUnavailable : CheckRow::Note::SecretMissing;
            outcome.keychainDown += keychain;
            rows.append(row);
            continue;
        }
        // check is the one command that presents an invalidated refresh token again, once.
        const bool due = a.authInvalidatedAt || RefreshService::isDue(a, tokens->accessToken, now, 900000);
        if (due) {
            const RefreshReport r = refresher.refresh(
                RefreshRequest{a, a.authInvalidatedAt ? RefreshMode::RetryInvalidated : RefreshMode::IfDue,
                               u"proactive_expiry"_s, 900000});
            if (r.outcome == RefreshReport::Outcome::Failed) {
                const std::optional<qint64> exp = RefreshService::accessExpiry(a, tokens->accessToken);
                if (r.permanent) {
                    row.state = CheckRow::State::NeedsLogin;
                    row.note = CheckRow::Note::RefreshRefused;
                    row.detail = r.failure ? r.failure->detail() : r.message;
                } else if (exp && *exp > now) {
                    row.state = CheckRow::State::SignedInOnly;
                    row.note = CheckRow::Note::RefreshFailedStillWorks;
                    row.detail = r.failure ? r.failure->detail() : r.message;
                } else {
                    row.state = CheckRow::State::Error;
                    row.note = CheckRow::Note::RefreshFailed;
                    row.detail = r.message;
                }
                rows.append(row);
                continue;
            }
            row.refreshed = r.outcome == RefreshReport::Outcome::Refreshed;
        }
        if (!request.probe) {
            row.state = CheckRow::State::SignedInOnly;
            row.note = CheckRow::Note::LiveCheckSkipped;
        } else if (a.accountIdKey().isEmpty()) {
            row.state = CheckRow::State::SignedInOnly;
            row.note = CheckRow::Note::LiveCheckSkippedNoAccountId;
        } else {
            toProbe.append(int(rows.size()));
        }
        rows.append(row);
    }
    if (!toProbe.isEmpty()) {
        Result<LoadedPool> fresh = m_app.repository().load();
        const AccountPool &current = fresh ? fresh->pool : pool;
        QList<int> poolIndexes;
        for (int r : std::as_const(toProbe))
            poolIndexes.append(findMatchingAccount(current.accounts, pool.accounts[rows[r].index], true));
        for (const UsageReading &u : UsageClient(m_app).read(current, poolIndexes))
            outcome.readings.insert(u.index, u);
        for (qsizetype k = 0; k < toProbe.size(); ++k) {
            CheckRow &row = rows[toProbe[k]];
            row.reading = outcome.readings.value(poolIndexes[k]);
            if (!row.reading.error.isEmpty()) {
                row.state = CheckRow::State::SignedInOnly;
                row.note = CheckRow::Note::LiveCheckFailed;
                row.detail = row.reading.status ? QString::number(row.reading.status) : row.reading.error;
            } else {
                row.state = CheckRow::State::Available;
                row.note = CheckRow::Note::LiveSessionOk;
            }
        }
    }
    // Re-enable accounts disabled for an auth failure that work again.
    Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &p) {
        for (CheckRow &row : rows) {
            if (row.state != CheckRow::State::Available && row.state != CheckRow::State::SignedInOnly)
                continue;
            const int i = findMatchingAccount(p.accounts, pool.accounts[row.index], true);
            if (i >= 0 && !p.accounts[i].isEnabled() && p.accounts[i].disabledReason == u"auth-failure"_s) {
                p.accounts[i].enabled.reset();
                p.accounts[i].disabledReason.reset();
                row.reEnabled = true;
            }
        }
        return success();
    });
    if (!saved)
        return saved.error();
    for (const CheckRow &row : std::as_const(rows)) {
        outcome.available += row.state == CheckRow::State::Available;
        outcome.signedInOnly += row.state == CheckRow::State::SignedInOnly;
        outcome.needReLogin += row.state == CheckRow::State::NeedsLogin;
        outcome.errors += row.state == CheckRow::State::Error;
        outcome.enabledUnavailable = outcome.enabledUnavailable ||
                                     (pool.accounts[row.index].isEnabled() && row.state != CheckRow::State::Available);
    }
    return outcome;
}

// --- fix ---------------------------------------------------------------------------------------

Result<FixOutcome> HealthService::fix(const FixRequest &request)
{
    const AccountPool &pool = request.pool;
    RefreshService refresher(m_app);
    const qint64 now = Clock::instance().nowMs();
    FixOutcome outcome;
    QList<Account> toDisable;
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        FixRow row;
        row.index = i;
        if (!a.isEnabled()) {
            row.state = FixRow::State::AlreadyDisabled;
            row.note = FixRow::Note::AlreadyDisabled;
        } else if (a.authInvalidatedAt) {
            row.state = FixRow::State::DisabledHardFailure;
            row.note = FixRow::Note::TokenInvalid;
            toDisable.append(a);
        } else {
            Result<TokenSet> t = m_app.repository().tokensOf(a);
            if (!t) {
                row.state = FixRow::State::WarningSoftFailure;
                row.note = FixRow::Note::SecretUnreadable;
                row.detail = t.error().message;
            } else if (!RefreshService::isDue(a, t->accessToken, now, 900000) && !request.live) {
                row.state = FixRow::State::Healthy;
                row.note = FixRow::Note::TokenValid;
            } else if (request.dryRun) {
                row.state = FixRow::State::Healthy;
                row.note = FixRow::Note::WouldRefresh;
            } else {
                const RefreshReport r =
                    refresher.refresh(RefreshRequest{a, RefreshMode::IfDue, u"proactive_expiry"_s, 900000});
                if (r.outcome != RefreshReport::Outcome::Failed) {
                    row.state = FixRow::State::Healthy;
                    row.note = r.outcome == RefreshReport::Outcome::Refreshed ? FixRow::Note::TokenRefreshed
                                                                              : FixRow::Note::TokenValid;
                } else {
                    row.state = r.permanent ? FixRow::State::DisabledHardFailure : FixRow::State::WarningSoftFailure;
                    row.note = FixRow::Note::RefreshFailed;
                    row.detail = r.message;
                    if (r.permanent)
                        toDisable.append(a);
                }
            }
        }
        outcome.healthy += row.state == FixRow::State::Healthy;
        outcome.disabled += row.state == FixRow::State::DisabledHardFailure;
        outcome.warnings += row.state == FixRow::State::WarningSoftFailure;
        outcome.skipped += row.state == FixRow::State::AlreadyDisabled;
        outcome.rows.append(row);
    }
    if (!request.dryRun && !toDisable.isEmpty()) {
        Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &p) {
            for (const Account &a : std::as_const(toDisable)) {
                const int i = findMatchingAccount(p.accounts, a, true);
                if (i >= 0 && p.accounts[i].isEnabled()) {
                    p.accounts[i].enabled = false;
                    p.accounts[i].disabledReason = u"auth-failure"_s;
                    outcome.changed = true;
                }
            }
            return success();
        });
        if (!saved)
            return saved.error();
    }
    if (Result<LoadedPool> after = m_app.repository().load()) {
        const Recommendation rec = Forecaster::recommend(Forecaster::evaluateAll(after->pool, m_app.quotaCache(), now));
        outcome.recommended = rec.recommendedIndex;
        outcome.currentAfter = after->pool.currentIndex();
    }
    return outcome;
}

// --- doctor ------------------------------------------------------------------------------------

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

/// One doctor run: what the checks share, and the rows and actions they add.
class DoctorRun
{
public:
    DoctorRun(AppContext &app, const DoctorRequest &request)
        : app(app)
        , paths(app.paths())
        , repo(app.repository())
        , fix(request.fix)
        , dryRun(request.dryRun)
        , now(Clock::instance().nowMs())
    {}

    void add(const QString &key, DoctorCheck::Severity severity, const QString &message, const QJsonValue &details = {})
    {
        report.checks.append({key, severity, message, details});
    }
    void act(const QString &key, const QString &message)
    {
        report.actions.append({key, QString((dryRun ? u"would "_s : QString()) + message)});
    }

    AppContext &app;
    const StoragePaths &paths;
    AccountRepository &repo;
    const bool fix;
    const bool dryRun;
    const qint64 now;
    DoctorReport report;
    // Shared by several checks.
    std::optional<Result<LoadedPool>> loaded;
    bool exists = false;
    AccountPool pool;
    int plaintextInKeychainMode = 0;
    int enabled = 0;
    QList<int> duplicateTokenIndexes;
};

using Severity = DoctorCheck::Severity;

Severity okOr(bool fine, Severity otherwise)
{
    return fine ? Severity::Ok : otherwise;
}

void checkStorage(DoctorRun &d)
{
    d.add(u"storage-root"_s, Severity::Ok,
          u"%1 (%2)"_s.arg(d.paths.displayPath(d.paths.root), d.paths.rootSourceName()));
    d.report.poolPath = d.repo.store().path();
    const QString &poolPath = d.report.poolPath;
    d.loaded = d.repo.load();
    const Result<LoadedPool> &loaded = *d.loaded;
    d.exists = QFileInfo::exists(poolPath);
    d.add(u"storage-file"_s, okOr(d.exists, Severity::Warn),
          d.exists ? d.paths.displayPath(poolPath) : u"no pool file yet (%1)"_s.arg(d.paths.displayPath(poolPath)));
    if (!loaded) {
        d.add(u"storage-readable"_s, Severity::Error, loaded.error().message);
        return;
    }
    d.pool = loaded->pool;
    switch (loaded->health) {
    case StorageHealth::Corrupt:
        d.add(
            u"storage-readable"_s, Severity::Error,
            u"%1. Options: restore a backup with codex-multi-auth --cli import <file>, or clear with --cli remove --all."_s
                .arg(loaded->corruption));
        break;
    case StorageHealth::Recoverable:
        d.add(u"storage-readable"_s, Severity::Warn,
              u"the pool file is damaged or missing; recoverable from %1 (the next change restores it)"_s.arg(
                  loaded->source));
        break;
    default:
        d.add(u"storage-readable"_s, Severity::Ok, storageHealthName(loaded->health));
    }
    d.add(u"storage-version"_s, okOr(!loaded->readOnly(), Severity::Error),
          loaded->readOnly() ? u"the pool was written by a newer version; it is read-only here"_s : u"version 3"_s);
}

void checkPermissions(DoctorRun &d)
{
    QStringList loose;
    for (const QString &dir : {d.paths.root, d.paths.backupsDir(), d.paths.leasesDir(), d.paths.desktopDir()}) {
        const int m = modeOf(dir);
        if (m >= 0 && (m & 077))
            loose.append(dir);
    }
    for (const QFileInfo &fi : QDir(d.paths.root).entryInfoList(QDir::Files | QDir::Hidden)) {
        if (modeOf(fi.absoluteFilePath()) & 077)
            loose.append(fi.absoluteFilePath());
    }
    d.add(u"storage-permissions"_s, okOr(loose.isEmpty(), Severity::Warn),
          loose.isEmpty() ? u"folders 0700, files 0600"_s
                          : u"%1 file(s) or folder(s) readable by others"_s.arg(loose.size()),
          QJsonArray::fromStringList(loose));
    if (d.fix && !loose.isEmpty()) {
        for (const QString &p : std::as_const(loose)) {
            if (!d.dryRun)
                ::chmod(QFile::encodeName(p).constData(), QFileInfo(p).isDir() ? 0700 : 0600);
        }
        d.act(u"storage-permissions"_s, u"tightened %1 mode(s)"_s.arg(loose.size()));
    }
}

void checkLock(DoctorRun &d)
{
    if (!QFileInfo::exists(d.paths.root))
        return;
    Result<FileLock> lock = FileLock::acquire(d.repo.store().lockPath(), 0);
    d.add(u"storage-lock"_s,
          lock ? Severity::Ok : (lock.error().code == ErrorCode::StorageBusy ? Severity::Warn : Severity::Error),
          lock ? u"free"_s : lock.error().message);
}

void checkSecrets(DoctorRun &d)
{
    const bool reachable = d.repo.keychain() && d.repo.keychain()->probe().ok();
    d.add(u"secret-storage"_s, okOr(!(d.repo.mode() == SecretMode::Keychain && !reachable), Severity::Warn),
          u"%1; keychain %2"_s.arg(secretModeName(d.repo.mode()), reachable ? u"reachable"_s : u"not reachable"_s));
    int missing = 0;
    for (const Account &a : std::as_const(d.pool.accounts)) {
        if (isKeychainMarker(a.refreshToken)) {
            if (reachable && d.repo.secretState(a) == SecretState::Missing)
                ++missing;
        } else if (d.repo.mode() == SecretMode::Keychain) {
            ++d.plaintextInKeychainMode;
        }
    }
    d.add(u"secret-items"_s, okOr(!missing, Severity::Error),
          missing ? u"%1 account(s) lost their keychain item; sign in to them again"_s.arg(missing)
                  : u"every keychain item resolves"_s);
    QStringList plainBackups;
    for (const QString &path : plaintextTokenFiles(d.paths))
        if (path.startsWith(d.paths.backupsDir() + u'/'))
            plainBackups.append(QFileInfo(path).fileName());
    d.add(u"plaintext-backups"_s, okOr(plainBackups.isEmpty(), Severity::Warn),
          plainBackups.isEmpty() ? u"none"_s : u"%1 named backup(s) hold plaintext tokens"_s.arg(plainBackups.size()),
          QJsonArray::fromStringList(plainBackups));
    const int settingsMode = modeOf(d.paths.settingsPath());
    d.add(u"settings-permissions"_s, okOr(!(settingsMode > 0 && (settingsMode & 077)), Severity::Warn),
          settingsMode < 0 ? u"no settings.json yet"_s : u"mode %1"_s.arg(settingsMode, 4, 8, QLatin1Char('0')));
}

void checkLeases(DoctorRun &d)
{
    QStringList staleLeases;
    for (const QFileInfo &fi : QDir(d.paths.leasesDir()).entryInfoList({u"*.lock"_s, u"*.result.json"_s}, QDir::Files))
        if (d.now - fi.lastModified().toMSecsSinceEpoch() > 60000)
            staleLeases.append(fi.absoluteFilePath());
    d.add(u"refresh-leases"_s, okOr(staleLeases.isEmpty(), Severity::Warn),
          staleLeases.isEmpty() ? u"no stale lease files"_s : u"%1 stale lease file(s)"_s.arg(staleLeases.size()));
    if (d.fix && !staleLeases.isEmpty()) {
        for (const QString &f : std::as_const(staleLeases))
            if (!d.dryRun)
                QFile::remove(f);
        d.act(u"refresh-leases"_s, u"deleted %1 stale lease file(s)"_s.arg(staleLeases.size()));
    }
}

void checkCodex(DoctorRun &d)
{
    CodexLiveStore live(d.paths.codexHome, d.paths.codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    d.add(u"codex-config-file"_s, okOr(config && config->exists, Severity::Warn),
          config ? (config->exists ? d.paths.displayPath(live.configPath())
                                   : u"no config.toml (Codex uses its defaults)"_s)
                 : config.error().message);
    if (config) {
        const bool pinned = config->storeSet && config->store == "file"_L1;
        d.add(u"codex-auth-store"_s, okOr(pinned, Severity::Warn),
              pinned
                  ? u"file"_s
                  : u"credential store %1; run codex-multi-auth --cli codex-store pin-file to make switching simplest"_s
                        .arg(config->storeSet ? config->store : u"unset"_s));
    }
    Result<CodexAuth> auth = CodexAuth::readFile(live.authPath());
    if (!auth && auth.error().code == ErrorCode::NotFound) {
        d.add(u"codex-auth-file"_s, Severity::Warn, u"Codex has no auth.json"_s);
    } else if (!auth) {
        d.add(u"codex-auth-file"_s, Severity::Ok, d.paths.displayPath(live.authPath()));
        d.add(u"codex-auth-readable"_s, Severity::Error, auth.error().message);
    } else {
        d.add(u"codex-auth-file"_s, Severity::Ok, d.paths.displayPath(live.authPath()));
        d.add(u"codex-auth-readable"_s, Severity::Ok, u"parses"_s);
        QStringList problems;
        if (!jwt::isStrictJwt(auth->idToken))
            problems.append(u"id_token"_s);
        if (auth->accountId.isEmpty())
            problems.append(u"account_id"_s);
        if (!auth->lastRefreshMs)
            problems.append(u"last_refresh"_s);
        d.add(u"codex-auth-fields"_s, okOr(problems.isEmpty(), Severity::Warn),
              problems.isEmpty() ? u"id_token, account_id, last_refresh present"_s
                                 : u"Codex would not authenticate with this file: %1 missing or invalid"_s.arg(
                                       problems.join(u", "_s)));
        const AccountPool &pool = d.pool;
        const int index = auth->findInPool(pool);
        d.add(
            u"codex-auth-account"_s, okOr(index >= 0 && index == pool.currentIndex(), Severity::Warn),
            index < 0 ? u"Codex's account is not in the pool; add it with codex-multi-auth --cli import --from-codex"_s
            : index == pool.currentIndex()
                ? u"account %1, the pool's selection"_s.arg(index + 1)
                : u"Codex holds account %1, the pool selects account %2"_s.arg(index + 1).arg(pool.currentIndex() + 1));
    }
    const Result<QString> codexBinary = CodexShim::findRealCodex(d.app.env(), QCoreApplication::applicationFilePath());
    d.add(u"codex-binary"_s, okOr(codexBinary.ok(), Severity::Warn),
          codexBinary ? codexBinary.value() : u"the official Codex CLI was not found on PATH"_s);
}

void checkAccounts(DoctorRun &d)
{
    const AccountPool &pool = d.pool;
    d.add(u"accounts"_s, okOr(!pool.accounts.isEmpty(), Severity::Warn), u"%1 account(s)"_s.arg(pool.accounts.size()));
    for (const Account &a : pool.accounts)
        d.enabled += a.isEnabled();
    d.add(u"enabled-accounts"_s, okOr(!(!pool.accounts.isEmpty() && d.enabled == 0), Severity::Error),
          u"%1 enabled"_s.arg(d.enabled));
    {
        Result<QByteArray> raw = readWholeFile(d.report.poolPath);
        const QJsonObject o = raw ? QJsonDocument::fromJson(raw.value()).object() : QJsonObject();
        const int stored = o.value(u"activeIndex"_s).toInt(0);
        const qsizetype count = o.value(u"accounts"_s).toArray().size();
        const bool bad = count > 0 && (stored < 0 || stored >= count);
        d.add(u"active-index"_s, okOr(!bad, Severity::Warn),
              bad ? u"activeIndex %1 is outside the pool on disk"_s.arg(stored) : u"in range"_s);
    }
    QHash<QString, int> tokens, emails;
    int placeholders = 0, oddTokens = 0;
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        if (tokens.contains(a.refreshTokenKey()))
            d.duplicateTokenIndexes.append(i);
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
    d.add(u"duplicate-refresh-token"_s, okOr(d.duplicateTokenIndexes.isEmpty(), Severity::Warn),
          u"%1 duplicate(s)"_s.arg(d.duplicateTokenIndexes.size()));
    d.add(u"duplicate-email"_s, okOr(!dupEmails, Severity::Warn),
          dupEmails ? u"%1 email(s) used by several records (several workspaces?)"_s.arg(dupEmails) : u"none"_s);
    d.add(u"placeholder-email"_s, okOr(!placeholders, Severity::Warn),
          placeholders ? u"%1 account(s) with @example.com"_s.arg(placeholders) : u"none"_s);
    d.add(u"refresh-token-shape"_s, okOr(!oddTokens, Severity::Warn),
          oddTokens ? u"%1 refresh token(s) look unusual"_s.arg(oddTokens) : u"ok"_s);
    if (!pool.accounts.isEmpty()) {
        const Recommendation rec = Forecaster::recommend(Forecaster::evaluateAll(pool, d.app.quotaCache(), d.now));
        const bool differs = rec.recommendedIndex && *rec.recommendedIndex != pool.currentIndex();
        d.add(u"recommended-switch"_s, okOr(!differs, Severity::Warn),
              differs
                  ? u"account %1 is a better choice: codex-multi-auth --cli switch %1"_s.arg(*rec.recommendedIndex + 1)
                  : rec.reason);
    }
    if (pool.accounts.size() > 20)
        d.add(u"pool-size"_s, Severity::Warn,
              u"%1 accounts: the Node version refuses to add more than 20 (it still reads them)"_s.arg(
                  pool.accounts.size()));
}

/// The pool repairs, in one locked save.
Status repairPool(DoctorRun &d)
{
    const Result<LoadedPool> &loaded = *d.loaded;
    if (!d.fix || !loaded || loaded->readOnly() || loaded->health == StorageHealth::Corrupt || !d.exists)
        return success();
    const AccountPool &pool = d.pool;
    const bool needSave = !d.duplicateTokenIndexes.isEmpty() || d.plaintextInKeychainMode > 0 ||
                          (d.enabled == 0 && !pool.accounts.isEmpty());
    if (needSave && !d.dryRun) {
        Result<LoadedPool> saved = d.app.repository(true).update([&](AccountPool &p) {
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
            return saved.error();
    }
    if (!d.duplicateTokenIndexes.isEmpty())
        d.act(u"duplicate-refresh-token"_s, u"disabled %1 later duplicate(s)"_s.arg(d.duplicateTokenIndexes.size()));
    if (d.plaintextInKeychainMode)
        d.act(u"secret-storage"_s, u"moved %1 plaintext secret(s) into the keychain"_s.arg(d.plaintextInKeychainMode));
    if (d.enabled == 0 && !pool.accounts.isEmpty())
        d.act(u"enabled-accounts"_s, u"re-enabled the current account"_s);
    return success();
}

} // namespace

Result<DoctorReport> HealthService::doctor(const DoctorRequest &request)
{
    DoctorRun run(m_app, request);
    // The checks in the order doctor prints them; later ones read what earlier ones found.
    static const std::function<void(DoctorRun &)> checks[] = {
        checkStorage, checkPermissions, checkLock, checkSecrets, checkLeases, checkCodex, checkAccounts};
    for (const auto &check : checks)
        check(run);
    if (Status s = repairPool(run); !s)
        return s.error();
    for (const DoctorCheck &c : std::as_const(run.report.checks)) {
        run.report.ok += c.severity == Severity::Ok;
        run.report.warn += c.severity == Severity::Warn;
        run.report.error += c.severity == Severity::Error;
    }
    return run.report;
}

// --- verify-flagged ----------------------------------------------------------------------------

Result<VerifyFlaggedOutcome> HealthService::verifyFlagged(const VerifyFlaggedRequest &request)
{
    const bool restore = request.restore && !request.dryRun;
    PoolStore flaggedStore(m_app.paths().flaggedPath(), PoolStore::Kind::Flagged);
    Result<LoadedPool> flagged = flaggedStore.load();
    if (!flagged)
        return flagged.error();
    VerifyFlaggedOutcome outcome;
    QList<Account> healthy;
    TokenClient client(m_app.endpoints());
    for (int i = 0; i < flagged->pool.accounts.size(); ++i) {
        const Account &a = flagged->pool.accounts[i];
        FlaggedRow row;
        row.index = i;
        row.account = a;
        Result<TokenSet> t = m_app.repository().tokensOf(a);
        if (!t) {
            row.state = FlaggedRow::State::StillFlagged;
            row.detail = t.error().message;
        } else if (request.dryRun) {
            row.state = FlaggedRow::State::RestoreSkipped;
        } else {
            const RefreshOutcome r = client.refreshBlocking(t->refreshToken, u"forced"_s);
            if (r.ok()) {
                Account fixed = a;
                m_app.repository().setTokens(
                    fixed,
                    TokenSet{r.tokens->refreshToken.isEmpty() ? t->refreshToken : r.tokens->refreshToken,
                             r.tokens->accessToken, r.tokens->idToken.isEmpty() ? t->idToken : r.tokens->idToken,
                             TokenIdentity::fromTokens(r.tokens->idToken, r.tokens->accessToken).accessExpiresAtMs});
                fixed.lastRefresh = Clock::instance().nowMs();
                fixed.authInvalidatedAt.reset();
                fixed.authInvalidationErrorCode.reset();
                for (const char *k : {"flaggedAt", "flaggedReason", "lastError"})
                    fixed.extra.remove(QLatin1String(k));
                healthy.append(fixed);
                row.state = restore ? FlaggedRow::State::Restored : FlaggedRow::State::HealthyFlagged;
            } else {
                row.state = FlaggedRow::State::StillFlagged;
                row.detail = r.message;
            }
        }
        outcome.rows.append(row);
    }
    if (restore && !healthy.isEmpty()) {
        // Pool first, then the flagged file (docs/storage.md §6); the pool lock is taken first.
        Result<LoadedPool> saved = m_app.repository(true).update([&](AccountPool &p) {
            for (const Account &a : std::as_const(healthy))
                upsertAccount(p, a);
            return success();
        });
        if (!saved)
            return saved.error();
        Result<LoadedPool> left = flaggedStore.update([&](AccountPool &f) {
            for (const Account &a : std::as_const(healthy)) {
                const int i = findMatchingAccount(f.accounts, a, true);
                if (i >= 0)
                    f.accounts.removeAt(i);
            }
            return success();
        });
        if (!left)
            return left.error();
        outcome.restored = int(healthy.size());
    }
    outcome.total = int(flagged->pool.accounts.size());
    outcome.healthy = int(healthy.size());
    return outcome;
}

// --- debug bundle ------------------------------------------------------------------------------

QByteArray HealthService::debugBundle()
{
    AppContext &app = m_app;
    Result<LoadedPool> loaded = app.repository().load();
    const AccountPool pool = loaded ? loaded->pool : AccountPool{};
    int enabled = 0;
    for (const Account &a : pool.accounts)
        enabled += a.isEnabled();
    QJsonObject codexCli{{u"path"_s, app.paths().displayPath(app.paths().codexAuthPath())}};
    if (Result<CodexAuth> live = CodexAuth::readFile(app.paths().codexAuthPath())) {
        const TokenIdentity who = TokenIdentity::fromTokens(live->idToken, live->accessToken);
        codexCli.insert(u"accountCount"_s, 1);
        codexCli.insert(u"activeEmail"_s, maskEmail(who.email));
        codexCli.insert(u"activeAccountId"_s, maskAccountId(live->accountId));
        codexCli.insert(u"sourceUpdatedAtMs"_s,
                        live->lastRefreshMs ? QJsonValue(double(*live->lastRefreshMs)) : QJsonValue(QJsonValue::Null));
    } else {
        codexCli.insert(u"accountCount"_s, 0);
    }
    codexCli.insert(u"syncVersion"_s, QJsonValue::Null);
    QJsonObject config;
    for (const SettingKey &k : settingKeys())
        config.insert(k.fullName(), effectiveSetting(k, app.settings(), app.env()).value);
    const bool reachable = app.repository().keychain() && app.repository().keychain()->probe().ok();
    int flagged = 0;
    if (Result<LoadedPool> f = PoolStore(app.paths().flaggedPath(), PoolStore::Kind::Flagged).load())
        flagged = int(f->pool.accounts.size());
    const QFileInfo poolInfo(app.repository().store().path());
    const QJsonObject bundle{
        {u"generatedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"storagePath"_s, app.paths().displayPath(app.repository().store().path())},
        {u"lastAccountsSaveTimestamp"_s, poolInfo.exists()
                                             ? QJsonValue(double(poolInfo.lastModified().toMSecsSinceEpoch()))
                                             : QJsonValue(QJsonValue::Null)},
        {u"config"_s, config},
        {u"accounts"_s, QJsonObject{{u"total"_s, pool.accounts.size()},
                                    {u"enabled"_s, enabled},
                                    {u"activeIndex"_s, pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                               : QJsonValue(pool.currentIndex())}}},
        {u"flaggedAccounts"_s, QJsonObject{{u"total"_s, flagged}}},
        {u"codexCli"_s, codexCli},
        {u"app"_s, QJsonObject{{u"version"_s, QStringLiteral(CMA_VERSION)},
                               {u"qtVersion"_s, QString::fromLatin1(qVersion())},
                               {u"os"_s, QSysInfo::prettyProductName()}}},
        {u"secretStorage"_s,
         QJsonObject{{u"mode"_s, secretModeName(app.repository().mode())}, {u"reachable"_s, reachable}}},
        {u"locks"_s, QJsonObject{{u"pool"_s, app.paths().displayPath(app.repository().store().lockPath())}}},
        {u"storageHealth"_s, loaded ? storageHealthName(loaded->health) : u"unreadable"_s},
    };
    // Belt and braces: nothing secret-looking survives.
    return redactSecrets(QString::fromUtf8(toJsonIndented(bundle, {u"generatedAt"_s}))).toUtf8();
}

} // namespace cma
