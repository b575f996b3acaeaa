#include "quota/forecast.h"
#include "quota/quotasamples.h"
#include "quota/runway.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Golden cases for docs/forecast.md §3–4: each expected value worked out by hand from the tables.
class TestForecast : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 kNow = 1800000000000;
    static constexpr qint64 kMin = 60000;

    struct Case
    {
        Account account;
        ForecastInput input;
        std::optional<QuotaEntry> quota;
        std::optional<RuntimeOverlay> overlay;
        ForecastOptions options;
        bool current = false;
    };

    static Case build(const QString &name)
    {
        Case c;
        c.account.email = u"subject@x.io"_s;
        c.account.accountId = u"acc-subject"_s;
        c.account.refreshToken = u"rt"_s;
        c.account.lastUsed = kNow - 3600000;
        auto quota = [&](double used, std::optional<qint64> resetIn, int minutes = 300, qint64 age = kMin,
                         bool secondary = false) {
            QuotaEntry e;
            e.updatedAt = kNow - age;
            e.status = 200;
            e.model = u"usage-endpoint"_s;
            QuotaWindow w;
            w.usedPercent = used;
            w.windowMinutes = minutes;
            if (resetIn)
                w.resetAtMs = kNow + *resetIn;
            (secondary ? e.secondary : e.primary) = w;
            c.quota = e;
        };
        auto live = [&](int status, double p, std::optional<qint64> pReset, std::optional<double> s = std::nullopt) {
            LiveQuota l;
            l.status = status;
            l.primary.usedPercent = p;
            if (pReset)
                l.primary.resetAtMs = kNow + *pReset;
            if (s)
                l.secondary.usedPercent = *s;
            c.input.liveQuota = l;
        };
        if (name == "current"_L1)
            c.current = true;
        else if (name == "disabled"_L1)
            c.account.enabled = false;
        else if (name == "invalidated"_L1)
            c.account.authInvalidatedAt = kNow - 1000;
        else if (name == "disabled+invalidated"_L1) {
            c.account.enabled = false;
            c.account.authInvalidatedAt = kNow - 1000;
        } else if (name == "hard 401"_L1)
            c.input.refreshFailure = RefreshFailure{u"http_error"_s, 401, {}, {}};
        else if (name == "hard reused 400"_L1)
            c.input.refreshFailure = RefreshFailure{u"http_error"_s, 400, {}, u"refresh_token_reused"_s};
        else if (name == "soft network"_L1)
            c.input.refreshFailure = RefreshFailure{u"network_error"_s, std::nullopt, {}, {}};
        else if (name == "soft 503"_L1)
            c.input.refreshFailure = RefreshFailure{u"http_error"_s, 503, {}, {}};
        else if (name == "soft 403 cloudflare"_L1)
            c.input.refreshFailure = RefreshFailure{u"http_error"_s, 403, u"Just a moment..."_s, {}};
        else if (name == "cooldown 90s"_L1) {
            c.account.coolingDownUntil = kNow + 90000;
            c.account.cooldownReason = u"rate-limit"_s;
        } else if (name == "cooldown past"_L1)
            c.account.coolingDownUntil = kNow - 1000;
        else if (name == "rate limit 10m"_L1)
            c.account.rateLimitResetTimes = QMap<QString, qint64>{{u"codex"_s, kNow + 10 * kMin}};
        else if (name == "rate limits earliest"_L1 || name == "rate limits with model"_L1) {
            c.account.rateLimitResetTimes =
                QMap<QString, qint64>{{u"codex"_s, kNow + 20 * kMin}, {u"codex:gpt-5"_s, kNow + 5 * kMin}};
            if (name == "rate limits with model"_L1)
                c.options.model = u"gpt-5"_s;
        } else if (name == "rate limit other family"_L1)
            c.account.rateLimitResetTimes = QMap<QString, qint64>{{u"gpt-5.1"_s, kNow + 10 * kMin}};
        else if (name == "rate limit past"_L1)
            c.account.rateLimitResetTimes = QMap<QString, qint64>{{u"codex"_s, kNow - 1}};
        else if (name == "exhausted 30m"_L1)
            quota(100, 30 * kMin);
        else if (name == "exhausted reset passed"_L1)
            quota(100, -kMin);
        else if (name == "exhausted no reset recent"_L1)
            quota(100, std::nullopt, 300, 10 * kMin);
        else if (name == "exhausted no reset old"_L1)
            quota(100, std::nullopt, 300, 6 * 60 * kMin);
        else if (name == "weekly exhausted 2d"_L1)
            quota(120, 2 * 1440 * kMin, 10080, kMin, true);
        else if (name == "quota 99 not exhausted"_L1)
            quota(99, 30 * kMin);
        else if (name == "cooldown+exhausted"_L1) {
            c.account.coolingDownUntil = kNow + kMin;
            quota(100, 10 * kMin);
        } else if (name == "idle 8 days"_L1)
            c.account.lastUsed = kNow - 8 * 1440 * kMin;
        else if (name == "used in future"_L1)
            c.account.lastUsed = kNow + 5 * kMin;
        else if (name == "paused"_L1)
            c.input.paused = true;
        else if (name == "drained"_L1)
            c.input.drained = true;
        else if (name == "secret missing"_L1)
            c.input.secret = SecretHealth::Missing;
        else if (name == "keychain unavailable"_L1)
            c.input.secret = SecretHealth::Unavailable;
        else if (name == "live 429"_L1)
            live(429, 40, 15 * kMin);
        else if (name == "live 92"_L1)
            live(200, 92, 30 * kMin);
        else if (name == "live 99/50"_L1)
            live(200, 99, 30 * kMin, 50);
        else if (name == "live 100 reset 20m"_L1)
            live(200, 100, 20 * kMin);
        else if (name == "live 100 no reset"_L1)
            live(200, 100, std::nullopt);
        else if (name == "live 75"_L1)
            live(200, 75, 30 * kMin);
        else if (name == "live 85"_L1)
            live(200, 85, 30 * kMin);
        else if (name == "overlay blocked"_L1)
            c.overlay = RuntimeOverlay{{}, {}, {1}};
        else if (name == "overlay circuit-open"_L1)
            c.overlay = RuntimeOverlay{{{1, u"circuit-open"_s}}, {}, {}};
        else if (name == "overlay stale rate-limited"_L1)
            c.overlay = RuntimeOverlay{{{1, u"rate-limited"_s}}, {}, {}};
        return c;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void situations_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("risk");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QString>("availability");
        QTest::addColumn<qint64>("wait");
        QTest::addColumn<QStringList>("reasons");
        auto row = [](const QString &n, int risk, const QString &level, const QString &avail, qint64 wait,
                      const QStringList &reasons) {
            QTest::newRow(qPrintable(n)) << n << risk << level << avail << wait << reasons;
        };
        row(u"healthy"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"current"_s, 0, u"low"_s, u"ready"_s, 0, {}); // −5 clamped to 0
        row(u"disabled"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"account is disabled"_s});
        row(u"invalidated"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"token-invalid — re-login needed"_s});
        row(u"disabled+invalidated"_s, 100, u"high"_s, u"unavailable"_s, 0,
            {u"account is disabled"_s, u"token-invalid — re-login needed"_s});
        row(u"hard 401"_s, 90, u"high"_s, u"unavailable"_s, 0, {u"hard auth failure: http_error (401)"_s});
        row(u"hard reused 400"_s, 90, u"high"_s, u"unavailable"_s, 0, {u"hard auth failure: http_error (400)"_s});
        row(u"soft network"_s, 25, u"low"_s, u"ready"_s, 0, {u"refresh warning: network_error"_s});
        row(u"soft 503"_s, 25, u"low"_s, u"ready"_s, 0, {u"refresh warning: http_error (503)"_s});
        row(u"soft 403 cloudflare"_s, 25, u"low"_s, u"ready"_s, 0, {u"refresh warning: http_error (403)"_s});
        row(u"cooldown 90s"_s, 45, u"medium"_s, u"delayed"_s, 90000, {u"cooldown remaining 1m 30s"_s});
        row(u"cooldown past"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"rate limit 10m"_s, 35, u"low"_s, u"delayed"_s, 600000, {u"rate limit resets in 10m 0s"_s});
        row(u"rate limits earliest"_s, 35, u"low"_s, u"delayed"_s, 300000, {u"rate limit resets in 5m 0s"_s});
        row(u"rate limits with model"_s, 35, u"low"_s, u"delayed"_s, 1200000, {u"rate limit resets in 20m 0s"_s});
        row(u"rate limit other family"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"rate limit past"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"exhausted 30m"_s, 60, u"medium"_s, u"delayed"_s, 1800000,
            {u"quota cache exhausted"_s, u"quota resets in 30m 0s"_s});
        row(u"exhausted reset passed"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"exhausted no reset recent"_s, 60, u"medium"_s, u"delayed"_s, 0, {u"quota cache exhausted"_s});
        row(u"exhausted no reset old"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"weekly exhausted 2d"_s, 60, u"medium"_s, u"delayed"_s, 172800000,
            {u"quota cache exhausted"_s, u"quota resets in 2880m 0s"_s});
        row(u"quota 99 not exhausted"_s, 0, u"low"_s, u"ready"_s, 0, {});
        row(u"cooldown+exhausted"_s, 100, u"high"_s, u"delayed"_s, 600000,
            {u"cooldown remaining 1m 0s"_s, u"quota cache exhausted"_s, u"quota resets in 10m 0s"_s});
        row(u"idle 8 days"_s, 10, u"low"_s, u"ready"_s, 0, {});
        row(u"used in future"_s, 5, u"low"_s, u"ready"_s, 0, {});
        row(u"paused"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"account paused"_s});
        row(u"drained"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"account drained"_s});
        row(u"secret missing"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"secret missing — re-login needed"_s});
        row(u"keychain unavailable"_s, 50, u"medium"_s, u"unavailable"_s, 0, {u"keychain unavailable"_s});
        row(u"live 429"_s, 35, u"low"_s, u"delayed"_s, 900000,
            {u"live probe returned 429"_s, u"primary quota 40% used"_s});
        row(u"live 92"_s, 35, u"low"_s, u"ready"_s, 0, {u"primary quota 92% used"_s});
        row(u"live 99/50"_s, 55, u"medium"_s, u"ready"_s, 0,
            {u"primary quota 99% used"_s, u"secondary quota 50% used"_s});
        row(u"live 100 reset 20m"_s, 55, u"medium"_s, u"delayed"_s, 1200000, {u"primary quota 100% used"_s});
        row(u"live 100 no reset"_s, 55, u"medium"_s, u"delayed"_s, 0, {u"primary quota 100% used"_s});
        row(u"live 75"_s, 10, u"low"_s, u"ready"_s, 0, {u"primary quota 75% used"_s});
        row(u"live 85"_s, 20, u"low"_s, u"ready"_s, 0, {u"primary quota 85% used"_s});
        row(u"overlay blocked"_s, 95, u"high"_s, u"unavailable"_s, 0, {u"runtime policy blocked account"_s});
        row(u"overlay circuit-open"_s, 90, u"high"_s, u"unavailable"_s, 0, {u"runtime skip: circuit-open"_s});
        row(u"overlay stale rate-limited"_s, 0, u"low"_s, u"ready"_s, 0, {});
    }
    void situations()
    {
        QFETCH(QString, name);
        QFETCH(int, risk);
        QFETCH(QString, level);
        QFETCH(QString, availability);
        QFETCH(qint64, wait);
        QFETCH(QStringList, reasons);
        const Case c = build(name);
        AccountPool pool;
        Account other;
        other.email = u"other@x.io"_s;
        other.refreshToken = u"rt-other"_s;
        other.lastUsed = kNow - 3600000;
        pool.accounts = {other, c.account};
        pool.select(c.current ? 1 : 0);
        const AccountForecast f = Forecaster::evaluate(pool, 1, c.quota, kNow, c.input, c.overlay, c.options);
        QCOMPARE(f.riskScore, risk);
        QCOMPARE(f.riskLevel, level);
        QCOMPARE(availabilityName(f.availability), availability);
        QCOMPARE(f.waitMs, wait);
        QCOMPARE(f.reasons, reasons);
    }

    void recommendation_data()
    {
        QTest::addColumn<QStringList>("situations"); // one per account; the first is current
        QTest::addColumn<int>("recommended");        // -1 = none
        QTest::addColumn<QString>("reason");
        QTest::newRow("lower risk wins") << QStringList{u"soft network"_s, u"healthy"_s} << 1
                                         << u"Lowest risk ready account (low, score 0)."_s;
        QTest::newRow("current wins a tie")
            << QStringList{u"healthy"_s, u"healthy"_s} << 0 << u"Lowest risk ready account (low, score 0)."_s;
        QTest::newRow("ready beats delayed") << QStringList{u"rate limit 10m"_s, u"soft network"_s} << 1
                                             << u"Lowest risk ready account (low, score 25)."_s;
        QTest::newRow("shortest wait") << QStringList{u"rate limit 10m"_s, u"cooldown 90s"_s} << 1
                                       << u"No account is immediately ready; pick shortest wait (1m 30s)."_s;
        QTest::newRow("exhausted is no candidate")
            << QStringList{u"exhausted 30m"_s, u"rate limit 10m"_s} << 1
            << u"No account is immediately ready; pick shortest wait (10m 0s)."_s;
        QTest::newRow("all blocked")
            << QStringList{u"exhausted 30m"_s, u"disabled"_s} << -1
            << u"All accounts are blocked or exhausted. Wait for a reset, clear the block, or run `codex-multi-auth --cli login` to add a fresh account."_s;
        QTest::newRow("none healthy")
            << QStringList{u"disabled"_s, u"hard 401"_s} << -1
            << u"No healthy accounts are available. Run `codex-multi-auth --cli login` to add a fresh account."_s;
    }
    void recommendation()
    {
        QFETCH(QStringList, situations);
        QFETCH(int, recommended);
        QFETCH(QString, reason);
        AccountPool pool;
        QHash<int, ForecastInput> inputs;
        QList<std::optional<QuotaEntry>> quota;
        for (int i = 0; i < situations.size(); ++i) {
            Case c = build(situations[i]);
            c.account.email = u"a%1@x.io"_s.arg(i);
            c.account.accountId = u"acc-%1"_s.arg(i);
            pool.accounts.append(c.account);
            inputs.insert(i, c.input);
            quota.append(c.quota);
        }
        pool.select(0);
        QList<AccountForecast> results;
        for (int i = 0; i < pool.accounts.size(); ++i)
            results.append(Forecaster::evaluate(pool, i, quota[i], kNow, inputs.value(i)));
        const Recommendation r = Forecaster::recommend(results);
        QCOMPARE(r.recommendedIndex.value_or(-1), recommended);
        QCOMPARE(r.reason, reason);
    }

    void waitText()
    {
        QCOMPARE(Forecaster::waitText(0), u"0s"_s);
        QCOMPARE(Forecaster::waitText(59999), u"59s"_s);
        QCOMPARE(Forecaster::waitText(7503000), u"125m 3s"_s); // minutes are not folded into hours
    }

    void paceAndRunway()
    {
        QuotaWindow w;
        w.usedPercent = 60;
        w.windowMinutes = 300;
        w.resetAtMs = kNow + 150 * kMin; // half the window elapsed, 60 % used: 10 points ahead
        const Pace p = computePace(w, kNow);
        QVERIFY(p.visible);
        QCOMPARE(qRound(p.paceDelta), 10);
        QVERIFY(p.runsOutAt && *p.runsOutAt < *w.resetAtMs); // 40 % left at 0.4 %/min → 100 min
        QCOMPARE((*p.runsOutAt - kNow) / kMin, 100);
        w.resetAtMs = kNow + 295 * kMin; // under 3 % elapsed: hidden
        QVERIFY(!computePace(w, kNow).visible);

        AccountPool pool;
        for (int i = 0; i < 2; ++i) {
            Account a;
            a.email = u"r%1@x.io"_s.arg(i);
            a.accountId = u"acc-r%1"_s.arg(i);
            a.refreshToken = u"rt%1"_s.arg(i);
            a.lastUsed = kNow;
            pool.accounts.append(a);
        }
        pool.select(0);
        QuotaEntry e;
        e.updatedAt = kNow;
        e.status = 200;
        e.model = u"usage-endpoint"_s;
        e.primary.usedPercent = 60;
        e.primary.windowMinutes = 300;
        e.primary.resetAtMs = kNow + 150 * kMin;
        QList<std::optional<QuotaEntry>> quota{e, e};
        const QList<AccountForecast> f{Forecaster::evaluate(pool, 0, e, kNow), Forecaster::evaluate(pool, 1, e, kNow)};
        const Runway r = computeRunway(pool, f, quota, kNow);
        // Each account lasts 100 minutes at 0.4 %/min; both windows reset at +150 min, so the pool
        // serves 200 minutes before the resets: it never runs dry within the week.
        QCOMPARE(r.readyCount, 2);
        QCOMPARE(r.burnSource, u"window-average"_s);
        QCOMPARE(r.state, u"ok"_s);
        quota[1]->primary.usedPercent = 100;
        const QList<AccountForecast> f2{Forecaster::evaluate(pool, 0, quota[0], kNow),
                                        Forecaster::evaluate(pool, 1, quota[1], kNow)};
        const Runway r2 = computeRunway(pool, f2, quota, kNow);
        QCOMPARE(r2.state, u"limited"_s); // one account: 100 min, then both are empty until +150
        QCOMPARE((*r2.dryAt - kNow) / kMin, 100);
        QCOMPARE(r2.nextReadyIndex.value_or(-1), 1);
    }

    void trailingRate_data()
    {
        // Samples [t (minutes from now), used %, reset (minutes from now)], oldest first.
        QTest::addColumn<QList<QList<double>>>("samples");
        QTest::addColumn<double>("perHour"); // -1: no rate
        const double R = 100;
        QTest::newRow("steady 1 %/min") << QList<QList<double>>{{-15, 10, R}, {-5, 15, R}, {0, 25, R}} << 60.0;
        QTest::newRow("span under 10 min") << QList<QList<double>>{{-9, 10, R}, {0, 20, R}} << -1.0;
        QTest::newRow("one sample") << QList<QList<double>>{{0, 20, R}} << -1.0;
        QTest::newRow("older than an hour ignored")
            << QList<QList<double>>{{-90, 0, R}, {-30, 40, R}, {0, 50, R}} << 20.0;
        QTest::newRow("reset moved: new instance")
            << QList<QList<double>>{{-40, 90, R - 300}, {-20, 5, R}, {0, 15, R}} << 30.0;
        QTest::newRow("reset jitter within 120 s") << QList<QList<double>>{{-20, 5, R - 1.5}, {0, 15, R}} << 30.0;
        QTest::newRow("use dropped: new instance")
            << QList<QList<double>>{{-50, 80, R}, {-30, 60, R}, {-10, 62, R}, {0, 66, R}} << 12.0;
        QTest::newRow("small drop is noise, never negative") << QList<QList<double>>{{-20, 30, R}, {0, 29.5, R}} << 0.0;
    }
    void trailingRate()
    {
        QFETCH(QList<QList<double>>, samples);
        QFETCH(double, perHour);
        QJsonArray a;
        for (const QList<double> &s : samples)
            a.append(QJsonArray{double(kNow) + s[0] * kMin, s[1], double(kNow) + s[2] * kMin});
        const std::optional<double> rate = QuotaSamples::trailingRate(a, kNow);
        if (perHour < 0) {
            QVERIFY(!rate);
        } else {
            QVERIFY(rate);
            QCOMPARE(qRound(*rate * 3600000.0 * 100), qRound(perHour * 100));
        }
    }

    void samplesFileAndRunwayBurn()
    {
        QTemporaryDir dir;
        QuotaSamples samples(dir.filePath(u"quota-samples.json"_s));
        AccountPool pool;
        for (int i = 0; i < 2; ++i) {
            Account a;
            a.email = u"s%1@x.io"_s.arg(i);
            a.accountId = u"acc-s%1"_s.arg(i);
            a.refreshToken = u"rt%1"_s.arg(i);
            a.lastUsed = kNow - (2 - i) * kMin;
            pool.accounts.append(a);
        }
        pool.select(0);
        auto reading = [&](double used, qint64 at) {
            QuotaEntry e;
            e.updatedAt = at;
            e.status = 200;
            e.model = u"usage-endpoint"_s;
            e.primary.usedPercent = used;
            e.primary.windowMinutes = 300;
            e.primary.resetAtMs = kNow + 150 * kMin;
            return e;
        };
        QList<std::optional<QuotaEntry>> quota{reading(60, kNow), reading(60, kNow)};
        const QList<AccountForecast> f{Forecaster::evaluate(pool, 0, quota[0], kNow),
                                       Forecaster::evaluate(pool, 1, quota[1], kNow)};

        // Account 1 (used most recently after the current one) has a trailing rate; the current not yet.
        QVERIFY(samples.append({{pool.accounts[1], reading(50, kNow - 20 * kMin)}}, kNow - 20 * kMin).ok());
        QVERIFY(samples.append({{pool.accounts[1], reading(60, kNow)}}, kNow).ok());
        Runway r = computeRunway(pool, f, quota, kNow, &samples);
        QCOMPARE(r.burnSource, u"trailing"_s);
        QCOMPARE(r.burnAccountIndex.value_or(-1), 1);
        QCOMPARE(qRound(r.percentPerHourByWindowMinutes.value(300)), 30);

        // The current account's own rate wins: 1 %/min. 40 % left on each: dry after 80 minutes.
        QVERIFY(samples.append({{pool.accounts[0], reading(50, kNow - 10 * kMin)}}, kNow - 10 * kMin).ok());
        QVERIFY(samples.append({{pool.accounts[0], reading(60, kNow)}}, kNow).ok());
        r = computeRunway(pool, f, quota, kNow, &samples);
        QCOMPARE(r.burnAccountIndex.value_or(-1), 0);
        QCOMPARE(qRound(r.percentPerHourByWindowMinutes.value(300)), 60);
        QVERIFY(r.dryAt);
        QCOMPARE((*r.dryAt - kNow) / kMin, 80);

        // Another process reads the same file; without samples the window average stands in.
        QuotaSamples other(samples.path());
        other.reload();
        QVERIFY(other.trailingRate(pool.accounts[0], 300, kNow));
        QCOMPARE(computeRunway(pool, f, quota, kNow).burnSource, u"window-average"_s);
        QCOMPARE(QFile(samples.path()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // Pruning: at most 500 per window, nothing older than 24 h, silent accounts forgotten.
        for (int i = 0; i < 520; ++i)
            QVERIFY(samples.append({{pool.accounts[0], reading(60, kNow + i * 1000)}}, kNow + i * 1000).ok());
        QFile file(samples.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject accounts = QJsonDocument::fromJson(file.readAll()).object().value(u"accounts"_s).toObject();
        QCOMPARE(accounts.value(pool.accounts[0].trackerKey()).toObject().value(u"300"_s).toArray().size(),
                 QuotaSamples::kMaxPerWindow);
        QVERIFY(accounts.contains(pool.accounts[1].trackerKey()));
        QVERIFY(samples.append({{pool.accounts[0], reading(60, kNow + 25 * 3600000LL)}}, kNow + 25 * 3600000LL).ok());
        other.reload();
        QVERIFY(!other.trailingRate(pool.accounts[1], 300, kNow + 25 * 3600000LL));
        QFile again(samples.path());
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QJsonObject after = QJsonDocument::fromJson(again.readAll()).object().value(u"accounts"_s).toObject();
        QVERIFY(!after.contains(pool.accounts[1].trackerKey()));
        QCOMPARE(after.value(pool.accounts[0].trackerKey()).toObject().value(u"300"_s).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
