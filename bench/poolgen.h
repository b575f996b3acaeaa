#pragma once

#include "accounts/account.h"

#include <QRandomGenerator>

namespace cma::bench {

/// A synthetic V3 pool of \a count realistic accounts: JWT-shaped tokens, workspaces, rate-limit
/// keys and cooldowns on some, a few duplicates when \a duplicatePercent > 0.
inline AccountPool generatePool(int count, int duplicatePercent = 0, quint32 seed = 42, qint64 base = 1795700000000)
{
    using namespace Qt::StringLiterals;
    QRandomGenerator rng(seed);
    AccountPool pool;
    pool.accounts.reserve(count);
    auto token = [&](const char *prefix, int n) -> QString {
        QByteArray payload = QByteArray(R"({"sub":"user-)") + QByteArray::number(n) + R"(","exp":)" +
                             QByteArray::number(base / 1000 + 10 * 86400) +
                             R"(,"https://api.openai.com/auth":{"chatgpt_account_id":"acc-)" + QByteArray::number(n) +
                             R"(","chatgpt_plan_type":"plus","chatgpt_user_id":"user-)" + QByteArray::number(n) +
                             R"("}})";
        return QString::fromLatin1(prefix) +
               QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) +
               u".c2ln"_s;
    };
    for (int i = 0; i < count; ++i) {
        const bool duplicate = i > 0 && duplicatePercent > 0 && int(rng.bounded(100)) < duplicatePercent;
        const int n = duplicate ? int(rng.bounded(i)) : i;
        Account a;
        a.accountId = u"acc-%1-4c5d-9b0a-1e2f3a4b5c6d"_s.arg(n, 8, 10, QLatin1Char('0'));
        a.accountIdSource = u"token"_s;
        a.email = u"user%1@example.org"_s.arg(n);
        a.userId = u"user-%1"_s.arg(n);
        a.refreshToken = u"rt_%1_%2"_s.arg(n).arg(rng.generate64(), 16, 16, QLatin1Char('0'));
        a.accessToken = token("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.", n);
        a.idToken = token("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.", n + 1000000);
        a.expiresAt = base + 10LL * 86400000;
        a.addedAt = base - 86400000LL * 30 + i;
        a.lastUsed = base - qint64(rng.bounded(86400000));
        a.lastRefresh = base - qint64(rng.bounded(3600000));
        a.lastSwitchReason = u"manual"_s;
        a.workspaces = QList<Workspace>{Workspace{*a.accountId, u"Personal"_s, true, std::nullopt, true, {}}};
        a.currentWorkspaceIndex = 0;
        if (i % 7 == 0)
            a.rateLimitResetTimes = QMap<QString, qint64>{{u"codex"_s, base + 600000}};
        if (i % 11 == 0) {
            a.coolingDownUntil = base + 30000;
            a.cooldownReason = u"rate-limit"_s;
        }
        pool.accounts.append(a);
    }
    pool.select(0);
    pool.affinityGeneration = 1;
    return pool;
}

} // namespace cma::bench
