#include "accounts/poolstore.h"
#include "testenv.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace cma;

// Four processes make 250 random mutations each on one pool while the test kills random writers
// with SIGKILL. Afterwards the pool loads, every account a completed mutation added is present,
// nothing is duplicated, and recovery never goes back behind the last completed save.
class TestPoolCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void killedWritersLoseNothing()
    {
        const QString pool = qEnvironmentVariable("CODEX_MULTI_AUTH_DIR") + u"/openai-codex-accounts.json"_s;
        const QString mutator = test::builtProgram(u"tests/support/pool-mutator"_s);
        const int writers = 4, perWriter = 250;
        QList<QProcess *> procs(writers, nullptr);
        QList<int> progress(writers, 0);
        QSet<QString> added;
        int kills = 0;
        auto drain = [&](int w) {
            while (procs[w] && procs[w]->canReadLine()) {
                const QStringList parts = QString::fromUtf8(procs[w]->readLine()).trimmed().split(u' ');
                if (parts.size() == 3 && parts[0] == "done"_L1) {
                    progress[w] = parts[1].toInt() + 1;
                    if (parts[2] != "-"_L1)
                        added.insert(parts[2]);
                }
            }
        };
        auto start = [&](int w) {
            delete procs[w];
            procs[w] = new QProcess;
            procs[w]->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            procs[w]->start(mutator, {pool, u"w%1"_s.arg(w), QString::number(progress[w]), QString::number(perWriter)});
            QVERIFY(procs[w]->waitForStarted());
        };
        for (int w = 0; w < writers; ++w)
            start(w);

        QRandomGenerator rng(20261126);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 240000) {
            bool allDone = true;
            for (int w = 0; w < writers; ++w) {
                procs[w]->waitForReadyRead(5);
                drain(w);
                if (procs[w]->state() == QProcess::NotRunning) {
                    drain(w);
                    if (progress[w] < perWriter) {
                        QCOMPARE(procs[w]->exitStatus(), QProcess::CrashExit); // only our kills end a writer early
                        start(w);
                    }
                }
                allDone = allDone && progress[w] >= perWriter && procs[w]->state() == QProcess::NotRunning;
            }
            if (allDone)
                break;
            if (rng.bounded(40) == 0) {
                const int victim = int(rng.bounded(writers));
                if (procs[victim]->state() == QProcess::Running) {
                    ::kill(pid_t(procs[victim]->processId()), SIGKILL);
                    procs[victim]->waitForFinished(5000);
                    drain(victim);
                    ++kills;
                }
            }
        }
        for (int w = 0; w < writers; ++w) {
            QCOMPARE(progress[w], perWriter);
            delete procs[w];
        }
        qInfo("%d writers killed during the run; %lld accounts added by completed mutations", kills,
              qint64(added.size()));
        QVERIFY(kills >= 5);

        Result<LoadedPool> loaded = PoolStore(pool).load();
        QVERIFY(loaded.ok());
        QVERIFY(loaded->health == StorageHealth::Healthy || loaded->health == StorageHealth::Recoverable);
        QSet<QString> present;
        QSet<QString> tokens;
        for (const Account &a : loaded->pool.accounts) {
            const QString email = a.email.value_or(QString());
            QVERIFY2(!present.contains(email), qPrintable(u"duplicate "_s + email));
            QVERIFY2(!tokens.contains(a.refreshToken), qPrintable(u"duplicate token of "_s + email));
            present.insert(email);
            tokens.insert(a.refreshToken);
        }
        for (const QString &email : std::as_const(added))
            QVERIFY2(present.contains(email), qPrintable(u"lost "_s + email));
    }
};

QTEST_GUILESS_MAIN(TestPoolCrash)
#include "tst_poolcrash.moc"
