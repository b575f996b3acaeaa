#pragma once

#include "accounts/poolstore.h"
#include "refresh/refreshservice.h"
#include "util/clock.h"

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <functional>

namespace cma {

class AppContext;

/// The refresh guardian of the tray process (docs/runtime.md §2.2): keeps every account's access token
/// fresh ahead of expiry, with the lead time, jitter, backoff and hard-failure rules there.
///
/// It is a scheduler only: the pool comes from a reader, each refresh goes to an executor (in the
/// tray, RefreshService on a worker thread), and time comes from a Clock, so tests simulate weeks.
///   tick(): for every account (enabled, or disabled by the user when refreshDisabled) that is due
///   — access expiry − lead − per-token extra lead ≤ now, or 8 days since lastRefresh without an
///   expiry — and whose backoff has passed: refresh, then wait 250 + U(0, 250) ms.
///   transient failure → next attempt after 30 s, 2 min, 10 min, then every 30 min (±10 %, a longer
///   Retry-After wins); hard failure → reported once, never retried; success resets the backoff.
///   next tick after interval × U(0.9, 1.1); offline → ticks do nothing and count nothing.
class RefreshGuardian : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        qint64 intervalMs = 60000;
        qint64 leadMs = 900000;
        bool refreshDisabled = true;
        bool enabled = true;
    };
    using PoolReader = std::function<Result<LoadedPool>()>;
    using Executor = std::function<RefreshReport(const RefreshRequest &)>;
    /// Sleeps between two refreshes of one tick (a real sleep in the tray's worker, a clock
    /// advance in simulations).
    using Pause = std::function<void(qint64 ms)>;

    RefreshGuardian(Clock &clock, PoolReader reader, Executor executor, Pause pause, QObject *parent = nullptr);

    /// The production wiring, as the tray uses it: the app's pool, RefreshService, a real pause,
    /// the settings' interval and lead, and Codex's live account for the 900 s floor.
    static std::unique_ptr<RefreshGuardian> forApp(AppContext &app, QObject *parent = nullptr);
    /// Re-reads which account Codex holds (call when auth.json changes).
    void updateLiveAccount(AppContext &app);

    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }
    /// The live account never gets less than 900 s of lead (docs/runtime.md §2.2).
    void setLiveAccountKey(const QString &trackerKey) { m_liveKey = trackerKey; }
    void setOnline(bool online);
    void setRandomSeed(quint32 seed) { m_rng.seed(seed); }

    /// Runs one tick; returns the delay until the next one (interval × U(0.9, 1.1)).
    qint64 tick();
    /// Whether the wall clock jumped (sleep/resume) since the last tick: then a tick is due 5 s
    /// after the network is back.
    bool clockJumped() const;

    struct Stats
    {
        int runs = 0, refreshed = 0, failed = 0, notNeeded = 0, hardFailures = 0;
        qint64 lastRunAt = 0;
    };
    const Stats &stats() const { return m_stats; }
    /// When the next attempt for an account is allowed (0 = now), for the UI.
    qint64 nextAttemptAt(const QString &trackerKey) const { return m_backoff.value(trackerKey).nextAttemptAt; }

Q_SIGNALS:
    void accountRefreshed(const QString &trackerKey);
    void refreshFailed(const QString &trackerKey, const QString &message, bool permanent);
    /// A hard failure, once per account until it signs in again.
    void reloginNeeded(const QString &trackerKey, const QString &message);

private:
    struct Backoff
    {
        int failures = 0;
        qint64 nextAttemptAt = 0;
    };
    qint64 extraLeadFor(const QString &tokenKey);
    bool isDue(const Account &account, qint64 now);

    Clock &m_clock;
    PoolReader m_reader;
    Executor m_executor;
    Pause m_pause;
    Settings m_settings;
    QString m_liveKey;
    bool m_online = true;
    qint64 m_lastTickAt = 0;
    QHash<QString, qint64> m_extraLead; // per access token (hash), drawn once
    QHash<QString, Backoff> m_backoff;  // per tracker key
    QSet<QString> m_hardFailed;         // reported once
    QRandomGenerator m_rng{QRandomGenerator::securelySeeded()};
    Stats m_stats;
};

} // namespace cma
