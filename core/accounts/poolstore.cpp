#include "poolstore.h"

#include "accounts/poolnormalizer.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

QString storageHealthName(StorageHealth health)
{
    switch (health) {
    case StorageHealth::Healthy:
        return u"healthy"_s;
    case StorageHealth::Empty:
        return u"empty"_s;
    case StorageHealth::Recoverable:
        return u"recoverable"_s;
    case StorageHealth::Corrupt:
        return u"corrupt"_s;
    case StorageHealth::IntentionalReset:
        return u"intentional-reset"_s;
    case StorageHealth::ReadOnly:
        return u"read-only"_s;
    }
    return {};
}

namespace {

QString describeParseError(const QByteArray &data, const QJsonParseError &error)
{
    if (data.isEmpty())
        return u"the file is empty"_s;
    if (data.contains('\0'))
        return u"the file contains NUL bytes"_s;
    return u"invalid JSON at byte %1 (%2)"_s.arg(error.offset).arg(error.errorString());
}

QString randomHex8()
{
    return u"%1"_s.arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

bool copyPrivate(const QString &from, const QString &to)
{
    Result<QByteArray> data = readWholeFile(from);
    if (!data)
        return false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (writeFileAtomically(to, data.value(), 0600))
            return true;
        usleep(static_cast<useconds_t>(10000 << attempt));
    }
    return false;
}

} // namespace

PoolStore::PoolStore(QString poolPath, Kind kind)
    : m_path(std::move(poolPath))
    , m_kind(kind)
{
    // A symlinked pool (dotfiles) is followed: writes go to the real file and the link stays.
    const QFileInfo info(m_path);
    if (info.isSymLink() && info.exists())
        m_path = info.canonicalFilePath();
}

QString PoolStore::directory() const
{
    return QFileInfo(m_path).absolutePath();
}

QString PoolStore::lockPath() const
{
    // Deliberately not "<pool>.lock": the reference's backup discovery must never see it.
    QString name = QFileInfo(m_path).fileName();
    if (name.endsWith(u".json"_s))
        name.chop(5);
    return directory() + u'/' + name + u".lock"_s;
}

bool PoolStore::resetIntentExists() const
{
    return QFileInfo::exists(m_path + u".reset-intent"_s);
}

