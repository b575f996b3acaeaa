#pragma once

#include "accounts/poolstore.h"
#include "quota/forecast.h"
#include "quota/runway.h"
#include "quota/usageclient.h"
#include "services/accountfacts.h"

#include <QJsonObject>

namespace cma {

class AppContext;

/// A pool evaluated for the next account (docs/forecast.md): facts, one forecast per account, the
/// recommendation, and the live readings taken for it.
struct Evaluation
{
    AccountPool pool;
    QList<AccountFacts> facts;
    QList<AccountForecast> results; ///< by pool index
    Recommendation recommendation;
    QList<UsageReading> probes; ///< live readings (`--live`)
    QList<std::optional<QuotaEntry>> quota;
};

struct EvaluateRequest
{
    bool live = false; ///< read every enabled account's usage first
    QString model;     ///< the model the recommendation is for (empty: codex)
};

/// Quota of some accounts: the cached reading, or a fresh one when asked for.
struct QuotaRequest
{
    AccountPool pool;
    QList<int> indexes;
    bool refresh = false;
};
struct QuotaRow
{
    int index = 0;
    std::optional<QuotaEntry> entry; ///< fresh when read now, else the cache's
    bool fresh = false;
    bool failed = false; ///< a fresh reading was asked for and failed
    UsageReading reading;
};
struct QuotaOutcome
{
    QList<QuotaRow> rows;
    bool anyFailed = false;
};

/// `report`: the pool, its forecast and runway in one object (written to \a outPath when set).
struct ReportRequest
{
    QString model = QStringLiteral("codex");
    QString outPath;
};
struct ReportOutcome
{
    AccountPool pool;
    int enabled = 0;
    ForecastSummary summary;
    Recommendation recommendation;
    Runway runway;
    qint64 now = 0;
    QJsonObject json; ///< the report object (without the command envelope)
};

/// Quota readings, forecasts and reports: what both faces show about how much each account has
/// left and which one should serve next.
class QuotaService
{
public:
    explicit QuotaService(AppContext &app);

    Result<QuotaOutcome> quota(const QuotaRequest &request);
    /// Evaluates \a pool (as loaded by the caller).
    Evaluation evaluate(const AccountPool &pool, const EvaluateRequest &request);
    Result<ReportOutcome> report(const LoadedPool &loaded, const ReportRequest &request);

private:
    AppContext &m_app;
};

} // namespace cma
