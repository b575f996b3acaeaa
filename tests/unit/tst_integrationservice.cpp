#include "codex/codexshim.h"
#include "services/autostart.h"
#include "services/integrationservice.h"
#include "servicefixture.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// IntegrationService and Autostart: Codex's credential store, the `codex` shim, autostart, the
// `codex logout` guard and uninstalling.
class TestIntegrationService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;
    QString home() { return f.env().value(u"HOME"_s); }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void pinFileMovesCodexToFiles()
    {
        const AccountPool pool = f.seed(1);
        f.writeCodexAuth(pool.accounts[0]);
        IntegrationService service(f.app());
        Result<PinFileOutcome> first = service.pinCodexToFile();
        QVERIFY(first);
        QVERIFY(first->changed);
        QCOMPARE(first->previousMode, u"file"_s); // unset behaves as file, but is now explicit
        QCOMPARE(service.codexConfig()->store, u"file"_s);
        QVERIFY(service.codexConfig()->storeSet);
        Result<PinFileOutcome> again = service.pinCodexToFile();
        QVERIFY(again);
        QVERIFY(!again->changed);
        QCOMPARE(f.codexAccountId(), u"acct-1"_s);
    }

    void shimInstallsAndRemovesOnlyItsOwnLink()
    {
        IntegrationService service(f.app());
        const QString dir = home() + u"/shim-bin"_s;
        QDir(dir).removeRecursively();
        QVERIFY(!service.shimState(dir).installed);
        Result<ShimState> installed = service.installShim(dir);
        QVERIFY(installed);
        QVERIFY(installed->installed);
        QVERIFY(installed->changed);
        QCOMPARE(installed->link, dir + u"/codex"_s);
        QCOMPARE(QFileInfo(installed->link).symLinkTarget(), QFileInfo(installed->target).canonicalFilePath());
        Result<ShimState> removed = service.removeShim(dir);
        QVERIFY(removed);
        QVERIFY(removed->changed);
        QVERIFY(!QFileInfo::exists(dir + u"/codex"_s));
        // Someone else's `codex` is never replaced.
        QFile foreign(dir + u"/codex"_s);
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.close();
        Result<ShimState> refused = service.installShim(dir);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Io);
        QVERIFY(QFileInfo(dir + u"/codex"_s).isFile());
    }

    void autostartWritesAValidEntry()
    {
        QProcessEnvironment env;
        const QString config = home() + u"/autostart-config"_s;
        env.insert(u"XDG_CONFIG_HOME"_s, config);
        Autostart autostart(env);
        QCOMPARE(autostart.path(), config + u"/autostart/codex-multi-auth.desktop"_s);
        QVERIFY(!autostart.enabled());
        QVERIFY(autostart.setEnabled(true));
        QVERIFY(autostart.enabled());
        QFile entry(autostart.path());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray text = entry.readAll();
        QVERIFY(text.contains("Exec=codex-multi-auth --minimized\n"));
        QVERIFY(text.contains("TryExec=codex-multi-auth\n")); // an uninstalled app never starts
        const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
        if (!validator.isEmpty()) {
            QProcess p;
            p.start(validator, {autostart.path()});
            QVERIFY(p.waitForFinished(10000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().constData());
        }
        QVERIFY(autostart.setEnabled(false));
        QVERIFY(!autostart.enabled());
        QVERIFY(autostart.setEnabled(false)); // already off is fine
    }

    void logoutGuardKeepsNewerTokensAndSignsCodexOut()
    {
        const AccountPool pool = f.seed(2);
        // Codex refreshed account 2 on its own: its tokens are newer than the pool's.
        Account newer = pool.accounts[1];
        const QJsonObject t = f.fake().mint(f.fake().addAccount(
            {{u"email"_s, u"user2@example.org"_s}, {u"account_id"_s, u"acct-2"_s}, {u"plan"_s, u"plus"_s}}));
        newer.refreshToken = t[u"refresh_token"_s].toString();
        newer.accessToken = t[u"access_token"_s].toString();
        newer.idToken = t[u"id_token"_s].toString();
        newer.lastRefresh = pool.accounts[1].lastRefresh.value_or(0) + 30'000;
        f.writeCodexAuth(newer);
        IntegrationService service(f.app());
        QVERIFY(service.codexHoldsPooledAccount());
        const CodexLogoutOutcome done = service.logoutCodexLocally();
        QCOMPARE(done.step, CodexLogoutOutcome::Step::Done);
        QCOMPARE(done.index, 1);
        QVERIFY(f.codexAccountId().isEmpty());
        QCOMPARE(f.pool().accounts[1].refreshToken, newer.refreshToken); // adopted, not lost
        QVERIFY(!service.codexHoldsPooledAccount());
    }

    void uninstallRemovesWhatWeInstalled()
    {
        f.env().insert(u"XDG_CONFIG_HOME"_s, home() + u"/uninstall-config"_s);
        f.reset();
        f.seed(1);
        QVERIFY(Autostart(f.app().env()).setEnabled(true));
        IntegrationService service(f.app());
        // A shim pointing at an installed codex-multi-auth (this test is not called that).
        const QString program = home() + u"/installed/codex-multi-auth"_s;
        QDir().mkpath(QFileInfo(program).path());
        QFile(program).open(QIODevice::WriteOnly);
        const QString shim = CodexShim::defaultShimDir(f.app().env()) + u"/codex"_s;
        QDir().mkpath(QFileInfo(shim).path());
        QFile::remove(shim);
        QVERIFY(QFile::link(program, shim));
        Result<UninstallOutcome> dry = service.uninstall(UninstallRequest{true, true});
        QVERIFY(dry);
        QCOMPARE(dry->removed.size(), 3);
        QVERIFY(Autostart(f.app().env()).enabled());
        Result<UninstallOutcome> done = service.uninstall(UninstallRequest{false, false});
        QVERIFY(done);
        QCOMPARE(done->removed.size(), 2);
        QVERIFY(done->warnings.isEmpty());
        QVERIFY(!Autostart(f.app().env()).enabled());
        QVERIFY(!QFileInfo(shim).isSymLink());
        QCOMPARE(f.pool().accounts.size(), 1); // accounts stay unless asked
        f.env().remove(u"XDG_CONFIG_HOME"_s);
    }
};

QTEST_GUILESS_MAIN(TestIntegrationService)
#include "tst_integrationservice.moc"
