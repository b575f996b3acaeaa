#include "cli/cliapp.h"
#include "cli/commandtable.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// The command line's parser, help, version and error conventions (docs/cli.md §1–§3), in-process.
class TestCliApp : public QObject
{
    Q_OBJECT
private:
    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run run(const QStringList &args, QProcessEnvironment env = QProcessEnvironment::systemEnvironment())
    {
        test::TestConsole console;
        cli::CliApp app(console, env);
        const int code = app.run(args);
        return {code, console.stdOut(), console.stdErr()};
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void wantsCli_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("cli");
        QTest::newRow("nothing") << QStringList{} << false;
        QTest::newRow("minimized") << QStringList{u"--minimized"_s} << false;
        QTest::newRow("--cli") << QStringList{u"--cli"_s, u"status"_s} << true;
        QTest::newRow("command name") << QStringList{u"list"_s, u"--json"_s} << true;
        QTest::newRow("auth") << QStringList{u"auth"_s} << true;
        QTest::newRow("version") << QStringList{u"--version"_s} << true;
        QTest::newRow("-h") << QStringList{u"-h"_s} << true;
        QTest::newRow("multi-word") << QStringList{u"account"_s, u"tag"_s} << true;
        QTest::newRow("unknown word") << QStringList{u"frobnicate"_s} << false;
    }
    void wantsCli()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, cli);
        QCOMPARE(cli::CliApp::wantsCli(args), cli);
    }

    void version()
    {
        for (const QStringList &args : {QStringList{u"--version"_s}, QStringList{u"-v"_s}, QStringList{u"version"_s},
                                        QStringList{u"--cli"_s, u"--version"_s}}) {
            const Run r = run(args);
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, u"codex-multi-auth %1\n"_s.arg(QStringLiteral(CMA_VERSION)));
        }
        const Run j = run({u"version"_s, u"--json"_s});
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(u"command"_s).toString(), u"version"_s);
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QCOMPARE(o.value(u"schema"_s).toInt(), 1);
        QCOMPARE(o.value(u"version"_s).toString(), QStringLiteral(CMA_VERSION));
    }

    void helpListsEveryCommand()
    {
        const Run r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        for (const cli::CommandSpec &spec : cli::commandTable())
            QVERIFY2(r.out.contains(u"  "_s + spec.name), qPrintable(spec.name));
        QCOMPARE(run({u"--cli"_s}).code, 0);
        QCOMPARE(run({u"--cli"_s}).out, r.out);
    }

    void commandHelp()
    {
        const Run r = run({u"switch"_s, u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"Usage: codex-multi-auth --cli switch <sel> [--no-pin]"_s));
        QVERIFY(r.out.contains(u"--no-pin"_s));
        QVERIFY(r.out.contains(u"--json"_s));
        const Run h = run({u"help"_s, u"account"_s, u"tag"_s});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains(u"--cli account tag <sel> <tag>"_s));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{u"--cli"_s, u"frobnicate"_s}
                                         << u"unknown command: frobnicate"_s;
        QTest::newRow("unknown option") << QStringList{u"version"_s, u"--bogus"_s} << u"unknown option --bogus"_s;
        QTest::newRow("missing value") << QStringList{u"debug"_s, u"bundle"_s, u"--out"_s} << u"--out needs a value"_s;
        QTest::newRow("flag with value") << QStringList{u"version"_s, u"--json=yes"_s} << u"--json takes no value"_s;
        QTest::newRow("missing subcommand") << QStringList{u"account"_s} << u"account needs a subcommand"_s;
        QTest::newRow("reserved later command")
            << QStringList{u"--cli"_s, u"monitor"_s} << u"unknown command: monitor"_s;
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());

        // --json goes before a trailing option that lacks its value, or it would become that value.
        QStringList jsonArgs = args;
        jsonArgs.insert(message.contains(u"needs a value"_s) ? jsonArgs.size() - 1 : jsonArgs.size(), u"--json"_s);
        const Run j = run(jsonArgs);
        QCOMPARE(j.code, 2);
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(true), false);
        QCOMPARE(o.value(u"schema"_s).toInt(), 1);
        QCOMPARE(o.value(u"error"_s).toObject().value(u"code"_s).toString(), u"usage"_s);
    }

    void configurationErrorStopsEveryCommand()
    {
        QProcessEnvironment env;
        env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, u"http://example.com"_s);
        env.insert(u"CODEX_HOME"_s, qEnvironmentVariable("CODEX_HOME"));
        env.insert(u"CODEX_MULTI_AUTH_DIR"_s, qEnvironmentVariable("CODEX_MULTI_AUTH_DIR"));
        const Run r = run({u"version"_s, u"--json"_s}, env);
        QCOMPARE(r.code, 2);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(o.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"https://"_s));

        QProcessEnvironment noHomes;
        noHomes.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, u"http://127.0.0.1:9"_s);
        const Run n = run({u"version"_s}, noHomes);
        QCOMPARE(n.code, 2);
        QVERIFY(n.err.contains(u"overrides require an explicit CODEX_HOME and CODEX_MULTI_AUTH_DIR"_s));
    }

    // The one table feeds --help, every completion script and the man page.
    void everyCommandIsEverywhere()
    {
        const QString help = run({u"--help"_s}).out;
        const QString bash = run({u"--cli"_s, u"__generate"_s, u"bash"_s}).out;
        const QString zsh = run({u"--cli"_s, u"__generate"_s, u"zsh"_s}).out;
        const QString fish = run({u"--cli"_s, u"__generate"_s, u"fish"_s}).out;
        const QString man = run({u"--cli"_s, u"__generate"_s, u"man"_s}).out;
        QVERIFY(!bash.isEmpty() && !zsh.isEmpty() && !fish.isEmpty() && !man.isEmpty());
        for (const cli::CommandSpec &spec : cli::commandTable()) {
            QVERIFY2(help.contains(u"  "_s + spec.name), qPrintable(spec.name));
            for (const QString &word : spec.name.split(u' ')) {
                QVERIFY2(bash.contains(word), qPrintable(u"bash: "_s + word));
                QVERIFY2(zsh.contains(word), qPrintable(u"zsh: "_s + word));
                QVERIFY2(fish.contains(u"'"_s + word + u"'"_s), qPrintable(u"fish: "_s + word));
            }
            QString manName = spec.name;
            manName.replace(u'-', u"\\-"_s);
            QVERIFY2(man.contains(u".B "_s + manName), qPrintable(u"man: "_s + spec.name));
            for (const cli::OptionSpec &o : spec.options) {
                QVERIFY2(bash.contains(o.name) && fish.contains(u"-l "_s + o.name.mid(2)),
                         qPrintable(spec.name + u' ' + o.name));
            }
        }
        // Each script is valid for its shell.
        QTemporaryDir dir;
        for (const auto &[shell, text] :
             {std::pair{u"bash"_s, bash}, std::pair{u"zsh"_s, zsh}, std::pair{u"fish"_s, fish}}) {
            if (QStandardPaths::findExecutable(shell).isEmpty())
                continue;
            QFile f(dir.filePath(shell));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.toUtf8());
            f.close();
            QProcess p;
            p.start(shell, {u"-n"_s, f.fileName()});
            QVERIFY(p.waitForFinished(20000));
            QVERIFY2(p.exitCode() == 0, qPrintable(shell + u": "_s + QString::fromUtf8(p.readAllStandardError())));
        }
        QCOMPARE(run({u"--cli"_s, u"__generate"_s, u"csh"_s}).code, 2);
    }

    // Every command answers a bad option with a usage error, exit 2, in text and in JSON.
    void everyCommandHasAUsageError()
    {
        for (const cli::CommandSpec &spec : cli::commandTable()) {
            QStringList argv = spec.name.split(u' ');
            argv.append(u"--definitely-not-an-option"_s);
            const Run r = run(argv);
            QVERIFY2(r.code == 2, qPrintable(spec.name));
            QVERIFY2(r.err.contains(u"unknown option --definitely-not-an-option for "_s + spec.name),
                     qPrintable(r.err));
            argv.append(u"--json"_s);
            const QJsonObject o = QJsonDocument::fromJson(run(argv).out.toUtf8()).object();
            QCOMPARE(o[u"error"_s][u"code"_s].toString(), u"usage"_s);
            QCOMPARE(o[u"command"_s].toString(), spec.name);
        }
    }

    void tableIsConsistent()
    {
        QSet<QString> names;
        for (const cli::CommandSpec &spec : cli::commandTable()) {
            QVERIFY2(!names.contains(spec.name), qPrintable(spec.name));
            names.insert(spec.name);
            QVERIFY(!spec.summary.isEmpty());
            for (const cli::OptionSpec &o : spec.options)
                QVERIFY(o.name.startsWith(u"--"_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliApp)
#include "tst_cliapp.moc"
