#include "endpoints.h"

#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
QString stripTrailingSlashes(QString value)
{
    while (value.endsWith(u'/'))
        value.chop(1);
    return value;
}

bool isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    return h == "127.0.0.1"_L1 || h == "::1"_L1 || h == "[::1]"_L1 || h == "localhost"_L1;
}
} // namespace

Endpoints::Endpoints()
    : m_issuer(QString::fromLatin1(kDefaultIssuer))
    , m_chatGptBase(QString::fromLatin1(kDefaultChatGptBase))
{}

Status Endpoints::checkBaseUrl(const QString &variable, const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::Usage, u"%1 is not a valid URL: %2"_s.arg(variable, value));
    if (url.scheme() == "https"_L1)
        return success();
    if (url.scheme() == "http"_L1 && isLoopbackHost(url.host()))
        return success();
    return makeError(
        ErrorCode::Usage,
        u"%1 must use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost): %2"_s.arg(variable, value));
}

Result<Endpoints> Endpoints::fromEnvironment(const QProcessEnvironment &env)
{
    Endpoints e;
    const QString issuer = stripTrailingSlashes(env.value(u"CODEX_MULTI_AUTH_ISSUER"_s).trimmed());
    const QString backend = stripTrailingSlashes(env.value(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s).trimmed());
    if (!issuer.isEmpty()) {
        if (Status s = checkBaseUrl(u"CODEX_MULTI_AUTH_ISSUER"_s, issuer); !s)
            return s.error();
        e.m_issuer = issuer;
        e.m_issuerOverridden = true;
    }
    if (!backend.isEmpty()) {
        if (Status s = checkBaseUrl(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, backend); !s)
            return s.error();
        e.m_chatGptBase = backend;
        e.m_backendOverridden = true;
    }
    if (e.m_issuerOverridden || e.m_backendOverridden) {
        if (env.value(u"CODEX_HOME"_s).trimmed().isEmpty() || env.value(u"CODEX_MULTI_AUTH_DIR"_s).trimmed().isEmpty())
            return makeError(ErrorCode::Usage, u"overrides require an explicit CODEX_HOME and CODEX_MULTI_AUTH_DIR"_s);
    }
    const QString port = env.value(u"CODEX_MULTI_AUTH_CALLBACK_PORT"_s).trimmed();
    if (!port.isEmpty() && e.m_issuerOverridden) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return makeError(ErrorCode::Usage, u"CODEX_MULTI_AUTH_CALLBACK_PORT is not a port number: %1"_s.arg(port));
        e.m_testCallbackPort = static_cast<quint16>(value);
    }
    return e;
}

QUrl Endpoints::authorizeUrl() const
{
    return QUrl(m_issuer + "/oauth/authorize"_L1);
}
QUrl Endpoints::tokenUrl() const
{
    return QUrl(m_issuer + "/oauth/token"_L1);
}
QUrl Endpoints::revokeUrl() const
{
    return QUrl(m_issuer + "/oauth/revoke"_L1);
}
QUrl Endpoints::deviceUserCodeUrl() const
{
    return QUrl(m_issuer + "/api/accounts/deviceauth/usercode"_L1);
}
QUrl Endpoints::deviceTokenUrl() const
{
    return QUrl(m_issuer + "/api/accounts/deviceauth/token"_L1);
}
QUrl Endpoints::devicePageUrl() const
{
    return QUrl(m_issuer + "/codex/device"_L1);
}
QString Endpoints::deviceRedirectUri() const
{
    return m_issuer + "/deviceauth/callback"_L1;
}

QUrl Endpoints::usageUrl() const
{
    QString base = stripTrailingSlashes(m_chatGptBase);
    if ((base.startsWith("https://chatgpt.com"_L1) || base.startsWith("https://chat.openai.com"_L1)) &&
        !base.contains("/backend-api"_L1))
        base += "/backend-api"_L1;
    if (base.contains("/backend-api"_L1))
        return QUrl(base + "/wham/usage"_L1);
    return QUrl(base + "/api/codex/usage"_L1);
}

QByteArray Endpoints::userAgent()
{
    const QString os = QSysInfo::productType() == "debian"_L1 || QSysInfo::productType().isEmpty()
                           ? QSysInfo::prettyProductName().section(u' ', 0, 0)
                           : QSysInfo::productType();
    QString osName = os.isEmpty() ? QSysInfo::kernelType() : os;
    if (!osName.isEmpty())
        osName[0] = osName[0].toUpper();
    const QString ua =
        u"%1/%2 (%3 %4; %5) unknown"_s.arg(QString::fromLatin1(kOriginator), QString::fromLatin1(kCodexCompatVersion),
                                           osName, QSysInfo::productVersion(), QSysInfo::currentCpuArchitecture());
    return ua.toUtf8();
}

} // namespace cma
