#pragma once

#include "accounts/account.h"
#include "quota/quotacache.h"
#include "util/result.h"

#include <QJsonObject>
#include <optional>

namespace cma {

/// Burn-rate samples (docs/forecast.md §9.2): every successful quota reading appends
/// `[t, usedPercent, resetAtMs]` per account and window to `desktop/quota-samples.json`, kept 24 h
/// and at most 500 per account and window, merged onto the latest file under its lock.
///
/// File: `{"version": 1, "accounts": {"<tracker key>": {"<windowMinutes>": [[t, u, reset], …]}}}`.
class QuotaSamples
{
public:
    explicit QuotaSamples(QString path);

    static constexpr qint64 kKeepMs = 24LL * 3600000;
    static constexpr int kMaxPerWindow = 500;

    QString path() const { return m_path; }
    /// Reads the file when it changed since the last read (the tray rebuilds often); a missing or
    /// unreadable one means no samples (they are only a refinement).
    void reload();
    Status append(const QList<QPair<Account, QuotaEntry>> &readings, qint64 now);

    /// The trailing rate in percent per ms of \a account's window of \a windowMinutes, or none.
    std::optional<double> trailingRate(const Account &account, int windowMinutes, qint64 now) const;
    /// The rule on one window's samples, oldest first: the current window instance (a reset within
    /// 120 s of the previous sample's and use not dropping by more than one point), its samples of
    /// the last 60 minutes; at least 2 spanning at least 10 minutes give
    /// `max(0, (u_last − u_first) / (t_last − t_first))`.
    static std::optional<double> trailingRate(const QJsonArray &samples, qint64 now);

private:
    QString m_path;
    QJsonObject m_accounts;
    QPair<qint64, qint64> m_seen{-1, -1}; ///< mtime (ms) and size of the file last read
};

} // namespace cma
