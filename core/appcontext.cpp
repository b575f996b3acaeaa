#include "appcontext.h"

using namespace Qt::StringLiterals;

namespace cma {

AppContext::AppContext(QProcessEnvironment env, Endpoints endpoints)
    : m_env(std::move(env))
    , m_paths(StoragePaths::resolve(m_env))
    , m_endpoints(std::move(endpoints))
    , m_settings(std::make_unique<SettingsStore>(m_paths, m_env))
    , m_keychain(std::make_unique<KeychainSecretStore>())
    , m_poolPath(m_paths.poolPath())
{}

AppContext::~AppContext() = default;

void AppContext::setKeychain(std::unique_ptr<SecretStore> keychain)
{
    m_keychain = std::move(keychain);
    m_repository.reset();
}

void AppContext::setPoolPath(const QString &poolPath, const QStringList &legacyPools)
{
    m_poolPath = poolPath;
    m_legacyPools = legacyPools;
    m_repository.reset();
}

AccountRepository &AppContext::repository(bool mayPersist)
{
    if (m_repository && m_modeProvisional && mayPersist) {
        // A command that writes saves the first-start decision it is about to act on.
        m_settings->setValue(u"desktop"_s, u"secretStorage"_s, secretModeName(m_repository->mode()));
        m_modeProvisional = false;
    }
    if (!m_repository) {
        PoolStore store(m_poolPath);
        SecretMode mode = SecretMode::File;
        const QString stored = m_settings->desktopString(u"secretStorage"_s);
        if (stored == "keychain"_L1) {
            mode = SecretMode::Keychain;
        } else if (stored.isEmpty()) {
            // First start: the same rule for every command; only writing commands save it.
            mode = AccountRepository::decideMode(*m_settings, m_keychain.get(), store, mayPersist);
            m_modeProvisional = !mayPersist;
        }
        m_repository = std::make_unique<AccountRepository>(std::move(store), m_keychain.get(), mode);
        m_repository->setLegacyPools(m_legacyPools);
    }
    return *m_repository;
}

QuotaCache &AppContext::quotaCache()
{
    if (!m_quota)
        m_quota = std::make_unique<QuotaCache>(m_paths.quotaCachePath(), m_paths.root + u"/quota-cache.lock"_s);
    return *m_quota;
}

QuotaSamples &AppContext::quotaSamples()
{
    if (!m_samples) {
        m_samples = std::make_unique<QuotaSamples>(m_paths.desktopDir() + u"/quota-samples.json"_s);
        m_samples->reload();
    }
    return *m_samples;
}

} // namespace cma
