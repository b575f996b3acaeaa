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

enum class Field
{
    RecordId,
    AccountId,
    AccountIdSource,
    AccountLabel,
    Email,
    RefreshToken,
    AccessToken,
    ExpiresAt,
    Enabled,
    AddedAt,
    LastUsed,
    LastSwitchReason,
    RateLimitResetTimes,
    CoolingDownUntil,
    CooldownReason,
    AuthInvalidatedAt,
    AuthInvalidationErrorCode,
    Workspaces,
    CurrentWorkspaceIndex,
    IdToken,
    LastRefresh,
    UserId,
    DisabledReason
};

const QHash<QString, Field> &fieldTable()
{
    static const QHash<QString, Field> table = {{u"recordId"_s, Field::RecordId},
                                                {u"accountId"_s, Field::AccountId},
                                                {u"accountIdSource"_s, Field::AccountIdSource},
                                                {u"accountLabel"_s, Field::AccountLabel},
                                                {u"email"_s, Field::Email},
                                                {u"refreshToken"_s, Field::RefreshToken},
                                                {u"accessToken"_s, Field::AccessToken},
                                                {u"expiresAt"_s, Field::ExpiresAt},
                                                {u"enabled"_s, Field::Enabled},
                                                {u"addedAt"_s, Field::AddedAt},
                                                {u"lastUsed"_s, Field::LastUsed},
                                                {u"lastSwitchReason"_s, Field::LastSwitchReason},
                                                {u"rateLimitResetTimes"_s, Field::RateLimitResetTimes},
                                                {u"coolingDownUntil"_s, Field::CoolingDownUntil},
                                                {u"cooldownReason"_s, Field::CooldownReason},
                                                {u"authInvalidatedAt"_s, Field::AuthInvalidatedAt},
                                                {u"authInvalidationErrorCode"_s, Field::AuthInvalidationErrorCode},
                                                {u"workspaces"_s, Field::Workspaces},
                                                {u"currentWorkspaceIndex"_s, Field::CurrentWorkspaceIndex},
                                                {u"idToken"_s, Field::IdToken},
                                                {u"lastRefresh"_s, Field::LastRefresh},
                                                {u"userId"_s, Field::UserId},
                                                {u"disabledReason"_s, Field::DisabledReason}};
    return table;
}

/// Reads one field value; a wrong type or value is left out and described.
struct FieldReader
{
    QStringList *problems;

