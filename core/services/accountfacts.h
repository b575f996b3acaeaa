#pragma once

#include "accounts/accountrepository.h"
#include "accounts/policystore.h"
#include "quota/forecast.h"
#include "quota/quotacache.h"

#include <optional>

namespace cma {

class AppContext;

/// What both faces know about one account beyond its record: its latest quota reading, its
/// policy and where its secret stands.
struct AccountFacts
{
    std::optional<QuotaEntry> quota;
    AccountPolicy policy;
    SecretState secret = SecretState::Plaintext;
    ForecastInput forecastInput() const;
};

/// Gathers quota, policy and secret state for every account of \a pool (one policy read, one
/// keychain read per keychain-held account; none when \a checkSecrets is false).
QList<AccountFacts> gatherFacts(AppContext &app, const AccountPool &pool, bool checkSecrets = true);

/// The plan: the quota reading's, else the id_token's claim; empty when unknown.
QString planOf(const Account &account, const AccountFacts &facts);

/// The policy store of \a app's storage root.
PolicyStore policyStoreOf(const AppContext &app);

} // namespace cma
