#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <functional>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cma {

/// Storage health states (docs/storage.md §10.5).
enum class StorageHealth
{
    Healthy,
    Empty,
    Recoverable,
    Corrupt,
    IntentionalReset,
    ReadOnly
};
QString storageHealthName(StorageHealth health);

/// Size, mtime and SHA-256 of a file as seen at load, for the compare-and-swap before a save.
struct FileFingerprint
{
    bool exists = false;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    QString sha256;
    bool operator==(const FileFingerprint &o) const = default;
};

/// The result of a load: the pool, its health and how it was obtained.
struct LoadedPool
{
    AccountPool pool;
    StorageHealth health = StorageHealth::Empty;
    /// `empty-storage`, `missing-storage`, `intentional-reset`, `journal`, `backup`, `corrupt`, …
    QString reason;
    /// The file the accounts came from (P, its journal, or a backup).
    QString source;
    /// Notes a user should see: ignored fields, dropped records, recovery.
    QStringList problems;
    /// For a corrupt pool: what is wrong with it.
    QString corruption;
    FileFingerprint fingerprint;
    QStringList discardedMarkers;

    bool readOnly() const { return health == StorageHealth::ReadOnly; }
};

/// Reads and writes one pool file P (global or project) exactly as docs/storage.md §10 specifies:
/// every read-modify-write under `openai-codex-accounts.lock` (flock, 10 s budget), a
/// compare-and-swap against writers that take no lock (the reference), backup rotation, the
/// `.wal` journal, temp + fsync + rename + directory fsync, the reset marker, and the recovery
/// order. A pool of a newer version is read-only. A damaged P is kept aside, never deleted.
class PoolStore
{
public:
    /// The pool, or the flagged-accounts file (docs/storage.md §6), which shares the record format,
    /// backups and reset marker but is `{"version":1,"accounts":[…]}` and never "corrupt" on an
    /// unknown version (it is then empty).
    enum class Kind
    {
        Pool,
        Flagged
    };

    explicit PoolStore(QString poolPath, Kind kind = Kind::Pool);
    Kind kind() const { return m_kind; }

    QString path() const { return m_path; }
    QString directory() const;
    QString lockPath() const;

    void setBackupsEnabled(bool enabled) { m_backupsEnabled = enabled; }
    void setLockTimeoutMs(int ms) { m_lockTimeoutMs = ms; }

    /// Loads without the lock: recovery happens in memory only and nothing is written.
    Result<LoadedPool> load() const;

    using Mutation = std::function<Status(AccountPool &)>;

    /// Locks, loads (recovering and saving as needed), applies \a mutate and saves. The mutation
    /// is re-applied to a fresh read if the file changed underneath (at most 3 tries). A mutation
    /// that returns an error aborts without writing. Returns the pool as saved.
    Result<LoadedPool> update(const Mutation &mutate, bool rotateBackups = true) const;

    /// Every recovery file of this pool (journal and backup candidates), for secret conversions.
    QStringList recoveryFiles() const;

    /// The intentional clear (docs/storage.md §10.4): reset marker first, then P, the journal and
    /// every backup candidate. Returns the keychain markers the cleared pool held.
    Result<QStringList> clearAll() const;

    /// Fingerprint of the current file.
    FileFingerprint fingerprint() const;

private:
    Result<LoadedPool> loadImpl(bool locked) const;
    /// docs/storage.md §6: the legacy `openai-codex-blocked-accounts.json` next to a flagged file is
    /// merged into it on first load and then deleted (left in place when it cannot be read).
    void migrateLegacyFlagged() const;
    Status save(const AccountPool &pool, const FileFingerprint &expected, bool rotateCurrent) const;
    Result<LoadedPool> readCandidate(const QString &file, bool journal, QByteArray *raw = nullptr) const;
    FileFingerprint fingerprintOf(const QByteArray &content) const;
    QStringList backupCandidates() const;
    void rotateBackups() const;
    void sweepStaging() const;
    void keepDamagedAside() const;
    bool resetIntentExists() const;

    QByteArray serialize(const AccountPool &pool) const;

    QString m_path;
    Kind m_kind = Kind::Pool;
    bool m_backupsEnabled = true;
    int m_lockTimeoutMs = 10000;
};

} // namespace cma
