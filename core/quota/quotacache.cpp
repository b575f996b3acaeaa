#include "quotacache.h"

#include "util/atomicfile.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

bool QuotaWindow::exhausted(qint64 updatedAt, qint64 nowMs) const
{
    if (!usedPercent || *usedPercent < 100)
        return false;
    if (resetAtMs)
        return *resetAtMs > nowMs;
    if (windowMinutes)
        return updatedAt + qint64(*windowMinutes) * 60000 > nowMs;
    return true;
}

QJsonObject QuotaWindow::toJson() const
{
    QJsonObject o;
    if (usedPercent)
        o.insert(u"usedPercent"_s, *usedPercent);
    if (windowMinutes)
        o.insert(u"windowMinutes"_s, *windowMinutes);
    if (resetAtMs)
        o.insert(u"resetAtMs"_s, double(*resetAtMs));
    return o;
}

QuotaWindow QuotaWindow::fromJson(const QJsonObject &o)
{
    QuotaWindow w;
    auto num = [&](const QString &k) -> std::optional<double> {
        const QJsonValue v = o.value(k);
        return v.isDouble() && std::isfinite(v.toDouble()) ? std::optional<double>(v.toDouble()) : std::nullopt;
    };
    w.usedPercent = num(u"usedPercent"_s);
    if (auto m = num(u"windowMinutes"_s))
        w.windowMinutes = int(*m);
    if (auto r = num(u"resetAtMs"_s))
        w.resetAtMs = qint64(*r);
    return w;
}

bool QuotaEntry::exhausted(qint64 nowMs) const
{
    return primary.exhausted(updatedAt, nowMs) || secondary.exhausted(updatedAt, nowMs);
}

QJsonObject QuotaEntry::toJson() const
{
    QJsonObject o = extra;
    o.insert(u"updatedAt"_s, double(updatedAt));
    o.insert(u"status"_s, status);
    o.insert(u"model"_s, model);
    if (planType)
        o.insert(u"planType"_s, *planType);
    o.insert(u"primary"_s, primary.toJson());
    o.insert(u"secondary"_s, secondary.toJson());
    return o;
}

std::optional<QuotaEntry> QuotaEntry::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value(u"updatedAt"_s).isDouble() || !o.value(u"status"_s).isDouble() ||
        !o.value(u"model"_s).isString() || o.value(u"model"_s).toString().isEmpty())
        return std::nullopt;
    QuotaEntry e;
    e.updatedAt = qint64(o.value(u"updatedAt"_s).toDouble());
    e.status = o.value(u"status"_s).toInt();
    e.model = o.value(u"model"_s).toString();
    if (o.value(u"planType"_s).isString())
        e.planType = o.value(u"planType"_s).toString();
    e.primary = QuotaWindow::fromJson(o.value(u"primary"_s).toObject());
    e.secondary = QuotaWindow::fromJson(o.value(u"secondary"_s).toObject());
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!QStringList{u"updatedAt"_s, u"status"_s, u"model"_s, u"planType"_s, u"primary"_s, u"secondary"_s}.contains(
                it.key()))
            e.extra.insert(it.key(), it.value());
    }
    return e;
}

QuotaCache::QuotaCache(QString path, QString lockPath)
    : m_path(std::move(path))
    , m_lockPath(std::move(lockPath))
{
    reload();
}

void QuotaCache::reload()
{
    m_byId.clear();
    m_byEmail.clear();
    m_readOnly = false;
    if (m_path.isEmpty())
        return;
    Result<QJsonObject> read = SharedJsonFile(m_path, m_lockPath).read();
    if (!read)
        return;
    const QJsonValue version = read->value(u"version"_s);
    if (!version.isDouble() || version.toInt() != 1) {
        m_readOnly = version.isDouble() && version.toDouble() > 1;
        return;
    }
    for (const auto &[section, target] : {std::pair{u"byAccountId"_s, &m_byId}, std::pair{u"byEmail"_s, &m_byEmail}}) {
        const QJsonObject entries = read->value(section).toObject();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            if (std::optional<QuotaEntry> e = QuotaEntry::fromJson(it.value()))
                target->insert(it.key(), *e);
        }
    }
}

