#pragma once

#include "accounts/account.h"
#include "quota/quotacache.h"

#include <QHash>
#include <optional>

namespace cma {

/// A refresh attempt that failed (docs/forecast.md §1, §2).
struct RefreshFailure
{
    QString reason; ///< http_error, invalid_response, network_error, missing_refresh, timeout, unknown
    std::optional<int> statusCode;
    QString message;
    QString errorCode; ///< error code from the body, when known (refresh_token_reused, invalid_grant…)

    /// docs/protocol.md §3.4 "permanent" (a superset of the reference's hard rule).
    bool isHard() const;
    QString detail() const;
};

/// A fresh usage reading taken during this evaluation (docs/forecast.md §5).
struct LiveQuota
{
    int status = 200;
    std::optional<QString> planType;
    QuotaWindow primary;
    QuotaWindow secondary;
};

/// Runtime-proxy observations (runtime-observability.json), when present.
struct RuntimeOverlay
{
    QHash<int, QString> accountSkipReasons;
    QHash<int, QString> lastPoolExhaustionSkipReasons;
    QList<int> policyBlockedIndexes;
};

enum class Availability
{
    Ready,
    Delayed,
    Unavailable
};
QString availabilityName(Availability a);

enum class SecretHealth
{
    Ok,
    Missing,
    Unavailable
};

/// Extra per-account inputs beyond the record.
struct ForecastInput
{
    std::optional<RefreshFailure> refreshFailure;
    std::optional<LiveQuota> liveQuota;
    bool paused = false;
    bool drained = false;
    SecretHealth secret = SecretHealth::Ok;
};

struct AccountForecast
{
    int index = 0;
    bool isCurrent = false;
    Availability availability = Availability::Ready;
    int riskScore = 0;
    QString riskLevel; ///< low | medium | high
    qint64 waitMs = 0;
    QStringList reasons;
    bool hardFailure = false;
    bool disabled = false;
    bool exhausted = false;
    QString label;
};

struct Recommendation
{
    std::optional<int> recommendedIndex;
    QString reason;
};

struct ForecastSummary
{
    int total = 0, ready = 0, delayed = 0, unavailable = 0, highRisk = 0;
};

/// docs/forecast.md §3–4: per-account readiness and risk, then the recommendation. For identical
/// inputs the scores, levels, waits and recommendation equal the reference's.
struct ForecastOptions
{
    QString family = QStringLiteral("codex");
    QString model;
    /// CLI wording ("codex-multi-auth --cli login") or UI wording ("Add an account").
    QString loginHint = QStringLiteral("`codex-multi-auth --cli login`");
};

class Forecaster
{
public:
    using Options = ForecastOptions;

    static AccountForecast evaluate(const AccountPool &pool, int index, const std::optional<QuotaEntry> &quota,
                                    qint64 now, const ForecastInput &input = {},
                                    const std::optional<RuntimeOverlay> &overlay = {},
                                    const ForecastOptions &options = {});
    static QList<AccountForecast> evaluateAll(const AccountPool &pool, const QuotaCache &cache, qint64 now,
                                              const QHash<int, ForecastInput> &inputs = {},
                                              const std::optional<RuntimeOverlay> &overlay = {},
                                              const ForecastOptions &options = {});
    static Recommendation recommend(const QList<AccountForecast> &results, const ForecastOptions &options = {});
    /// The recommendation order: ready first, then the shortest wait, the lowest risk, the current
    /// account, the pool index.
    static bool recommendedBefore(const AccountForecast *a, const AccountForecast *b);
    static ForecastSummary summarize(const QList<AccountForecast> &results);

    /// The reference's wait text: `<m>m <s>s` or `<s>s` (minutes not folded into hours).
    static QString waitText(qint64 ms);
};

/// The single status badge of docs/forecast.md §6 (UI and ready-first order).
QString statusBadge(const Account &account, bool isCurrent, const std::optional<QuotaEntry> &quota, qint64 now,
                    const ForecastInput &input = {});

/// Ready-first order (docs/forecast.md §6): pool indexes sorted.
QList<int> readyFirstOrder(const AccountPool &pool, const QList<std::optional<QuotaEntry>> &quota, qint64 now,
                           const QHash<int, ForecastInput> &inputs = {}, bool pinCurrentToTop = false);

/// The running stored rate limit for a family (docs/forecast.md §3.1 step 5); 0 when none.
qint64 storedRateLimitUntil(const Account &account, const QString &family, const QString &model, qint64 now);

} // namespace cma
