#include "exportcodec.h"

#include "util/jsonwriter.h"

#include <QDateTime>
#include <QJsonDocument>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

QByteArray aad(quint64 ops, size_t mem, const QString &salt, const QString &nonce)
{
    return u"codex-multi-auth.export:1:argon2id13:%1:%2:%3:%4"_s.arg(ops).arg(mem).arg(salt, nonce).toUtf8();
}

Result<QByteArray> deriveKey(const QString &passphrase, const QByteArray &salt, quint64 ops, size_t mem)
{
    QByteArray key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, Qt::Uninitialized);
    const QByteArray pass = passphrase.toUtf8();
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), size_t(key.size()), pass.constData(),
                      size_t(pass.size()), reinterpret_cast<const unsigned char *>(salt.constData()), ops, mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return makeError(ErrorCode::Io, u"not enough memory to derive the export key"_s);
    return key;
}
} // namespace

QByteArray ExportCodec::referenceExport(const AccountPool &pool, const QJsonObject &accountPolicies)
{
    QJsonObject o = pool.toJson();
    o.remove(u"pinnedAccountIndex"_s);
    o.remove(u"affinityGeneration"_s);
    for (const QString &extra : pool.extra.keys())
        o.remove(extra);
    if (!accountPolicies.isEmpty())
        o.insert(u"accountPolicies"_s, accountPolicies);
    return toJsonIndented(o, poolKeyOrder());
}

Status ExportCodec::checkPassphrase(const QString &passphrase)
{
    if (passphrase.size() < kMinPassphraseLength)
        return makeError(ErrorCode::Usage,
                         u"the passphrase must have at least %1 characters"_s.arg(kMinPassphraseLength));
    return success();
}

Result<QByteArray> ExportCodec::encrypt(const QByteArray &plaintext, const QString &passphrase, qint64 createdAtMs,
                                        int accountCount, quint64 opslimit, size_t memlimit)
{
    if (!sodiumReady())
        return makeError(ErrorCode::Io, u"libsodium could not be initialised"_s);
    if (Status s = checkPassphrase(passphrase); !s)
        return s.error();
    const quint64 ops = opslimit ? opslimit : crypto_pwhash_OPSLIMIT_MODERATE;
    const size_t mem = memlimit ? memlimit : crypto_pwhash_MEMLIMIT_MODERATE;
    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    QByteArray nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), size_t(salt.size()));
    randombytes_buf(nonce.data(), size_t(nonce.size()));
    Result<QByteArray> key = deriveKey(passphrase, salt, ops, mem);
    if (!key)
        return key.error();
    const QString saltB64 = QString::fromLatin1(salt.toBase64());
    const QString nonceB64 = QString::fromLatin1(nonce.toBase64());
    const QByteArray ad = aad(ops, mem, saltB64, nonceB64);
    QByteArray cipher(plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long cipherLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(cipher.data()), &cipherLen,
        reinterpret_cast<const unsigned char *>(plaintext.constData()), size_t(plaintext.size()),
        reinterpret_cast<const unsigned char *>(ad.constData()), size_t(ad.size()), nullptr,
        reinterpret_cast<const unsigned char *>(nonce.constData()),
        reinterpret_cast<const unsigned char *>(key->constData()));
    sodium_memzero(key->data(), size_t(key->size()));
    cipher.resize(qsizetype(cipherLen));
    const QJsonObject o{{u"format"_s, u"codex-multi-auth.export"_s},
                        {u"version"_s, 1},
                        {u"createdAt"_s, QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC).toString(Qt::ISODate)},
                        {u"accountCount"_s, accountCount},
                        {u"kdf"_s, QJsonObject{{u"name"_s, u"argon2id13"_s},
                                               {u"opslimit"_s, double(ops)},
                                               {u"memlimit"_s, double(mem)},
                                               {u"salt"_s, saltB64}}},
                        {u"cipher"_s, QJsonObject{{u"name"_s, u"xchacha20poly1305-ietf"_s}, {u"nonce"_s, nonceB64}}},
                        {u"ciphertext"_s, QString::fromLatin1(cipher.toBase64())}};
    return toJsonIndented(o, {u"format"_s, u"version"_s, u"createdAt"_s, u"accountCount"_s, u"kdf"_s, u"cipher"_s,
                              u"ciphertext"_s, u"name"_s, u"opslimit"_s, u"memlimit"_s, u"salt"_s, u"nonce"_s});
}

