#pragma once

#include "util/result.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace cma {

class HttpServer;
struct HttpServerRequest;
class HttpResponder;

/// The OAuth loopback callback server (docs/protocol.md §1.3).
///
///   bind 127.0.0.1:1455 ──busy──▶ GET /cancel to the holder ──▶ retry every 200 ms ×10
///        │                                                          │ still busy
///        │                                                          ▼
///        │                                  bind 127.0.0.1:1457, every 200 ms ×10 ──busy──▶ failed
///        ▼ bound
///   waiting ──/auth/callback, wrong state──▶ 400, keeps waiting
///      │    ──/auth/callback?error=…───────▶ error page, failed
///      │    ──/auth/callback, no code──────▶ error page, failed
///      │    ──/cancel──────────────────────▶ "Login cancelled", cancelled (another sign-in took over)
///      ▼ first valid code
///   exchanging ──ok──▶ 302 /success; done: serves /success ≤10 s, then stops
///              ──fail─▶ error page "Token exchange failed: …", failed
///
/// Only loopback peers; a Host other than 127.0.0.1:<port> or localhost:<port> gets 421 (DNS
/// rebinding guard) and the attempt keeps waiting; only GET and HEAD; 16 KiB of headers; every
/// response closes the connection.
class CallbackServer : public QObject
{
    Q_OBJECT
public:
    /// Exchanges \a code; calls \a finish with an empty string on success, else the failure detail.
    using Exchange = std::function<void(const QString &code, std::function<void(const QString &failure)> finish)>;

    explicit CallbackServer(QObject *parent = nullptr);
    ~CallbackServer() override;

    /// Binds by the policy above; with \a exactPort (tests) only that port, no /cancel, no fallback.
    /// Emits bound() or bindFailed().
    void start(quint16 exactPort = 0);
    void setExpectedState(const QString &state) { m_state = state; }
    void setExchange(Exchange exchange) { m_exchange = std::move(exchange); }
    /// Delay between bind attempts (tests shorten it).
    void setRetryIntervalMs(int ms) { m_retryMs = ms; }
    /// Time a client has to send a complete request (default 10 s; tests shorten it).
    void setRequestTimeoutMs(int ms) { m_requestTimeoutMs = ms; }
    void stop();

    quint16 port() const { return m_port; }
    QString redirectUri() const;
    bool isListening() const;

    /// The HTML page for a result (success or error), every string escaped.
    static QByteArray page(bool success, const QString &title, const QString &message, const QString &hint = {});
    /// The provider's `error=` turned into the official wording.
    static QPair<QString, QString> providerErrorText(const QString &error, const QString &description);

Q_SIGNALS:
    void bound(quint16 port);
    void bindFailed(const QString &message);
    /// The attempt ended: provider error, missing code, or failed exchange.
    void failed(const QString &message);
    /// The exchange succeeded; the server keeps serving /success for a few seconds.
    void succeeded();
    /// Another sign-in asked this one to stop (GET /cancel).
    void cancelledByAnotherSignIn();
    /// The browser fetched the success page (or the 10 s grace ran out): the server is done.
    void successPageDone();
    /// A request was refused (wrong Host, wrong state, garbage): for logs and tests.
    void requestRejected(const QString &reason);

private:
    void tryBind();
    void sendCancelToHolder(quint16 port);
    void handle(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder);

    enum class Phase
    {
        Idle,
        Binding,
        Waiting,
        Exchanging,
        Done,
        Stopped
    };
    std::unique_ptr<HttpServer> m_server;
    Phase m_phase = Phase::Idle;
    QString m_state;
    Exchange m_exchange;
    quint16 m_port = 0;
    quint16 m_exactPort = 0;
    int m_attempt = 0;
    bool m_onFallback = false;
    bool m_cancelSent = false;
    int m_retryMs = 200;
    int m_requestTimeoutMs = 10000;
};

} // namespace cma
