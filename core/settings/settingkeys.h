#pragma once

#include <QJsonValue>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>
#include <optional>

namespace cma {

class SettingsStore;

/// One setting: where it lives in settings.json, its type, default and bounds (docs/ui.md §8). The one
/// table that `config`, the settings window and the services read.
struct SettingKey
{
    enum class Type
    {
        Bool,
        Int,
        Choice,
        IntList,
        StringList ///< an ordered subset of choices (`menuStatuslineFields`)
    };
    QString section; ///< desktop | pluginConfig | dashboardDisplaySettings
    QString key;     ///< may contain dots under desktop (`notifications.enabled`)
    Type type = Type::Bool;
    QJsonValue defaultValue;
    qint64 minimum = 0;
    qint64 maximum = 0;
    QStringList choices;
    QString environment; ///< the variable that overrides it, if any
    bool writableByConfig = true;

    QString fullName() const { return section + QLatin1Char('.') + key; }
};

const QList<SettingKey> &settingKeys();
const SettingKey *findSettingKey(const QString &fullName);

/// Validates and clamps a value given as text (`config set`); an error names what is allowed.
std::optional<QJsonValue> parseSettingValue(const SettingKey &key, const QString &text, QString *error);

/// The same for a stored JSON value (settings.json, the settings window's draft): validated and
/// clamped exactly as the text of `config set` would be.
std::optional<QJsonValue> normalizeSettingValue(const SettingKey &key, const QJsonValue &value, QString *error);

struct EffectiveSetting
{
    QJsonValue value;
    QString source; ///< env | file | default
    QJsonValue fileValue;
};
EffectiveSetting effectiveSetting(const SettingKey &key, const SettingsStore &settings, const QProcessEnvironment &env);

} // namespace cma
