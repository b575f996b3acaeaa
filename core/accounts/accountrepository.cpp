#include "accountrepository.h"

#include "accounts/poolnormalizer.h"
#include "settings/settingsstore.h"
#include "util/atomicfile.h"
#include "util/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
const QString kMarkerPrefix = u"cma-keychain:v1:"_s;

QString itemKey(const QString &secretId)
{
    return u"account:"_s + secretId;
}

QByteArray itemValue(const TokenSet &t)
{
    QJsonObject o{{u"v"_s, 1}, {u"refreshToken"_s, t.refreshToken}};
    if (!t.accessToken.isEmpty())
        o.insert(u"accessToken"_s, t.accessToken);
    if (!t.idToken.isEmpty())
        o.insert(u"idToken"_s, t.idToken);
    if (t.expiresAt)
        o.insert(u"expiresAt"_s, double(*t.expiresAt));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QSet<QString> markersOf(const AccountPool &pool)
{
    QSet<QString> markers;
    for (const Account &a : pool.accounts) {
        if (isKeychainMarker(a.refreshToken))
            markers.insert(a.refreshToken);
    }
    return markers;
}
} // namespace

QString secretModeName(SecretMode mode)
{
    return mode == SecretMode::Keychain ? u"keychain"_s : u"file"_s;
}

AccountRepository::AccountRepository(PoolStore store, SecretStore *keychain, SecretMode mode)
    : m_store(std::move(store))
    , m_keychain(keychain)
    , m_mode(keychain ? mode : SecretMode::File)
{}

QString AccountRepository::markerFor(const QString &secretId)
{
    return kMarkerPrefix + secretId;
}

QString AccountRepository::newSecretId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toHex());
}

SecretMode AccountRepository::decideMode(SettingsStore &settings, SecretStore *keychain, const PoolStore &store,
                                         bool persist)
{
    const QString stored = settings.desktopString(u"secretStorage"_s);
    if (stored == "keychain"_L1 && keychain)
        return SecretMode::Keychain;
    if (stored == "file"_L1 || (stored == "keychain"_L1 && !keychain))
        return SecretMode::File;
    bool plaintext = false;
    if (Result<LoadedPool> loaded = store.load())
        plaintext = holdsPlaintextTokens(loaded->pool);
    SecretMode mode = SecretMode::File;
    if (keychain && !plaintext) {
        if (Status probe = keychain->probe())
            mode = SecretMode::Keychain;
        else
            qCInfo(lcSecrets) << "keychain probe failed; using file mode:" << probe.error().message;
    }
    if (persist)
        settings.setValue(u"desktop"_s, u"secretStorage"_s, secretModeName(mode));
    return mode;
}

void AccountRepository::mergeLegacy(AccountPool &pool) const
{
    for (const QString &path : m_legacyPools) {
        Result<LoadedPool> legacy = PoolStore(path).load();
        if (!legacy)
            continue;
        for (const Account &a : std::as_const(legacy->pool.accounts))
            upsertAccount(pool, a);
    }
}

Result<LoadedPool> AccountRepository::load() const
{
    Result<LoadedPool> loaded = m_store.load();
    if (loaded && !m_legacyPools.isEmpty() && !loaded->readOnly() && loaded->health != StorageHealth::Corrupt) {
        mergeLegacy(loaded->pool);
        if (!loaded->pool.accounts.isEmpty() && loaded->health == StorageHealth::Empty)
            loaded->health = StorageHealth::Recoverable;
    }
    return loaded;
}

