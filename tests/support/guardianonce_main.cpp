// guardian-once: one tick of the refresh guardian exactly as the tray wires it, as its own
// process, for the multi-process refresh test.

#include "appcontext.h"
#include "refresh/refreshguardian.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    cma::installRedactingMessageHandler();
    cma::Result<cma::Endpoints> endpoints = cma::Endpoints::fromEnvironment();
    if (!endpoints) {
        std::fprintf(stderr, "guardian-once: %s\n", qPrintable(endpoints.error().message));
        return 2;
    }
    cma::AppContext context(QProcessEnvironment::systemEnvironment(), endpoints.value());
    auto guardian = cma::RefreshGuardian::forApp(context);
    guardian->tick();
    const auto &stats = guardian->stats();
    std::printf("refreshed=%d failed=%d notNeeded=%d\n", stats.refreshed, stats.failed, stats.notNeeded);
    return stats.failed == 0 ? 0 : 1;
}
