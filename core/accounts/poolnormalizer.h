#pragma once

#include "accounts/account.h"
#include "util/result.h"

#include <QJsonValue>

namespace cma {

/// What normalising a pool found, besides the pool itself.
struct NormalizedPool
{
    AccountPool pool;
    bool migratedFromV1 = false;
    /// Human-readable notes: dropped records, ignored fields, merged duplicates.
    QStringList problems;
    /// Keychain markers of records that de-duplication discarded (their items go after a save).
    QStringList discardedMarkers;
};

/// The load-time rules of docs/storage.md §4.3–4.6: validation, V1→V3 migration, dropping records
/// without a refresh token, de-duplication by identity, and re-resolving the selection and pin by
/// identity. A `version` other than 1 or 3, a non-object, or no `accounts` array is an error.
Result<NormalizedPool> normalizePool(const QJsonValue &root, qint64 nowMs);

/// The matcher of docs/storage.md §4.5: the index in \a records of the record that is the same
/// account as \a candidate, or -1. \a allowIdOnly enables the account-id-only tier (used only to
/// re-resolve selection indexes).
int findMatchingAccount(const QList<Account> &records, const Account &candidate, bool allowIdOnly = false);

/// True when \a b is "newer" than \a a by the reference's rule (larger lastUsed; on a tie, the
/// later record in the list, \a b here, when its addedAt is greater or equal).
bool isNewerRecord(const Account &a, const Account &b);

/// Merges two records of one identity: the newer record wins whole, except that the token set
/// (refresh, access and id token, expiresAt, lastRefresh) comes from the record with the later
/// lastRefresh. Older tokens never overwrite newer ones.
Account mergeSameAccount(const Account &kept, const Account &incoming);

/// De-duplicates in place (passes repeat until the count stops shrinking). Returns the keychain
/// markers of discarded records whose marker differs from the survivor's.
QStringList deduplicateAccounts(QList<Account> &accounts, QStringList *problems = nullptr);

enum class UpsertOutcome
{
    Inserted,
    Updated,
    Rebound
};

/// Adds \a incoming to the pool or updates the matching record in place: identity and token
/// fields come from \a incoming when its tokens are newer; the record's place, enabled state,
/// added time and everything else stay. Returns the outcome and the record's index.
std::pair<UpsertOutcome, int> upsertAccount(AccountPool &pool, const Account &incoming);

/// Moves the record at \a from to \a to (manual order, docs/ui.md §5). Every index that points at a
/// record (active, per family, pinned) follows its record. False when an index is out of range.
bool moveAccount(AccountPool &pool, int from, int to);

/// True when every record looks like a test fixture (docs/storage.md §4.3, synthetic-fixture guard).
bool isSyntheticFixture(const AccountPool &pool);

/// True when \a value is a keychain marker `cma-keychain:v1:<32 hex>`.
bool isKeychainMarker(const QString &value);
/// True when some record of \a pool holds its refresh token itself rather than a keychain marker.
bool holdsPlaintextTokens(const AccountPool &pool);

} // namespace cma
