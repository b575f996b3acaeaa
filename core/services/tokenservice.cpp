#include "tokenservice.h"

#include "appcontext.h"

using namespace Qt::StringLiterals;

namespace cma {

TokenService::TokenService(AppContext &app)
    : m_app(app)
{}

QList<int> TokenService::defaultTargets(const AccountPool &pool) const
{
    const QJsonValue keepAlive = m_app.settings().value(u"desktop"_s, u"refreshDisabledAccounts"_s);
    const bool refreshDisabled = keepAlive.isBool() ? keepAlive.toBool() : true;
    QList<int> targets;
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        if (a.isEnabled() ||
            (refreshDisabled && a.disabledReason.value_or(u"user"_s) == "user"_L1 && !a.authInvalidatedAt))
            targets.append(i);
    }
    return targets;
}

QList<TokenRefreshRow> TokenService::refresh(const RefreshTokensRequest &request)
{
    const QList<int> targets = request.indexes.isEmpty() ? defaultTargets(request.pool) : request.indexes;
    RefreshService service(m_app);
    QList<TokenRefreshRow> rows;
    for (int i : targets) {
        const Account &a = request.pool.accounts[i];
        rows.append(
            {i, service.refresh(RefreshRequest{a, request.ifNeeded ? RefreshMode::IfDue : RefreshMode::Force,
                                               request.ifNeeded ? u"proactive_expiry"_s : u"forced"_s, 900000})});
    }
    return rows;
}

} // namespace cma
