#include "testenv.h"

#include "util/logging.h"

#include <QDir>
#include <QStandardPaths>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace cma::test {

void requireIsolatedEnvironment()
{
    const QString tmp = QDir::tempPath();
    for (const char *name : {"HOME", "CODEX_HOME", "CODEX_MULTI_AUTH_DIR"}) {
        const QString value = qEnvironmentVariable(name);
        if (value.isEmpty() || !QDir(value).absolutePath().startsWith(tmp)) {
            std::fprintf(stderr, "refusing to run: %s must point into %s (run tests through scripts/test-env)\n", name,
                         qPrintable(tmp));
            std::exit(3);
        }
    }
    QStandardPaths::setTestModeEnabled(true);
    installRedactingMessageHandler();
}

QString builtProgram(const QString &relativePath)
{
    return qEnvironmentVariable("CMA_BINARY_DIR") + u'/' + relativePath;
}

} // namespace cma::test
