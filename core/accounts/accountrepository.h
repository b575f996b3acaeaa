#pragma once

#include "accounts/poolstore.h"
#include "accounts/storagepaths.h"
#include "secrets/secretstore.h"

#include <optional>

namespace cma {

class SettingsStore;

/// Where token secrets live (docs/storage.md §5).
enum class SecretMode
{
    Keychain,
    File
};
QString secretModeName(SecretMode mode);

/// The three tokens of one account, resolved from the record or the keychain.
struct TokenSet
{
    QString refreshToken;
    QString accessToken;
    QString idToken;
    std::optional<qint64> expiresAt;
};

/// What we know about an account's secret without using it.
enum class SecretState
{
    Plaintext,
    Keychain,
    Missing,
    Unavailable
};

/// The pool as the rest of the product sees it: the pool store plus the secret mode. In keychain
/// mode every save moves plaintext tokens into the keychain first (marker in the pool); in file
/// mode markers are resolved back into the file. Items of records that a save removed are deleted
/// after the save. There is never a silent fallback to plaintext.
class AccountRepository
{
public:
    /// \a keychain may be null when this platform has none (then only file mode works).
    AccountRepository(PoolStore store, SecretStore *keychain, SecretMode mode);

    /// The mode from settings, or the first-start rule: probe the keychain; keychain mode when it
    /// works and the pool holds no plaintext token, else file mode. The decision is saved.
    static SecretMode decideMode(SettingsStore &settings, SecretStore *keychain, const PoolStore &store,
                                 bool persist = true);

    const PoolStore &store() const { return m_store; }
    SecretMode mode() const { return m_mode; }
    SecretStore *keychain() const { return m_keychain; }

    Result<LoadedPool> load() const;

    /// Legacy pools merged into this one on every load and update, never written
    /// (a project's in-repository `.codex/` pool, docs/storage.md §11).
    void setLegacyPools(const QStringList &paths) { m_legacyPools = paths; }
    Result<LoadedPool> update(const PoolStore::Mutation &mutate) const;

    Result<TokenSet> tokensOf(const Account &account) const;
    SecretState secretState(const Account &account) const;
    /// Stores \a tokens for the record (in its item, or in the record itself in file mode).
    void setTokens(Account &account, const TokenSet &tokens) const;

    struct Conversion
    {
        int converted = 0;
        QStringList removedFiles;
    };
    /// `secrets use keychain|file`: all or nothing, under the pool lock.
    Result<Conversion> convertTo(SecretMode target);

    /// The intentional clear plus deletion of every keychain item it held.
    Status clearAll() const;

    static QString markerFor(const QString &secretId);
    static QString newSecretId();

private:
    Status externalize(AccountPool &pool, SecretMode mode, QStringList *resolvedMarkers) const;
    void deleteItems(const QStringList &markers) const;

    void mergeLegacy(AccountPool &pool) const;

    PoolStore m_store;
    QStringList m_legacyPools;
    SecretStore *m_keychain;
    SecretMode m_mode;
};

/// Our files that still hold a refresh token in plaintext: the pool, its backups and journal, the
/// flagged file and its backups, and named backups in the reference's format (docs/storage.md §5, §14).
QStringList plaintextTokenFiles(const StoragePaths &paths);

} // namespace cma
