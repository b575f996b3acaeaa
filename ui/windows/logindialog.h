#pragma once

#include "auth/loginflow.h"
#include "auth/loginsave.h"

#include <QDialog>
#include <QPointer>
#include <functional>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace cma {
class AppContext;
}

namespace cma::ui {

/// The login dialog (docs/ui.md §7): browser, paste-link and device-code sign-in over the core login
/// flow, the workspace chooser, the result, and re-login mode. It never runs `codex login`.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    enum Mode
    {
        Browser,
        Paste,
        Device
    };
    explicit LoginDialog(AppContext &app, QWidget *parent = nullptr);
    ~LoginDialog() override;

    /// Re-login mode for the account at \a poolIndex.
    void setRelogin(int poolIndex);
    /// How links are opened (tests replace it); default: $BROWSER or xdg-open.
    void setBrowserOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Starts the current mode (Open browser / Get code).
    void begin();
    QUrl signInLink() const;
    QString deviceCode() const;
    QString statusText() const;
    QString resultText() const;
    QString pasteError() const;
    /// Submits a pasted redirect as if typed into the field.
    void submitPaste(const QString &text);
    /// The workspace chooser is showing; pick row \a row.
    bool choosingWorkspace() const;
    void chooseWorkspace(int row);

Q_SIGNALS:
    /// The pool changed (an account was added, updated or rebound).
    void accountSaved(const QString &summary);

protected:
    void reject() override;

private:
    void buildBrowserPage();
    void buildPastePage();
    void buildDevicePage();
    void startBrowser(bool withCallback);
    void startDevice();
    void stopFlows();
    void setStatus(const QString &text, bool error = false);
    void showOfferButtons(bool visible);
    void onTokens(const LoginResult &result);
    void saveTokens(const TokenResponse &tokens, const QString &org, const QString &orgSource);
    void showResult(const QString &text);
    void tick();
    bool openLink(const QUrl &url);

    AppContext &m_app;
    Mode m_mode = Browser;
    int m_reloginIndex = -1;
    QString m_reloginEmail;
    QString m_reloginAccountId;
    std::function<bool(const QUrl &)> m_opener;
    QPointer<BrowserLogin> m_browser;
    QPointer<DeviceLogin> m_device;
    std::optional<LoginResult> m_pending;
    qint64 m_deadline = 0;
    QTimer *m_ticker;

    QButtonGroup *m_modes;
    QStackedWidget *m_pages;
    // Browser page
    QPushButton *m_openBrowser;
    QProgressBar *m_spinner;
    QLabel *m_browserStatus;
    QLabel *m_countdown;
    QLineEdit *m_linkField;
    QPushButton *m_copyLink;
    QPushButton *m_openAgain;
    QPushButton *m_useDevice;
    QPushButton *m_usePaste;
    // Paste page
    QLineEdit *m_pasteLink;
    QLineEdit *m_pasteField;
    QLabel *m_pasteError;
    // Device page
    QLabel *m_code;
    QLabel *m_deviceLink;
    QLabel *m_deviceStatus;
    QPushButton *m_newCode;
    QPushButton *m_useBrowser;
    // Advanced
    QToolButton *m_advancedToggle;
    QWidget *m_advanced;
    QLineEdit *m_org;
    QCheckBox *m_activate;
    // Chooser and result
    QListWidget *m_workspaces;
    QLabel *m_result;
    QPushButton *m_addAnother;
    QPushButton *m_done;
    QPushButton *m_cancel;
    QWidget *m_modeBar;
};

} // namespace cma::ui
