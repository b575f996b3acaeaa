#include "accounts/projectscope.h"
#include "cliharness.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Project pools (docs/storage.md §11): roots, git worktree identity with the forged-pointer check,
// the Windows path rules, and the key.
class TestProjectScope : public QObject
{
    Q_OBJECT
private:
    static void write(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }
    static bool git(const QString &dir, const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(u"git"_s, QStringList{u"-c"_s, u"user.email=t@t"_s, u"-c"_s, u"user.name=t"_s} + args);
        return p.waitForFinished(20000) && p.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void normalize_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("posix") << u"/home/a/./b/../c/"_s << u"/home/a/c"_s;
        QTest::newRow("windows backslashes")
            << u"c:\\Users\\Ana\\repo\\.git\\worktrees\\wt"_s << u"C:/Users/Ana/repo/.git/worktrees/wt"_s;
        QTest::newRow("windows dotdot") << u"C:/a/b/../../c"_s << u"C:/c"_s;
        QTest::newRow("windows above root") << u"C:/../x"_s << u"C:/x"_s;
        QTest::newRow("unc") << u"\\\\server\\share\\repo"_s << u"//server/share/repo"_s;
        QTest::newRow("relative") << u"a/../../b"_s << u"../b"_s;
    }
    void normalize()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(ProjectScope::normalize(in), out);
    }

    void resolveAgainst_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("out");
        QTest::newRow("posix relative") << u"/r/wt"_s << u"../main/.git/worktrees/wt"_s
                                        << u"/r/main/.git/worktrees/wt"_s;
        QTest::newRow("posix absolute") << u"/r/wt"_s << u"/x/y"_s << u"/x/y"_s;
        QTest::newRow("windows absolute on any OS")
            << u"/mnt/c/wt"_s << u"C:\\repo\\.git\\worktrees\\wt"_s << u"C:/repo/.git/worktrees/wt"_s;
        QTest::newRow("relative to a windows base")
            << u"C:/repo/.git/worktrees/wt"_s << u"..\\.."_s << u"C:/repo/.git"_s;
        QTest::newRow("unc pointer") << u"/x"_s << u"//srv/share/.git/worktrees/a"_s
                                     << u"//srv/share/.git/worktrees/a"_s;
    }
    void resolveAgainst()
    {
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(QString, out);
        QCOMPARE(ProjectScope::resolveAgainst(base, path), out);
    }

    void windowsPathsCompareCaseInsensitively()
    {
        QCOMPARE(ProjectScope::canonicalForCompare(u"C:\\Repo\\.GIT"_s),
                 ProjectScope::canonicalForCompare(u"c:/repo/.git"_s));
        QVERIFY(ProjectScope::isWindowsRooted(u"D:/x"_s));
        QVERIFY(ProjectScope::isWindowsRooted(u"\\\\srv\\x"_s));
        QVERIFY(!ProjectScope::isWindowsRooted(u"/mnt/c"_s));
        QVERIFY(!ProjectScope::isWindowsRooted(u"C:relative"_s));
    }

    void key()
    {
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash("/home/ana/src/My App", QCryptographicHash::Sha256).toHex().left(12));
        QCOMPARE(ProjectScope::projectKey(u"/home/ana/src/My App"_s), u"My-App-"_s + hash);
        QVERIFY(ProjectScope::projectKey(u"/"_s).startsWith(u"project-"_s));
        QVERIFY(ProjectScope::projectKey(u"/x/"_s + QString(60, u'a')).startsWith(QString(40, u'a') + u'-'));
        // On Windows the normalised path is lowercased before hashing.
        QCOMPARE(ProjectScope::projectKey(u"C:\\Src\\App"_s, true), ProjectScope::projectKey(u"c:/src/app"_s, true));
    }

    void projectRoot()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(u"repo/sub/deeper"_s));
        write(dir.filePath(u"repo/sub/package.json"_s), "{}");
        QCOMPARE(ProjectScope::findProjectRoot(dir.filePath(u"repo/sub/deeper"_s)),
                 ProjectScope::normalize(dir.filePath(u"repo/sub"_s)));
        QDir().mkpath(dir.filePath(u"repo/.git"_s));
        // .git anywhere above wins over a nearer package.json.
        QCOMPARE(ProjectScope::findProjectRoot(dir.filePath(u"repo/sub/deeper"_s)),
                 ProjectScope::normalize(dir.filePath(u"repo"_s)));
    }

    void realWorktreeMapsToItsRepository()
    {
        QTemporaryDir dir;
        const QString main = dir.filePath(u"main"_s);
        QDir().mkpath(main);
        QVERIFY(git(main, {u"init"_s, u"-q"_s}));
        write(main + u"/f"_s, "x");
        QVERIFY(git(main, {u"add"_s, u"f"_s}));
        QVERIFY(git(main, {u"commit"_s, u"-qm"_s, u"init"_s}));
        QVERIFY(git(main, {u"worktree"_s, u"add"_s, u"-q"_s, dir.filePath(u"wt"_s)}));
        const QString wt = ProjectScope::normalize(dir.filePath(u"wt"_s));
        QCOMPARE(ProjectScope::identityRoot(wt), ProjectScope::canonicalForCompare(main));
        // Both map to the same pool.
        const auto a = ProjectScope::resolve(u"/s"_s, main);
        const auto b = ProjectScope::resolve(u"/s"_s, wt + u"/"_s);
        QCOMPARE(QFileInfo(a.identityRoot).canonicalFilePath(), QFileInfo(b.identityRoot).canonicalFilePath());
    }

    void forgedPointersAreRejected()
    {
        QTemporaryDir dir;
        // A victim repository with a real worktree entry.
        const QString victim = dir.filePath(u"victim"_s);
        QDir().mkpath(victim + u"/.git/worktrees/wt"_s);
        write(victim + u"/.git/worktrees/wt/gitdir"_s, (dir.filePath(u"real-wt/.git"_s)).toUtf8() + "\n");
        write(victim + u"/.git/worktrees/wt/commondir"_s, "../..\n");
        // A directory that claims to be that worktree.
        const QString forged = dir.filePath(u"forged"_s);
        write(forged + u"/.git"_s, "gitdir: " + (victim + u"/.git/worktrees/wt"_s).toUtf8() + "\n");
        QCOMPARE(ProjectScope::identityRoot(forged), ProjectScope::normalize(forged));
        // The genuine worktree resolves.
        write(dir.filePath(u"real-wt/.git"_s), "gitdir: " + (victim + u"/.git/worktrees/wt"_s).toUtf8() + "\n");
        QCOMPARE(ProjectScope::identityRoot(dir.filePath(u"real-wt"_s)), ProjectScope::canonicalForCompare(victim));
        // A pointer outside any .git/worktrees/ is ignored.
        write(forged + u"/.git"_s, "gitdir: /etc\n");
        QCOMPARE(ProjectScope::identityRoot(forged), ProjectScope::normalize(forged));
        // commondir that does not contain the gitdir under worktrees/.
        write(victim + u"/.git/worktrees/wt/commondir"_s, "/elsewhere\n");
        QCOMPARE(ProjectScope::identityRoot(dir.filePath(u"real-wt"_s)),
                 ProjectScope::normalize(dir.filePath(u"real-wt"_s)));
    }

    void cliProjectPoolMergesTheLegacyPool()
    {
        test::CliHarness h;
        h.wipe();
        QTemporaryDir project;
        QDir().mkpath(project.filePath(u".git"_s));
        QFile fixture(QString::fromUtf8(CMA_TEST_DATA_DIR "/reference-pool-v3.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        write(project.filePath(u".codex/openai-codex-accounts.json"_s), fixture.readAll());
        auto r = h.run({u"status"_s, u"--project"_s, project.path(), u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"accountCount"_s).toInt(), 3);
        QVERIFY(r.json().value(u"storagePath"_s).toString().contains(u"/projects/"_s));
        QCOMPARE(h.run({u"account"_s, u"disable"_s, u"3"_s, u"--project"_s, project.path()}).code, 0);
        const QString key = ProjectScope::resolve(h.dir(), project.path()).key;
        QVERIFY(QFile::exists(h.dir() + u"/projects/"_s + key + u"/openai-codex-accounts.json"_s));
        // The global pool is untouched, and the in-repository file is never written.
        QCOMPARE(h.run({u"status"_s, u"--json"_s}).json().value(u"accountCount"_s).toInt(), 0);
        QFile legacy(project.filePath(u".codex/openai-codex-accounts.json"_s));
        QVERIFY(legacy.open(QIODevice::ReadOnly));
        QVERIFY(!legacy.readAll().contains("disabledReason"));
    }
};

QTEST_GUILESS_MAIN(TestProjectScope)
#include "tst_projectscope.moc"
