#include "settingsdraft.h"

#include "settings/settingsstore.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cma::ui {

SettingsDraft::SettingsDraft(SettingsStore &store, QProcessEnvironment env)
    : m_store(store)
    , m_env(std::move(env))
{
    m_store.reload();
    for (const SettingKey &k : settingKeys()) {
        const EffectiveSetting e = effectiveSetting(k, m_store, m_env);
        m_baseline.insert(k.fullName(), e.value);
        m_source.insert(k.fullName(), e.source);
    }
    m_draft = m_baseline;
}

QJsonValue SettingsDraft::baseline(const QString &fullName) const
{
    return m_baseline.value(fullName);
}

QJsonValue SettingsDraft::value(const QString &fullName) const
{
    return m_draft.value(fullName);
}

void SettingsDraft::set(const QString &fullName, const QJsonValue &value)
{
    if (!m_draft.contains(fullName) || envOverridden(fullName))
        return;
    m_draft.insert(fullName, value);
}

void SettingsDraft::restoreDefaults(const QStringList &keys)
{
    for (const QString &name : keys)
        if (const SettingKey *k = findSettingKey(name))
            set(name, k->defaultValue);
}

bool SettingsDraft::envOverridden(const QString &fullName) const
{
    return m_source.value(fullName) == "env"_L1;
}

QString SettingsDraft::envNote(const QString &fullName) const
{
    const SettingKey *k = findSettingKey(fullName);
    if (!k || !envOverridden(fullName))
        return {};
    return QCoreApplication::translate("SettingsWindow", "Set by %1 = %2")
        .arg(k->environment, m_env.value(k->environment));
}

QStringList SettingsDraft::changedKeys() const
{
    QStringList out;
    for (const SettingKey &k : settingKeys())
        if (m_draft.value(k.fullName()) != m_baseline.value(k.fullName()))
            out.append(k.fullName());
    return out;
}

Status SettingsDraft::commit()
{
    QList<SettingsStore::Change> changes;
    for (const QString &name : changedKeys()) {
        const SettingKey *k = findSettingKey(name);
        if (!k->writableByConfig)
            continue; // desktop.secretStorage changes through the conversion (`secrets use`)
        // Clamp and validate through the same parser `config set` uses.
        QString error;
        const std::optional<QJsonValue> parsed = normalizeSettingValue(*k, m_draft.value(name), &error);
        if (!parsed)
            return makeError(ErrorCode::Usage, error);
        changes.append({k->section, k->key, *parsed});
        m_draft.insert(name, *parsed);
    }
    if (!changes.isEmpty())
        if (Status s = m_store.setValues(changes); !s)
            return s;
    m_baseline = m_draft;
    return success();
}

ThemeSettings SettingsDraft::theme() const
{
    return ThemeSettings::fromValues([this](const QString &k) { return value(k); });
}

ThemeSettings SettingsDraft::baselineTheme() const
{
    return ThemeSettings::fromValues([this](const QString &k) { return baseline(k); });
}

} // namespace cma::ui
