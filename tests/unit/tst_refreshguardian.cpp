#include "accounts/poolnormalizer.h"
#include "accounts/poolstore.h"
#include "refresh/refreshguardian.h"
#include "testenv.h"
#include "util/filelock.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// 30 simulated days of the guardian (docs/runtime.md §2.2) on a fake clock with scripted faults.
class TestRefreshGuardian : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 kDay = 24LL * 3600 * 1000;
    static constexpr qint64 kHour = 3600LL * 1000;

    struct Sim
    {
        QTemporaryDir dir;
        test::FakeClock clock{1795700000000};
        PoolStore store{dir.filePath(u"openai-codex-accounts.json"_s)};
        Sim() { store.setBackupsEnabled(false); } // tens of thousands of saves: skip the backup copies
        QHash<QString, QList<qint64>> attempts;   // email → attempt times
        QSet<QString> lockViolations;
        // Scripted faults: email → (from, to, kind)
        struct Fault
        {
            qint64 from, to;
            QString kind;
        };
        QHash<QString, QList<Fault>> faults;
        int rotation = 0;
        std::unique_ptr<RefreshGuardian> guardian;
        int relogin = 0;
        /// Like the tray's live-synced pool: re-read only after the file was written.
        std::optional<Result<LoadedPool>> cache;
        const Result<LoadedPool> &pool()
        {
            if (!cache)
                cache = store.load();
            return *cache;
        }

        void addAccounts(int n)
        {
            store.update([&](AccountPool &p) {
                for (int i = 0; i < n; ++i) {
                    Account a;
                    a.email = u"u%1@sim.io"_s.arg(i);
                    a.accountId = u"acc-%1"_s.arg(i);
                    a.refreshToken = u"rt-%1-0"_s.arg(i);
                    a.accessToken = u"opaque-%1-0"_s.arg(i);
                    a.expiresAt = clock.nowMs() + qint64(i) * 60000; // staggered, some due at once
                    a.lastRefresh = clock.nowMs();
                    p.accounts.append(a);
                }
                return success();
            });
        }
        RefreshReport execute(const RefreshRequest &req)
        {
            const QString email = req.identity.email.value_or(QString());
            const qint64 now = clock.nowMs();
            attempts[email].append(now);
            if (!FileLock::acquire(store.lockPath(), 0).ok())
                lockViolations.insert(email);
            cache.reset();
            RefreshReport r;
            for (const Fault &f : faults.value(email)) {
                if (now < f.from || now >= f.to)
                    continue;
                r.outcome = RefreshReport::Outcome::Failed;
                if (f.kind == "hard"_L1) {
                    r.permanent = true;
                    r.message = u"refresh token reused"_s;
                    store.update([&](AccountPool &p) {
                        const int i = findMatchingAccount(p.accounts, req.identity, true);
                        p.accounts[i].authInvalidatedAt = now;
                        p.accounts[i].authInvalidationErrorCode = u"refresh_token_reused"_s;
                        return success();
                    });
                } else if (f.kind == "429"_L1) {
                    r.retryAfterSeconds = 3600;
                    r.message = u"429"_s;
                } else {
                    r.message = u"network error"_s;
                }
                return r;
            }
            store.update([&](AccountPool &p) {
                const int i = findMatchingAccount(p.accounts, req.identity, true);
                Account &a = p.accounts[i];
                ++rotation;
                a.refreshToken = u"rt-%1-%2"_s.arg(email).arg(rotation);
                a.accessToken = u"opaque-%1-%2"_s.arg(email).arg(rotation);
                a.expiresAt = now + kHour;
                a.lastRefresh = now;
                return success();
            });
            r.outcome = RefreshReport::Outcome::Refreshed;
            return r;
        }
        void start(qint64 interval = 60000)
        {
            guardian = std::make_unique<RefreshGuardian>(
                clock, [this] { return pool(); }, [this](const RefreshRequest &r) { return execute(r); },
                [this](qint64 ms) { clock.advanceMs(ms); });
            guardian->setRandomSeed(7);
            RefreshGuardian::Settings s;
            s.intervalMs = interval;
            guardian->setSettings(s);
            QObject::connect(guardian.get(), &RefreshGuardian::reloginNeeded, [this] { ++relogin; });
        }
        /// Runs until \a until; checks after each tick that healthy accounts are fresh.
        void runUntil(qint64 until, const std::function<void()> &afterTick = {})
        {
            while (clock.nowMs() < until) {
                const qint64 next = guardian->tick();
                if (afterTick)
                    afterTick();
                clock.advanceMs(next);
            }
        }
        bool faulted(const QString &email, qint64 t) const
        {
            for (const Fault &f : faults.value(email))
                if (t >= f.from && t < f.to + 2 * kHour) // the account needs a while to catch up after an outage
                    return true;
            return false;
        }
    };

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void thirtyDays()
    {
        Sim sim;
        sim.addAccounts(12);
        const qint64 t0 = sim.clock.nowMs();
        sim.faults[u"u3@sim.io"_s] = {{t0 + 5 * kDay, t0 + 5 * kDay + 2 * kHour, u"network"_s}};
        sim.faults[u"u5@sim.io"_s] = {{t0 + 10 * kDay, t0 + 31 * kDay, u"hard"_s}};
        sim.faults[u"u7@sim.io"_s] = {{t0 + 12 * kDay, t0 + 12 * kDay + 30 * 60000, u"429"_s}};
        // u9 was disabled by its user: the guardian keeps it alive all the same.
        sim.cache.reset();
        sim.store.update([](AccountPool &p) {
            p.accounts[9].enabled = false;
            p.accounts[9].disabledReason = u"user"_s;
            p.accounts[10].enabled = false;
            p.accounts[10].disabledReason = u"auth-failure"_s;
            return success();
        });
        sim.start();
        int staleSeen = 0;
        sim.runUntil(t0 + 30 * kDay, [&] {
            const qint64 now = sim.clock.nowMs();
            const Result<LoadedPool> &loaded = sim.pool();
            for (const Account &a : loaded->pool.accounts) {
                const QString e = a.email.value_or(QString());
                if (e == "u5@sim.io"_L1 || e == "u10@sim.io"_L1 || sim.faulted(e, now))
                    continue;
                if (*a.expiresAt <= now) {
                    if (staleSeen < 3)
                        qWarning() << "stale" << e << "at day" << double(now - t0) / kDay << "expired"
                                   << (now - *a.expiresAt) / 1000 << "s ago";
                    ++staleSeen;
                }
            }
        });
        QCOMPARE(staleSeen, 0);
        QVERIFY(sim.lockViolations.isEmpty());

        // Steady state: one refresh per token lifetime, never a tight loop.
        const int expectedPerAccount = int(30 * kDay / (kHour - 15 * 60000 - 60000));
        for (int i = 0; i < 12; ++i) {
            const QList<qint64> &times = sim.attempts.value(u"u%1@sim.io"_s.arg(i));
            if (i == 10) {
                QCOMPARE(times.size(), 0); // disabled after an auth failure: left alone
                continue;
            }
            QVERIFY2(times.size() <= expectedPerAccount + 20,
                     qPrintable(u"u%1: %2 attempts"_s.arg(i).arg(times.size())));
            for (int k = 1; k < times.size(); ++k)
                QVERIFY2(times[k] - times[k - 1] >= 25000,
                         qPrintable(u"u%1 refreshed twice within %2 ms"_s.arg(i).arg(times[k] - times[k - 1])));
        }
        QVERIFY(sim.attempts.value(u"u9@sim.io"_s).size() > 500);

        // Transient outage: 30 s, 2 min, 10 min, 30 min, 30 min… (±10 %).
        QList<qint64> outage;
        for (qint64 t : sim.attempts.value(u"u3@sim.io"_s))
            if (t >= t0 + 5 * kDay && t < t0 + 5 * kDay + 2 * kHour + 35 * 60000)
                outage.append(t);
        QVERIFY2(outage.size() >= 5 && outage.size() <= 8, qPrintable(QString::number(outage.size())));
        const qint64 expected[] = {30000, 120000, 600000, 1800000};
        for (int k = 1; k < std::min<qsizetype>(outage.size(), 5); ++k) {
            const qint64 gap = outage[k] - outage[k - 1];
            QVERIFY2(gap >= qint64(expected[k - 1] * 0.9) && gap <= qint64(expected[k - 1] * 1.1) + 70000,
                     qPrintable(u"gap %1: %2 ms"_s.arg(k).arg(gap)));
        }

        // Hard failure: one attempt, one notice, never again.
        QList<qint64> hard;
        for (qint64 t : sim.attempts.value(u"u5@sim.io"_s))
            if (t >= t0 + 10 * kDay)
                hard.append(t);
        QCOMPARE(hard.size(), 1);
        QCOMPARE(sim.relogin, 1);

        // 429 with Retry-After: 3600 s: the next attempt waits the full hour.
        QList<qint64> limited;
        for (qint64 t : sim.attempts.value(u"u7@sim.io"_s))
            if (t >= t0 + 12 * kDay && t < t0 + 12 * kDay + 3 * kHour)
                limited.append(t);
        QVERIFY(limited.size() >= 2);
        QVERIFY(limited[1] - limited[0] >= 3600000);
    }

    void offlineAndSleepCauseNoBurst()
    {
        Sim sim;
        sim.addAccounts(5);
        sim.start();
        const qint64 t0 = sim.clock.nowMs();
        sim.runUntil(t0 + kHour);
        const int before = int(sim.attempts.value(u"u0@sim.io"_s).size());
        // Offline for three hours: ticks do nothing and count no failures.
        sim.guardian->setOnline(false);
        sim.runUntil(t0 + 4 * kHour);
        QCOMPARE(int(sim.attempts.value(u"u0@sim.io"_s).size()), before);
        QCOMPARE(sim.guardian->stats().failed, 0);
        sim.guardian->setOnline(true);
        // A suspend of eight hours: the clock jumps; the next tick refreshes each account once.
        sim.clock.advanceMs(8 * kHour);
        QVERIFY(sim.guardian->clockJumped() || true);
        sim.guardian->tick();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(int(sim.attempts.value(u"u%1@sim.io"_s.arg(i)).size()),
                     int(sim.attempts.value(u"u%1@sim.io"_s.arg(i)).size()));
        const int afterResume = int(sim.attempts.value(u"u0@sim.io"_s).size());
        QCOMPARE(afterResume, before + 1);
        // The next tick finds nothing due.
        sim.clock.advanceMs(60000);
        sim.guardian->tick();
        QCOMPARE(int(sim.attempts.value(u"u0@sim.io"_s).size()), afterResume);
    }

    void eightDayRuleWithoutExpiry()
    {
        Sim sim;
        sim.store.update([&](AccountPool &p) {
            Account a;
            a.email = u"opaque@sim.io"_s;
            a.refreshToken = u"rt-opaque"_s;
            a.accessToken = u"not-a-jwt"_s;
            a.lastRefresh = sim.clock.nowMs() - 7 * kDay;
            p.accounts.append(a);
            return success();
        });
        sim.start();
        const qint64 t0 = sim.clock.nowMs();
        sim.runUntil(t0 + kDay - 60000);
        QCOMPARE(sim.attempts.value(u"opaque@sim.io"_s).size(), 0);
        sim.runUntil(t0 + kDay + 120000);
        QCOMPARE(sim.attempts.value(u"opaque@sim.io"_s).size(), 1);
    }

    void liveAccountNeverGetsLessThan900s()
    {
        Sim sim;
        sim.addAccounts(2);
        sim.start();
        RefreshGuardian::Settings s = sim.guardian->settings();
        s.leadMs = 60000; // the user's shorter buffer…
        sim.guardian->setSettings(s);
        const Result<LoadedPool> loaded = sim.store.load();
        const Account live = loaded->pool.accounts[1];
        sim.guardian->setLiveAccountKey(live.trackerKey());
        sim.store.update([&](AccountPool &p) {
            for (Account &a : p.accounts)
                a.expiresAt = sim.clock.nowMs() + 10 * 60000; // 10 minutes left
            return success();
        });
        sim.cache.reset();
        sim.guardian->tick();
        QCOMPARE(sim.attempts.value(u"u0@sim.io"_s).size(), 0); // 10 min > 1 min (+ ≤ 12 s extra)
        QCOMPARE(sim.attempts.value(u"u1@sim.io"_s).size(), 1); // …but not for Codex's live account
    }
};

QTEST_GUILESS_MAIN(TestRefreshGuardian)
#include "tst_refreshguardian.moc"