    void report(const QString &key, const QString &what) const
    {
        if (problems)
            problems->append(u"%1: %2"_s.arg(key, what));
    }
    std::optional<QString> string(const QString &key, const QJsonValue &v, bool nonEmpty = false) const
    {
        if (!v.isString()) {
            report(key, u"expected a string"_s);
            return std::nullopt;
        }
        QString s = v.toString();
        if (nonEmpty && s.trimmed().isEmpty()) {
            report(key, u"expected a non-empty string"_s);
            return std::nullopt;
        }
        return s;
    }
    std::optional<QString> choice(const QString &key, const QJsonValue &v, const QStringList &allowed) const
    {
        std::optional<QString> s = string(key, v);
        if (s && !allowed.contains(*s)) {
            report(key, u"unknown value \"%1\""_s.arg(*s));
            return std::nullopt;
        }
        return s;
    }
    std::optional<qint64> number(const QString &key, const QJsonValue &v) const
    {
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            report(key, u"expected a number"_s);
            return std::nullopt;
        }
        return static_cast<qint64>(std::floor(v.toDouble()));
    }
    std::optional<bool> boolean(const QString &key, const QJsonValue &v) const
    {
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
    const FieldReader r{problems};
    Account a;
    bool hasRefreshToken = false;
    // One pass over the record's keys: each lookup in a QJsonObject costs a search, and a pool of
    // 10,000 accounts has a quarter of a million fields.
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        const auto f = fieldTable().constFind(key);
        if (f == fieldTable().constEnd()) {
            a.extra.insert(key, v);
            continue;
        }
        if (v.isUndefined())
            continue;
        switch (*f) {
        case Field::RecordId:
            a.recordId = r.string(key, v, true);
            break;
        case Field::AccountId:
            a.accountId = r.string(key, v);
            break;
        case Field::AccountIdSource:
            a.accountIdSource = r.choice(key, v, kAccountIdSources);
            break;
        case Field::AccountLabel:
            a.accountLabel = r.string(key, v);
            break;
        case Field::Email:
            a.email = r.string(key, v);
            break;
        case Field::RefreshToken:
            hasRefreshToken = true;
            a.refreshToken = r.string(key, v).value_or(QString());
            break;
        case Field::AccessToken:
            a.accessToken = r.string(key, v);
            break;
        case Field::ExpiresAt:
            a.expiresAt = r.number(key, v);
            break;
        case Field::Enabled:
            a.enabled = r.boolean(key, v);
            break;
        case Field::AddedAt:
            a.addedAt = r.number(key, v).value_or(0);
            break;
        case Field::LastUsed:
            a.lastUsed = r.number(key, v).value_or(0);
            break;
        case Field::LastSwitchReason:
            a.lastSwitchReason = r.choice(key, v, kSwitchReasons);
            break;
        case Field::RateLimitResetTimes: {
            if (!v.isObject()) {
                r.report(key, u"expected an object"_s);
                break;
            }
            QMap<QString, qint64> times;
            const QJsonObject t = v.toObject();
            for (auto tt = t.begin(); tt != t.end(); ++tt) {
                if (tt.value().isDouble() && std::isfinite(tt.value().toDouble()))
                    times.insert(tt.key(), qint64(tt.value().toDouble()));
                else
                    r.report(u"rateLimitResetTimes.%1"_s.arg(tt.key()), u"expected a number"_s);
            }
            a.rateLimitResetTimes = times;
            break;
        }
        case Field::CoolingDownUntil:
            a.coolingDownUntil = r.number(key, v);
            break;
        case Field::CooldownReason:
            a.cooldownReason = r.choice(key, v, kCooldownReasons);
            break;
        case Field::AuthInvalidatedAt:
            a.authInvalidatedAt = r.number(key, v);
            break;
        case Field::AuthInvalidationErrorCode:
            a.authInvalidationErrorCode = r.string(key, v, true);
            break;
        case Field::Workspaces: {
            if (!v.isArray()) {
                r.report(key, u"expected an array"_s);
                break;
            }
            QList<Workspace> list;
            bool bad = false;
            for (const QJsonValue &item : v.toArray()) {
                const QJsonObject w = item.toObject();
                if (!item.isObject() || !w.value(u"id"_s).isString() || !w.value(u"enabled"_s).isBool()) {
                    bad = true;
                    break;
                }
                Workspace ws;
                for (auto wt = w.begin(); wt != w.end(); ++wt) {
                    const QString wk = wt.key();
                    if (wk == "id"_L1)
                        ws.id = wt.value().toString();
                    else if (wk == "name"_L1 && wt.value().isString())
                        ws.name = wt.value().toString();
                    else if (wk == "enabled"_L1)
                        ws.enabled = wt.value().toBool();
                    else if (wk == "disabledAt"_L1 && wt.value().isDouble())
                        ws.disabledAt = qint64(wt.value().toDouble());
                    else if (wk == "isDefault"_L1 && wt.value().isBool())
                        ws.isDefault = wt.value().toBool();
                    else if (wk != "name"_L1 && wk != "disabledAt"_L1 && wk != "isDefault"_L1)
                        ws.extra.insert(wk, wt.value());
                }
                list.append(ws);
            }
            if (bad)
                r.report(key, u"an entry lacks a string id or a boolean enabled"_s);
            else
                a.workspaces = list;
            break;
        }
        case Field::CurrentWorkspaceIndex:
            a.currentWorkspaceIndex = r.number(key, v);
            break;
        case Field::IdToken:
            a.idToken = r.string(key, v);
            break;
        case Field::LastRefresh:
            a.lastRefresh = r.number(key, v);
            break;
        case Field::UserId:
            a.userId = r.string(key, v);
            break;
        case Field::DisabledReason:
            a.disabledReason = r.choice(key, v, kDisabledReasons);
            break;
        }
    }
    Q_UNUSED(hasRefreshToken);
    static const QString markerPrefix = u"cma-keychain:v1:"_s;
    if (a.refreshToken.startsWith(markerPrefix) && a.refreshToken.size() == markerPrefix.size() + 32)
        a.secretId = a.refreshToken.mid(markerPrefix.size());
    return a;
}

