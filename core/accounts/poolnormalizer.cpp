#include "poolnormalizer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

struct Identity
{
    QString accountId;
    QString email;
    QString refreshToken;
    bool valid = false;
};

Identity identityOf(const QJsonValue &record)
{
    const QJsonObject o = record.toObject();
    Identity id;
    id.accountId = o.value(u"accountId"_s).toString().trimmed();
    id.email = o.value(u"email"_s).toString().trimmed().toLower();
    id.refreshToken = o.value(u"refreshToken"_s).toString().trimmed();
    id.valid = record.isObject();
    return id;
}

bool userIdsConflict(const Account &a, const Account &b)
{
    return a.userId && b.userId && !a.userId->isEmpty() && !b.userId->isEmpty() && *a.userId != *b.userId;
}

int newestOf(const QList<Account> &records, const QList<int> &indexes)
{
    int best = -1;
    for (int i : indexes) {
        if (best < 0 || isNewerRecord(records[best], records[i]))
            best = i;
    }
    return best;
}

int resolveIndex(const QList<Account> &accounts, const Identity &id, int rawIndex)
{
    if (id.valid) {
        Account probe;
        if (!id.accountId.isEmpty())
            probe.accountId = id.accountId;
        if (!id.email.isEmpty())
            probe.email = id.email;
        probe.refreshToken = id.refreshToken;
        const int found = findMatchingAccount(accounts, probe, true);
        if (found >= 0)
            return found;
    }
    if (accounts.isEmpty())
        return 0;
    return std::clamp(rawIndex, 0, int(accounts.size()) - 1);
}

QJsonObject migrateV1Record(const QJsonObject &v1, qint64 nowMs)
{
    QJsonObject out;
    for (const QString &key : {u"accountId"_s, u"accountIdSource"_s, u"accountLabel"_s, u"email"_s, u"refreshToken"_s,
                               u"accessToken"_s, u"expiresAt"_s, u"enabled"_s, u"addedAt"_s, u"lastUsed"_s,
                               u"lastSwitchReason"_s, u"coolingDownUntil"_s, u"cooldownReason"_s}) {
        if (v1.contains(key))
            out.insert(key, v1.value(key));
    }
    const QJsonValue reset = v1.value(u"rateLimitResetTime"_s);
    if (reset.isDouble() && reset.toDouble() > double(nowMs)) {
        QJsonObject times;
        for (const QString &f : AccountPool::families())
            times.insert(f, reset.toDouble());
        out.insert(u"rateLimitResetTimes"_s, times);
    }
    return out;
}

} // namespace

bool isKeychainMarker(const QString &value)
{
    static const QRegularExpression re(u"^cma-keychain:v1:[0-9a-f]{32}$"_s);
    return re.match(value).hasMatch();
}

bool holdsPlaintextTokens(const AccountPool &pool)
{
    return std::any_of(pool.accounts.begin(), pool.accounts.end(),
                       [](const Account &a) { return !isKeychainMarker(a.refreshToken); });
}

bool isNewerRecord(const Account &a, const Account &b)
{
    if (b.lastUsed != a.lastUsed)
        return b.lastUsed > a.lastUsed;
    return b.addedAt >= a.addedAt;
}

