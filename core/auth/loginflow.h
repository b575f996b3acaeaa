#pragma once

#include "accounts/account.h"
#include "auth/pkce.h"
#include "auth/tokenclient.h"
#include "net/endpoints.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

namespace cma {

class CallbackServer;

/// How the authorization code arrived (docs/cli.md `login` JSON `method`).
enum class LoginMethod
{
    Browser,
    Manual,
    Device
};
QString loginMethodName(LoginMethod m);

/// A finished sign-in: the tokens and how they came.
struct LoginResult
{
    TokenResponse tokens;
    LoginMethod method = LoginMethod::Browser;
};

/// Parses a pasted redirect (docs/protocol.md §1.6): a full URL (query, else fragment), `code#state`,
/// or `code=…&state=…` with an optional leading `?`.
Result<QPair<QString, QString>> parsePastedRedirect(const QString &text);

/// The pool record for a fresh sign-in (docs/protocol.md §1.4, §4): identity from the claims,
/// `lastRefresh` = when the token endpoint answered. No ChatGPT account id → an error.
Result<Account> accountFromLogin(const TokenResponse &tokens, const QString &orgOverride = {});

/// One browser sign-in attempt (docs/protocol.md §1): PKCE secrets, the loopback callback server, the
/// authorize URL, and manual pastes, whichever delivers a valid code first. 300 s to wait for
/// the callback; after that only pastes are accepted until cancel(). The same flow serves the
/// CLI and the GUI dialog; opening the browser is the caller's (a seam).
class BrowserLogin : public QObject
{
    Q_OBJECT
public:
    BrowserLogin(Endpoints endpoints, bool promptLogin, QObject *parent = nullptr);
    ~BrowserLogin() override;

    void start();
    /// Pastes only, without the callback server (both sign-in ports taken): the link carries the
    /// registered redirect address, and the user pastes where the browser ended.
    void startWithoutCallback();
    /// A pasted redirect; a wrong one is refused with a message and the attempt goes on.
    Status submitPaste(const QString &text);
    void cancel();
    QUrl authorizeUrl() const { return m_url; }
    /// After a browser sign-in: waits (≤ 10 s, event loop running) until the browser has fetched
    /// the success page, so a short-lived process does not vanish under it.
    void waitForSuccessPage();
    QString redirectUri() const;
    void setCallbackWaitMs(int ms) { m_waitMs = ms; }

Q_SIGNALS:
    void urlReady(const QUrl &authorizeUrl);
    void succeeded(const cma::LoginResult &result);
    void failed(const QString &message, bool cancelledByAnotherSignIn);
    /// The callback wait ran out; pastes still work.
    void callbackTimedOut();

private:
    void exchange(const QString &code, LoginMethod method, std::function<void(const QString &)> finish);

    Endpoints m_endpoints;
    bool m_promptLogin;
    PkceSecrets m_secrets;
    QUrl m_url;
    QString m_redirectUri;
    CallbackServer *m_server = nullptr;
    QTimer m_timeout;
    int m_waitMs = 300000;
    bool m_busy = false;
    bool m_done = false;
    bool m_successPageDone = false;
};

/// Device-code sign-in (docs/protocol.md §2): request a code, show it, poll until approved, exchange.
class DeviceLogin : public QObject
{
    Q_OBJECT
public:
    explicit DeviceLogin(Endpoints endpoints, QObject *parent = nullptr);
    void start();
    void cancel();

Q_SIGNALS:
    void codeReady(const QString &userCode, const QUrl &verificationUrl);
    void succeeded(const cma::LoginResult &result);
    void failed(const QString &message);

private:
    void poll();
    void scheduleNext(qint64 ms);

    Endpoints m_endpoints;
    QString m_deviceAuthId;
    QString m_userCode;
    qint64 m_intervalMs = 5000;
    qint64 m_deadlineMs = 0;
    QTimer m_timer;
    bool m_done = false;
};

} // namespace cma
