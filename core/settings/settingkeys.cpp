#include "settingkeys.h"

#include "settings/settingsstore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
SettingKey b(const QString &section, const QString &key, bool def, const QString &env = {})
{
    return SettingKey{section, key, SettingKey::Type::Bool, def, 0, 0, {}, env, true};
}
SettingKey i(const QString &section, const QString &key, qint64 def, qint64 min, qint64 max, const QString &env = {})
{
    return SettingKey{section, key, SettingKey::Type::Int, double(def), min, max, {}, env, true};
}
SettingKey c(const QString &section, const QString &key, const QStringList &choices, const QString &env = {})
{
    return SettingKey{section, key, SettingKey::Type::Choice, choices.first(), 0, 0, choices, env, true};
}
} // namespace

const QList<SettingKey> &settingKeys()
{
    static const QList<SettingKey> keys = [] {
        const QString d = u"desktop"_s, p = u"pluginConfig"_s, v = u"dashboardDisplaySettings"_s;
        QList<SettingKey> k = {
            c(d, u"language"_s, {u"system"_s, u"en"_s, u"de"_s}),
            b(d, u"hidePersonalInfo"_s, false),
            b(d, u"syncCodexCli"_s, true, u"CODEX_MULTI_AUTH_SYNC_CODEX_CLI"_s),
            b(d, u"autoSwitch.enabled"_s, false),
            b(d, u"autoSwitch.beforeExhaustion"_s, false),
            i(p, u"minRotationIntervalMs"_s, 60000, 0, 600000),
            b(v, u"menuSortEnabled"_s, true),
            c(v, u"menuSortMode"_s, {u"ready-first"_s, u"manual"_s}),
            b(v, u"menuSortPinCurrent"_s, false),
            b(v, u"menuSortQuickSwitchVisibleRow"_s, true),
            b(v, u"menuShowStatusBadge"_s, true),
            b(v, u"menuShowCurrentBadge"_s, true),
            b(v, u"menuShowLastUsed"_s, true),
            b(v, u"menuShowQuotaSummary"_s, true),
            b(v, u"menuShowQuotaCooldown"_s, true),
            b(v, u"menuShowFetchStatus"_s, true),
            b(v, u"menuHighlightCurrentRow"_s, true),
            b(v, u"menuShowDetailsForUnselectedRows"_s, false),
            c(v, u"menuLayoutMode"_s, {u"compact-details"_s, u"expanded-rows"_s}),
            b(v, u"showPerAccountRows"_s, true),
            b(v, u"showQuotaDetails"_s, true),
            b(v, u"showForecastReasons"_s, true),
            b(v, u"showRecommendations"_s, true),
            b(v, u"showLiveProbeNotes"_s, true),
            b(v, u"menuAutoFetchLimits"_s, true),
            c(d, u"quotaRefresh"_s, {u"adaptive"_s, u"fixed"_s}),
            i(v, u"menuQuotaTtlMs"_s, 300000, 60000, 600000),
            c(d, u"resetTimeStyle"_s, {u"both"_s, u"absolute"_s, u"relative"_s}),
            b(p, u"proactiveRefreshGuardian"_s, true, u"CODEX_AUTH_PROACTIVE_GUARDIAN"_s),
            i(p, u"proactiveRefreshIntervalMs"_s, 60000, 5000, 600000, u"CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS"_s),
            i(p, u"proactiveRefreshBufferMs"_s, 900000, 30000, 3600000, u"CODEX_AUTH_PROACTIVE_GUARDIAN_BUFFER_MS"_s),
            b(d, u"refreshDisabledAccounts"_s, true),
            b(d, u"notifications.enabled"_s, true),
            c(d, u"notifications.scope"_s, {u"current"_s, u"all"_s}),
            b(d, u"notifications.exhausted"_s, true),
            b(d, u"notifications.restored"_s, true),
            b(d, u"notifications.predictive"_s, false),
            b(d, u"notifications.poolDry"_s, true),
            b(d, u"notifications.poolRunway"_s, false),
            i(d, u"notifications.runwayMinutes"_s, 60, 5, 1440),
            b(d, u"notifications.tokenTrouble"_s, true),
            b(d, u"notifications.autoSwitch"_s, true),
            b(d, u"notifications.sound"_s, true),
            i(p, u"rateLimitToastDebounceMs"_s, 60000, 0, 600000),
            i(p, u"toastDurationMs"_s, 5000, 1000, 60000),
            c(d, u"palette"_s, {u"system"_s, u"light"_s, u"dark"_s}),
            c(v, u"uiThemePreset"_s, {u"green"_s, u"blue"_s}),
            c(v, u"uiAccentColor"_s, {u"green"_s, u"cyan"_s, u"blue"_s, u"yellow"_s}),
            c(d, u"trayIcon.style"_s, {u"meter"_s, u"percent"_s}),
            b(d, u"trayIcon.showUsed"_s, false),
            b(d, u"trayIcon.colored"_s, false),
            b(p, u"storageBackupEnabled"_s, true),
            b(p, u"liveAccountSync"_s, true),
            i(p, u"liveAccountSyncDebounceMs"_s, 250, 50, 10000),
            i(p, u"liveAccountSyncPollMs"_s, 2000, 500, 60000),
            b(p, u"preemptiveQuotaEnabled"_s, true),
            i(p, u"preemptiveQuotaRemainingPercent5h"_s, 5, 0, 100),
            i(p, u"preemptiveQuotaRemainingPercent7d"_s, 5, 0, 100),
            c(d, u"logLevel"_s, {u"info"_s, u"debug"_s, u"warning"_s, u"error"_s}),
        };
        SettingKey thresholds{
            d, u"notifications.thresholds"_s, SettingKey::Type::IntList, QJsonArray{50, 20}, 1, 99, {}, {}, true};
        k.append(thresholds);
        SettingKey fields{v,
                          u"menuStatuslineFields"_s,
                          SettingKey::Type::StringList,
                          QJsonArray{u"last-used"_s, u"limits"_s, u"status"_s},
                          0,
                          3,
                          {u"last-used"_s, u"limits"_s, u"status"_s},
                          {},
                          true};
        k.append(fields);
        SettingKey secret = c(d, u"secretStorage"_s, {u"keychain"_s, u"file"_s});
        secret.writableByConfig = false;
        k.append(secret);
        return k;
    }();
    return keys;
}

