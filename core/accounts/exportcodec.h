#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace cma {

/// The export formats of docs/storage.md §14.
class ExportCodec
{
public:
    enum class Format
    {
        Encrypted,
        ReferenceExport,
        PoolFile,
        Unknown
    };

    static constexpr int kMinPassphraseLength = 10;
    static constexpr qint64 kMaxImportBytes = 4 * 1024 * 1024;

    /// `{"version":3,"accounts":[…],"activeIndex":…,"activeIndexByFamily":{…}}`, tokens in clear
    /// (the caller resolves keychain markers first), plus `accountPolicies` when given.
    static QByteArray referenceExport(const AccountPool &pool, const QJsonObject &accountPolicies = {});

    /// Encrypts \a plaintext: Argon2id 1.3 key from the passphrase and a random salt,
    /// XChaCha20-Poly1305 with the parameters as additional data.
    static Result<QByteArray> encrypt(const QByteArray &plaintext, const QString &passphrase, qint64 createdAtMs,
                                      int accountCount, quint64 opslimit = 0, size_t memlimit = 0);
    /// Decrypts an encrypted export; a wrong passphrase or changed parameters give "decryption failed".
    static Result<QByteArray> decrypt(const QByteArray &fileBytes, const QString &passphrase);

    /// Which of the accepted formats \a bytes is.
    static Format detect(const QByteArray &bytes);

    static Status checkPassphrase(const QString &passphrase);
};

} // namespace cma
