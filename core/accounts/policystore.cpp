#include "policystore.h"

#include "util/jsonwriter.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma {

QJsonObject AccountPolicy::toJson() const
{
    QJsonArray t;
    for (const QString &tag : tags)
        t.append(tag);
    return {{u"accountKey"_s, accountKey},
            {u"tags"_s, t},
            {u"weight"_s, weight},
            {u"paused"_s, paused},
            {u"drained"_s, drained},
            {u"note"_s, note ? QJsonValue(*note) : QJsonValue::Null},
            {u"updatedAt"_s, double(updatedAt)}};
}

AccountPolicy AccountPolicy::fromJson(const QJsonObject &o)
{
    AccountPolicy p;
    p.accountKey = o.value(u"accountKey"_s).toString();
    for (const QJsonValue &t : o.value(u"tags"_s).toArray()) {
        if (std::optional<QString> tag = PolicyStore::normalizeTag(t.toString()); tag && !p.tags.contains(*tag))
            p.tags.append(*tag);
    }
    p.tags.sort();
    p.weight = std::clamp(o.value(u"weight"_s).toInt(1), 0, 10);
    p.paused = o.value(u"paused"_s).toBool();
    p.drained = o.value(u"drained"_s).toBool();
    if (o.value(u"note"_s).isString() && !o.value(u"note"_s).toString().trimmed().isEmpty())
        p.note = o.value(u"note"_s).toString().trimmed().left(500);
    p.updatedAt = qint64(o.value(u"updatedAt"_s).toDouble());
    return p;
}

PolicyStore::PolicyStore(QString path, QString lockPath)
    : m_file(std::move(path), std::move(lockPath))
{}

QString PolicyStore::keyFor(const Account &account)
{
    QString basis = account.accountIdKey();
    if (basis.isEmpty())
        basis = account.emailKey();
    if (basis.isEmpty())
        basis = u"unknown"_s;
    return u"sha256:"_s + sha256Hex(basis.toUtf8());
}

std::optional<QString> PolicyStore::normalizeTag(const QString &tag)
{
    static const QRegularExpression outside(u"[^a-z0-9._-]+"_s);
    QString t = tag.trimmed().toLower();
    t.replace(outside, u"-"_s);
    t = t.left(64);
    if (t.isEmpty() || t == "-"_L1)
        return std::nullopt;
    return t;
}

QHash<QString, AccountPolicy> PolicyStore::all() const
{
    QHash<QString, AccountPolicy> out;
    Result<QJsonObject> read = m_file.read();
    if (!read)
        return out;
    const QJsonObject accounts = read->value(u"accounts"_s).toObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        if (it.key().startsWith(u"sha256:"_s) && it.value().isObject())
            out.insert(it.key(), AccountPolicy::fromJson(it.value().toObject()));
    }
    return out;
}

AccountPolicy PolicyStore::forAccount(const Account &account) const
{
    const QString key = keyFor(account);
    AccountPolicy p = all().value(key);
    if (p.accountKey.isEmpty())
        p.accountKey = key;
    return p;
}

Result<AccountPolicy> PolicyStore::update(const Account &account, const std::function<Status(AccountPolicy &)> &change,
                                          qint64 nowMs)
{
    const QString key = keyFor(account);
    AccountPolicy result;
    Result<QJsonObject> written = m_file.update([&](QJsonObject &root) -> Status {
        QJsonObject accounts = root.value(u"accounts"_s).toObject();
        AccountPolicy p =
            accounts.contains(key) ? AccountPolicy::fromJson(accounts.value(key).toObject()) : AccountPolicy{};
        p.accountKey = key;
        if (Status s = change(p); !s)
            return s;
        p.tags.removeDuplicates();
        p.tags.sort();
        p.updatedAt = nowMs;
        accounts.insert(key, p.toJson());
        root.insert(u"version"_s, 1);
        root.insert(u"accounts"_s, accounts);
        result = p;
        return success();
    });
    if (!written)
        return written.error();
    return result;
}

} // namespace cma
