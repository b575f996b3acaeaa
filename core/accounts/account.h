#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace cma {

class JsonWriter;

/// A workspace a login can act as (docs/storage.md §4.2 `workspaces`).
struct Workspace
{
    QString id;
    std::optional<QString> name;
    bool enabled = true;
    std::optional<qint64> disabledAt;
    std::optional<bool> isDefault;
    QJsonObject extra;
};

/// One saved account, field for field as docs/storage.md §4.2 defines the V3 record. Optional fields
/// are std::optional so that "absent" survives a round trip; keys we do not know are kept in
/// `extra` and written back.
struct Account
{
    std::optional<QString> recordId;
    std::optional<QString> accountId;
    std::optional<QString> accountIdSource; ///< token | id_token | org | manual
    std::optional<QString> accountLabel;
    std::optional<QString> email;
    QString refreshToken; ///< the token, or a keychain marker `cma-keychain:v1:<id>`
    std::optional<QString> accessToken;
    std::optional<qint64> expiresAt;
    std::optional<bool> enabled;
    qint64 addedAt = 0;
    qint64 lastUsed = 0;
    std::optional<QString> lastSwitchReason;
    std::optional<QMap<QString, qint64>> rateLimitResetTimes;
    std::optional<qint64> coolingDownUntil;
    std::optional<QString> cooldownReason;
    std::optional<qint64> authInvalidatedAt;
    std::optional<QString> authInvalidationErrorCode;
    std::optional<QList<Workspace>> workspaces;
    std::optional<qint64> currentWorkspaceIndex;
    // Our extension fields.
    std::optional<QString> idToken;
    std::optional<qint64> lastRefresh;
    std::optional<QString> userId;
    std::optional<QString> disabledReason; ///< user | auth-failure
    QJsonObject extra;
    /// Not stored: the keychain item id this record's secrets belong to (from its marker). Kept
    /// when a re-login replaces the marker with fresh plaintext tokens, so the next save writes
    /// them into the same item (docs/storage.md §5.2).
    QString secretId;

    bool isEnabled() const { return enabled.value_or(true); }
    bool isInvalidated() const { return authInvalidatedAt.has_value(); }

    /// Parses one record leniently: a field of the wrong type or value is left out and described
    /// in \a problems ("enabled: expected a boolean"); the record itself is always kept.
    static Account fromJson(const QJsonObject &object, QStringList *problems = nullptr);
    QJsonObject toJson() const;
    /// Streams the record (the pool serialiser's fast path), keys in the reference's order.
    void writeJson(JsonWriter &writer) const;

    // Identity keys (docs/storage.md §4.4).
    QString accountIdKey() const;
    QString emailKey() const;
    QString refreshTokenKey() const;
    QString trackerKey() const;
};

/// The account pool file (docs/storage.md §4.1).
struct AccountPool
{
    static constexpr int kVersion = 3;
    static const QStringList &families();

    QList<Account> accounts;
    int activeIndex = 0;
    QMap<QString, int> activeIndexByFamily;
    std::optional<int> pinnedAccountIndex;
    std::optional<qint64> affinityGeneration;
    QJsonObject extra;

    /// `activeIndexByFamily.codex` if present, else `activeIndex`, clamped; -1 when empty.
    int currentIndex() const;
    /// Sets `activeIndex` and every family entry to \a index.
    void select(int index);

    QJsonObject toJson() const;
    /// The file's bytes: 2-space JSON, as the reference writes it.
    QByteArray serialize() const;
};

/// Order of keys when writing, so files read like the reference's.
const QStringList &poolKeyOrder();

/// `Account <n> (<accountLabel>, [<workspace>], <email>, id:<last 6>)` (docs/cli.md §2).
QString accountLabelText(const Account &account, int number, bool redact = false);

} // namespace cma
