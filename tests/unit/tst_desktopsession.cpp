#include "codex/livesync.h"
#include "session/desktopsession.h"
#include "servicefixture.h"
#include "util/filelock.h"

#include <QSignalSpy>
#include <QThread>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// The desktop session: requests run on its worker thread and answer on the GUI thread after the
// view that shows them; an answer for a window that is gone is dropped; the GUI thread keeps
// running while a request waits for a file lock; live sync and the notifier rules feed the view.
class TestDesktopSession : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

    /// A session over a fresh AppContext (the fixture's own stays for seeding and reading).
    std::unique_ptr<DesktopSession> session(bool withLiveSync = false)
    {
        DesktopSession::Parts parts;
        parts.app = std::make_unique<AppContext>(f.env(), Endpoints::fromEnvironment(f.env()).value());
        parts.app->setKeychain(std::make_unique<MemorySecretStore>());
        if (withLiveSync)
            parts.liveSync = std::make_unique<LiveSync>(*parts.app);
        auto s = std::make_unique<DesktopSession>(std::move(parts));
        s->start();
        return s;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void theFirstViewArrivesAfterStart()
    {
        f.seed(3);
        auto s = session();
        QSignalSpy views(s.get(), &DesktopSession::viewChanged);
        QTRY_VERIFY(s->hasView());
        QCOMPARE(s->view().pool.accounts.size(), 3);
        QCOMPARE(s->view().facts.size(), 3);
        QCOMPARE(s->view().forecast.size(), 3);
        QCOMPARE(s->view().storagePath, f.app().paths().poolPath());
        QVERIFY(views.count() >= 1);
    }

    void requestsRunOnTheWorkerAndAnswerAfterTheirView()
    {
        const AccountPool seeded = f.seed(3);
        auto s = session();
        QTRY_VERIFY(s->hasView());
        QObject window;
        bool answered = false;
        QThread *answeredOn = nullptr;
        qsizetype viewSizeThen = -1;
        RemoveRequest request;
        request.targets = {seeded.accounts[2]};
        s->remove(request, &window, [&](const Result<RemoveOutcome> &r) {
            answered = true;
            answeredOn = QThread::currentThread();
            viewSizeThen = s->view().pool.accounts.size();
            QVERIFY(r);
            QCOMPARE(r->removed, QList<int>{2});
        });
        QVERIFY(!answered); // never synchronous
        QTRY_VERIFY(answered);
        QCOMPARE(answeredOn, QThread::currentThread());
        QCOMPARE(viewSizeThen, 2); // the view already showed the removal
        QCOMPARE(f.pool().accounts.size(), 2);
    }

    void anAnswerForAWindowThatIsGoneIsDropped()
    {
        const AccountPool seeded = f.seed(2);
        auto s = session();
        auto *window = new QObject;
        int dropped = 0, kept = 0;
        s->unpin(window, [&](const Result<UnpinOutcome> &) { ++dropped; });
        delete window;
        QObject alive;
        s->unpin(&alive, [&](const Result<UnpinOutcome> &) { ++kept; });
        QTRY_COMPARE(kept, 1); // requests run in order: the first one has answered (or not) by now
        QCOMPARE(dropped, 0);
        Q_UNUSED(seeded);
    }

    void theGuiThreadKeepsRunningWhileARequestWaitsForTheLock()
    {
        const AccountPool seeded = f.seed(2);
        auto s = session();
        QTRY_VERIFY(s->hasView());
        // Another process holds the pool lock.
        Result<FileLock> held = FileLock::acquire(f.app().repository().store().lockPath(), 1000);
        QVERIFY(held);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(20);
        bool answered = false;
        s->setEnabled(EnableRequest{{seeded.accounts[1]}, false}, this, [&](const Result<EnableOutcome> &r) {
            answered = true;
            QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        });
        // The GUI thread's event loop turns while the worker waits.
        QTRY_VERIFY(ticks >= 10);
        QVERIFY(!answered);
        held = makeError(ErrorCode::Io, u"released"_s); // drops the lock
        QTRY_VERIFY(answered);
        QVERIFY(!f.pool().accounts[1].isEnabled());
    }

    void liveSyncBringsAnotherProcessesChange()
    {
        f.seed(2);
        QVERIFY(f.app().settings().setValue(u"pluginConfig"_s, u"liveAccountSyncPollMs"_s, 200));
        auto s = session(/*withLiveSync=*/true);
        QTRY_VERIFY(s->hasView());
        QCOMPARE(s->view().pool.currentIndex(), 0);
        // Another process (the CLI) switches the pool's selection.
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.select(1);
            return success();
        }));
        QTRY_COMPARE(s->view().pool.currentIndex(), 1);
    }

    void notifierRulesRaiseAlertsOnce()
    {
        const AccountPool seeded = f.seed(1, {{{u"primary_used"_s, 85}}});
        auto s = session();
        QSignalSpy alerts(s.get(), &DesktopSession::alertRaised);
        QTRY_VERIFY(s->hasView());
        s->refreshNow(); // reads the quota: 15 % left crosses both thresholds
        QTRY_COMPARE(alerts.count(), 2);
        QCOMPARE(alerts.at(0).at(0).toString(), u"Quota running low"_s);
        s->reloadView();
        QSignalSpy views(s.get(), &DesktopSession::viewChanged);
        QTRY_VERIFY(views.count() >= 1);
        QCOMPARE(alerts.count(), 2); // the same episode stays quiet
        Q_UNUSED(seeded);
    }
};

QTEST_GUILESS_MAIN(TestDesktopSession)
#include "tst_desktopsession.moc"