namespace {
/// The matcher over the records at \a pool (all of \a records when null).
int matchAmong(const QList<Account> &records, const QList<int> *pool, const Account &candidate, bool allowIdOnly)
{
    QList<int> all;
    if (!pool) {
        all.resize(records.size());
        std::iota(all.begin(), all.end(), 0);
        pool = &all;
    }
    const QString id = candidate.accountIdKey();
    const QString mail = candidate.emailKey();
    const QString rt = candidate.refreshTokenKey();
    auto eligible = [&](const Account &r) { return !userIdsConflict(r, candidate); };

    // 1. Composite: same account id and email (or account id and user id when an email is missing).
    if (!id.isEmpty()) {
        QList<int> hits;
        for (int i : *pool) {
            const Account &r = records[i];
            if (!eligible(r) || r.accountIdKey() != id)
                continue;
            if (!mail.isEmpty() && r.emailKey() == mail)
                hits.append(i);
            else if ((mail.isEmpty() || r.emailKey().isEmpty()) && candidate.userId && r.userId &&
                     !candidate.userId->isEmpty() && *candidate.userId == *r.userId)
                hits.append(i);
        }
        if (!hits.isEmpty())
            return newestOf(records, hits);
    }
    // 2. Safe email: all non-empty account ids involved agree.
    if (!mail.isEmpty()) {
        QList<int> hits;
        QSet<QString> ids;
        if (!id.isEmpty())
            ids.insert(id);
        for (int i : *pool) {
            if (records[i].emailKey() == mail && eligible(records[i])) {
                hits.append(i);
                if (!records[i].accountIdKey().isEmpty())
                    ids.insert(records[i].accountIdKey());
            }
        }
        if (!hits.isEmpty() && ids.size() <= 1)
            return newestOf(records, hits);
    }
    // 3. Identical refresh token, unless identities disagree.
    if (!rt.isEmpty()) {
        QList<int> hits;
        bool conflict = false;
        for (int i : *pool) {
            const Account &r = records[i];
            if (r.refreshTokenKey() != rt)
                continue;
            if (!eligible(r) || (!id.isEmpty() && !r.accountIdKey().isEmpty() && r.accountIdKey() != id) ||
                (!mail.isEmpty() && !r.emailKey().isEmpty() && r.emailKey() != mail))
                conflict = true;
            hits.append(i);
        }
        if (!conflict && !hits.isEmpty() && !(hits.size() > 1 && id.isEmpty() && mail.isEmpty()))
            return newestOf(records, hits);
    }
    // 4. Unique account id.
    if (!id.isEmpty() && (!mail.isEmpty() || allowIdOnly)) {
        int only = -1;
        int count = 0;
        for (int i : *pool) {
            if (records[i].accountIdKey() == id) {
                only = i;
                ++count;
            }
        }
        if (count == 1 && eligible(records[only])) {
            const QString other = records[only].emailKey();
            if (mail.isEmpty() || other.isEmpty() || other == mail)
                return only;
        }
    }
    return -1;
}
} // namespace

int findMatchingAccount(const QList<Account> &records, const Account &candidate, bool allowIdOnly)
{
    return matchAmong(records, nullptr, candidate, allowIdOnly);
}

Account mergeSameAccount(const Account &kept, const Account &incoming)
{
    Account result = isNewerRecord(kept, incoming) ? incoming : kept;
    const Account &loser = isNewerRecord(kept, incoming) ? kept : incoming;
    const qint64 resultRefresh = result.lastRefresh.value_or(std::numeric_limits<qint64>::min());
    const qint64 loserRefresh = loser.lastRefresh.value_or(std::numeric_limits<qint64>::min());
    if ((result.lastRefresh || loser.lastRefresh) && loserRefresh > resultRefresh) {
        result.refreshToken = loser.refreshToken;
        result.accessToken = loser.accessToken;
        result.idToken = loser.idToken;
        result.expiresAt = loser.expiresAt;
        result.lastRefresh = loser.lastRefresh;
    }
    if (!result.userId && loser.userId)
        result.userId = loser.userId;
    return result;
}

QStringList deduplicateAccounts(QList<Account> &accounts, QStringList *problems)
{
    QStringList discarded;
    qsizetype before = accounts.size() + 1;
    while (accounts.size() < before) {
        before = accounts.size();
        QList<Account> result;
        result.reserve(accounts.size());
        // Buckets by identity key keep the pass linear; the matcher runs only on records that
        // share a key with the candidate.
        QHash<QString, QList<int>> byId, byEmail, byToken;
        for (const Account &a : std::as_const(accounts)) {
            QList<int> near;
            if (!a.accountIdKey().isEmpty())
                near += byId.value(a.accountIdKey());
            if (!a.emailKey().isEmpty())
                near += byEmail.value(a.emailKey());
            if (!a.refreshTokenKey().isEmpty())
                near += byToken.value(a.refreshTokenKey());
            int match = -1;
            if (!near.isEmpty()) {
                std::sort(near.begin(), near.end());
                near.erase(std::unique(near.begin(), near.end()), near.end());
                match = matchAmong(result, &near, a, false);
            }
            if (match < 0) {
                const int index = int(result.size());
                result.append(a);
                if (!a.accountIdKey().isEmpty())
                    byId[a.accountIdKey()].append(index);
                if (!a.emailKey().isEmpty())
                    byEmail[a.emailKey()].append(index);
                if (!a.refreshTokenKey().isEmpty())
                    byToken[a.refreshTokenKey()].append(index);
                continue;
            }
            const Account merged = mergeSameAccount(result[match], a);
            for (const Account *gone : std::initializer_list<const Account *>{&result[match], &a}) {
                if (isKeychainMarker(gone->refreshToken) && gone->refreshToken != merged.refreshToken)
                    discarded.append(gone->refreshToken);
            }
            if (problems)
                problems->append(u"merged a duplicate record of %1"_s.arg(a.trackerKey()));
            result[match] = merged;
            if (!merged.refreshTokenKey().isEmpty())
                byToken[merged.refreshTokenKey()].append(match);
        }
        accounts = result;
    }
    discarded.removeDuplicates();
    return discarded;
}

