#pragma once

#include "util/result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace cma {

/// Every URL the product calls, with the environment overrides of docs/protocol.md §9.
///
/// `CODEX_MULTI_AUTH_ISSUER` moves every issuer route, `CODEX_MULTI_AUTH_CHATGPT_BASE_URL` the
/// backend. `http://` is accepted only for loopback hosts. With any override set, `CODEX_HOME`
/// and `CODEX_MULTI_AUTH_DIR` must be set explicitly, so fake tokens never reach a real home.
class Endpoints
{
public:
    static constexpr const char *kClientId = "app_EMoamEEZ73f0CkXaXp7hrann";
    static constexpr const char *kDefaultIssuer = "https://auth.openai.com";
    static constexpr const char *kDefaultChatGptBase = "https://chatgpt.com/backend-api";
    static constexpr const char *kScope =
        "openid profile email offline_access api.connectors.read api.connectors.invoke";
    static constexpr const char *kOriginator = "codex_cli_rs";
    static constexpr const char *kCodexCompatVersion = "0.169.0";
    static constexpr quint16 kCallbackPort = 1455;
    static constexpr quint16 kFallbackCallbackPort = 1457;

    /// Production endpoints, no overrides.
    Endpoints();

    /// Reads and validates the overrides; a configuration error is a Usage error (CLI exit 2).
    static Result<Endpoints> fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    QString issuer() const { return m_issuer; }
    QString chatGptBase() const { return m_chatGptBase; }
    bool issuerOverridden() const { return m_issuerOverridden; }
    bool backendOverridden() const { return m_backendOverridden; }
    /// 0 unless tests pinned the callback port (honoured only with an issuer override).
    quint16 testCallbackPort() const { return m_testCallbackPort; }

    QUrl authorizeUrl() const;
    QUrl tokenUrl() const;
    QUrl revokeUrl() const;
    QUrl deviceUserCodeUrl() const;
    QUrl deviceTokenUrl() const;
    QUrl devicePageUrl() const;
    QString deviceRedirectUri() const;
    /// The usage URL by the official rule of docs/protocol.md §6.1.
    QUrl usageUrl() const;

    /// `codex_cli_rs/0.169.0 (<OS> <version>; <arch>) unknown`, as docs/protocol.md §0 specifies.
    static QByteArray userAgent();

    /// Validates one base URL: http only for loopback hosts, https otherwise.
    static Status checkBaseUrl(const QString &variable, const QString &value);

private:
    QString m_issuer;
    QString m_chatGptBase;
    bool m_issuerOverridden = false;
    bool m_backendOverridden = false;
    quint16 m_testCallbackPort = 0;
};

} // namespace cma
