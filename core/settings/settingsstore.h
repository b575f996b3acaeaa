#pragma once

#include "accounts/storagepaths.h"
#include "util/jsonfile.h"

#include <QJsonValue>
#include <QProcessEnvironment>

namespace cma {

/// `settings.json` (docs/storage.md §8): sections `dashboardDisplaySettings`, `pluginConfig` (shared
/// with the reference) and `desktop` (ours). Writes replace only the keys we change and keep every
/// other key and section.
class SettingsStore
{
public:
    explicit SettingsStore(const StoragePaths &paths,
                           QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

    /// The stored value of `section.key`, or an undefined QJsonValue.
    QJsonValue value(const QString &section, const QString &key) const;
    QString desktopString(const QString &key, const QString &fallback = {}) const;
    /// Codex sync (`desktop.syncCodexCli`, or CODEX_MULTI_AUTH_SYNC_CODEX_CLI), default on.
    bool syncCodexCli() const;

    /// Sets `section.key`; under `desktop` a dotted key is nested (`notifications.enabled`).
    Status setValue(const QString &section, const QString &key, const QJsonValue &value);
    Status removeValue(const QString &section, const QString &key);
    /// One change for setValues: an undefined value removes the key.
    struct Change
    {
        QString section;
        QString key;
        QJsonValue value;
    };
    /// Applies several changes in one locked read-modify-write, so they merge onto whatever the
    /// file holds now (another process may have changed other keys meanwhile).
    Status setValues(const QList<Change> &changes);

    /// Re-reads the file (after another process changed it).
    void reload();
    QString path() const { return m_file.path(); }
    /// The problem reading the file, if any (shown by doctor).
    QString loadProblem() const { return m_problem; }

private:
    SharedJsonFile m_file;
    QProcessEnvironment m_env;
    QJsonObject m_cache;
    QString m_problem;
};

} // namespace cma
