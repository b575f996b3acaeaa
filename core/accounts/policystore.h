#pragma once

#include "accounts/account.h"
#include "util/jsonfile.h"

#include <QHash>
#include <functional>
#include <optional>

namespace cma {

/// One entry of `account-policies.json` (docs/storage.md §9).
struct AccountPolicy
{
    QString accountKey;
    QStringList tags;
    int weight = 1;
    bool paused = false;
    bool drained = false;
    std::optional<QString> note;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
    static AccountPolicy fromJson(const QJsonObject &o);
};

/// `account-policies.json`: per-account tags, note, weight, pause and drain, shared with the
/// reference. Writes merge under `account-policies.lock`.
class PolicyStore
{
public:
    PolicyStore(QString path, QString lockPath);

    /// `sha256:` + SHA-256 hex of the trimmed account id, else the lowercased trimmed email, else `unknown`.
    static QString keyFor(const Account &account);
    /// Lowercased; runs outside `[a-z0-9._-]` become `-`; at most 64 characters; empty → null.
    static std::optional<QString> normalizeTag(const QString &tag);

    QHash<QString, AccountPolicy> all() const;
    AccountPolicy forAccount(const Account &account) const;
    /// Applies \a change to the account's entry (created if missing) and saves; returns the entry.
    Result<AccountPolicy> update(const Account &account, const std::function<Status(AccountPolicy &)> &change,
                                 qint64 nowMs);

private:
    SharedJsonFile m_file;
};

} // namespace cma
