#include "account.h"

#include "util/jsonwriter.h"
#include "util/redact.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

const QStringList kAccountIdSources = {u"token"_s, u"id_token"_s, u"org"_s, u"manual"_s};
const QStringList kSwitchReasons = {u"rate-limit"_s, u"initial"_s, u"rotation"_s, u"best"_s, u"restore"_s, u"manual"_s};
const QStringList kCooldownReasons = {u"auth-failure"_s, u"network-error"_s, u"server-error"_s, u"rate-limit"_s};
const QStringList kDisabledReasons = {u"user"_s, u"auth-failure"_s};

struct Reader
{
    const QJsonObject &o;
    QStringList *problems;
    QSet<QString> known;

    void report(const QString &key, const QString &what)
    {
        if (problems)
            problems->append(u"%1: %2"_s.arg(key, what));
    }
    bool present(const QString &key)
    {
        known.insert(key);
        return o.contains(key) && !o.value(key).isUndefined();
    }
    std::optional<QString> string(const QString &key, bool nonEmpty = false)
    {
        if (!present(key))
            return std::nullopt;
        const QJsonValue v = o.value(key);
        if (!v.isString()) {
            report(key, u"expected a string"_s);
            return std::nullopt;
        }
        if (nonEmpty && v.toString().trimmed().isEmpty()) {
            report(key, u"expected a non-empty string"_s);
            return std::nullopt;
        }
        return v.toString();
    }
    std::optional<QString> choice(const QString &key, const QStringList &allowed)
    {
        std::optional<QString> s = string(key);
        if (s && !allowed.contains(*s)) {
            report(key, u"unknown value \"%1\""_s.arg(*s));
            return std::nullopt;
        }
        return s;
    }
    std::optional<qint64> number(const QString &key)
    {
        if (!present(key))
            return std::nullopt;
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            report(key, u"expected a number"_s);
            return std::nullopt;
        }
        return static_cast<qint64>(std::floor(v.toDouble()));
    }
    std::optional<bool> boolean(const QString &key)
    {
        if (!present(key))
            return std::nullopt;
        const QJsonValue v = o.value(key);
        if (!v.isBool()) {
            report(key, u"expected true or false"_s);
            return std::nullopt;
        }
        return v.toBool();
    }
};

void put(QJsonObject &o, const QString &key, const std::optional<QString> &v)
{
    if (v)
        o.insert(key, *v);
}
void put(QJsonObject &o, const QString &key, const std::optional<qint64> &v)
{
    if (v)
        o.insert(key, double(*v));
}
void put(QJsonObject &o, const QString &key, const std::optional<bool> &v)
{
    if (v)
        o.insert(key, *v);
}

} // namespace

