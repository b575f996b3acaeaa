#include "httpclient.h"

#include "util/logging.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QThreadStorage>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QNetworkAccessManager *HttpClient::manager()
{
    static QThreadStorage<QNetworkAccessManager *> managers;
    if (!managers.hasLocalData()) {
        auto *nam = new QNetworkAccessManager;
        // Our endpoints never redirect legitimately; a redirect must not carry a token elsewhere.
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam->setProxy(QNetworkProxy::NoProxy);
        managers.setLocalData(nam);
    }
    return managers.localData();
}

void HttpClient::send(const HttpRequest &request, QObject *context, Callback done)
{
    QNetworkRequest req(request.url);
    for (const auto &h : request.headers)
        req.setRawHeader(h.first, h.second);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);

    QNetworkReply *reply = manager()->sendCustomRequest(req, request.method, request.body);
    auto timedOut = std::make_shared<bool>(false);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(request.timeoutMs);

    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, timedOut, guard, hadContext, done] {
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // An aborted reply (a time-out) is closed: reading it would only warn.
        if (reply->isOpen())
            result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        result.timedOut = *timedOut;
        if (result.status == 0) {
            result.networkError = *timedOut ? u"the request timed out"_s : reply->errorString();
            // errorString() may quote the URL; keep only the host part out of caution.
            result.networkError.replace(reply->url().toString(), reply->url().host());
            qCDebug(lcNet) << "network failure" << reply->url().host() << result.networkError;
        }
        reply->deleteLater();
        if (hadContext && !guard)
            return;
        done(result);
    });
}

HttpResult HttpClient::sendBlocking(const HttpRequest &request)
{
    QEventLoop loop;
    HttpResult out;
    send(request, &loop, [&](const HttpResult &r) {
        out = r;
        loop.quit();
    });
    loop.exec();
    return out;
}

} // namespace cma
