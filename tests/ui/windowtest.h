#pragma once

#include "appcontext.h"
#include "fakeopenaiserver.h"
#include "session/desktopsession.h"
#include "testenv.h"

#include <QJsonObject>
#include <QUrl>
#include <functional>
#include <memory>

namespace cma::ui {
class LoginDialog;
}

namespace cma::test {

QByteArray readBytes(const QString &path);
QJsonObject readJson(const QString &path);
void writeJson(const QString &path, const QJsonObject &object);

/// Answers the next modal dialog: clicks the button whose text contains \a button (after
/// optionally ticking its check box, or typing into its line edit).
void answerNextDialog(const QString &button, bool tickCheckBox = false, const QString &typed = {});

/// What the window tests share: the fake issuer as the endpoints, a fresh storage folder per test,
/// pools signed in at the issuer with quota readings, and desktop sessions over them.
class WindowFixture
{
public:
    WindowFixture();
    ~WindowFixture();

    /// Call from initTestCase (isolation, the fake server, the endpoints, English plurals).
    void setUp();
    /// Call from init: empty folders, a fresh issuer, file-mode secrets, the default theme.
    void reset();

    FakeOpenAiServer &fake() { return *m_fake; }
    QString root() const { return m_root; }
    std::unique_ptr<AppContext> app();
    /// A started session (no guardian, no live sync) with its first view.
    std::unique_ptr<DesktopSession> session();

    /// \a n accounts signed in at the fake issuer, with quota readings: account 1 at 30 % used,
    /// account 2 exhausted for two hours, the others fresh.
    void seedPool(int n);
    PoolView view();
    AccountPool pool();

    /// The fake issuer signs the browser in as this account (added to it).
    void signInAs(const QJsonObject &account);
    /// Starts the dialog's browser sign-in (its "Open browser") and plays the browser: the fake
    /// issuer redirects to the dialog's loopback server. \a beforeBrowsing runs once the link is out.
    void signInWithBrowser(ui::LoginDialog &dialog, const std::function<void()> &beforeBrowsing = {});

private:
    FakeOpenAiServer *m_fake = nullptr;
    QString m_root;
    QUrl m_opened;
};

} // namespace cma::test
