#pragma once

#include "accounts/account.h"
#include "net/endpoints.h"
#include "net/httpclient.h"
#include "quota/quotacache.h"

#include <optional>

namespace cma {

class AppContext;

/// One account's usage reading in this run.
struct UsageReading
{
    int index = -1;
    std::optional<QuotaEntry> entry; ///< the reading (or the cached one when reused / failed)
    bool fresh = false;              ///< read from the endpoint in this run
    bool reusedCache = false;        ///< a cache entry younger than 60 s stood in for a request
    int status = 0;                  ///< HTTP status; 0 for network errors and timeouts
    QString error;                   ///< empty on success
    std::optional<qint64> retryAfterSeconds;
};

/// Reads `/wham/usage` for accounts (docs/protocol.md §6): up to 4 at once, 10 s each, the whole
/// batch ended within 15 s; an entry younger than 60 s in the quota cache counts as a reading;
/// a 401 adopts newer live tokens or refreshes (`unauthorized_recovery`) and retries once; a 403
/// never refreshes. Successful readings go into `quota-cache.json`; failures leave it alone.
class UsageClient
{
public:
    explicit UsageClient(AppContext &app);

    QList<UsageReading> read(const AccountPool &pool, const QList<int> &indexes);

    /// Parses a usage payload into a cache entry: windows by length (short → primary), 429 when
    /// `limit_reached`, plan, credits.
    static std::optional<QuotaEntry> parsePayload(const QByteArray &body, qint64 fetchedAtMs);
    /// The GET of `/wham/usage` as the official CLI sends it (docs/protocol.md §6).
    static HttpRequest request(const Endpoints &endpoints, const QString &accessToken, const QString &accountId,
                               int timeoutMs);

    void setBatchBudgetMs(int ms) { m_batchMs = ms; }
    void setRequestTimeoutMs(int ms) { m_requestMs = ms; }

private:
    AppContext &m_app;
    int m_batchMs = 15000;
    int m_requestMs = 10000;
};

} // namespace cma
