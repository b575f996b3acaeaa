#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace cma {

/// Where secrets live outside the pool file. Every call is synchronous for the caller (a backend
/// that works asynchronously runs a local event loop). Errors: NotFound for a missing item,
/// SecretStoreUnavailable when the keychain is locked, unreachable or refuses access.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual QString backendName() const = 0;
    virtual Result<QByteArray> read(const QString &key) = 0;
    virtual Status write(const QString &key, const QByteArray &value) = 0;
    /// Removing a missing item is success.
    virtual Status remove(const QString &key) = 0;

    /// Writes, reads back and deletes a test item (the first-start probe, docs/storage.md §5.2).
    Status probe();
};

/// The OS keychain through QtKeychain (Secret Service or KWallet on Linux, Keychain on macOS,
/// Credential Manager on Windows), service `codex-multi-auth`. It never falls back to a
/// plaintext file: an unreachable keychain is an error the user sees (CLI exit 4).
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("codex-multi-auth"), int maxItemBytes = 0);
    QString backendName() const override { return QStringLiteral("keychain"); }
    Result<QByteArray> read(const QString &key) override;
    Status write(const QString &key, const QByteArray &value) override;
    Status remove(const QString &key) override;

private:
    // Each hands its job to the one keychain thread (QtKeychain is not thread-safe) and waits.
    Result<QByteArray> readItem(const QString &key);
    Status writeItem(const QString &key, const QByteArray &value);
    Status removeItem(const QString &key);
    // The same, on the keychain thread.
    Result<QByteArray> readItemHere(const QString &key);
    Status writeItemHere(const QString &key, const QByteArray &value);
    Status removeItemHere(const QString &key);

    QString m_service;
    int m_maxItemBytes; ///< 0 = no limit; Windows Credential Manager takes 2 560 bytes per item
};

/// Secrets in memory, for tests; can simulate an unreachable keychain.
class MemorySecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("memory"); }
    Result<QByteArray> read(const QString &key) override;
    Status write(const QString &key, const QByteArray &value) override;
    Status remove(const QString &key) override;

    void setReachable(bool reachable) { m_reachable = reachable; }
    const QHash<QString, QByteArray> &items() const { return m_items; }

private:
    QHash<QString, QByteArray> m_items;
    bool m_reachable = true;
};

} // namespace cma
