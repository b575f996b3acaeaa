#include "session/notifier.h"
#include "testenv.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cma;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1'790'000'000'000; // a fixed moment: no test depends on the clock
constexpr qint64 kHour = 3600'000;

Account account(int n)
{
    Account a;
    a.accountId = u"acct-%1"_s.arg(n, 4, 10, QChar(u'0'));
    a.email = u"user%1@example.org"_s.arg(n);
    a.refreshToken = u"rt-%1"_s.arg(n);
    a.addedAt = kNow - 10 * kHour;
    return a;
}

AccountFacts facts(double primaryUsed, double secondaryUsed = 10, qint64 resetIn = 2 * kHour)
{
    AccountFacts f;
    QuotaEntry e;
    e.updatedAt = kNow - 60'000;
    e.status = 200;
    e.planType = u"plus"_s;
    e.primary.usedPercent = primaryUsed;
    e.primary.windowMinutes = 300;
    e.primary.resetAtMs = kNow + resetIn;
    e.secondary.usedPercent = secondaryUsed;
    e.secondary.windowMinutes = 10080;
    e.secondary.resetAtMs = kNow + 72 * kHour;
    f.quota = e;
    return f;
}

} // namespace

// The notifier rules of the desktop session (docs/ui.md §4): thresholds, limit reached and restored, the
// pool running dry; once per episode, across restarts, while paused, and as the settings say.
class TestNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void notifierOncePerEpisode()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath(u"desktop/state.json"_s);
        QStringList shown;
        auto show = [&](const QString &title, const QString &message) { shown.append(title + u": "_s + message); };

        AccountPool pool;
        pool.accounts.append(account(0));
        pool.select(0);
        const qint64 reset = 2 * kHour;

        {
            Notifier n(state, show);
            n.evaluate(pool, {facts(45, 10, reset)}, kNow); // 55% left: nothing yet
            QCOMPARE(shown.size(), 0);
            n.evaluate(pool, {facts(55, 10, reset)}, kNow + 1000); // 45% left: first threshold
            QCOMPARE(shown.size(), 1);
            QVERIFY2(shown[0].contains(u"45% of the 5h limit left"_s), qPrintable(shown[0]));
            n.evaluate(pool, {facts(58, 10, reset)}, kNow + 2000); // same episode: silent
            QCOMPARE(shown.size(), 1);
        }
        QVERIFY(QFile::exists(state));
        QCOMPARE(QFile(state).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        {
            Notifier n(state, show); // a restart remembers the episode
            n.evaluate(pool, {facts(60, 10, reset)}, kNow + 3000);
            QCOMPARE(shown.size(), 1);
            n.evaluate(pool, {facts(85, 10, reset)}, kNow + 4000); // 15% left: second threshold
            QCOMPARE(shown.size(), 2);
            n.evaluate(pool, {facts(100, 10, reset)}, kNow + 5000);
            QCOMPARE(shown.size(), 3);
            QVERIFY2(shown[2].startsWith(u"Limit reached"_s), qPrintable(shown[2]));
            // The window resets: the limit is back, once.
            n.evaluate(pool, {facts(100, 10, reset)}, kNow + reset + 1000);
            QCOMPARE(shown.size(), 4);
            QVERIFY2(shown[3].startsWith(u"Limit restored"_s), qPrintable(shown[3]));
            n.evaluate(pool, {facts(100, 10, reset)}, kNow + reset + 2000);
            QCOMPARE(shown.size(), 4);
        }
        {
            // A new window is a new episode, but a paused notifier records it without showing it.
            Notifier n(state, show);
            n.setPausedUntil(kNow + 10 * kHour);
            const qint64 next = reset + 5 * kHour;
            n.evaluate(pool, {facts(60, 10, next)}, kNow + 3 * kHour);
            QCOMPARE(shown.size(), 4);
            n.setPausedUntil(0);
            n.evaluate(pool, {facts(60, 10, next)}, kNow + 3 * kHour + 1000);
            QCOMPARE(shown.size(), 4);
        }
    }

    void notifierFollowsItsSettings()
    {
        QTemporaryDir dir;
        QStringList shown;
        Notifier n(dir.filePath(u"state.json"_s), [&](const QString &title, const QString &) { shown.append(title); });
        AccountPool pool;
        pool.accounts.append(account(0));
        pool.accounts.append(account(1));
        pool.select(0);
        const QList<AccountFacts> f{facts(10), facts(100)}; // current 90% left, the other exhausted
        NotifySettings settings;
        n.evaluate(pool, f, kNow, settings); // scope current: the other account is not watched
        QCOMPARE(shown.size(), 0);
        settings.allAccounts = true;
        settings.exhausted = false;
        n.evaluate(pool, f, kNow + 1000, settings); // exhausted alerts off: recorded, not shown
        QCOMPARE(shown.size(), 0);
        settings.exhausted = true;
        n.evaluate(pool, f, kNow + 2000, settings); // the same episode stays silent when turned on
        QCOMPARE(shown.size(), 0);
        settings.enabled = false;
        settings.thresholds = {95};
        n.evaluate(pool, f, kNow + 3000, settings);
        QCOMPARE(shown.size(), 0);
        settings.enabled = true;
        settings.thresholds = {95, 92};
        // 92 is new for the three windows above it (both of the current account, the other's weekly);
        // 95 was recorded while notifications were off.
        n.evaluate(pool, f, kNow + 4000, settings);
        QCOMPARE(shown, QStringList(3, u"Quota running low"_s));

        // The pool runs dry: once per episode, named by when an account comes back.
        Runway dry;
        dry.state = u"dry"_s;
        dry.nextReadyAt = kNow + kHour;
        dry.nextReadyIndex = 1;
        n.evaluate(pool, f, kNow + 5000, settings, &dry);
        n.evaluate(pool, f, kNow + 6000, settings, &dry);
        QCOMPARE(shown.count(u"All accounts exhausted"_s), 1);
    }

    void notifierToleratesCorruptState()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath(u"state.json"_s);
        QFile f(state);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"episodes\": [trunc");
        f.close();
        int shown = 0;
        Notifier n(state, [&](const QString &, const QString &) { ++shown; });
        AccountPool pool;
        pool.accounts.append(account(0));
        n.evaluate(pool, {facts(90)}, kNow);
        QCOMPARE(shown, 2); // both thresholds crossed at once, each announced
    }
};

QTEST_GUILESS_MAIN(TestNotifier)
#include "tst_notifier.moc"