Result<QByteArray> ExportCodec::decrypt(const QByteArray &fileBytes, const QString &passphrase)
{
    if (!sodiumReady())
        return makeError(ErrorCode::Io, u"libsodium could not be initialised"_s);
    const QJsonObject o = QJsonDocument::fromJson(fileBytes).object();
    const QJsonObject kdf = o.value(u"kdf"_s).toObject();
    const QJsonObject cipherSpec = o.value(u"cipher"_s).toObject();
    if (o.value(u"format"_s).toString() != "codex-multi-auth.export"_L1 || o.value(u"version"_s).toInt() != 1 ||
        kdf.value(u"name"_s).toString() != "argon2id13"_L1 ||
        cipherSpec.value(u"name"_s).toString() != "xchacha20poly1305-ietf"_L1)
        return makeError(ErrorCode::Io, u"invalid file: not a codex-multi-auth export this version understands"_s);
    const quint64 ops = quint64(kdf.value(u"opslimit"_s).toDouble());
    const size_t mem = size_t(kdf.value(u"memlimit"_s).toDouble());
    const QString saltB64 = kdf.value(u"salt"_s).toString();
    const QString nonceB64 = cipherSpec.value(u"nonce"_s).toString();
    const QByteArray salt = QByteArray::fromBase64(saltB64.toLatin1());
    const QByteArray nonce = QByteArray::fromBase64(nonceB64.toLatin1());
    const QByteArray cipher = QByteArray::fromBase64(o.value(u"ciphertext"_s).toString().toLatin1());
    if (salt.size() != crypto_pwhash_SALTBYTES || nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
        cipher.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES || ops < crypto_pwhash_OPSLIMIT_MIN ||
        ops > crypto_pwhash_OPSLIMIT_SENSITIVE * 4 || mem < crypto_pwhash_MEMLIMIT_MIN ||
        mem > size_t(4) * 1024 * 1024 * 1024)
        return makeError(ErrorCode::Io, u"invalid file: damaged encryption parameters"_s);
    Result<QByteArray> key = deriveKey(passphrase, salt, ops, mem);
    if (!key)
        return key.error();
    const QByteArray ad = aad(ops, mem, saltB64, nonceB64);
    QByteArray plain(cipher.size(), Qt::Uninitialized);
    unsigned long long plainLen = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char *>(plain.data()), &plainLen, nullptr,
        reinterpret_cast<const unsigned char *>(cipher.constData()), size_t(cipher.size()),
        reinterpret_cast<const unsigned char *>(ad.constData()), size_t(ad.size()),
        reinterpret_cast<const unsigned char *>(nonce.constData()),
        reinterpret_cast<const unsigned char *>(key->constData()));
    sodium_memzero(key->data(), size_t(key->size()));
    if (rc != 0)
        return makeError(ErrorCode::Io, u"decryption failed: wrong passphrase or a changed file"_s);
    plain.resize(qsizetype(plainLen));
    return plain;
}

ExportCodec::Format ExportCodec::detect(const QByteArray &bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    if (o.value(u"format"_s).toString() == "codex-multi-auth.export"_L1)
        return Format::Encrypted;
    if (!o.value(u"accounts"_s).isArray())
        return Format::Unknown;
    const int version = o.value(u"version"_s).toInt();
    if (version != 1 && version != 3)
        return Format::Unknown;
    // The reference's export omits the pool-only keys; a pool file has them or is V1.
    if (version == 3 && !o.contains(u"pinnedAccountIndex"_s) && !o.contains(u"affinityGeneration"_s))
        return Format::ReferenceExport;
    return Format::PoolFile;
}

} // namespace cma
