#pragma once

#include "settings/settingkeys.h"
#include "theme/theme.h"
#include "util/result.h"

#include <QHash>
#include <QJsonValue>
#include <QProcessEnvironment>

namespace cma {
class SettingsStore;
}

namespace cma::ui {

/// The settings window's model (docs/ui.md §8): the values at open are the baseline, controls edit a
/// draft, OK writes only the keys that differ from the baseline, merged onto the file as it is
/// then. Keys set by an environment variable are read-only.
class SettingsDraft
{
public:
    SettingsDraft(SettingsStore &store, QProcessEnvironment env);

    QJsonValue baseline(const QString &fullName) const;
    QJsonValue value(const QString &fullName) const;
    void set(const QString &fullName, const QJsonValue &value);
    /// Resets \a keys to their defaults in the draft only.
    void restoreDefaults(const QStringList &keys);
    bool envOverridden(const QString &fullName) const;
    /// `Set by CODEX_AUTH_… = value`, or empty.
    QString envNote(const QString &fullName) const;
    QStringList changedKeys() const;
    /// Writes the changed keys in one locked update; the baseline becomes the draft.
    Status commit();

    ThemeSettings theme() const;
    ThemeSettings baselineTheme() const;

private:
    SettingsStore &m_store;
    QProcessEnvironment m_env;
    QHash<QString, QJsonValue> m_baseline;
    QHash<QString, QString> m_source;
    QHash<QString, QJsonValue> m_draft;
};

} // namespace cma::ui
