// The composition root: the one place that builds the process's services and wires them. It
// decides from argv, before any application object exists, between the `codex` name, the headless
// command line (QCoreApplication: no display, no D-Bus needed) and the tray (QApplication), and
// resolves the environment's endpoint overrides once, with one policy for all three: an invalid
// override stops the process with a clear message and exit code 2.

#include "appcontext.h"
#include "cli/cliapp.h"
#include "cli/codexname.h"
#include "cli/console.h"
#include "codex/codexshim.h"
#include "codex/livesync.h"
#include "refresh/refreshguardian.h"
#include "session/desktopsession.h"
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

/// The services of one process, or none when the environment's overrides are invalid.
std::unique_ptr<cma::AppContext> contextFor(const QProcessEnvironment &env,
                                            const cma::Result<cma::Endpoints> &endpoints)
{
    return endpoints ? std::make_unique<cma::AppContext>(env, endpoints.value()) : nullptr;
}

int runAsCodex(int argc, char **argv, const QStringList &args, const QProcessEnvironment &env,
               const cma::Result<cma::Endpoints> &endpoints)
{
    QCoreApplication app(argc, argv);
    cma::cli::StdConsole console;
    const std::unique_ptr<cma::AppContext> context = contextFor(env, endpoints);
    const int code =
        cma::cli::runAsCodex(args, QCoreApplication::applicationFilePath(), console, env, endpoints, context.get());
    console.out().flush();
    console.err().flush();
    return code;
}

int runCli(int argc, char **argv, const QStringList &args, const QProcessEnvironment &env,
           const cma::Result<cma::Endpoints> &endpoints)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"codex-multi-auth"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CMA_VERSION));
    cma::cli::StdConsole console;
    const std::unique_ptr<cma::AppContext> context = contextFor(env, endpoints);
    cma::cli::CliApp cli(console, env, endpoints, context.get());
    const int code = cli.run(args);
    console.out().flush();
    console.err().flush();
    return code;
}

/// The desktop session's parts: the one AppContext, the refresh guardian and live sync over it.
cma::DesktopSession::Parts sessionParts(const QProcessEnvironment &env, const cma::Endpoints &endpoints)
{
    cma::DesktopSession::Parts parts;
    parts.app = std::make_unique<cma::AppContext>(env, endpoints);
    parts.guardian = cma::RefreshGuardian::forApp(*parts.app);
    parts.liveSync = std::make_unique<cma::LiveSync>(*parts.app);
    return parts;
}

int runTray(int argc, char **argv, const QStringList &args, const QProcessEnvironment &env,
            const cma::Result<cma::Endpoints> &endpoints)
{
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
    if (!endpoints) {
        std::fprintf(stderr, "codex-multi-auth: %s\n", qPrintable(endpoints.error().message));
        return 2;
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
    cma::DesktopSession session(sessionParts(env, endpoints.value()));
    cma::ui::TrayApplication tray(session, args.contains(u"--minimized"_s));
    if (!tray.start())
        return 0; // another instance was asked to show its window
    const int code = QApplication::exec();
    session.stop();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    cma::installRedactingMessageHandler();
    cma::applyDefaultLoggingRules();
    const QStringList args = argumentsOf(argc, argv);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const cma::Result<cma::Endpoints> endpoints = cma::Endpoints::fromEnvironment(env);

    // Under the name `codex`: our `codex auth …`, everything else forwarded to the official CLI.
    if (cma::CodexShim::isCodexName(QString::fromLocal8Bit(argv[0])))
        return runAsCodex(argc, argv, args, env, endpoints);
#ifdef CMA_CONSOLE_BUILD
    const bool console = true; // codex-multi-auth-cli.exe behaves as if --cli were given
#else
    const bool console = false;
#endif
    if (console || cma::cli::CliApp::wantsCli(args))
        return runCli(argc, argv, args, env, endpoints);
    return runTray(argc, argv, args, env, endpoints);
}
