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

HttpResult httpGet(const QString &url, QList<QPair<QByteArray, QByteArray>> headers)
{
    HttpRequest r;
    r.url = QUrl(url);
    r.headers = std::move(headers);
    r.timeoutMs = 5000;
    return HttpClient::sendBlocking(r);
}

QString browse(const QUrl &authorize)
{
    const HttpResult a = httpGet(QString::fromUtf8(authorize.toEncoded()));
    if (a.status != 302)
        return QStringLiteral("authorize answered %1").arg(a.status);
    const HttpResult cb = httpGet(QString::fromUtf8(a.header("Location")));
    if (cb.status != 302)
        return QString::fromUtf8(cb.body);
    return QString::fromUtf8(httpGet(QString::fromUtf8(cb.header("Location"))).body);
}

} // namespace cma::test
