#pragma once

#include "accounts/account.h"
#include "refresh/refreshservice.h"

namespace cma {

class AppContext;

/// Refresh some accounts' tokens now (`refresh`, "Refresh token", "Refresh all tokens").
struct RefreshTokensRequest
{
    AccountPool pool;   ///< as the caller last read it; each account is found again by identity
    QList<int> indexes; ///< empty: every account the guardian would keep fresh (defaultTargets)
    bool ifNeeded = false;
};
struct TokenRefreshRow
{
    int index = 0; ///< into the request's pool
    RefreshReport report;
};

/// Token refresh on request, one account after the other (docs/runtime.md §2.1 for each).
class TokenService
{
public:
    explicit TokenService(AppContext &app);

    /// The enabled accounts, and those disabled by the user when `desktop.refreshDisabledAccounts`
    /// (default on) keeps them alive — but never one whose refresh token was refused.
    QList<int> defaultTargets(const AccountPool &pool) const;
    QList<TokenRefreshRow> refresh(const RefreshTokensRequest &request);

private:
    AppContext &m_app;
};

} // namespace cma