Account Account::fromJson(const QJsonObject &object, QStringList *problems)
{
    Reader r{object, problems, {}};
    Account a;
    a.recordId = r.string(u"recordId"_s, true);
    a.accountId = r.string(u"accountId"_s);
    a.accountIdSource = r.choice(u"accountIdSource"_s, kAccountIdSources);
    a.accountLabel = r.string(u"accountLabel"_s);
    a.email = r.string(u"email"_s);
    a.refreshToken = r.string(u"refreshToken"_s).value_or(QString());
    a.accessToken = r.string(u"accessToken"_s);
    a.expiresAt = r.number(u"expiresAt"_s);
    a.enabled = r.boolean(u"enabled"_s);
    a.addedAt = r.number(u"addedAt"_s).value_or(0);
    a.lastUsed = r.number(u"lastUsed"_s).value_or(0);
    a.lastSwitchReason = r.choice(u"lastSwitchReason"_s, kSwitchReasons);
    if (r.present(u"rateLimitResetTimes"_s)) {
        const QJsonValue v = object.value(u"rateLimitResetTimes"_s);
        if (!v.isObject()) {
            r.report(u"rateLimitResetTimes"_s, u"expected an object"_s);
        } else {
            QMap<QString, qint64> times;
            const QJsonObject t = v.toObject();
            for (auto it = t.begin(); it != t.end(); ++it) {
                if (it.value().isDouble() && std::isfinite(it.value().toDouble()))
                    times.insert(it.key(), qint64(it.value().toDouble()));
                else
                    r.report(u"rateLimitResetTimes.%1"_s.arg(it.key()), u"expected a number"_s);
            }
            a.rateLimitResetTimes = times;
        }
    }
    a.coolingDownUntil = r.number(u"coolingDownUntil"_s);
    a.cooldownReason = r.choice(u"cooldownReason"_s, kCooldownReasons);
    a.authInvalidatedAt = r.number(u"authInvalidatedAt"_s);
    a.authInvalidationErrorCode = r.string(u"authInvalidationErrorCode"_s, true);
    if (r.present(u"workspaces"_s)) {
        const QJsonValue v = object.value(u"workspaces"_s);
        if (!v.isArray()) {
            r.report(u"workspaces"_s, u"expected an array"_s);
        } else {
            QList<Workspace> list;
            bool bad = false;
            for (const QJsonValue &item : v.toArray()) {
                const QJsonObject w = item.toObject();
                if (!item.isObject() || !w.value(u"id"_s).isString() || !w.value(u"enabled"_s).isBool()) {
                    bad = true;
                    break;
                }
                Workspace ws;
                ws.id = w.value(u"id"_s).toString();
                if (w.value(u"name"_s).isString())
                    ws.name = w.value(u"name"_s).toString();
                ws.enabled = w.value(u"enabled"_s).toBool();
                if (w.value(u"disabledAt"_s).isDouble())
                    ws.disabledAt = qint64(w.value(u"disabledAt"_s).toDouble());
                if (w.value(u"isDefault"_s).isBool())
                    ws.isDefault = w.value(u"isDefault"_s).toBool();
                for (auto it = w.begin(); it != w.end(); ++it) {
                    if (!QStringList{u"id"_s, u"name"_s, u"enabled"_s, u"disabledAt"_s, u"isDefault"_s}.contains(it.key()))
                        ws.extra.insert(it.key(), it.value());
                }
                list.append(ws);
            }
            if (bad)
                r.report(u"workspaces"_s, u"an entry lacks a string id or a boolean enabled"_s);
            else
                a.workspaces = list;
        }
    }
    a.currentWorkspaceIndex = r.number(u"currentWorkspaceIndex"_s);
    a.idToken = r.string(u"idToken"_s);
    a.lastRefresh = r.number(u"lastRefresh"_s);
    a.userId = r.string(u"userId"_s);
    a.disabledReason = r.choice(u"disabledReason"_s, kDisabledReasons);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!r.known.contains(it.key()))
            a.extra.insert(it.key(), it.value());
    }
    static const QString markerPrefix = u"cma-keychain:v1:"_s;
    if (a.refreshToken.startsWith(markerPrefix) && a.refreshToken.size() == markerPrefix.size() + 32)
        a.secretId = a.refreshToken.mid(markerPrefix.size());
    return a;
}

QJsonObject Account::toJson() const
{
    QJsonObject o = extra;
    put(o, u"recordId"_s, recordId);
    put(o, u"accountId"_s, accountId);
    put(o, u"accountIdSource"_s, accountIdSource);
    put(o, u"accountLabel"_s, accountLabel);
    put(o, u"email"_s, email);
    o.insert(u"refreshToken"_s, refreshToken);
    put(o, u"accessToken"_s, accessToken);
    put(o, u"expiresAt"_s, expiresAt);
    put(o, u"enabled"_s, enabled);
    o.insert(u"addedAt"_s, double(addedAt));
    o.insert(u"lastUsed"_s, double(lastUsed));
    put(o, u"lastSwitchReason"_s, lastSwitchReason);
    if (rateLimitResetTimes) {
        QJsonObject t;
        for (auto it = rateLimitResetTimes->begin(); it != rateLimitResetTimes->end(); ++it)
            t.insert(it.key(), double(it.value()));
        o.insert(u"rateLimitResetTimes"_s, t);
    }
    put(o, u"coolingDownUntil"_s, coolingDownUntil);
    put(o, u"cooldownReason"_s, cooldownReason);
    put(o, u"authInvalidatedAt"_s, authInvalidatedAt);
    put(o, u"authInvalidationErrorCode"_s, authInvalidationErrorCode);
    if (workspaces) {
        QJsonArray list;
        for (const Workspace &w : *workspaces) {
            QJsonObject wo = w.extra;
            wo.insert(u"id"_s, w.id);
            if (w.name)
                wo.insert(u"name"_s, *w.name);
            wo.insert(u"enabled"_s, w.enabled);
            if (w.disabledAt)
                wo.insert(u"disabledAt"_s, double(*w.disabledAt));
            if (w.isDefault)
                wo.insert(u"isDefault"_s, *w.isDefault);
            list.append(wo);
        }
        o.insert(u"workspaces"_s, list);
    }
    put(o, u"currentWorkspaceIndex"_s, currentWorkspaceIndex);
    put(o, u"idToken"_s, idToken);
    put(o, u"lastRefresh"_s, lastRefresh);
    put(o, u"userId"_s, userId);
    put(o, u"disabledReason"_s, disabledReason);
    return o;
}

QString Account::accountIdKey() const
{
    return accountId.value_or(QString()).trimmed();
}