Result<NormalizedPool> normalizePool(const QJsonValue &root, qint64 nowMs)
{
    if (!root.isObject())
        return makeError(ErrorCode::StorageUnreadable, u"the file is not a JSON object"_s);
    const QJsonObject o = root.toObject();
    if (!o.value(u"accounts"_s).isArray())
        return makeError(ErrorCode::StorageUnreadable, u"the file has no \"accounts\" list"_s);
    const QJsonValue versionValue = o.value(u"version"_s);
    const int version = versionValue.isDouble() ? int(versionValue.toDouble()) : -1;
    if (version != 1 && version != 3)
        return makeError(ErrorCode::StorageUnreadable,
                         u"the file has an unsupported version (%1)"_s.arg(versionValue.toVariant().toString()));

    NormalizedPool result;
    QJsonArray raw = o.value(u"accounts"_s).toArray();
    const int rawCount = int(raw.size());

    // 2. activeIndex and the identities of the selected records.
    const double activeRaw = o.value(u"activeIndex"_s).toDouble(0);
    int active = std::isfinite(activeRaw) ? int(activeRaw) : 0;
    active = rawCount > 0 ? std::clamp(active, 0, rawCount - 1) : 0;
    const Identity activeIdentity = rawCount > 0 ? identityOf(raw.at(active)) : Identity{};
    QMap<QString, int> rawFamilies;
    QMap<QString, Identity> familyIdentity;
    const QJsonObject fam = o.value(u"activeIndexByFamily"_s).toObject();
    for (const QString &f : AccountPool::families()) {
        int idx = active;
        if (fam.value(f).isDouble() && std::isfinite(fam.value(f).toDouble()))
            idx = rawCount > 0 ? std::clamp(int(fam.value(f).toDouble()), 0, rawCount - 1) : 0;
        rawFamilies.insert(f, idx);
        familyIdentity.insert(f, rawCount > 0 ? identityOf(raw.at(idx)) : Identity{});
    }
    const bool hadFamilies = o.contains(u"activeIndexByFamily"_s) && o.value(u"activeIndexByFamily"_s).isObject();

    // 3. V1 → V3.
    if (version == 1) {
        result.migratedFromV1 = true;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i).isObject())
                raw.replace(i, migrateV1Record(raw.at(i).toObject(), nowMs));
        }
    }

    // 4–5. Parse records; drop those without a refresh token.
    QList<Account> accounts;
    accounts.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QJsonValue v = raw.at(i);
        if (!v.isObject()) {
            result.problems.append(u"record %1 is not an object; dropped"_s.arg(i + 1));
            continue;
        }
        QStringList fieldProblems;
        Account a = Account::fromJson(v.toObject(), &fieldProblems);
        for (const QString &p : std::as_const(fieldProblems))
            result.problems.append(u"record %1: %2; field ignored"_s.arg(i + 1).arg(p));
        if (a.refreshToken.trimmed().isEmpty()) {
            result.problems.append(u"record %1 has no refresh token; dropped"_s.arg(i + 1));
            continue;
        }
        if (a.authInvalidatedAt && *a.authInvalidatedAt <= 0) {
            a.authInvalidatedAt.reset();
            a.authInvalidationErrorCode.reset();
        }
        if (!a.authInvalidatedAt)
            a.authInvalidationErrorCode.reset();
        accounts.append(a);
    }

    // 6. De-duplicate.
    result.discardedMarkers = deduplicateAccounts(accounts, &result.problems);

    // 7. Re-resolve the selection by identity.
    AccountPool &pool = result.pool;
    pool.accounts = accounts;
    pool.activeIndex = resolveIndex(accounts, activeIdentity, active);
    if (hadFamilies || version == 1) {
        for (const QString &f : AccountPool::families())
            pool.activeIndexByFamily.insert(f, resolveIndex(accounts, familyIdentity.value(f), rawFamilies.value(f)));
    }
    if (version == 1)
        pool.select(pool.activeIndex);

    // 8–9. Pin and affinity generation.
    const QJsonValue pin = o.value(u"pinnedAccountIndex"_s);
    if (pin.isDouble() && std::isfinite(pin.toDouble())) {
        const int p = int(std::trunc(pin.toDouble()));
        if (p >= 0 && p < accounts.size())
            pool.pinnedAccountIndex = p;
    }
    const QJsonValue gen = o.value(u"affinityGeneration"_s);
    if (gen.isDouble() && gen.toDouble() >= 0 && gen.toDouble() == std::floor(gen.toDouble()))
        pool.affinityGeneration = qint64(gen.toDouble());

    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!QStringList{u"version"_s, u"accounts"_s, u"activeIndex"_s, u"activeIndexByFamily"_s,
                         u"pinnedAccountIndex"_s, u"affinityGeneration"_s}
                 .contains(it.key()))
            pool.extra.insert(it.key(), it.value());
    }
    return result;
}

