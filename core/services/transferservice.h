#pragma once

#include "accounts/account.h"
#include "accounts/poolstore.h"
#include "util/result.h"

#include <QJsonObject>
#include <functional>

namespace cma {

class AppContext;

/// Asked for the passphrase only when one is needed (an encrypted file); a face reads it from a
/// prompt, a file or the environment.
using PassphraseSource = std::function<Result<QString>()>;

enum class ExportFormat
{
    Encrypted, ///< `.cma-backup`: the reference's export inside authenticated encryption
    Reference, ///< the reference's plaintext export, for the Node version
};

struct ExportRequest
{
    QString path; ///< absolute
    ExportFormat format = ExportFormat::Encrypted;
    PassphraseSource passphrase; ///< asked after the pool was read (encrypted only)
};
struct ExportOutcome
{
    QString path;
    int accountCount = 0;
};

/// What an import brings, before it is merged into the pool.
struct ImportBatch
{
    QList<Account> accounts;
    QJsonObject policies;        ///< by policy key (encrypted exports carry them)
    QString source;              ///< codex-auth | encrypted | reference-export | pool-file
    QStringList problems;        ///< fields the file's records could not keep (warnings)
    bool selectImported = false; ///< an import from Codex makes that account the current one
};
struct ImportRequest
{
    QString path;                ///< a file to import, or
    bool fromCodex = false;      ///< Codex's current login
    QString codexAuthPath;       ///< with fromCodex: this auth.json instead of Codex's own
    PassphraseSource passphrase; ///< asked when the file is encrypted
};
struct ImportOutcome
{
    int imported = 0, updated = 0, skipped = 0, total = 0;
};

/// Exports, imports and named backups (docs/storage.md §14).
class TransferService
{
public:
    explicit TransferService(AppContext &app);

    /// `backups/<name>.cma-backup` (or `.json` for the reference format); checks the name and
    /// makes the folder.
    Result<QString> backupPath(const QString &name, ExportFormat format);
    /// Writes \a pool (as read by the caller) with every secret resolved.
    Result<ExportOutcome> exportPool(const AccountPool &pool, const ExportRequest &request);

    /// Reads and checks what \a request names; nothing is written.
    Result<ImportBatch> readImport(const ImportRequest &request);
    /// Merges \a batch into the pool (and its policies into the policy file), or — with
    /// \a dryRunPool — into a copy of that pool, to count what would change.
    Result<ImportOutcome> mergeImport(const ImportBatch &batch, const AccountPool *dryRunPool = nullptr);

private:
    AppContext &m_app;
};

} // namespace cma