void Account::writeJson(JsonWriter &w) const
{
    w.beginObject();
    auto str = [&](QStringView k, const std::optional<QString> &v) {
        if (v) {
            w.key(k);
            w.value(QStringView(*v));
        }
    };
    auto num = [&](QStringView k, const std::optional<qint64> &v) {
        if (v) {
            w.key(k);
            w.value(*v);
        }
    };
    str(u"recordId", recordId);
    str(u"accountId", accountId);
    str(u"accountIdSource", accountIdSource);
    str(u"accountLabel", accountLabel);
    str(u"email", email);
    w.key(u"refreshToken");
    w.value(QStringView(refreshToken));
    str(u"accessToken", accessToken);
    str(u"idToken", idToken);
    num(u"expiresAt", expiresAt);
    if (enabled) {
        w.key(u"enabled");
        w.boolean(*enabled);
    }
    str(u"disabledReason", disabledReason);
    w.key(u"addedAt");
    w.value(addedAt);
    w.key(u"lastUsed");
    w.value(lastUsed);
    str(u"lastSwitchReason", lastSwitchReason);
    num(u"lastRefresh", lastRefresh);
    str(u"userId", userId);
    if (rateLimitResetTimes) {
        w.key(u"rateLimitResetTimes");
        w.beginObject();
        for (auto it = rateLimitResetTimes->begin(); it != rateLimitResetTimes->end(); ++it) {
            w.key(it.key());
            w.value(it.value());
        }
        w.endObject();
    }
    num(u"coolingDownUntil", coolingDownUntil);
    str(u"cooldownReason", cooldownReason);
    num(u"authInvalidatedAt", authInvalidatedAt);
    str(u"authInvalidationErrorCode", authInvalidationErrorCode);
    if (workspaces) {
        w.key(u"workspaces");
        w.beginArray();
        for (const Workspace &ws : *workspaces) {
            w.beginObject();
            w.key(u"id");
            w.value(QStringView(ws.id));
            if (ws.name) {
                w.key(u"name");
                w.value(QStringView(*ws.name));
            }
            w.key(u"enabled");
            w.boolean(ws.enabled);
            if (ws.isDefault) {
                w.key(u"isDefault");
                w.boolean(*ws.isDefault);
            }
            if (ws.disabledAt) {
                w.key(u"disabledAt");
                w.value(*ws.disabledAt);
            }
            for (auto it = ws.extra.begin(); it != ws.extra.end(); ++it) {
                w.key(it.key());
                w.value(it.value());
            }
            w.endObject();
        }
        w.endArray();
    }
    num(u"currentWorkspaceIndex", currentWorkspaceIndex);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        w.key(it.key());
        w.value(it.value());
    }
    w.endObject();
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
    static const QStringList order = {u"version"_s, u"accounts"_s, u"activeIndex"_s, u"activeIndexByFamily"_s,
                                      u"pinnedAccountIndex"_s, u"affinityGeneration"_s,
                                      // account records
                                      u"recordId"_s, u"accountId"_s, u"accountIdSource"_s, u"accountLabel"_s,
                                      u"email"_s, u"refreshToken"_s, u"accessToken"_s, u"idToken"_s, u"expiresAt"_s,
                                      u"enabled"_s, u"disabledReason"_s, u"addedAt"_s, u"lastUsed"_s,
                                      u"lastSwitchReason"_s, u"lastRefresh"_s, u"userId"_s, u"rateLimitResetTimes"_s,
                                      u"coolingDownUntil"_s, u"cooldownReason"_s, u"authInvalidatedAt"_s,
                                      u"authInvalidationErrorCode"_s, u"workspaces"_s, u"currentWorkspaceIndex"_s,
                                      // families in the reference's order
                                      u"gpt-5-codex"_s, u"codex-max"_s, u"codex"_s, u"gpt-5.2"_s, u"gpt-5.1"_s,
                                      // workspaces
                                      u"id"_s, u"name"_s, u"isDefault"_s, u"disabledAt"_s};
    return order;
}

QByteArray AccountPool::serialize() const
{
    JsonWriter w(true);
    w.beginObject();
    w.key(u"version");
    w.value(qint64(kVersion));
    w.key(u"accounts");
    w.beginArray();
    for (const Account &a : accounts)
        a.writeJson(w);
    w.endArray();
    w.key(u"activeIndex");
    w.value(qint64(activeIndex));
    if (!activeIndexByFamily.isEmpty()) {
        w.key(u"activeIndexByFamily");
        w.beginObject();
        for (const QString &f : families()) {
            if (activeIndexByFamily.contains(f)) {
                w.key(f);
                w.value(qint64(activeIndexByFamily.value(f)));
            }
        }
        for (auto it = activeIndexByFamily.begin(); it != activeIndexByFamily.end(); ++it) {
            if (!families().contains(it.key())) {
                w.key(it.key());
                w.value(qint64(it.value()));
            }
        }
        w.endObject();
    }
    if (pinnedAccountIndex) {
        w.key(u"pinnedAccountIndex");
        w.value(qint64(*pinnedAccountIndex));
    }
    if (affinityGeneration) {
        w.key(u"affinityGeneration");
        w.value(*affinityGeneration);
    }
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        w.key(it.key());
        w.value(it.value());
    }
    w.endObject();
    return w.take();
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
            if (name && !name->trimmed().isEmpty() &&
                name->trimmed() != account.accountLabel.value_or(QString()).trimmed())
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