Result<TokenSet> AccountRepository::tokensOf(const Account &account) const
{
    if (!isKeychainMarker(account.refreshToken)) {
        return TokenSet{account.refreshToken, account.accessToken.value_or(QString()),
                        account.idToken.value_or(QString()), account.expiresAt};
    }
    if (!m_keychain)
        return makeError(ErrorCode::SecretStoreUnavailable,
                         u"this account's tokens are in a keychain this system does not have"_s);
    Result<QByteArray> item = m_keychain->read(itemKey(account.secretId));
    if (!item) {
        if (item.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NoUsableAccount,
                             u"the keychain no longer holds this account's tokens; sign in to this account again"_s);
        return item.error();
    }
    const QJsonObject o = QJsonDocument::fromJson(item.value()).object();
    TokenSet t;
    t.refreshToken = o.value(u"refreshToken"_s).toString();
    t.accessToken = o.value(u"accessToken"_s).toString();
    t.idToken = o.value(u"idToken"_s).toString();
    if (o.value(u"expiresAt"_s).isDouble())
        t.expiresAt = qint64(o.value(u"expiresAt"_s).toDouble());
    else
        t.expiresAt = account.expiresAt;
    if (t.refreshToken.isEmpty())
        return makeError(ErrorCode::NoUsableAccount,
                         u"the keychain item of this account is damaged; sign in to this account again"_s);
    return t;
}

SecretState AccountRepository::secretState(const Account &account) const
{
    if (!isKeychainMarker(account.refreshToken))
        return SecretState::Plaintext;
    Result<TokenSet> t = tokensOf(account);
    if (t)
        return SecretState::Keychain;
    return t.error().code == ErrorCode::SecretStoreUnavailable ? SecretState::Unavailable : SecretState::Missing;
}

void AccountRepository::setTokens(Account &account, const TokenSet &tokens) const
{
    if (isKeychainMarker(account.refreshToken) && account.secretId.isEmpty())
        account.secretId = account.refreshToken.mid(kMarkerPrefix.size());
    account.refreshToken = tokens.refreshToken;
    account.accessToken = tokens.accessToken.isEmpty() ? std::nullopt : std::optional<QString>(tokens.accessToken);
    account.idToken = tokens.idToken.isEmpty() ? std::nullopt : std::optional<QString>(tokens.idToken);
    account.expiresAt = tokens.expiresAt;
}

Status AccountRepository::externalize(AccountPool &pool, SecretMode mode, QStringList *resolvedMarkers) const
{
    for (Account &a : pool.accounts) {
        const bool marker = isKeychainMarker(a.refreshToken);
        if (mode == SecretMode::Keychain && !marker) {
            if (!m_keychain)
                return makeError(ErrorCode::SecretStoreUnavailable, u"no keychain is available on this system"_s);
            const QString id = a.secretId.isEmpty() ? newSecretId() : a.secretId;
            const TokenSet t{a.refreshToken, a.accessToken.value_or(QString()), a.idToken.value_or(QString()),
                             a.expiresAt};
            const QByteArray value = itemValue(t);
            if (Status s = m_keychain->write(itemKey(id), value); !s)
                return s;
            Result<QByteArray> back = m_keychain->read(itemKey(id));
            if (!back || back.value() != value)
                return makeError(ErrorCode::SecretStoreUnavailable,
                                 u"the keychain did not keep what was stored; nothing was changed"_s);
            a.secretId = id;
            a.refreshToken = markerFor(id);
            a.accessToken.reset();
            a.idToken.reset();
        } else if (mode == SecretMode::File && marker && m_keychain) {
            Result<TokenSet> t = tokensOf(a);
            if (!t)
                continue; // stays a marker: secret-missing or unavailable, shown as such
            const QString oldMarker = a.refreshToken;
            setTokens(a, t.value());
            a.secretId.clear();
            if (resolvedMarkers)
                resolvedMarkers->append(oldMarker);
        }
    }
    return success();
}

void AccountRepository::deleteItems(const QStringList &markers) const
{
    if (!m_keychain)
        return;
    for (const QString &m : markers) {
        if (Status s = m_keychain->remove(itemKey(m.mid(kMarkerPrefix.size()))); !s)
            qCWarning(lcSecrets) << "could not delete a keychain item:" << s.error().message;
    }
}

