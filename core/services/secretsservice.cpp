#include "secretsservice.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"

using namespace Qt::StringLiterals;

namespace cma {

SecretsService::SecretsService(AppContext &app)
    : m_app(app)
{}

SecretsStatus SecretsService::status(const AccountPool &pool)
{
    AccountRepository &repo = m_app.repository();
    SecretsStatus s;
    s.mode = repo.mode();
    if (repo.keychain())
        s.reachable = repo.keychain()->probe().ok();
    for (const Account &a : pool.accounts) {
        if (!isKeychainMarker(a.refreshToken)) {
            ++s.plaintext;
            continue;
        }
        const SecretState state = s.reachable ? repo.secretState(a) : SecretState::Unavailable;
        s.keychain += state == SecretState::Keychain;
        s.missing += state == SecretState::Missing;
    }
    const QString dir = m_app.paths().backupsDir() + u'/';
    s.plaintextBackups = plaintextTokenFiles(m_app.paths());
    s.plaintextBackups.removeIf([&](const QString &path) { return !path.startsWith(dir); });
    return s;
}

Result<SecretsConversion> SecretsService::use(SecretMode mode)
{
    AccountRepository &repo = m_app.repository(true);
    Result<AccountRepository::Conversion> done = repo.convertTo(mode);
    if (!done)
        return done.error();
    if (Status s = m_app.settings().setValue(u"desktop"_s, u"secretStorage"_s, secretModeName(mode)); !s)
        return s.error();
    return SecretsConversion{mode, done->converted, done->removedFiles, repo.store().path()};
}

} // namespace cma
