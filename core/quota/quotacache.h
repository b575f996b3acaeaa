#pragma once

#include "accounts/account.h"
#include "util/jsonfile.h"

#include <QHash>
#include <QSet>
#include <optional>

namespace cma {

/// One window of a reading: short (≤ 1 day, "5h") in `primary`, long ("7d") in `secondary`.
struct QuotaWindow
{
    std::optional<double> usedPercent;
    std::optional<int> windowMinutes;
    std::optional<qint64> resetAtMs;

    bool isEmpty() const { return !usedPercent && !windowMinutes && !resetAtMs; }
    /// docs/storage.md §7: raw usedPercent ≥ 100, unless its reset passed (or, without a reset, the
    /// reading is older than the window).
    bool exhausted(qint64 updatedAt, qint64 nowMs) const;
    QJsonObject toJson() const;
    static QuotaWindow fromJson(const QJsonObject &o);
};

/// One cached reading (docs/storage.md §7), in the format the reference reads.
struct QuotaEntry
{
    qint64 updatedAt = 0;
    int status = 0;
    QString model;
    std::optional<QString> planType;
    QuotaWindow primary;
    QuotaWindow secondary;
    /// Our extensions: source, limitReached, credits, extraLimits (and unknown keys).
    QJsonObject extra;

    bool exhausted(qint64 nowMs) const;
    QJsonObject toJson() const;
    /// Null when the entry fails the reference's rules (updatedAt, status, model required).
    static std::optional<QuotaEntry> fromJson(const QJsonValue &value);
};

/// The keying rule of docs/storage.md §7 for a whole pool, computed once (the rule counts ids and
/// emails across the pool, so asking it per account would be quadratic).
class QuotaKeyIndex
{
public:
    explicit QuotaKeyIndex(const AccountPool &pool);
    /// {"byAccountId"|"byEmail", key}, or an empty key when the account cannot be cached.
    QPair<QString, QString> keyFor(const Account &account) const;

private:
    QHash<QString, int> m_idCount;
    QHash<QString, int> m_emailCount;
    QHash<QString, QSet<QString>> m_emailIds;
};

/// `quota-cache.json`: readings by account id or by email (docs/storage.md §7).
class QuotaCache
{
public:
    QuotaCache() = default;
    QuotaCache(QString path, QString lockPath);

    /// Reads the file; a missing, unreadable or other-version file gives an empty cache (a newer
    /// version also makes the cache read-only).
    void reload();
    bool readOnly() const { return m_readOnly; }

    /// The entry for \a account under the keying rule (unique account id, else unambiguous email).
    std::optional<QuotaEntry> entryFor(const Account &account, const AccountPool &pool) const;
    std::optional<QuotaEntry> entryFor(const Account &account, const QuotaKeyIndex &index) const;
    /// Every account's entry, in pool order.
    QList<std::optional<QuotaEntry>> entriesFor(const AccountPool &pool) const;
    /// The key an entry for \a account is stored under, or empty when it cannot be cached.
    static QPair<QString, QString> keyFor(const Account &account, const AccountPool &pool);

    /// Merges readings onto the latest file under `quota-cache.lock`; prunes ambiguous email
    /// entries. Readings of accounts that cannot be keyed are skipped.
    Status store(const QList<QPair<Account, QuotaEntry>> &readings, const AccountPool &pool);

    const QHash<QString, QuotaEntry> &byAccountId() const { return m_byId; }
    const QHash<QString, QuotaEntry> &byEmail() const { return m_byEmail; }

private:
    QString m_path;
    QString m_lockPath;
    QHash<QString, QuotaEntry> m_byId;
    QHash<QString, QuotaEntry> m_byEmail;
    bool m_readOnly = false;
};

} // namespace cma

namespace cma {
/// `5h`, `7d`, `90m` from a window length in minutes (docs/protocol.md §6.4).
QString windowLabel(int minutes);
/// A reading is stale when older than max(2 × polling interval, 10 minutes) (docs/runtime.md §6).
bool isStaleReading(qint64 updatedAt, qint64 nowMs, qint64 pollIntervalMs = 300000);
} // namespace cma
