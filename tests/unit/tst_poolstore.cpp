#include "accounts/poolnormalizer.h"
#include "accounts/poolstore.h"
#include "testenv.h"
#include "util/filelock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace cma;

// The pool file on disk: saves, backups, journal, recovery, damage, locks (docs/storage.md §10).
class TestPoolStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir *m_dir = nullptr;
    QString poolPath() const { return m_dir->filePath(u"openai-codex-accounts.json"_s); }

    static Account account(const QString &email, const QString &rt)
    {
        Account a;
        a.email = email;
        a.accountId = u"id-"_s + email.section(u'@', 0, 0);
        a.refreshToken = rt;
        a.addedAt = 1;
        a.lastUsed = 1;
        return a;
    }
    static PoolStore::Mutation add(const QString &email, const QString &rt)
    {
        return [=](AccountPool &p) {
            upsertAccount(p, account(email, rt));
            return success();
        };
    }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void write(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }
    static int mode(const QString &path)
    {
        struct stat st
        {};
        ::stat(QFile::encodeName(path).constData(), &st);
        return int(st.st_mode & 0777);
    }
    QStringList emails(const AccountPool &p)
    {
        QStringList out;
        for (const Account &a : p.accounts)
            out.append(a.email.value_or(QString()));
        return out;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init()
    {
        m_dir = new QTemporaryDir(qEnvironmentVariable("CODEX_MULTI_AUTH_DIR") + u"/store-XXXXXX"_s);
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { delete m_dir; }

    void saveAndLoad()
    {
        PoolStore store(m_dir->filePath(u"nested/pool/openai-codex-accounts.json"_s));
        Result<LoadedPool> empty = store.load();
        QVERIFY(empty.ok());
        QCOMPARE(empty->health, StorageHealth::Empty);
        QCOMPARE(empty->reason, u"missing-storage"_s);

        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        Result<LoadedPool> loaded = store.load();
        QCOMPARE(loaded->health, StorageHealth::Healthy);
        QCOMPARE(emails(loaded->pool), (QStringList{u"a@x.io"_s, u"b@x.io"_s}));
        QCOMPARE(mode(store.path()), 0600);
        QCOMPARE(mode(store.directory()), 0700);
        QCOMPARE(mode(store.lockPath()), 0600);
        QVERIFY(store.lockPath().endsWith(u"/openai-codex-accounts.lock"_s));
        QVERIFY(!QFile::exists(store.path() + u".wal"_s));
        QVERIFY(read(store.path()).startsWith("{\n  \"version\": 3,\n"));
    }

    void backupsRotate()
    {
        PoolStore store(poolPath());
        for (const QString &e : {u"a@x.io"_s, u"b@x.io"_s, u"c@x.io"_s, u"d@x.io"_s})
            QVERIFY(store.update(add(e, u"rt-"_s + e)).ok());
        auto count = [](const QString &path) {
            return QJsonDocument::fromJson(read(path)).object().value(u"accounts"_s).toArray().size();
        };
        QCOMPARE(count(poolPath()), 4);
        QCOMPARE(count(poolPath() + u".bak"_s), 3);
        QCOMPARE(count(poolPath() + u".bak.1"_s), 2);
        QCOMPARE(count(poolPath() + u".bak.2"_s), 1);
        QCOMPARE(mode(poolPath() + u".bak.1"_s), 0600);
        QVERIFY(QDir(m_dir->path()).entryList({u"*.rotate.*"_s}).isEmpty());
    }

    void recoversFromJournal()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        // A save interrupted after the journal and before the rename: P still old, journal new.
        AccountPool newer = store.load()->pool;
        newer.accounts.append(account(u"b@x.io"_s, u"rt-b"_s));
        const QByteArray content = newer.serialize();
        const QJsonObject wal{
            {u"version"_s, 1},
            {u"createdAt"_s, 1},
            {u"path"_s, poolPath()},
            {u"checksum"_s, QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex())},
            {u"content"_s, QString::fromUtf8(content)}};
        write(poolPath() + u".wal"_s, QJsonDocument(wal).toJson());
        QFile::remove(poolPath());

        Result<LoadedPool> peek = store.load();
        QCOMPARE(peek->health, StorageHealth::Recoverable);
        QCOMPARE(emails(peek->pool).size(), 2);
        QVERIFY(!QFile::exists(poolPath())); // an unlocked load writes nothing

        QVERIFY(store.update([](AccountPool &) { return success(); }).ok());
        QCOMPARE(emails(store.load()->pool), (QStringList{u"a@x.io"_s, u"b@x.io"_s}));
        QVERIFY(!QFile::exists(poolPath() + u".wal"_s));
    }

    void journalWithBadChecksumIsIgnored()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        write(poolPath() + u".wal"_s, QJsonDocument(QJsonObject{{u"version"_s, 1},
                                                                {u"checksum"_s, u"00"_s},
                                                                {u"content"_s, u"{\"version\":3,\"accounts\":[]}"_s}})
                                          .toJson());
        QFile::remove(poolPath());
        Result<LoadedPool> loaded = store.load();
        QCOMPARE(loaded->reason, u"backup"_s);
        QCOMPARE(emails(loaded->pool), QStringList{u"a@x.io"_s});
    }

    void resetIntentWins()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        QVERIFY(store.clearAll().ok());
        QVERIFY(QFile::exists(poolPath() + u".reset-intent"_s));
        QVERIFY(!QFile::exists(poolPath()));
        QVERIFY(!QFile::exists(poolPath() + u".bak"_s));
        // Even with a backup put back by hand, the marker keeps the pool cleared.
        write(poolPath() + u".bak"_s, AccountPool{{account(u"z@x.io"_s, u"rt-z"_s)}, 0, {}, {}, {}, {}}.serialize());
        QCOMPARE(store.load()->health, StorageHealth::IntentionalReset);
        QVERIFY(store.update(add(u"c@x.io"_s, u"rt-c"_s)).ok());
        QVERIFY(!QFile::exists(poolPath() + u".reset-intent"_s));
        QCOMPARE(emails(store.load()->pool), QStringList{u"c@x.io"_s});
    }

    void damagedPool_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const QByteArray good = AccountPool{{account(u"a@x.io"_s, u"rt-a"_s)}, 0, {}, {}, {}, {}}.serialize();
        QTest::newRow("truncated") << good.left(good.size() / 2) << u"invalid JSON"_s;
        QTest::newRow("garbage") << QByteArray("\x89PNG\r\n garbage {{{") << u"invalid JSON"_s;
        QTest::newRow("nul bytes") << QByteArray(64, '\0') << u"NUL bytes"_s;
        QTest::newRow("empty file") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("wrong shape") << QByteArray(R"({"version":3,"accounts":{"a":1}})") << u"no \"accounts\" list"_s;
        QTest::newRow("array") << QByteArray("[1,2,3]") << u"not a JSON object"_s;
        QTest::newRow("version 2") << QByteArray(R"({"version":2,"accounts":[]})") << u"unsupported version"_s;
    }
    void damagedPool()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        PoolStore store(poolPath());
        write(poolPath(), bytes);
        Result<LoadedPool> loaded = store.load();
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->health, StorageHealth::Corrupt);
        QVERIFY2(loaded->corruption.contains(poolPath()) && loaded->corruption.contains(message),
                 qPrintable(loaded->corruption));
        Result<LoadedPool> changed = store.update(add(u"b@x.io"_s, u"rt-b"_s));
        QVERIFY(!changed.ok());
        QCOMPARE(changed.error().exitCode(), 5);
        QVERIFY(changed.error().message.contains(poolPath()));
        QCOMPARE(read(poolPath()), bytes); // byte-identical
    }

    void damagedPoolWithBackupIsRecoveredAndKeptAside()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        const QByteArray damaged = read(poolPath()).left(40);
        write(poolPath(), damaged);
        QCOMPARE(store.load()->health, StorageHealth::Recoverable);
        Result<LoadedPool> fixed = store.update(add(u"c@x.io"_s, u"rt-c"_s));
        QVERIFY2(fixed.ok(), qPrintable(fixed ? QString() : fixed.error().message));
        QCOMPARE(emails(fixed->pool), (QStringList{u"a@x.io"_s, u"c@x.io"_s}));
        const QStringList aside = QDir(m_dir->path()).entryList({u"openai-codex-accounts.json.damaged-*"_s});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(read(m_dir->filePath(aside.first())), damaged);
    }

    void newerVersionIsReadOnly()
    {
        const QByteArray bytes =
            R"({"version":4,"accounts":[{"email":"a@x.io","refreshToken":"rt","addedAt":1,"lastUsed":1}],"activeIndex":0,"future":true})";
        write(poolPath(), bytes);
        PoolStore store(poolPath());
        Result<LoadedPool> loaded = store.load();
        QCOMPARE(loaded->health, StorageHealth::ReadOnly);
        QCOMPARE(emails(loaded->pool), QStringList{u"a@x.io"_s});
        Result<LoadedPool> changed = store.update(add(u"b@x.io"_s, u"rt-b"_s));
        QCOMPARE(changed.error().code, ErrorCode::StorageReadOnly);
        QCOMPARE(changed.error().exitCode(), 5);
        QCOMPARE(read(poolPath()), bytes);
    }

    void symlinkedPoolIsFollowed()
    {
        QTemporaryDir elsewhere;
        const QString real = elsewhere.filePath(u"pool.json"_s);
        PoolStore(real).update(add(u"a@x.io"_s, u"rt-a"_s));
        QVERIFY(QFile::link(real, poolPath()));
        PoolStore store(poolPath());
        QCOMPARE(emails(store.load()->pool), QStringList{u"a@x.io"_s});
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        QVERIFY(QFileInfo(poolPath()).isSymLink());
        QCOMPARE(emails(PoolStore(real).load()->pool).size(), 2);
    }

    void v1IsMigratedWithBackup()
    {
        QFile::copy(QString::fromUtf8(CMA_TEST_DATA_DIR "/reference-pool-v1.json"), poolPath());
        PoolStore store(poolPath());
        QVERIFY(store.update([](AccountPool &) { return success(); }).ok());
        QCOMPARE(QJsonDocument::fromJson(read(poolPath())).object().value(u"version"_s).toInt(), 3);
        // The V1 file survives in the backup rotation.
        QCOMPARE(QJsonDocument::fromJson(read(poolPath() + u".bak.1"_s)).object().value(u"version"_s).toInt(), 1);
    }

    void lockHeldByAnotherProcess()
    {
        PoolStore store(poolPath());
        store.setLockTimeoutMs(300);
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        QProcess holder;
        // -o: only flock itself holds the lock, so killing it is a holder dying.
        holder.start(u"flock"_s, {u"-o"_s, store.lockPath(), u"sleep"_s, u"30"_s});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!FileLock::acquire(store.lockPath(), 0).ok(), 5000);
        Result<LoadedPool> busy = store.update(add(u"b@x.io"_s, u"rt-b"_s));
        QCOMPARE(busy.error().code, ErrorCode::StorageBusy);
        QCOMPARE(busy.error().exitCode(), 5);
        QVERIFY(busy.error().message.contains(u"storage busy"_s));
        // The holder dies without unlocking: the kernel releases the lock at once.
        holder.kill();
        holder.waitForFinished();
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        QCOMPARE(emails(store.load()->pool).size(), 2);
    }

    void concurrentWriterWithoutLockIsMerged()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        int calls = 0;
        // The reference writes the file (it takes no lock) while our mutation runs.
        Result<LoadedPool> result = store.update([&](AccountPool &p) {
            if (++calls == 1) {
                AccountPool theirs = p;
                theirs.accounts.append(account(u"ref@x.io"_s, u"rt-ref"_s));
                QFile f(poolPath());
                f.open(QIODevice::WriteOnly | QIODevice::Truncate);
                f.write(theirs.serialize() + "\n");
            }
            upsertAccount(p, account(u"ours@x.io"_s, u"rt-ours"_s));
            return success();
        });
        QVERIFY(result.ok());
        QCOMPARE(calls, 2);
        QCOMPARE(emails(store.load()->pool), (QStringList{u"a@x.io"_s, u"ref@x.io"_s, u"ours@x.io"_s}));
    }

    void fullDiskLeavesThePoolIntact()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        const QByteArray before = read(poolPath());
        // A real write failure: the kernel refuses to grow any file past 2 KiB (EFBIG).
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit small = old;
        small.rlim_cur = 2048;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        Result<LoadedPool> failed = store.update([](AccountPool &p) {
            for (int i = 0; i < 50; ++i)
                p.accounts.append(account(u"bulk%1@x.io"_s.arg(i), u"rt_%1_with_some_length"_s.arg(i)));
            return success();
        });
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(u"the disk is full"_s), qPrintable(failed.error().message));
        QCOMPARE(read(poolPath()), before);
        QCOMPARE(emails(store.load()->pool), QStringList{u"a@x.io"_s});
        const QStringList temps = QDir(m_dir->path()).entryList({u"*.tmp"_s});
        QVERIFY2(temps.isEmpty(), qPrintable(temps.join(u", "_s)));
    }

    void legacyBlockedAccountsAreMergedIntoFlagged()
    {
        const QString flaggedPath = m_dir->filePath(u"openai-codex-flagged-accounts.json"_s);
        const QString legacy = m_dir->filePath(u"openai-codex-blocked-accounts.json"_s);
        write(flaggedPath, R"({"version":1,"accounts":[{"refreshToken":"rt-a","email":"a@x.io","flaggedAt":5}]})");
        write(
            legacy,
            R"({"version":1,"accounts":[{"refreshToken":"rt-a","email":"a-old@x.io"},)"
            R"({"refreshToken":"rt-b","email":"b@x.io","flaggedReason":"token-invalid"},{"email":"no-token@x.io"}]})");
        const Result<LoadedPool> loaded = PoolStore(flaggedPath, PoolStore::Kind::Flagged).load();
        QVERIFY(loaded);
        QCOMPARE(loaded->pool.accounts.size(), 2);
        QCOMPARE(loaded->pool.accounts[0].email.value_or(QString()), u"a@x.io"_s); // the flagged file's record wins
        QCOMPARE(loaded->pool.accounts[1].email.value_or(QString()), u"b@x.io"_s);
        QCOMPARE(loaded->pool.accounts[1].extra.value(u"flaggedReason"_s).toString(), u"token-invalid"_s);
        QVERIFY(!QFile::exists(legacy));
        QCOMPARE(QFile(flaggedPath).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // Only the legacy file (no flagged file, no backups of one): it becomes the flagged file.
        for (const QString &f : QDir(m_dir->path()).entryList({u"openai-codex-flagged-accounts.json*"_s}))
            QFile::remove(m_dir->filePath(f));
        write(legacy, R"({"version":1,"accounts":[{"refreshToken":"rt-c","email":"c@x.io"}]})");
        QCOMPARE(PoolStore(flaggedPath, PoolStore::Kind::Flagged).load()->pool.accounts.size(), 1);
        QVERIFY(QFile::exists(flaggedPath));
        QVERIFY(!QFile::exists(legacy));

        // A legacy file we cannot read is left exactly as it was.
        write(legacy, "{\"version\":1,\"accounts\":[{\"refreshTo");
        const Result<LoadedPool> again = PoolStore(flaggedPath, PoolStore::Kind::Flagged).load();
        QVERIFY(again);
        QCOMPARE(again->pool.accounts.size(), 1);
        QCOMPARE(read(legacy), QByteArray("{\"version\":1,\"accounts\":[{\"refreshTo"));
    }

    void fixtureNeverOverwritesRealPool()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"real@x.io"_s, u"rt-real"_s)).ok());
        Result<LoadedPool> refused = store.update([](AccountPool &p) {
            p.accounts.clear();
            for (int i = 1; i <= 2; ++i) {
                Account a;
                a.email = u"account%1@example.com"_s.arg(i);
                a.refreshToken = u"fake_refresh_%1"_s.arg(i);
                p.accounts.append(a);
            }
            return success();
        });
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(u"test fixture"_s));
        QCOMPARE(emails(store.load()->pool), QStringList{u"real@x.io"_s});
    }

    void staleStagingFilesAreSwept()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        write(poolPath() + u".bak.rotate.1.2.deadbeef.latest.tmp"_s, "x");
        store.load();
        QVERIFY(QFile::exists(poolPath() + u".bak.rotate.1.2.deadbeef.latest.tmp"_s)); // unlocked: untouched
        QVERIFY(store.update(add(u"b@x.io"_s, u"rt-b"_s)).ok());
        QVERIFY(!QFile::exists(poolPath() + u".bak.rotate.1.2.deadbeef.latest.tmp"_s));
    }

    void mutationErrorWritesNothing()
    {
        PoolStore store(poolPath());
        QVERIFY(store.update(add(u"a@x.io"_s, u"rt-a"_s)).ok());
        const QByteArray before = read(poolPath());
        Result<LoadedPool> r = store.update([](AccountPool &p) {
            p.accounts.clear();
            return Status(makeError(ErrorCode::NotFound, u"no such account"_s));
        });
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QCOMPARE(read(poolPath()), before);
    }
};

QTEST_GUILESS_MAIN(TestPoolStore)
#include "tst_poolstore.moc"
