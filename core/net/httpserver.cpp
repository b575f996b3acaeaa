#include "httpserver.h"

#include "util/logging.h"

#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma {

QByteArray HttpServerRequest::header(const QByteArray &lowercaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowercaseName)
            return h.second;
    }
    return {};
}

HttpServerResponse HttpServerResponse::text(int status, const QByteArray &body)
{
    HttpServerResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    r.body = body;
    return r;
}

HttpServerResponse HttpServerResponse::json(int status, const QByteArray &body)
{
    HttpServerResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json");
    r.body = body;
    return r;
}

HttpServerResponse HttpServerResponse::redirect(const QByteArray &location)
{
    HttpServerResponse r;
    r.status = 302;
    r.setHeader("Location", location);
    return r;
}

void HttpServerResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpServerResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 421:
        return "Misdirected Request";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray HttpServerResponse::serialize(bool headOnly) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &h : headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            h.first.compare("Connection", Qt::CaseInsensitive) == 0)
            continue;
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (!headOnly)
        out += body;
    return out;
}

HttpRequestReader::HttpRequestReader(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{}

HttpRequestReader::State HttpRequestReader::feed(const QByteArray &data)
{
    if (m_state != State::Incomplete)
        return m_state;
    m_buffer += data;
    if (!m_headDone) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > m_maxHeaderBytes)
                return m_state = State::HeadersTooLarge;
            // A request line must look like text; refuse binary garbage early.
            for (char c : std::as_const(m_buffer)) {
                if (c == '\0')
                    return m_state = State::Bad;
            }
            return m_state;
        }
        if (end + 4 > m_maxHeaderBytes)
            return m_state = State::HeadersTooLarge;
        m_state = parseHead(end);
        if (m_state != State::Incomplete)
            return m_state;
        m_buffer.remove(0, end + 4);
        m_headDone = true;
    }
    return m_state = parseBody();
}

HttpRequestReader::State HttpRequestReader::parseHead(qsizetype headEnd)
{
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1."))
        return State::Bad;
    m_request.method = requestLine[0];
    for (char c : std::as_const(m_request.method)) {
        if (c < 'A' || c > 'Z')
            return State::Bad;
    }
    m_request.target = requestLine[1];
    if (!m_request.target.startsWith('/'))
        return State::Bad;
    const qsizetype q = m_request.target.indexOf('?');
    const QByteArray rawPath = q >= 0 ? m_request.target.left(q) : m_request.target;
    m_request.path = QUrl::fromPercentEncoding(rawPath);
    if (q >= 0) {
        // Form encoding: '+' is a space (browsers and the issuer send scope=openid+profile…).
        QByteArray query = m_request.target.mid(q + 1);
        query.replace('+', "%20");
        m_request.query = QUrlQuery(QString::fromUtf8(query));
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return State::Bad;
        m_request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    m_chunked = m_request.header("transfer-encoding").toLower().contains("chunked");
    const QByteArray length = m_request.header("content-length");
    if (!length.isEmpty()) {
        bool ok = false;
        m_contentLength = length.toLongLong(&ok);
        if (!ok || m_contentLength < 0)
            return State::Bad;
        if (m_contentLength > m_maxBodyBytes)
            return State::BodyTooLarge;
    }
    return State::Incomplete;
}

HttpRequestReader::State HttpRequestReader::parseBody()
{
    if (!m_chunked) {
        if (m_buffer.size() < m_contentLength)
            return State::Incomplete;
        m_request.body = m_buffer.left(m_contentLength);
        return State::Complete;
    }
    // Chunked: decode what is complete; wait for more otherwise.
    QByteArray body;
    qsizetype pos = 0;
    while (true) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return State::Incomplete;
        bool ok = false;
        const qsizetype size = m_buffer.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return State::Bad;
        if (body.size() + size > m_maxBodyBytes)
            return State::BodyTooLarge;
        if (size == 0) {
            m_request.body = body;
            return State::Complete;
        }
        if (m_buffer.size() < lineEnd + 2 + size + 2)
            return State::Incomplete;
        body += m_buffer.mid(lineEnd + 2, size);
        pos = lineEnd + 2 + size + 2;
    }
}

HttpResponder::HttpResponder(HttpServer *server, QTcpSocket *socket, bool headRequest)
    : m_server(server)
    , m_socket(socket)
    , m_head(headRequest)
{}