FileFingerprint PoolStore::fingerprintOf(const QByteArray &content) const
{
    FileFingerprint f;
    struct stat st
    {};
    if (::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        return f;
    f.exists = true;
    f.size = st.st_size;
    f.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    f.sha256 = sha256Hex(content);
    return f;
}

FileFingerprint PoolStore::fingerprint() const
{
    Result<QByteArray> data = readWholeFile(m_path);
    if (!data)
        return FileFingerprint{};
    return fingerprintOf(data.value());
}

Result<LoadedPool> PoolStore::readCandidate(const QString &file, bool journal, QByteArray *raw) const
{
    Result<QByteArray> data = readWholeFile(file);
    if (!data)
        return data.error();
    QByteArray content = data.value();
    if (raw)
        *raw = content;
    if (journal) {
        const QJsonObject wal = QJsonDocument::fromJson(content).object();
        content = wal.value(u"content"_s).toString().toUtf8();
        if (wal.isEmpty() || content.isEmpty() || sha256Hex(content) != wal.value(u"checksum"_s).toString())
            return makeError(ErrorCode::StorageUnreadable,
                             u"%1: the journal is incomplete or its checksum does not match"_s.arg(file));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(content, &error);
    if (doc.isNull())
        return makeError(ErrorCode::StorageUnreadable, u"%1: %2"_s.arg(file, describeParseError(content, error)));
    if (m_kind == Kind::Flagged) {
        // docs/storage.md §6: any other version is empty; records need a refresh token; one per token.
        LoadedPool loaded;
        loaded.source = file;
        const QJsonObject o = doc.object();
        if (o.value(u"version"_s).toInt() != 1 || !o.value(u"accounts"_s).isArray()) {
            loaded.health = StorageHealth::Empty;
            loaded.reason = u"empty-storage"_s;
            return loaded;
        }
        QHash<QString, int> byToken;
        for (const QJsonValue &v : o.value(u"accounts"_s).toArray()) {
            QStringList problems;
            Account a = Account::fromJson(v.toObject(), &problems);
            if (a.refreshToken.trimmed().isEmpty())
                continue;
            if (!a.extra.value(u"flaggedAt"_s).isDouble())
                a.extra.insert(u"flaggedAt"_s, double(Clock::instance().nowMs()));
            const QString key = a.refreshTokenKey();
            if (byToken.contains(key))
                loaded.pool.accounts[byToken.value(key)] = a;
            else {
                byToken.insert(key, int(loaded.pool.accounts.size()));
                loaded.pool.accounts.append(a);
            }
        }
        loaded.health = loaded.pool.accounts.isEmpty() ? StorageHealth::Empty : StorageHealth::Healthy;
        return loaded;
    }
    const QJsonValue version = doc.object().value(u"version"_s);
    if (version.isDouble() && version.toDouble() > AccountPool::kVersion) {
        // Newer than we understand: show what we can, never write (docs/storage.md §1 rule 4).
        QJsonObject asV3 = doc.object();
        asV3.insert(u"version"_s, AccountPool::kVersion);
        LoadedPool loaded;
        if (Result<NormalizedPool> n = normalizePool(asV3, Clock::instance().nowMs()))
            loaded.pool = n->pool;
        loaded.health = StorageHealth::ReadOnly;
        loaded.reason = u"newer-version"_s;
        loaded.source = file;
        loaded.problems.append(
            u"%1 has version %2, newer than this app understands (%3); it is opened read-only"_s.arg(file)
                .arg(version.toDouble())
                .arg(AccountPool::kVersion));
        return loaded;
    }
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    Result<NormalizedPool> n = normalizePool(root, Clock::instance().nowMs());
    if (!n)
        return makeError(ErrorCode::StorageUnreadable, u"%1: %2"_s.arg(file, n.error().message));
    LoadedPool loaded;
    loaded.pool = std::move(n->pool);
    loaded.problems = n->problems;
    loaded.discardedMarkers = n->discardedMarkers;
    loaded.source = file;
    loaded.health = loaded.pool.accounts.isEmpty() ? StorageHealth::Empty : StorageHealth::Healthy;
    loaded.reason = loaded.pool.accounts.isEmpty() ? u"empty-storage"_s : QString();
    if (n->migratedFromV1)
        loaded.reason = u"migrated-v1"_s;
    return loaded;
}

QStringList PoolStore::backupCandidates() const
{
    QStringList out;
    const QString base = QFileInfo(m_path).fileName();
    for (const QString &suffix : {u".bak"_s, u".bak.1"_s, u".bak.2"_s})
        out.append(m_path + suffix);
    QStringList others = QDir(directory()).entryList({base + u".*"_s}, QDir::Files | QDir::Hidden);
    std::sort(others.begin(), others.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    for (const QString &name : std::as_const(others)) {
        const QString full = directory() + u'/' + name;
        if (out.contains(full) || name.endsWith(u".tmp"_s) || name.endsWith(u".wal"_s) ||
            name.endsWith(u".reset-intent"_s) || name.contains(u".rotate."_s) || name.contains(u".cache"_s))
            continue;
        out.append(full);
    }
    return out;
}

void PoolStore::sweepStaging() const
{
    const QString base = QFileInfo(m_path).fileName();
    const qint64 now = Clock::instance().nowMs();
    const QFileInfoList entries = QDir(directory()).entryInfoList({base + u".*"_s}, QDir::Files | QDir::Hidden);
    static const QRegularExpression saveTemp(u"\\.\\d+\\.\\d+\\.[0-9a-f]{8}\\.tmp$"_s);
    for (const QFileInfo &fi : entries) {
        const QString name = fi.fileName();
        if (name.contains(u".rotate."_s) && name.endsWith(u".tmp"_s))
            removeFileWithRetry(fi.absoluteFilePath());
        else if (saveTemp.match(name).hasMatch() && now - fi.lastModified().toMSecsSinceEpoch() > 3600 * 1000)
            removeFileWithRetry(fi.absoluteFilePath());
    }
}

void PoolStore::keepDamagedAside() const
{
    if (!QFileInfo::exists(m_path))
        return;
    const QString aside = u"%1.damaged-%2"_s.arg(m_path).arg(Clock::instance().nowMs());
    if (::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(aside).constData()) == 0)
        qCWarning(lcStore) << "kept the damaged pool as" << aside;
}

Result<LoadedPool> PoolStore::loadImpl(bool locked) const
{
    if (locked)
        sweepStaging();

    QString primaryProblem;
    const bool primaryExists = QFileInfo::exists(m_path);
    QByteArray primaryBytes;
    Result<LoadedPool> primary = readCandidate(m_path, false, &primaryBytes);
    if (primary) {
        LoadedPool loaded = std::move(primary.value());
        loaded.fingerprint = fingerprintOf(primaryBytes);
        if (loaded.readOnly())
            return loaded;
        if (resetIntentExists()) {
            LoadedPool reset;
            reset.health = StorageHealth::IntentionalReset;
            reset.reason = u"intentional-reset"_s;
            reset.fingerprint = loaded.fingerprint;
            return reset;
        }
        if (loaded.reason == "migrated-v1"_L1) {
            loaded.problems.append(u"migrated the version 1 pool to version 3"_s);
            loaded.reason.clear();
            if (locked) {
                if (Status s = save(loaded.pool, loaded.fingerprint, true); !s)
                    return s.error();
                loaded.fingerprint = fingerprint();
            }
        }
        if (m_backupsEnabled && isSyntheticFixture(loaded.pool)) {
            for (const QString &candidate : backupCandidates()) {
                Result<LoadedPool> backup = readCandidate(candidate, false);
                if (backup && !backup->pool.accounts.isEmpty() && !isSyntheticFixture(backup->pool)) {
                    LoadedPool promoted = std::move(backup.value());
                    promoted.problems.append(u"the pool held only test fixtures; restored %1"_s.arg(candidate));
                    if (locked) {
                        if (Status s = save(promoted.pool, loaded.fingerprint, false); !s)
                            return s.error();
                    } else {
                        promoted.health = StorageHealth::Recoverable;
                    }
                    promoted.fingerprint = fingerprint();
                    return promoted;
                }
            }
        }
        return loaded;
    }
    if (primary.error().code == ErrorCode::Io)
        return primary.error();
    if (primaryExists)
        primaryProblem = primary.error().message;

    LoadedPool empty;
    empty.fingerprint = primaryExists ? fingerprintOf(primaryBytes) : FileFingerprint{};
    if (resetIntentExists()) {
        empty.health = StorageHealth::IntentionalReset;
        empty.reason = u"intentional-reset"_s;
        return empty;
    }

    auto recovered = [&](LoadedPool pool, const QString &reason) -> Result<LoadedPool> {
        pool.reason = reason;
        if (!primaryProblem.isEmpty())
            pool.problems.prepend(primaryProblem);
        pool.problems.append(u"recovered the accounts from %1"_s.arg(pool.source));
        if (!locked) {
            pool.health = StorageHealth::Recoverable;
            pool.fingerprint = empty.fingerprint;
            return pool;
        }
        if (primaryExists)
            keepDamagedAside();
        if (Status s = save(pool.pool, fingerprint(), false); !s)
            return s.error();
        pool.fingerprint = fingerprint();
        return pool;
    };

    if (Result<LoadedPool> wal = readCandidate(m_path + u".wal"_s, true); wal && !wal->readOnly()) {
        if (!resetIntentExists())
            return recovered(std::move(wal.value()), u"journal"_s);
    }
    if (resetIntentExists()) {
        empty.health = StorageHealth::IntentionalReset;
        empty.reason = u"intentional-reset"_s;
        return empty;
    }
    if (m_backupsEnabled) {
        for (const QString &candidate : backupCandidates()) {
            Result<LoadedPool> backup = readCandidate(candidate, false);
            if (backup && !backup->readOnly())
                return recovered(std::move(backup.value()), u"backup"_s);
        }
    }
    if (!primaryExists) {
        empty.health = StorageHealth::Empty;
        empty.reason = u"missing-storage"_s;
        return empty;
    }
    LoadedPool corrupt;
    corrupt.health = StorageHealth::Corrupt;
    corrupt.reason = u"corrupt"_s;
    corrupt.corruption = primaryProblem;
    corrupt.problems.append(primaryProblem);
    corrupt.fingerprint = empty.fingerprint;
    return corrupt;
}

Result<LoadedPool> PoolStore::load() const
{
    if (m_kind == Kind::Flagged)
        migrateLegacyFlagged();
    return loadImpl(false);
}

void PoolStore::migrateLegacyFlagged() const
{
    const QString legacy = QFileInfo(m_path).absolutePath() + u"/openai-codex-blocked-accounts.json"_s;
    if (QFileInfo(legacy).absoluteFilePath() == QFileInfo(m_path).absoluteFilePath() || !QFileInfo::exists(legacy))
        return;
    const Result<LoadedPool> old = PoolStore(legacy, Kind::Flagged).loadImpl(false);
    if (old && old->health == StorageHealth::Empty)
        return; // nothing to merge (or a version we do not read): never delete what we did not take
    if (!old || old->health != StorageHealth::Healthy) {
        qCWarning(lcStore) << "the legacy blocked-accounts file cannot be read; it is left in place:"
                           << (old ? old->corruption : old.error().message);
        return;
    }
    const Result<LoadedPool> merged = update([&](AccountPool &flagged) -> Status {
        for (const Account &a : old->pool.accounts) {
            const bool known = std::any_of(flagged.accounts.begin(), flagged.accounts.end(), [&](const Account &f) {
                return f.refreshTokenKey() == a.refreshTokenKey();
            });
            if (!known)
                flagged.accounts.append(a);
        }
        return success();
    });
    if (!merged) {
        qCWarning(lcStore) << "could not merge the legacy blocked-accounts file:" << merged.error().message;
        return;
    }
    QFile::remove(legacy);
}

void PoolStore::rotateBackups() const
{
    const QString nonce = u"%1.%2.%3"_s.arg(qint64(::getpid())).arg(Clock::instance().nowMs()).arg(randomHex8());
    struct Step
    {
        QString from;
        QString slot;
        QString label;
    };
    const QList<Step> steps = {{m_path + u".bak.1"_s, m_path + u".bak.2"_s, u"slot-2"_s},
                               {m_path + u".bak"_s, m_path + u".bak.1"_s, u"slot-1"_s},
                               {m_path, m_path + u".bak"_s, u"latest"_s}};
    QList<QPair<QString, QString>> staged;
    for (const Step &step : steps) {
        if (!QFileInfo::exists(step.from))
            continue;
        const QString stagedName = u"%1.rotate.%2.%3.tmp"_s.arg(step.slot, nonce, step.label);
        if (copyPrivate(step.from, stagedName))
            staged.append({stagedName, step.slot});
        else
            qCWarning(lcStore) << "backup rotation could not copy" << step.from;
    }
    for (const auto &s : std::as_const(staged)) {
        if (!commitStagingFile(s.first, s.second))
            qCWarning(lcStore) << "backup rotation could not replace" << s.second;
    }
    for (const auto &s : std::as_const(staged))
        removeFileWithRetry(s.first);
}

Status PoolStore::save(const AccountPool &pool, const FileFingerprint &expected, bool rotateCurrent) const
{
    if (Status s = ensurePrivateDir(directory()); !s)
        return s;
    if (isSyntheticFixture(pool)) {
        Result<LoadedPool> current = readCandidate(m_path, false);
        if (current && !current->pool.accounts.isEmpty() && !isSyntheticFixture(current->pool))
            return makeError(ErrorCode::Io,
                             u"refusing to write test fixture accounts over the real pool %1"_s.arg(m_path));
    }
    if (fingerprint() != expected)
        return makeError(ErrorCode::StorageBusy, u"storage changed concurrently"_s);
    if (m_backupsEnabled && rotateCurrent && QFileInfo::exists(m_path))
        rotateBackups();

    const QByteArray content = serialize(pool);
    const QJsonObject wal{{u"version"_s, 1},
                          {u"createdAt"_s, double(Clock::instance().nowMs())},
                          {u"path"_s, m_path},
                          {u"checksum"_s, sha256Hex(content)},
                          {u"content"_s, QString::fromUtf8(content)}};
    if (Status s = writeFileAtomically(m_path + u".wal"_s, toJsonCompact(wal), 0600); !s)
        return s;
    Result<QString> staging = writeStagingFile(m_path, content, 0600);
    if (!staging)
        return staging.error();
    // Re-check just before the rename: the reference may have written meanwhile (it takes no lock).
    if (fingerprint() != expected) {
        removeFileWithRetry(staging.value());
        return makeError(ErrorCode::StorageBusy, u"storage changed concurrently"_s);
    }
    if (Status s = commitStagingFile(staging.value(), m_path); !s)
        return s;
    removeFileWithRetry(m_path + u".reset-intent"_s);
    removeFileWithRetry(m_path + u".wal"_s);
    return success();
}

QByteArray PoolStore::serialize(const AccountPool &pool) const
{
    if (m_kind == Kind::Pool)
        return pool.serialize();
    QJsonArray list;
    for (const Account &a : pool.accounts)
        list.append(a.toJson());
    return toJsonIndented(QJsonObject{{u"version"_s, 1}, {u"accounts"_s, list}},
                          QStringList{u"version"_s, u"accounts"_s} + poolKeyOrder());
}

Result<LoadedPool> PoolStore::update(const Mutation &mutate, bool rotateBackups) const
{
    if (Status s = ensurePrivateDir(directory()); !s)
        return s.error();
    Result<FileLock> lock = FileLock::acquire(lockPath(), m_lockTimeoutMs);
    if (!lock)
        return lock.error();
    ::chmod(QFile::encodeName(lockPath()).constData(), 0600);
    lock->writeOwnerInfo();
    for (int attempt = 0; attempt < 3; ++attempt) {
        Result<LoadedPool> loaded = loadImpl(true);
        if (!loaded)
            return loaded.error();
        if (loaded->readOnly())
            return makeError(
                ErrorCode::StorageReadOnly,
                u"%1 was written by a newer version of codex-multi-auth; it is read-only here"_s.arg(m_path));
        if (loaded->health == StorageHealth::Corrupt)
            return makeError(ErrorCode::StorageUnreadable,
                             u"%1 cannot be read (%2) and nothing could be recovered; the file was left as it is. "
                             "Run codex-multi-auth --cli doctor for the options."_s.arg(m_path, loaded->corruption));
        LoadedPool result = std::move(loaded.value());
        if (Status s = mutate(result.pool); !s)
            return s.error();
        Status saved = save(result.pool, result.fingerprint, rotateBackups);
        if (saved) {
            result.health = result.pool.accounts.isEmpty() ? StorageHealth::Empty : StorageHealth::Healthy;
            result.reason = result.pool.accounts.isEmpty() ? u"empty-storage"_s : QString();
            result.fingerprint = fingerprint();
            return result;
        }
        if (saved.error().code != ErrorCode::StorageBusy)
            return saved.error();
        qCWarning(lcStore) << "pool changed during a save; retrying" << attempt + 1;
    }
    return makeError(ErrorCode::StorageBusy, u"storage changed concurrently; try again"_s);
}

QStringList PoolStore::recoveryFiles() const
{
    QStringList files;
    if (QFileInfo::exists(m_path + u".wal"_s))
        files.append(m_path + u".wal"_s);
    for (const QString &f : backupCandidates()) {
        if (QFileInfo::exists(f))
            files.append(f);
    }
    return files;
}

Result<QStringList> PoolStore::clearAll() const
{
    if (Status s = ensurePrivateDir(directory()); !s)
        return s.error();
    Result<FileLock> lock = FileLock::acquire(lockPath(), m_lockTimeoutMs);
    if (!lock)
        return lock.error();
    QStringList markers;
    if (Result<LoadedPool> current = loadImpl(false)) {
        for (const Account &a : current->pool.accounts) {
            if (isKeychainMarker(a.refreshToken))
                markers.append(a.refreshToken);
        }
    }
    const QByteArray intent =
        toJsonCompact(QJsonObject{{u"version"_s, 1}, {u"createdAt"_s, double(Clock::instance().nowMs())}});
    if (Status s = writeFileAtomically(m_path + u".reset-intent"_s, intent, 0600); !s)
        return s.error();
    if (!removeFileWithRetry(m_path) || !removeFileWithRetry(m_path + u".wal"_s))
        return makeError(ErrorCode::Io, u"could not delete %1"_s.arg(m_path));
    for (const QString &backup : backupCandidates())
        removeFileWithRetry(backup);
    return markers;
}

} // namespace cma
