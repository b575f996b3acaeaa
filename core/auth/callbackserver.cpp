#include "callbackserver.h"

#include "net/endpoints.h"
#include "net/httpserver.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
QString escape(const QString &s)
{
    QString out = s.toHtmlEscaped();
    out.replace(u'\'', u"&#39;"_s);
    return out;
}

void addPageHeaders(HttpServerResponse &r)
{
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Referrer-Policy", "no-referrer");
    r.setHeader("X-Frame-Options", "DENY");
    r.setHeader("X-Content-Type-Options", "nosniff");
    r.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
}

HttpServerResponse htmlResponse(int status, const QByteArray &html)
{
    HttpServerResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    addPageHeaders(r);
    r.body = html;
    return r;
}

HttpServerResponse textResponse(int status, const QByteArray &text)
{
    HttpServerResponse r = HttpServerResponse::text(status, text);
    addPageHeaders(r);
    return r;
}
} // namespace

CallbackServer::CallbackServer(QObject *parent)
    : QObject(parent)
{}

CallbackServer::~CallbackServer()
{
    stop();
}

QString CallbackServer::redirectUri() const
{
    return u"http://127.0.0.1:%1/auth/callback"_s.arg(m_port);
}

bool CallbackServer::isListening() const
{
    return m_server && m_server->isListening();
}

QByteArray CallbackServer::page(bool success, const QString &title, const QString &message, const QString &hint)
{
    QFile f(u":/cma/pages/result.html"_s);
    QString html =
        f.open(QIODevice::ReadOnly)
            ? QString::fromUtf8(f.readAll())
            : u"<!doctype html><title>{{title}}</title><h1>{{title}}</h1><p>{{message}}</p><p>{{hint}}</p>"_s;
    html.replace(u"{{kind}}"_s, success ? u"ok"_s : u"err"_s);
    html.replace(u"{{title}}"_s, escape(title));
    html.replace(u"{{message}}"_s, escape(message));
    html.replace(u"{{hint}}"_s, escape(hint));
    return html.toUtf8();
}

QPair<QString, QString> CallbackServer::providerErrorText(const QString &error, const QString &description)
{
    if (error == "access_denied"_L1 && description.contains(u"missing_codex_entitlement"_s, Qt::CaseInsensitive))
        return {tr("You do not have access to Codex"), tr("Codex is not enabled for your workspace. Contact your "
                                                          "workspace administrator to request access to Codex.")};
    const QString detail = description.trimmed().isEmpty() ? error : description.trimmed();
    return {tr("Sign-in could not be completed"), tr("Sign-in failed: %1").arg(detail)};
}

void CallbackServer::start(quint16 exactPort)
{
    m_exactPort = exactPort;
    m_attempt = 0;
    m_onFallback = false;
    m_cancelSent = false;
    m_phase = Phase::Binding;
    tryBind();
}

void CallbackServer::tryBind()
{
    if (m_phase != Phase::Binding)
        return;
    const quint16 target =
        m_exactPort ? m_exactPort : (m_onFallback ? Endpoints::kFallbackCallbackPort : Endpoints::kCallbackPort);
    m_server = std::make_unique<HttpServer>();
    m_server->setRequestTimeoutMs(m_requestTimeoutMs);
    m_server->setMaxBodyBytes(0);
    m_server->setHandler(
        [this](const HttpServerRequest &r, std::shared_ptr<HttpResponder> resp) { handle(r, std::move(resp)); });
    connect(m_server.get(), &HttpServer::requestRejected, this, &CallbackServer::requestRejected);
    if (m_server->listen(QHostAddress::LocalHost, target)) {
        m_port = m_server->port();
        m_phase = Phase::Waiting;
        qCInfo(lcAuth) << "callback server listening on port" << m_port;
        Q_EMIT bound(m_port);
        return;
    }
    m_server.reset();
    if (m_exactPort) {
        m_phase = Phase::Idle;
        Q_EMIT bindFailed(tr("Port %1 on 127.0.0.1 is busy; the sign-in cannot receive its callback.").arg(target));
        return;
    }
    if (!m_onFallback && !m_cancelSent) {
        // The holder is usually a stale `codex login` or another instance of ours.
        m_cancelSent = true;
        sendCancelToHolder(target);
    }
    if (++m_attempt >= 10) {
        if (m_onFallback) {
            m_phase = Phase::Idle;
            Q_EMIT bindFailed(tr("Ports 1455 and 1457 on 127.0.0.1 are busy, so the browser sign-in cannot receive its "
                                 "callback. Close the program using them, or sign in with a device code instead "
                                 "(--device-auth)."));
            return;
        }
        m_onFallback = true;
        m_attempt = 0;
    }
    QTimer::singleShot(m_retryMs, this, &CallbackServer::tryBind);
}

