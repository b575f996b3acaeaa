#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

class QNetworkAccessManager;

namespace cma {

/// One outgoing HTTP request.
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// Whole-request deadline, connect included (docs/protocol.md §0: 30 s).
    int timeoutMs = 30000;
};

/// The outcome of one request: an HTTP status, or a network failure (status 0).
struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool timedOut = false;
    /// Network-level failure text (no URL query, no body); empty when a status arrived.
    QString networkError;

    bool isNetworkFailure() const { return status == 0; }
    QByteArray header(const QByteArray &name) const;
};

/// The one place core creates network access: a QNetworkAccessManager per thread, and requests
/// with a whole-request deadline. Replies never leave core; callers get an HttpResult.
class HttpClient
{
public:
    using Callback = std::function<void(const HttpResult &)>;

    /// Sends \a request; \a done runs on \a context's thread unless \a context was destroyed.
    static void send(const HttpRequest &request, QObject *context, Callback done);

    /// Sends and waits in a local event loop (for CLI commands and tests).
    static HttpResult sendBlocking(const HttpRequest &request);

    /// The manager of the calling thread.
    static QNetworkAccessManager *manager();
};

} // namespace cma
