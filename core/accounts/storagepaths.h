#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace cma {

/// Where our files live (docs/storage.md §2) and where Codex's live (docs/protocol.md §5.1). Resolved once
/// at start-up; probing never creates a directory.
struct StoragePaths
{
    enum class RootSource
    {
        Environment,
        ExplicitCodexHome,
        Probe,
        Default
    };

    QString home;
    QString codexHome;
    bool codexHomeExplicit = false;
    QString root;
    RootSource rootSource = RootSource::Default;

    static StoragePaths resolve(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    QString poolPath() const { return root + QStringLiteral("/openai-codex-accounts.json"); }
    QString flaggedPath() const { return root + QStringLiteral("/openai-codex-flagged-accounts.json"); }
    QString quotaCachePath() const { return root + QStringLiteral("/quota-cache.json"); }
    QString settingsPath() const { return root + QStringLiteral("/settings.json"); }
    QString policiesPath() const { return root + QStringLiteral("/account-policies.json"); }
    QString backupsDir() const { return root + QStringLiteral("/backups"); }
    QString leasesDir() const { return root + QStringLiteral("/refresh-leases"); }
    QString desktopDir() const { return root + QStringLiteral("/desktop"); }
    QString codexAuthPath() const { return codexHome + QStringLiteral("/auth.json"); }
    QString codexConfigPath() const { return codexHome + QStringLiteral("/config.toml"); }

    /// "env", "CODEX_HOME", "probe" or "default", for doctor and debug bundle.
    QString rootSourceName() const;
    /// \a path with the home folder shown as `~`.
    QString displayPath(const QString &path) const;
};

} // namespace cma
