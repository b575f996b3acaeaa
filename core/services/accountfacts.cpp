#include "accountfacts.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"

using namespace Qt::StringLiterals;

namespace cma {

ForecastInput AccountFacts::forecastInput() const
{
    ForecastInput in;
    in.paused = policy.paused;
    in.drained = policy.drained;
    in.secret = secret == SecretState::Missing       ? SecretHealth::Missing
                : secret == SecretState::Unavailable ? SecretHealth::Unavailable
                                                     : SecretHealth::Ok;
    return in;
}

PolicyStore policyStoreOf(const AppContext &app)
{
    return PolicyStore(app.paths().policiesPath(), app.paths().root + u"/account-policies.lock"_s);
}

QList<AccountFacts> gatherFacts(AppContext &app, const AccountPool &pool, bool checkSecrets)
{
    QList<AccountFacts> facts(pool.accounts.size());
    const QuotaCache &cache = app.quotaCache();
    const QHash<QString, AccountPolicy> policies = policyStoreOf(app).all();
    AccountRepository &repo = app.repository();
    bool keychainDown = false;
    const QList<std::optional<QuotaEntry>> quota = cache.entriesFor(pool);
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        facts[i].quota = quota[i];
        facts[i].policy = policies.value(PolicyStore::keyFor(a));
        if (!isKeychainMarker(a.refreshToken)) {
            facts[i].secret = SecretState::Plaintext;
        } else if (!checkSecrets) {
            facts[i].secret = SecretState::Keychain;
        } else if (keychainDown) {
            facts[i].secret = SecretState::Unavailable;
        } else {
            facts[i].secret = repo.secretState(a);
            keychainDown = facts[i].secret == SecretState::Unavailable;
        }
    }
    return facts;
}

QString planOf(const Account &account, const AccountFacts &facts)
{
    if (facts.quota && facts.quota->planType && !facts.quota->planType->isEmpty())
        return *facts.quota->planType;
    if (account.idToken)
        return TokenIdentity::fromTokens(*account.idToken, account.accessToken.value_or(QString())).plan;
    return {};
}

} // namespace cma
