#pragma once

#include "accounts/accountrepository.h"
#include "accounts/storagepaths.h"
#include "net/endpoints.h"
#include "quota/quotacache.h"
#include "quota/quotasamples.h"
#include "settings/settingsstore.h"

#include <QProcessEnvironment>
#include <memory>

namespace cma {

/// The services one process runs with: where files are, which URLs to call, settings, the
/// keychain and the account repository. app/main.cpp builds one for the tray; the headless CLI
/// builds one per command. Tests build their own with a private environment.
class AppContext
{
public:
    explicit AppContext(QProcessEnvironment env, Endpoints endpoints = Endpoints());
    ~AppContext();

    const QProcessEnvironment &env() const { return m_env; }
    const StoragePaths &paths() const { return m_paths; }
    const Endpoints &endpoints() const { return m_endpoints; }
    SettingsStore &settings() { return *m_settings; }
    SecretStore *keychain() const { return m_keychain.get(); }

    /// The global pool (or the project pool given with setProjectPool). The secret mode is decided
    /// on first use; \a mayPersist lets the first-start rule save its decision (never for
    /// read-only commands).
    AccountRepository &repository(bool mayPersist = false);
    QuotaCache &quotaCache();
    /// Burn-rate samples (`desktop/quota-samples.json`), read on first use; reload() for fresh ones.
    QuotaSamples &quotaSamples();

    /// Operate on another pool file (`--project`); the quota cache stays global.
    void setPoolPath(const QString &poolPath, const QStringList &legacyPools = {});

    /// Replaces the keychain (tests).
    void setKeychain(std::unique_ptr<SecretStore> keychain);

private:
    QProcessEnvironment m_env;
    StoragePaths m_paths;
    Endpoints m_endpoints;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<AccountRepository> m_repository;
    std::unique_ptr<QuotaCache> m_quota;
    std::unique_ptr<QuotaSamples> m_samples;
    QString m_poolPath;
    QStringList m_legacyPools;
    /// The first-start decision was only computed, not saved yet.
    bool m_modeProvisional = false;
};

} // namespace cma
