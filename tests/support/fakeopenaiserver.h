#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <memory>

#include "accounts/account.h"

namespace cma {
class HttpServer;
struct HttpServerRequest;
struct HttpServerResponse;
class HttpResponder;
} // namespace cma

namespace cma::test {

/// A fake of the OpenAI services this product and the official Codex CLI talk to
/// (docs/protocol.md §9.3): issuer (authorize, token with rotating single-use refresh tokens and family
/// revocation, revoke, device code), backend (usage, accounts/check, responses as SSE), fault
/// injection per route, a control API under /__fake/, and a log of every request.
///
/// One state, two listeners: plain HTTP for our product and, when given a certificate, HTTPS for
/// the real Codex CLI. Runs in-process for tests and as the standalone `fake-openai-server`.
class FakeOpenAiServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeOpenAiServer(QObject *parent = nullptr);
    ~FakeOpenAiServer() override;

    bool listen(quint16 httpPort = 0);
    bool listenTls(const QSslConfiguration &config, quint16 httpsPort = 0);
    quint16 httpPort() const;
    quint16 httpsPort() const;
    /// "http://127.0.0.1:<port>"
    QString issuerUrl() const;
    /// "http://127.0.0.1:<port>/backend-api"
    QString backendUrl() const;

    // The control API, also reachable over HTTP under /__fake/.
    void reset();
    /// Adds or replaces an account: {key?, email, user_id?, account_id?, plan?, access_ttl_s?,
    /// access_ttl_sequence? (TTLs of the next issuances), rt_ttl_s?, usage?}. Returns its key.
    QString addAccount(const QJsonObject &account);
    /// {"account": key} | {"mode": "error"|"demo"|"normal"}
    void setAuthorizeAs(const QJsonObject &spec);
    /// {route, status?, body?, headers?, delayMs?, mode?, count?}; mode is one of respond (default),
    /// reset, drop, blackhole, malformed-json, no-access-token. {"clear": true} removes all.
    void addFault(const QJsonObject &fault);
    /// {deviceInterval, deviceDisabled, deviceExpirySeconds, replyText, clockOffsetSeconds}
    void configure(const QJsonObject &config);
    bool approveDevice(const QString &userCode);
    /// Starts a new refresh-token family for the account with exactly this refresh token.
    bool setRefreshToken(const QString &accountKey, const QString &refreshToken);
    /// Mints a full token set for an account (a new family), as if it had just signed in:
    /// {id_token, access_token, refresh_token, account_id, expires_in}.
    QJsonObject mint(const QString &accountKey, qint64 accessTtlSeconds = -1);
    /// Loads a scenario: {accounts: [...], config: {...}, faults: [...], authorizeAs: {...}}.
    void loadScenario(const QJsonObject &scenario);

    QJsonArray requests() const { return m_log; }
    /// {"<account>": {"ok": n, "reused": n, "invalidated": n, "expired": n, "unknown": n}}
    QJsonObject refreshStats() const;
    /// Unix seconds as the fake sees them (real time plus the configured clock offset).
    qint64 nowSeconds() const;

    static QByteArray mintJwt(const QJsonObject &payload);
    /// A pool record for a minted token set (see mint()), identity read from its tokens as a
    /// login would; lastRefresh, addedAt and lastUsed are left for the test to set.
    static cma::Account accountFromTokens(const QJsonObject &tokens);

Q_SIGNALS:
    void requestLogged(const QJsonObject &entry);

private:
    struct Account
    {
        QString key;
        QString email;
        QString userId;
        QString accountId;
        QString plan;
        qint64 accessTtl = 3600;
        /// TTLs for the next issuances, one each, before accessTtl applies again.
        QList<qint64> ttlSequence;
        qint64 refreshTtl = 0;
        QJsonObject usage;
        QJsonArray organizations;
    };
    struct Family
    {
        QString account;
        QString current;
        QSet<QString> used;
        bool revoked = false;
        qint64 expiresAt = 0;
    };
    struct AuthCode
    {
        QString account;
        QString challenge;
        QString redirectUri;
        bool used = false;
    };
    struct DeviceCode
    {
        QString deviceAuthId;
        QString userCode;
        QString account;
        bool approved = false;
        qint64 expiresAt = 0;
    };
    struct Fault
    {
        QString route;
        int status = 500;
        QByteArray body;
        QJsonObject headers;
        int delayMs = 0;
        QString mode;
        int remaining = -1;
    };

    void handle(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder, bool tls);
    void dispatch(const HttpServerRequest &request, std::shared_ptr<HttpResponder> responder, bool tls,
                  QJsonObject &entry);
    HttpServerResponse control(const HttpServerRequest &request, const QJsonObject &body);
    HttpServerResponse authorize(const HttpServerRequest &request, QJsonObject &entry);
    HttpServerResponse token(const HttpServerRequest &request, const QJsonObject &body, const QString &origin,
                             QJsonObject &entry);
    HttpServerResponse revoke(const QJsonObject &body);
    HttpServerResponse deviceUserCode();
    HttpServerResponse deviceToken(const QJsonObject &body, const QString &origin);
    HttpServerResponse devicePage() const;
    HttpServerResponse usage(const HttpServerRequest &request, QJsonObject &entry);
    HttpServerResponse accountsCheck(const HttpServerRequest &request);
    HttpServerResponse responses(const HttpServerRequest &request, QJsonObject &entry);

    QJsonObject issueTokens(const QString &accountKey, const QString &familyId, qint64 accessTtl);
    QString newFamily(const QString &accountKey, const QString &refreshToken = {});
    QString nextRefreshToken(const QString &accountKey);
    const Account *accountForBearer(const HttpServerRequest &request) const;
    QJsonObject usagePayload(const Account &account) const;
    QList<QPair<QByteArray, QByteArray>> rateHeaders(const Account &account) const;
    void countRefresh(const QString &account, const QString &outcome);

    std::unique_ptr<HttpServer> m_http;
    std::unique_ptr<HttpServer> m_https;

    QHash<QString, Account> m_accounts;
    QStringList m_accountOrder;
    QHash<QString, Family> m_families;                     // family id → family
    QHash<QString, QString> m_rtToFamily;                  // refresh token → family id
    QHash<QString, QPair<QString, qint64>> m_accessTokens; // access token → (account, exp)
    QHash<QString, AuthCode> m_codes;
    QList<DeviceCode> m_devices;
    QList<Fault> m_faults;
    QJsonObject m_authorizeAs;
    QJsonObject m_refreshStats;
    QJsonArray m_log;
    qint64 m_counter = 0;
    int m_deviceInterval = 5;
    bool m_deviceDisabled = false;
    qint64 m_deviceExpiry = 900;
    qint64 m_clockOffset = 0;
    QString m_replyText = QStringLiteral("Hello from the fake OpenAI server.");
};

} // namespace cma::test
