#include "refreshguardian.h"

#include "appcontext.h"
#include "codex/codexlivestore.h"
#include "util/jsonwriter.h"

#include <QThread>

#include <QSet>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
constexpr qint64 kEightDaysMs = 8LL * 24 * 3600 * 1000;
constexpr qint64 kBackoffMs[] = {30000, 120000, 600000, 1800000};
} // namespace

RefreshGuardian::RefreshGuardian(Clock &clock, PoolReader reader, Executor executor, Pause pause, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_reader(std::move(reader))
    , m_executor(std::move(executor))
    , m_pause(std::move(pause))
{}

void RefreshGuardian::setOnline(bool online)
{
    m_online = online;
}

bool RefreshGuardian::clockJumped() const
{
    return m_lastTickAt > 0 && m_clock.nowMs() - m_lastTickAt > 2 * m_settings.intervalMs + 10000;
}

std::unique_ptr<RefreshGuardian> RefreshGuardian::forApp(AppContext &app, QObject *parent)
{
    auto service = std::make_shared<RefreshService>(app);
    auto guardian = std::make_unique<RefreshGuardian>(
        Clock::instance(), [&app] { return app.repository().load(); },
        [service](const RefreshRequest &r) { return service->refresh(r); },
        [](qint64 ms) { QThread::msleep(static_cast<unsigned long>(ms)); }, parent);
    Settings s;
    auto number = [&](const QString &key, qint64 fallback, qint64 minimum) {
        const QJsonValue v = app.settings().value(u"pluginConfig"_s, key);
        return v.isDouble() ? std::max(qint64(v.toDouble()), minimum) : fallback;
    };
    s.intervalMs = number(u"proactiveRefreshIntervalMs"_s, 60000, 5000);
    s.leadMs = number(u"proactiveRefreshBufferMs"_s, 900000, 30000);
    const QJsonValue on = app.settings().value(u"pluginConfig"_s, u"proactiveRefreshGuardian"_s);
    s.enabled = on.isBool() ? on.toBool() : true;
    const QJsonValue disabled = app.settings().value(u"desktop"_s, u"refreshDisabledAccounts"_s);
    s.refreshDisabled = disabled.isBool() ? disabled.toBool() : true;
    guardian->setSettings(s);
    guardian->updateLiveAccount(app);
    return guardian;
}

void RefreshGuardian::updateLiveAccount(AppContext &app)
{
    CodexLiveStore live(app.paths().codexHome, app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    Result<LoadedPool> pool = app.repository().load();
    if (!config || !pool)
        return;
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current || !current.value())
        return;
    const int index = (*current)->findInPool(pool->pool);
    m_liveKey = index >= 0 ? pool->pool.accounts[index].trackerKey() : QString();
}

qint64 RefreshGuardian::extraLeadFor(const QString &tokenKey)
{
    auto it = m_extraLead.constFind(tokenKey);
    if (it != m_extraLead.constEnd())
        return *it;
    const qint64 cap = std::min<qint64>(60000, m_settings.leadMs / 5);
    const qint64 u = cap > 0 ? qint64(m_rng.bounded(quint64(cap) + 1)) : 0;
    m_extraLead.insert(tokenKey, u);
    return u;
}

bool RefreshGuardian::isDue(const Account &a, qint64 now)
{
    qint64 lead = m_settings.leadMs;
    if (a.trackerKey() == m_liveKey)
        lead = std::max<qint64>(lead, 900000);
    const QString access = a.accessToken.value_or(QString());
    const std::optional<qint64> exp = RefreshService::accessExpiry(a, access);
    if (exp) {
        const QString tokenKey = access.isEmpty() ? a.refreshToken + QString::number(*exp) : access;
        return *exp - lead - extraLeadFor(sha256Hex(tokenKey.toUtf8())) <= now;
    }
    if (!a.lastRefresh)
        return true;
    return now - *a.lastRefresh >= kEightDaysMs;
}

qint64 RefreshGuardian::tick()
{
    const qint64 interval = std::max<qint64>(5000, m_settings.intervalMs);
    const qint64 next = qint64(double(interval) * (0.9 + 0.2 * m_rng.generateDouble()));
    if (!m_settings.enabled || !m_online)
        return next;
    ++m_stats.runs;
    const qint64 now = m_clock.nowMs();
    m_lastTickAt = now;
    m_stats.lastRunAt = now;
    Result<LoadedPool> loaded = m_reader();
    if (!loaded || loaded->readOnly() || loaded->health == StorageHealth::Corrupt)
        return next;
    QSet<QString> seen;
    bool first = true;
    for (const Account &a : std::as_const(loaded->pool.accounts)) {
        const QString key = a.trackerKey();
        seen.insert(key);
        if (a.authInvalidatedAt)
            continue; // nothing retries a rejected refresh token on its own
        m_hardFailed.remove(key);
        if (!a.isEnabled() && (!m_settings.refreshDisabled || a.disabledReason == u"auth-failure"_s))
            continue;
        const qint64 t = m_clock.nowMs();
        if (m_backoff.value(key).nextAttemptAt > t)
            continue;
        if (!isDue(a, t)) {
            ++m_stats.notNeeded;
            continue;
        }
        if (!first)
            m_pause(250 + qint64(m_rng.bounded(251)));
        first = false;
        const RefreshReport r =
            m_executor(RefreshRequest{a, RefreshMode::IfDue, u"proactive_expiry"_s, m_settings.leadMs});
        if (r.outcome == RefreshReport::Outcome::Refreshed) {
            ++m_stats.refreshed;
            m_backoff.remove(key);
            Q_EMIT accountRefreshed(key);
        } else if (r.outcome == RefreshReport::Outcome::NotNeeded) {
            ++m_stats.notNeeded;
            m_backoff.remove(key);
        } else if (r.permanent) {
            ++m_stats.failed;
            m_backoff.remove(key);
            if (!m_hardFailed.contains(key)) {
                m_hardFailed.insert(key);
                ++m_stats.hardFailures;
                Q_EMIT reloginNeeded(key, r.message);
            }
            Q_EMIT refreshFailed(key, r.message, true);
        } else {
            ++m_stats.failed;
            Backoff &b = m_backoff[key];
            const qint64 base = kBackoffMs[std::min(b.failures, 3)];
            qint64 wait = qint64(double(base) * (0.9 + 0.2 * m_rng.generateDouble()));
            if (r.retryAfterSeconds)
                wait = std::max(wait, *r.retryAfterSeconds * 1000);
            ++b.failures;
            b.nextAttemptAt = m_clock.nowMs() + wait;
            Q_EMIT refreshFailed(key, r.message, false);
        }
    }
    // Forget accounts that left the pool.
    for (auto it = m_backoff.begin(); it != m_backoff.end();)
        it = seen.contains(it.key()) ? std::next(it) : m_backoff.erase(it);
    if (m_extraLead.size() > 4 * (loaded->pool.accounts.size() + 16))
        m_extraLead.clear();
    return next;
}

} // namespace cma
