// The one place that builds and wires the services. It decides from argv, before any application
// object exists, between the headless command line (QCoreApplication: no display, no D-Bus needed)
// and the tray (QApplication).

#include "cli/cliapp.h"
#include "cli/console.h"
#include "util/logging.h"

#include "tray/trayapplication.h"

#include <QApplication>
#include <QCoreApplication>

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

    if (cma::cli::CliApp::wantsCli(args)) {
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

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"codex-multi-auth"_s);
    QApplication::setApplicationDisplayName(u"Codex Multi-Auth"_s);
    QApplication::setApplicationVersion(QStringLiteral(CMA_VERSION));
    QApplication::setDesktopFileName(u"codex-multi-auth"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    cma::ui::TrayApplication tray(args.contains(u"--minimized"_s));
    tray.start();
    return QApplication::exec();
}