const SettingKey *findSettingKey(const QString &fullName)
{
    for (const SettingKey &k : settingKeys())
        if (k.fullName() == fullName)
            return &k;
    return nullptr;
}

std::optional<QJsonValue> parseSettingValue(const SettingKey &key, const QString &text, QString *error)
{
    const QString t = text.trimmed();
    switch (key.type) {
    case SettingKey::Type::Bool: {
        const QString l = t.toLower();
        if (QStringList{u"1"_s, u"true"_s, u"yes"_s, u"on"_s}.contains(l))
            return QJsonValue(true);
        if (QStringList{u"0"_s, u"false"_s, u"no"_s, u"off"_s}.contains(l))
            return QJsonValue(false);
        *error = u"%1 takes true or false"_s.arg(key.fullName());
        return std::nullopt;
    }
    case SettingKey::Type::Int: {
        bool ok = false;
        const qint64 n = t.toLongLong(&ok);
        if (!ok) {
            *error = u"%1 takes a whole number from %2 to %3"_s.arg(key.fullName()).arg(key.minimum).arg(key.maximum);
            return std::nullopt;
        }
        return QJsonValue(double(std::clamp(n, key.minimum, key.maximum)));
    }
    case SettingKey::Type::Choice:
        if (!key.choices.contains(t)) {
            *error = u"%1 is one of: %2"_s.arg(key.fullName(), key.choices.join(u", "_s));
            return std::nullopt;
        }
        return QJsonValue(t);
    case SettingKey::Type::IntList: {
        QJsonArray out;
        for (const QString &part : t.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok) {
                *error = u"%1 takes up to two comma-separated numbers from 1 to 99"_s.arg(key.fullName());
                return std::nullopt;
            }
            out.append(std::clamp<int>(n, int(key.minimum), int(key.maximum)));
        }
        if (out.size() > 2) {
            *error = u"%1 takes at most two levels"_s.arg(key.fullName());
            return std::nullopt;
        }
        return QJsonValue(out);
    }
    case SettingKey::Type::StringList: {
        QJsonArray out;
        for (const QString &part : t.split(u',', Qt::SkipEmptyParts)) {
            const QString item = part.trimmed();
            if (!key.choices.contains(item)) {
                *error = u"%1 takes a comma-separated list of: %2"_s.arg(key.fullName(), key.choices.join(u", "_s));
                return std::nullopt;
            }
            if (!out.contains(item))
                out.append(item);
        }
        return QJsonValue(out);
    }
    }
    return std::nullopt;
}

std::optional<QJsonValue> normalizeSettingValue(const SettingKey &key, const QJsonValue &value, QString *error)
{
    QString text;
    if (value.isBool()) {
        text = value.toBool() ? u"true"_s : u"false"_s;
    } else if (value.isDouble()) {
        text = QString::number(qint64(value.toDouble()));
    } else if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &x : value.toArray())
            parts.append(x.isString() ? x.toString() : QString::number(x.toInt()));
        text = parts.join(u',');
    } else {
        text = value.toString();
    }
    return parseSettingValue(key, text, error);
}

EffectiveSetting effectiveSetting(const SettingKey &key, const SettingsStore &settings, const QProcessEnvironment &env)
{
    EffectiveSetting e;
    // Keys under desktop may be nested (`notifications.enabled` lives in desktop.notifications.enabled).
    QJsonValue file;
    if (key.section == "desktop"_L1 && key.key.contains(u'.')) {
        const QJsonValue parent = settings.value(key.section, key.key.section(u'.', 0, 0));
        file = parent.toObject().value(key.key.section(u'.', 1));
    } else {
        file = settings.value(key.section, key.key);
    }
    e.fileValue = file.isUndefined() ? QJsonValue(QJsonValue::Null) : file;
    const QString envValue = key.environment.isEmpty() ? QString() : env.value(key.environment).trimmed();
    if (!envValue.isEmpty()) {
        QString error;
        if (std::optional<QJsonValue> v = parseSettingValue(key, envValue, &error)) {
            e.value = *v;
            e.source = u"env"_s;
            return e;
        }
    }
    if (!file.isUndefined() && !file.isNull()) {
        QString error;
        if (std::optional<QJsonValue> v = normalizeSettingValue(key, file, &error)) {
            e.value = *v;
            e.source = u"file"_s;
            return e;
        }
    }
    e.value = key.defaultValue;
    e.source = u"default"_s;
    return e;
}

} // namespace cma
