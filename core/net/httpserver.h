#pragma once

#include <functional>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrlQuery>

class QTcpServer;
class QTcpSocket;
class QSslConfiguration;

namespace cma {

/// A parsed HTTP/1.1 request. Header names are lowercased.
struct HttpServerRequest
{
    QByteArray method;
    QByteArray target;
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &lowercaseName) const;
};

/// A response; serialize() adds Content-Length and Connection: close.
struct HttpServerResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static HttpServerResponse text(int status, const QByteArray &body);
    static HttpServerResponse json(int status, const QByteArray &body);
    static HttpServerResponse redirect(const QByteArray &location);
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray serialize(bool headOnly = false) const;
    static QByteArray reasonPhrase(int status);
};

/// Incremental parser for one request: request line, headers (bounded), then a body by
/// Content-Length or chunked encoding (bounded).
class HttpRequestReader
{
public:
    enum class State
    {
        Incomplete,
        Complete,
        Bad,
        HeadersTooLarge,
        BodyTooLarge
    };

    explicit HttpRequestReader(qsizetype maxHeaderBytes = 16 * 1024, qsizetype maxBodyBytes = 4 * 1024 * 1024);
    State feed(const QByteArray &data);
    State state() const { return m_state; }
    const HttpServerRequest &request() const { return m_request; }

private:
    State parseHead(qsizetype headEnd);
    State parseBody();

    qsizetype m_maxHeaderBytes;
    qsizetype m_maxBodyBytes;
    QByteArray m_buffer;
    bool m_headDone = false;
    bool m_chunked = false;
    qsizetype m_contentLength = 0;
    State m_state = State::Incomplete;
    HttpServerRequest m_request;
};

class HttpServer;

/// Handed to the request handler; answers the request now or later, or simulates faults.
class HttpResponder
{
public:
    HttpResponder(HttpServer *server, QTcpSocket *socket, bool headRequest);
    /// Writes the response and closes the connection.
    void respond(const HttpServerResponse &response);
    /// Resets the connection without a response.
    void reset();
    /// Closes the connection gracefully without a response.
    void drop();
    /// Keeps the connection open and silent until the server stops (a black hole).
    void hold();
    bool isOpen() const;

private:
    QPointer<HttpServer> m_server;
    QPointer<QTcpSocket> m_socket;
    bool m_head;
};

/// A small loopback HTTP/1.1 server: one request per connection, `Connection: close` always,
/// bounded header size, body size and time per request, garbage answered with 400, peers other
/// than loopback refused. Serves our OAuth callback and, in tests, the fake OpenAI server (plain
/// or TLS).
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpServerRequest &, std::shared_ptr<HttpResponder>)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    /// Time a client has to deliver a complete request (default 10 s).
    void setRequestTimeoutMs(int ms) { m_requestTimeoutMs = ms; }
    void setMaxBodyBytes(qsizetype bytes) { m_maxBodyBytes = bytes; }
    void setMaxConnections(int count) { m_maxConnections = count; }
    /// Serve TLS with this configuration (certificate and key); call before listen().
    void setTlsConfiguration(const QSslConfiguration &config);

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;
    bool isListening() const;
    void close();

Q_SIGNALS:
    void requestRejected(const QString &reason);

private:
    void onNewConnection(QTcpSocket *socket);
    friend class HttpResponder;

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    int m_requestTimeoutMs = 10000;
    qsizetype m_maxBodyBytes = 4 * 1024 * 1024;
    int m_maxConnections = 64;
    int m_openConnections = 0;
    std::unique_ptr<QSslConfiguration> m_tls;
    QList<QPointer<QTcpSocket>> m_held;
    QList<QPointer<QTcpSocket>> m_pending; // connected, request not yet complete, oldest first
};

} // namespace cma
