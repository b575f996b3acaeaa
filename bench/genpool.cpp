// genpool: writes a synthetic V3 pool of any size, for benchmarks and manual testing.
//   genpool <count> <path> [--duplicates <percent>] [--seed <n>] [--fresh]
// --fresh: times around now, tokens valid for 10 days (for whole-process benchmarks).

#include "poolgen.h"
#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: genpool <count> <path> [--duplicates <percent>] [--seed <n>]\n");
        return 2;
    }
    bool ok = false;
    const int count = args[1].toInt(&ok);
    if (!ok || count < 0) {
        std::fprintf(stderr, "genpool: <count> must be a whole number\n");
        return 2;
    }
    int duplicates = 0;
    quint32 seed = 42;
    qint64 base = 1795700000000;
    for (int i = 3; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--duplicates") && i + 1 < args.size())
            duplicates = args[++i].toInt();
        else if (args[i] == QStringLiteral("--seed") && i + 1 < args.size())
            seed = args[++i].toUInt();
        else if (args[i] == QStringLiteral("--fresh"))
            base = QDateTime::currentMSecsSinceEpoch();
    }
    const cma::AccountPool pool = cma::bench::generatePool(count, duplicates, seed, base);
    if (cma::Status s = cma::writeFileAtomically(args[2], pool.serialize(), 0600); !s) {
        std::fprintf(stderr, "genpool: %s\n", qPrintable(s.error().message));
        return 1;
    }
    return 0;
}
