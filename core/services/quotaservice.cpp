#include "quotaservice.h"

#include "appcontext.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/jsonwriter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cma {

QuotaService::QuotaService(AppContext &app)
    : m_app(app)
{}

Result<QuotaOutcome> QuotaService::quota(const QuotaRequest &request)
{
    QHash<int, UsageReading> readings;
    QuotaOutcome outcome;
    if (request.refresh) {
        for (const UsageReading &r : UsageClient(m_app).read(request.pool, request.indexes)) {
            readings.insert(r.index, r);
            outcome.anyFailed = outcome.anyFailed || !r.error.isEmpty();
        }
    }
    const QList<std::optional<QuotaEntry>> cached = m_app.quotaCache().entriesFor(request.pool);
    for (int i : request.indexes) {
        QuotaRow row;
        row.index = i;
        row.reading = readings.value(i, UsageReading{});
        row.fresh = row.reading.fresh;
        row.entry = row.fresh ? row.reading.entry : cached.value(i);
        row.failed = readings.contains(i) && !row.reading.error.isEmpty();
        outcome.rows.append(row);
    }
    return outcome;
}

Evaluation QuotaService::evaluate(const AccountPool &pool, const EvaluateRequest &request)
{
    Evaluation e;
    e.pool = pool;
    QHash<int, ForecastInput> inputs;
    if (request.live) {
        QList<int> enabled;
        for (int i = 0; i < e.pool.accounts.size(); ++i)
            if (e.pool.accounts[i].isEnabled())
                enabled.append(i);
        e.probes = UsageClient(m_app).read(e.pool, enabled);
    }
    e.facts = gatherFacts(m_app, e.pool);
    for (int i = 0; i < e.facts.size(); ++i)
        inputs.insert(i, e.facts[i].forecastInput());
    for (const UsageReading &r : std::as_const(e.probes)) {
        if (r.fresh && r.entry)
            inputs[r.index].liveQuota =
                LiveQuota{r.entry->status, r.entry->planType, r.entry->primary, r.entry->secondary};
    }
    ForecastOptions options;
    options.model = request.model;
    e.quota = m_app.quotaCache().entriesFor(e.pool);
    const qint64 now = Clock::instance().nowMs();
    for (int i = 0; i < e.pool.accounts.size(); ++i)
        e.results.append(
            Forecaster::evaluate(e.pool, i, e.quota.value(i), now, inputs.value(i), std::nullopt, options));
    e.recommendation = Forecaster::recommend(e.results, options);
    return e;
}

Result<ReportOutcome> QuotaService::report(const LoadedPool &loaded, const ReportRequest &request)
{
    ReportOutcome r;
    r.pool = loaded.pool;
    const AccountPool &pool = r.pool;
    r.now = Clock::instance().nowMs();
    const qint64 now = r.now;
    const QList<AccountFacts> facts = gatherFacts(m_app, pool);
    QHash<int, ForecastInput> inputs;
    for (int i = 0; i < facts.size(); ++i)
        inputs.insert(i, facts[i].forecastInput());
    const QList<AccountForecast> results = Forecaster::evaluateAll(pool, m_app.quotaCache(), now, inputs);
    r.recommendation = Forecaster::recommend(results);
    const Recommendation &rec = r.recommendation;
    r.summary = Forecaster::summarize(results);
    const ForecastSummary &sum = r.summary;
    r.runway = computeRunway(pool, results, m_app.quotaCache().entriesFor(pool), now, &m_app.quotaSamples());
    int cooling = 0, limited = 0;
    for (const Account &a : pool.accounts) {
        r.enabled += a.isEnabled();
        cooling += a.coolingDownUntil && *a.coolingDownUntil > now;
        limited += storedRateLimitUntil(a, u"codex"_s, {}, now) > 0;
    }
    QJsonArray accounts;
    for (const AccountForecast &f : results)
        accounts.append(QJsonObject{{u"index"_s, f.index},
                                    {u"label"_s, f.label},
                                    {u"availability"_s, availabilityName(f.availability)},
                                    {u"riskScore"_s, f.riskScore},
                                    {u"riskLevel"_s, f.riskLevel},
                                    {u"waitMs"_s, double(f.waitMs)},
                                    {u"reasons"_s, QJsonArray::fromStringList(f.reasons)}});
    const QString &model = request.model;
    r.json = QJsonObject{
        {u"generatedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"storagePath"_s, m_app.repository().store().path()},
        {u"storageHealth"_s, storageHealthName(loaded.health)},
        {u"secretStorage"_s, secretModeName(m_app.repository().mode())},
        {u"model"_s, model},
        {u"modelSelection"_s, QJsonObject{{u"requested"_s, model},
                                          {u"normalized"_s, model},
                                          {u"remapped"_s, false},
                                          {u"promptFamily"_s, u"codex"_s},
                                          {u"capabilities"_s, QJsonObject{}}}},
        {u"liveProbe"_s, false},
        {u"liveProbeBudget"_s, QJsonObject{{u"cachedOnly"_s, true},
                                           {u"maxAccounts"_s, QJsonValue::Null},
                                           {u"maxProbes"_s, QJsonValue::Null},
                                           {u"consideredAccounts"_s, 0},
                                           {u"executedProbes"_s, 0}}},
        {u"accounts"_s, QJsonObject{{u"total"_s, pool.accounts.size()},
                                    {u"enabled"_s, r.enabled},
                                    {u"disabled"_s, int(pool.accounts.size()) - r.enabled},
                                    {u"coolingDown"_s, cooling},
                                    {u"rateLimited"_s, limited}}},
        {u"activeIndex"_s,
         pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pool.currentIndex() + 1)},
        {u"forecast"_s,
         QJsonObject{{u"summary"_s, QJsonObject{{u"total"_s, sum.total},
                                                {u"ready"_s, sum.ready},
                                                {u"delayed"_s, sum.delayed},
                                                {u"unavailable"_s, sum.unavailable},
                                                {u"highRisk"_s, sum.highRisk}}},
                     {u"recommendation"_s,
                      QJsonObject{{u"recommendedIndex"_s, rec.recommendedIndex ? QJsonValue(*rec.recommendedIndex)
                                                                               : QJsonValue(QJsonValue::Null)},
                                  {u"reason"_s, rec.reason},
                                  {u"selectedReason"_s, rec.reason}}},
                     {u"probeErrors"_s, QJsonArray{}},
                     {u"accounts"_s, accounts}}},
        {u"runway"_s, r.runway.toJson()},
        {u"runtimeOverlay"_s, false},
        {u"runtime"_s, QJsonValue::Null},
        {u"runtimeSnapshotLoadError"_s, QJsonValue::Null},
    };
    if (!request.outPath.isEmpty()) {
        QJsonObject full = r.json;
        full.insert(u"command"_s, u"report"_s);
        full.insert(u"ok"_s, true);
        full.insert(u"schema"_s, 1);
        if (Status s = writeFileAtomically(QFileInfo(request.outPath).absoluteFilePath(),
                                           toJsonIndented(full, {u"command"_s, u"ok"_s, u"schema"_s}) + "\n", 0600);
            !s)
            return s.error();
    }
    return r;
}

} // namespace cma