Result<LoadedPool> AccountRepository::update(const PoolStore::Mutation &mutate) const
{
    QSet<QString> before;
    QStringList resolved;
    Result<LoadedPool> saved = m_store.update([&](AccountPool &pool) -> Status {
        before = markersOf(pool);
        resolved.clear();
        mergeLegacy(pool);
        if (Status s = mutate(pool); !s)
            return s;
        return externalize(pool, m_mode, &resolved);
    });
    if (!saved)
        return saved;
    QSet<QString> gone = before - markersOf(saved->pool);
    for (const QString &m : std::as_const(saved->discardedMarkers))
        gone.insert(m);
    // An item is deleted only when no record refers to it any more.
    const QSet<QString> still = markersOf(saved->pool);
    QStringList toDelete;
    for (const QString &m : std::as_const(gone)) {
        if (!still.contains(m))
            toDelete.append(m);
    }
    deleteItems(toDelete);
    return saved;
}

Result<AccountRepository::Conversion> AccountRepository::convertTo(SecretMode target)
{
    if (target == SecretMode::Keychain) {
        if (!m_keychain)
            return makeError(ErrorCode::SecretStoreUnavailable, u"no keychain is available on this system"_s);
        if (Status probe = m_keychain->probe(); !probe)
            return probe.error();
    }
    Conversion conversion;
    QStringList resolved;
    // Keychain → file: every marker must resolve first, or nothing changes.
    if (target == SecretMode::File) {
        Result<LoadedPool> current = m_store.load();
        if (!current)
            return current.error();
        for (const Account &a : current->pool.accounts) {
            if (!isKeychainMarker(a.refreshToken))
                continue;
            if (Result<TokenSet> t = tokensOf(a); !t)
                return makeError(t.error().code, u"%1: %2; nothing was changed"_s.arg(a.email.value_or(a.trackerKey()),
                                                                                      t.error().message));
        }
    }
    const bool toKeychain = target == SecretMode::Keychain;
    Result<LoadedPool> saved = m_store.update(
        [&](AccountPool &pool) -> Status {
            conversion.converted = 0;
            for (const Account &a : pool.accounts) {
                if (isKeychainMarker(a.refreshToken) != toKeychain)
                    ++conversion.converted;
            }
            resolved.clear();
            return externalize(pool, target, &resolved);
        },
        /*rotateBackups=*/!toKeychain);
    if (!saved)
        return saved.error();
    m_mode = target;
    if (toKeychain) {
        // The journal and backups still hold plaintext tokens.
        for (const QString &f : m_store.recoveryFiles()) {
            if (removeFileWithRetry(f))
                conversion.removedFiles.append(f);
        }
    } else {
        deleteItems(resolved);
    }
    return conversion;
}

Status AccountRepository::clearAll() const
{
    Result<QStringList> markers = m_store.clearAll();
    if (!markers)
        return markers.error();
    deleteItems(markers.value());
    return success();
}

QStringList plaintextTokenFiles(const StoragePaths &paths)
{
    QStringList out;
    QStringList candidates;
    for (const QString &base : {paths.poolPath(), paths.flaggedPath()})
        for (const QString &suffix : {QString(), u".bak"_s, u".bak.1"_s, u".bak.2"_s, u".wal"_s})
            candidates.append(base + suffix);
    const QDir backups(paths.backupsDir());
    for (const QString &name : backups.entryList({u"*.json"_s}, QDir::Files))
        candidates.append(paths.backupsDir() + u'/' + name);
    static const QRegularExpression plain(uR"re("refreshToken"\s*:\s*"(?!cma-keychain:)[^"]+")re"_s);
    for (const QString &path : std::as_const(candidates)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && plain.match(QString::fromUtf8(f.read(8 << 20))).hasMatch())
            out.append(path);
    }
    return out;
}

} // namespace cma