QString Account::emailKey() const
{
    return email.value_or(QString()).trimmed().toLower();
}

QString Account::refreshTokenKey() const
{
    return refreshToken.trimmed();
}

QString Account::trackerKey() const
{
    const QString id = accountIdKey();
    const QString mail = emailKey();
    if (!id.isEmpty() && !mail.isEmpty())
        return u"account:%1::email:%2"_s.arg(id, mail);
    if (!id.isEmpty())
        return u"account:"_s + id;
    if (!mail.isEmpty())
        return u"email:"_s + mail;
    return u"refresh:"_s + sha256Hex(refreshToken.toUtf8());
}

const QStringList &AccountPool::families()
{
    static const QStringList f = {u"gpt-5-codex"_s, u"codex-max"_s, u"codex"_s, u"gpt-5.2"_s, u"gpt-5.1"_s};
    return f;
}

int AccountPool::currentIndex() const
{
    if (accounts.isEmpty())
        return -1;
    const int raw = activeIndexByFamily.value(u"codex"_s, activeIndex);
    return std::clamp(raw, 0, int(accounts.size()) - 1);
}

void AccountPool::select(int index)
{
    activeIndex = index;
    for (const QString &f : families())
        activeIndexByFamily.insert(f, index);
}

QJsonObject AccountPool::toJson() const
{
    QJsonObject o = extra;
    o.insert(u"version"_s, kVersion);
    QJsonArray list;
    for (const Account &a : accounts)
        list.append(a.toJson());
    o.insert(u"accounts"_s, list);
    o.insert(u"activeIndex"_s, activeIndex);
    if (!activeIndexByFamily.isEmpty()) {
        QJsonObject fam;
        for (auto it = activeIndexByFamily.begin(); it != activeIndexByFamily.end(); ++it)
            fam.insert(it.key(), it.value());
        o.insert(u"activeIndexByFamily"_s, fam);
    }
    if (pinnedAccountIndex)
        o.insert(u"pinnedAccountIndex"_s, *pinnedAccountIndex);
    if (affinityGeneration)
        o.insert(u"affinityGeneration"_s, double(*affinityGeneration));
    return o;
}

const QStringList &poolKeyOrder()
{
    static const QStringList order = {
        u"version"_s, u"accounts"_s, u"activeIndex"_s, u"activeIndexByFamily"_s, u"pinnedAccountIndex"_s,
        u"affinityGeneration"_s,
        // account records
        u"recordId"_s, u"accountId"_s, u"accountIdSource"_s, u"accountLabel"_s, u"email"_s, u"refreshToken"_s,
        u"accessToken"_s, u"idToken"_s, u"expiresAt"_s, u"enabled"_s, u"disabledReason"_s, u"addedAt"_s, u"lastUsed"_s,
        u"lastSwitchReason"_s, u"lastRefresh"_s, u"userId"_s, u"rateLimitResetTimes"_s, u"coolingDownUntil"_s,
        u"cooldownReason"_s, u"authInvalidatedAt"_s, u"authInvalidationErrorCode"_s, u"workspaces"_s,
        u"currentWorkspaceIndex"_s,
        // families in the reference's order
        u"gpt-5-codex"_s, u"codex-max"_s, u"codex"_s, u"gpt-5.2"_s, u"gpt-5.1"_s,
        // workspaces
        u"id"_s, u"name"_s, u"isDefault"_s, u"disabledAt"_s};
    return order;
}

QByteArray AccountPool::serialize() const
{
    return toJsonIndented(toJson(), poolKeyOrder());
}

QString accountLabelText(const Account &account, int number, bool redact)
{
    QStringList parts;
    if (account.accountLabel && !account.accountLabel->trimmed().isEmpty())
        parts.append(account.accountLabel->trimmed());
    if (account.workspaces && account.currentWorkspaceIndex) {
        const qint64 i = *account.currentWorkspaceIndex;
        if (i >= 0 && i < account.workspaces->size()) {
            const auto &name = account.workspaces->at(i).name;
            if (name && !name->trimmed().isEmpty() && name->trimmed() != account.accountLabel.value_or(QString()).trimmed())
                parts.append(u"["_s + name->trimmed() + u"]"_s);
        }
    }
    const QString mail = account.email.value_or(QString()).trimmed();
    if (!mail.isEmpty())
        parts.append(redact ? maskEmail(mail) : mail);
    const QString id = account.accountIdKey();
    if (!id.isEmpty())
        parts.append(u"id:"_s + id.right(6));
    if (parts.isEmpty())
        return u"Account %1"_s.arg(number);
    return u"Account %1 (%2)"_s.arg(number).arg(parts.join(u", "_s));
}

} // namespace cma