void CallbackServer::sendCancelToHolder(quint16 port)
{
    auto *socket = new QTcpSocket(this);
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::connected, socket, [socket, port] {
        socket->write("GET /cancel HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                      "\r\nConnection: close\r\n\r\n");
    });
    connect(socket, &QTcpSocket::readyRead, socket, [socket] {
        socket->read(64);
        socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::errorOccurred, socket, [socket] { socket->deleteLater(); });
    timer->start(4000);
    socket->connectToHost(QHostAddress::LocalHost, port);
}

void CallbackServer::stop()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    if (m_phase != Phase::Done)
        m_phase = Phase::Stopped;
}

void CallbackServer::handle(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder)
{
    // DNS-rebinding guard: only our own host names may address this server.
    const QString host = QString::fromLatin1(request.header("host")).toLower();
    if (host != u"127.0.0.1:%1"_s.arg(m_port) && host != u"localhost:%1"_s.arg(m_port)) {
        Q_EMIT requestRejected(u"foreign Host header"_s);
        responder->respond(textResponse(421, "Misdirected Request"));
        return;
    }
    if (request.method != "GET" && request.method != "HEAD") {
        Q_EMIT requestRejected(u"method not allowed"_s);
        HttpServerResponse r = textResponse(405, "Method Not Allowed");
        r.setHeader("Allow", "GET, HEAD");
        responder->respond(r);
        return;
    }
    const QString &path = request.path;
    if (path == "/auth/callback"_L1) {
        if (m_phase == Phase::Done) {
            responder->respond(HttpServerResponse::redirect(u"http://127.0.0.1:%1/success"_s.arg(m_port).toLatin1()));
            return;
        }
        const QString state = request.query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
        if (state.isEmpty() || state != m_state) {
            Q_EMIT requestRejected(u"state mismatch"_s);
            responder->respond(textResponse(400, "State mismatch"));
            return;
        }
        if (m_phase == Phase::Exchanging) {
            responder->respond(htmlResponse(200, page(false, tr("Sign-in in progress"),
                                                      tr("This sign-in is already being completed in another tab."))));
            return;
        }
        if (m_phase != Phase::Waiting) {
            responder->respond(
                htmlResponse(200, page(false, tr("Sign-in could not be completed"),
                                       tr("This sign-in attempt has ended. Start a new one from the app."))));
            return;
        }
        const QString error = request.query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
        if (!error.isEmpty()) {
            const auto [title, message] =
                providerErrorText(error, request.query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded));
            m_phase = Phase::Stopped;
            responder->respond(htmlResponse(200, page(false, title, message)));
            Q_EMIT failed(message);
            return;
        }
        const QString code = request.query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        if (code.isEmpty()) {
            const QString message = tr("Missing authorization code. Sign-in could not be completed.");
            m_phase = Phase::Stopped;
            responder->respond(htmlResponse(200, page(false, tr("Sign-in could not be completed"), message)));
            Q_EMIT failed(message);
            return;
        }
        m_phase = Phase::Exchanging;
        QPointer<CallbackServer> self(this);
        auto finish = [self, responder](const QString &failure) {
            if (!self)
                return;
            if (failure.isEmpty()) {
                self->m_phase = Phase::Done;
                responder->respond(
                    HttpServerResponse::redirect(u"http://127.0.0.1:%1/success"_s.arg(self->m_port).toLatin1()));
                // The browser fetches /success next; the server goes away shortly after.
                QTimer::singleShot(10000, self.data(), [self] {
                    if (self && self->m_server) {
                        self->m_server->close();
                        Q_EMIT self->successPageDone();
                    }
                });
                Q_EMIT self->succeeded();
            } else {
                const QString message = tr("Token exchange failed: %1").arg(failure);
                self->m_phase = Phase::Stopped;
                responder->respond(htmlResponse(200, page(false, tr("Sign-in could not be completed"), message)));
                Q_EMIT self->failed(message);
            }
        };
        if (m_exchange)
            m_exchange(code, finish);
        else
            finish(u"no exchange configured"_s);
        return;
    }
    if (path == "/success"_L1) {
        responder->respond(
            htmlResponse(200, page(true, tr("Signed in to Codex Multi-Auth"),
                                   tr("The account was added. You can close this window and return to the app."))));
        if (m_phase == Phase::Done)
            QTimer::singleShot(0, this, &CallbackServer::successPageDone);
        return;
    }
    if (path == "/cancel"_L1) {
        responder->respond(textResponse(200, "Login cancelled"));
        if (m_phase == Phase::Waiting || m_phase == Phase::Exchanging) {
            m_phase = Phase::Stopped;
            QTimer::singleShot(0, this, [this] {
                stop();
                Q_EMIT cancelledByAnotherSignIn();
            });
        }
        return;
    }
    responder->respond(textResponse(404, "Not Found"));
}

} // namespace cma