QuotaKeyIndex::QuotaKeyIndex(const AccountPool &pool)
{
    for (const Account &a : pool.accounts) {
        const QString id = a.accountIdKey();
        if (!id.isEmpty())
            ++m_idCount[id];
        const QString mail = a.emailKey();
        if (!mail.isEmpty()) {
            ++m_emailCount[mail];
            if (!id.isEmpty())
                m_emailIds[mail].insert(id);
        }
    }
}

QPair<QString, QString> QuotaKeyIndex::keyFor(const Account &account) const
{
    const QString id = account.accountIdKey();
    if (!id.isEmpty() && m_idCount.value(id) == 1)
        return {u"byAccountId"_s, id};
    const QString mail = account.emailKey();
    if (!mail.isEmpty() && m_emailCount.value(mail) == 1 && m_emailIds.value(mail).size() <= 1)
        return {u"byEmail"_s, mail};
    return {};
}

QPair<QString, QString> QuotaCache::keyFor(const Account &account, const AccountPool &pool)
{
    return QuotaKeyIndex(pool).keyFor(account);
}

std::optional<QuotaEntry> QuotaCache::entryFor(const Account &account, const AccountPool &pool) const
{
    return entryFor(account, QuotaKeyIndex(pool));
}

std::optional<QuotaEntry> QuotaCache::entryFor(const Account &account, const QuotaKeyIndex &index) const
{
    const auto [section, key] = index.keyFor(account);
    if (key.isEmpty())
        return std::nullopt;
    const QHash<QString, QuotaEntry> &map = section == "byAccountId"_L1 ? m_byId : m_byEmail;
    const auto it = map.constFind(key);
    if (it != map.constEnd())
        return *it;
    // An entry the reference keyed by email still applies to an account now keyed by its id.
    if (section == "byAccountId"_L1) {
        const auto mail = m_byEmail.constFind(account.emailKey());
        if (mail != m_byEmail.constEnd())
            return *mail;
    }
    return std::nullopt;
}

QList<std::optional<QuotaEntry>> QuotaCache::entriesFor(const AccountPool &pool) const
{
    QList<std::optional<QuotaEntry>> out;
    out.reserve(pool.accounts.size());
    if (m_byId.isEmpty() && m_byEmail.isEmpty()) {
        out.resize(pool.accounts.size());
        return out;
    }
    const QuotaKeyIndex index(pool);
    for (const Account &a : pool.accounts)
        out.append(entryFor(a, index));
    return out;
}

Status QuotaCache::store(const QList<QPair<Account, QuotaEntry>> &readings, const AccountPool &pool)
{
    if (m_readOnly)
        return makeError(ErrorCode::StorageReadOnly,
                         u"%1 was written by a newer version; it is left unchanged"_s.arg(m_path));
    Result<QJsonObject> written = SharedJsonFile(m_path, m_lockPath).update([&](QJsonObject &root) -> Status {
        if (root.contains(u"version"_s) && root.value(u"version"_s).toInt() != 1)
            root = QJsonObject();
        root.insert(u"version"_s, 1);
        QJsonObject byId = root.value(u"byAccountId"_s).toObject();
        QJsonObject byEmail = root.value(u"byEmail"_s).toObject();
        const QuotaKeyIndex index(pool);
        for (const auto &[account, entry] : readings) {
            const auto [section, key] = index.keyFor(account);
            if (key.isEmpty())
                continue;
            (section == "byAccountId"_L1 ? byId : byEmail).insert(key, entry.toJson());
        }
        // Email entries that became ambiguous are pruned.
        QHash<QString, int> emailCount;
        for (const Account &a : pool.accounts)
            ++emailCount[a.emailKey()];
        for (const QString &mail : byEmail.keys()) {
            if (emailCount.value(mail) > 1)
                byEmail.remove(mail);
        }
        root.insert(u"byAccountId"_s, byId);
        root.insert(u"byEmail"_s, byEmail);
        return success();
    });
    if (!written)
        return written.error();
    reload();
    return success();
}

} // namespace cma

namespace cma {
QString windowLabel(int minutes)
{
    if (minutes > 0 && minutes % 1440 == 0)
        return u"%1d"_s.arg(minutes / 1440);
    if (minutes > 0 && minutes % 60 == 0)
        return u"%1h"_s.arg(minutes / 60);
    return u"%1m"_s.arg(minutes);
}

bool isStaleReading(qint64 updatedAt, qint64 nowMs, qint64 pollIntervalMs)
{
    return nowMs - updatedAt > std::max<qint64>(2 * pollIntervalMs, 600000);
}
} // namespace cma