bool HttpResponder::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpResponder::respond(const HttpServerResponse &response)
{
    if (!m_socket)
        return;
    m_socket->write(response.serialize(m_head));
    m_socket->disconnectFromHost();
    m_socket = nullptr;
}

void HttpResponder::reset()
{
    if (!m_socket)
        return;
    m_socket->abort();
    m_socket = nullptr;
}

void HttpResponder::drop()
{
    if (!m_socket)
        return;
    m_socket->disconnectFromHost();
    m_socket = nullptr;
}

void HttpResponder::hold()
{
    if (m_server && m_socket)
        m_server->m_held.append(m_socket);
    m_socket = nullptr;
}

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
{}

HttpServer::~HttpServer()
{
    close();
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &config)
{
    m_tls = std::make_unique<QSslConfiguration>(config);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server) {
        if (m_tls) {
            auto *ssl = new QSslServer(this);
            ssl->setSslConfiguration(*m_tls);
            m_server = ssl;
        } else {
            m_server = new QTcpServer(this);
        }
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                onNewConnection(socket);
        });
    }
    return m_server->listen(address, port);
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString HttpServer::errorString() const
{
    return m_server ? m_server->errorString() : QString();
}

bool HttpServer::isListening() const
{
    return m_server && m_server->isListening();
}

void HttpServer::close()
{
    if (m_server)
        m_server->close();
    for (const QPointer<QTcpSocket> &held : std::as_const(m_held)) {
        if (held)
            held->abort();
    }
    m_held.clear();
}

void HttpServer::onNewConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (!socket->peerAddress().isLoopback()) {
        Q_EMIT requestRejected(u"connection from a non-loopback peer"_s);
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_pending.removeAll(nullptr);
    if (m_openConnections >= m_maxConnections) {
        // Evict the oldest connection that has not sent a complete request yet, so idle or slow
        // clients cannot lock out a real one (the browser's callback).
        if (m_pending.isEmpty()) {
            Q_EMIT requestRejected(u"too many connections"_s);
            socket->abort();
            socket->deleteLater();
            return;
        }
        Q_EMIT requestRejected(u"too many connections; dropped the oldest idle one"_s);
        QPointer<QTcpSocket> oldest = m_pending.takeFirst();
        oldest->abort();
    }
    ++m_openConnections;
    connect(socket, &QObject::destroyed, this, [this] { --m_openConnections; });
    m_pending.append(socket);

    auto reader = std::make_shared<HttpRequestReader>(16 * 1024, m_maxBodyBytes);
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    QPointer<QTcpSocket> guard(socket);
    auto fail = [this, guard, timer](int status, const QByteArray &text) {
        timer->stop();
        if (!guard)
            return;
        QObject::disconnect(guard, &QTcpSocket::readyRead, nullptr, nullptr);
        HttpResponder(this, guard, false).respond(HttpServerResponse::text(status, text));
    };
    connect(timer, &QTimer::timeout, this, [this, fail] {
        Q_EMIT requestRejected(u"request not completed in time"_s);
        fail(408, "Request Timeout");
    });
    timer->start(m_requestTimeoutMs);

    bool continueSent = false;
    connect(socket, &QTcpSocket::readyRead, this, [this, guard, reader, timer, fail, continueSent]() mutable {
        if (!guard)
            return;
        switch (reader->feed(guard->readAll())) {
        case HttpRequestReader::State::Incomplete:
            if (!continueSent && reader->request().header("expect").toLower() == "100-continue") {
                continueSent = true;
                guard->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        case HttpRequestReader::State::Bad:
            Q_EMIT requestRejected(u"malformed request"_s);
            fail(400, "Bad Request");
            return;
        case HttpRequestReader::State::HeadersTooLarge:
            Q_EMIT requestRejected(u"request headers too large"_s);
            fail(431, "Request Header Fields Too Large");
            return;
        case HttpRequestReader::State::BodyTooLarge:
            Q_EMIT requestRejected(u"request body too large"_s);
            fail(413, "Payload Too Large");
            return;
        case HttpRequestReader::State::Complete:
            break;
        }
        timer->stop();
        m_pending.removeAll(guard);
        QObject::disconnect(guard, &QTcpSocket::readyRead, nullptr, nullptr);
        HttpServerRequest request = reader->request();
        request.peer = guard->peerAddress();
        auto responder = std::make_shared<HttpResponder>(this, guard, request.method == "HEAD");
        if (m_handler)
            m_handler(request, responder);
        else
            responder->respond(HttpServerResponse::text(404, "Not Found"));
    });
}

} // namespace cma
