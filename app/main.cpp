// The one place that builds and wires the services. It decides from argv, before any application
// object exists, between the headless command line (QCoreApplication: no display, no D-Bus needed)
// and the tray (QApplication).

#include "cli/cliapp.h"
#include "cli/console.h"
#include "codex/codexshim.h"
#include "util/logging.h"

#include "tray/trayapplication.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    return args;
}
} // namespace

int main(int argc, char **argv)
{
    cma::installRedactingMessageHandler();
    cma::applyDefaultLoggingRules();
    const QStringList args = argumentsOf(argc, argv);

    // Under the name `codex`: our `codex auth …`, everything else forwarded to the official CLI.
    if (cma::CodexShim::isCodexName(QString::fromLocal8Bit(argv[0]))) {
        QCoreApplication app(argc, argv);
        cma::cli::StdConsole console;
        const int code = cma::CodexShim::run(args, QCoreApplication::applicationFilePath(), console);
        console.out().flush();
        console.err().flush();
        return code;
    }

#ifdef CMA_CONSOLE_BUILD
    const bool console = true; // codex-multi-auth-cli.exe behaves as if --cli were given
#else
    const bool console = false;
#endif
    if (console || cma::cli::CliApp::wantsCli(args)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(u"codex-multi-auth"_s);
        QCoreApplication::setApplicationVersion(QStringLiteral(CMA_VERSION));
        cma::cli::StdConsole console;
        cma::cli::CliApp cli(console);
        const int code = cli.run(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    // The tray takes only its own options (and Qt's, which start with '-'); a stray word is most
    // likely a mistyped command, and with no display there is nothing to show a tray on.
    for (const QString &arg : args) {
        if (!arg.startsWith(u'-') && !args.contains(u"-platform"_s) && !args.contains(u"--platform"_s)) {
            std::fprintf(stderr,
                         "codex-multi-auth: unknown command or argument: %s\n"
                         "Run codex-multi-auth --cli --help for the commands.\n",
                         qPrintable(arg));
            return 2;
        }
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !args.contains(u"-platform"_s)) {
        std::fprintf(stderr,
                     "codex-multi-auth: no display to show the tray on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                     "Use the headless commands instead: codex-multi-auth --cli --help\n");
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"codex-multi-auth"_s);
    QApplication::setApplicationDisplayName(u"Codex Multi-Auth"_s);
    QApplication::setApplicationVersion(QStringLiteral(CMA_VERSION));
    QApplication::setDesktopFileName(u"codex-multi-auth"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    cma::ui::TrayApplication tray(args.contains(u"--minimized"_s));
    if (!tray.start())
        return 0; // another instance was asked to show its window
    return QApplication::exec();
}