std::pair<UpsertOutcome, int> upsertAccount(AccountPool &pool, const Account &incoming)
{
    const int match = findMatchingAccount(pool.accounts, incoming);
    if (match < 0) {
        pool.accounts.append(incoming);
        return {UpsertOutcome::Inserted, int(pool.accounts.size()) - 1};
    }
    Account &existing = pool.accounts[match];
    const bool rebound = !incoming.accountIdKey().isEmpty() && existing.accountIdKey() != incoming.accountIdKey();
    const qint64 existingRefresh = existing.lastRefresh.value_or(std::numeric_limits<qint64>::min());
    const qint64 incomingRefresh = incoming.lastRefresh.value_or(std::numeric_limits<qint64>::min());
    if (incomingRefresh >= existingRefresh) {
        // A record already in the keychain keeps its item: secretId survives, the next save
        // writes the fresh tokens into it.
        existing.refreshToken = incoming.refreshToken;
        existing.accessToken = incoming.accessToken;
        existing.idToken = incoming.idToken;
        existing.expiresAt = incoming.expiresAt;
        existing.lastRefresh = incoming.lastRefresh;
    }
    for (auto field : {&Account::accountId, &Account::accountIdSource, &Account::accountLabel, &Account::email,
                       &Account::userId, &Account::recordId}) {
        if (incoming.*field)
            existing.*field = incoming.*field;
    }
    if (incoming.workspaces)
        existing.workspaces = incoming.workspaces;
    if (incoming.currentWorkspaceIndex)
        existing.currentWorkspaceIndex = incoming.currentWorkspaceIndex;
    existing.lastUsed = std::max(existing.lastUsed, incoming.lastUsed);
    // A fresh sign-in clears the "re-login needed" state.
    if (incoming.lastRefresh && incomingRefresh >= existingRefresh) {
        existing.authInvalidatedAt.reset();
        existing.authInvalidationErrorCode.reset();
        if (existing.disabledReason == u"auth-failure"_s) {
            existing.enabled.reset();
            existing.disabledReason.reset();
        }
    }
    return {rebound ? UpsertOutcome::Rebound : UpsertOutcome::Updated, match};
}

bool isSyntheticFixture(const AccountPool &pool)
{
    if (pool.accounts.isEmpty())
        return false;
    static const QRegularExpression email(u"^account\\d+@example\\.com$"_s);
    static const QRegularExpression id(u"^acc[-_]?\\d+$"_s);
    for (const Account &a : pool.accounts) {
        if (!email.match(a.emailKey()).hasMatch() || !a.refreshToken.startsWith(u"fake_refresh"_s))
            return false;
        if (!a.accountIdKey().isEmpty() && !id.match(a.accountIdKey()).hasMatch())
            return false;
    }
    return true;
}

bool moveAccount(AccountPool &pool, int from, int to)
{
    const int n = int(pool.accounts.size());
    if (from < 0 || from >= n || to < 0 || to >= n)
        return false;
    if (from == to)
        return true;
    // Where each old index lands after the move.
    auto follow = [&](int i) {
        if (i == from)
            return to;
        if (from < to && i > from && i <= to)
            return i - 1;
        if (to < from && i >= to && i < from)
            return i + 1;
        return i;
    };
    pool.accounts.move(from, to);
    if (pool.activeIndex >= 0 && pool.activeIndex < n)
        pool.activeIndex = follow(pool.activeIndex);
    for (auto it = pool.activeIndexByFamily.begin(); it != pool.activeIndexByFamily.end(); ++it)
        if (it.value() >= 0 && it.value() < n)
            it.value() = follow(it.value());
    if (pool.pinnedAccountIndex && *pool.pinnedAccountIndex >= 0 && *pool.pinnedAccountIndex < n)
        pool.pinnedAccountIndex = follow(*pool.pinnedAccountIndex);
    return true;
}

} // namespace cma
