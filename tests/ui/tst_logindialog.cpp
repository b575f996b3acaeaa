#include "testenv.h"
#include "windowtest.h"
#include "windows/logindialog.h"

#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QUrlQuery>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The login dialog (docs/ui.md §7): every mode completes against the fake issuer and the session saves
// the account; an error redirect ends the attempt; re-login with another identity asks first.
class TestLoginDialog : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void loginBrowserMode()
    {
        f.signInAs({{u"email"_s, u"carol@example.com"_s}, {u"account_id"_s, u"acct-carol"_s}});
        auto s = f.session();
        LoginDialog dialog(*s);
        QCOMPARE(dialog.windowTitle(), u"Add account"_s);
        f.signInWithBrowser(dialog, [&] {
            QCOMPARE(dialog.statusText(), u"Waiting for the browser…"_s);
            QCOMPARE(dialog.findChild<QLabel *>(u"countdown"_s)->text(), u"5:00"_s);
        });
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        QVERIFY2(dialog.resultText().startsWith(u"Added account 1: carol@example.com (Plus)"_s),
                 qPrintable(dialog.resultText()));
        QCOMPARE(f.pool().accounts.size(), 1);
        // The first account becomes Codex's account.
        QCOMPARE(
            readJson(qEnvironmentVariable("CODEX_HOME") + u"/auth.json"_s)[u"tokens"_s][u"account_id"_s].toString(),
            u"acct-carol"_s);
    }

    void loginErrorRedirectEndsTheAttempt()
    {
        f.fake().setAuthorizeAs({{u"mode"_s, u"error"_s}, {u"description"_s, u"missing_codex_entitlement"_s}});
        auto s = f.session();
        LoginDialog dialog(*s);
        f.signInWithBrowser(dialog);
        QTRY_COMPARE(dialog.statusText(), u"Codex is not enabled for your workspace. Contact your workspace "
                                          u"administrator to request access to Codex."_s);
        QVERIFY(dialog.resultText().isEmpty());
        QVERIFY(!QFileInfo::exists(f.root() + u"/openai-codex-accounts.json"_s));
    }

    void loginPasteMode()
    {
        f.seedPool(1);
        f.signInAs({{u"email"_s, u"dave@example.com"_s}, {u"account_id"_s, u"acct-dave"_s}});
        auto s = f.session();
        LoginDialog dialog(*s);
        dialog.setBrowserOpener([](const QUrl &) { return false; });
        dialog.show();
        dialog.setMode(LoginDialog::Paste);
        QTRY_VERIFY(!dialog.signInLink().isEmpty());
        // With accounts in the pool the browser is asked for a fresh sign-in.
        QCOMPARE(QUrlQuery(dialog.signInLink()).queryItemValue(u"prompt"_s), u"login"_s);
        const QUrl redirect(
            QString::fromUtf8(test::httpGet(QString::fromUtf8(dialog.signInLink().toEncoded())).header("Location")));
        const QUrlQuery q(redirect);
        dialog.submitPaste(u"hello"_s);
        QCOMPARE(dialog.pasteError(), u"That is not a sign-in redirect URL"_s);
        dialog.submitPaste(u"code=%1&state=someone-else"_s.arg(q.queryItemValue(u"code"_s)));
        QCOMPARE(dialog.pasteError(), u"This URL belongs to a different sign-in attempt"_s);
        dialog.submitPaste(redirect.toString());
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        QVERIFY2(dialog.resultText().startsWith(u"Added account 2: dave@example.com"_s),
                 qPrintable(dialog.resultText()));
        // The pool had a usable current account: no switch unless asked.
        QCOMPARE(f.pool().currentIndex(), 0);
    }

    void loginDeviceMode()
    {
        f.signInAs({{u"email"_s, u"erin@example.com"_s}, {u"account_id"_s, u"acct-erin"_s}});
        f.fake().configure({{u"deviceInterval"_s, 1}});
        auto s = f.session();
        LoginDialog dialog(*s);
        dialog.show();
        dialog.setMode(LoginDialog::Device);
        QTRY_VERIFY(dialog.deviceCode().size() > 4);
        QVERIFY(dialog.statusText().startsWith(u"Waiting for approval… 15:00"_s) ||
                dialog.statusText().startsWith(u"Waiting for approval… 14:5"_s));
        QVERIFY(f.fake().approveDevice(dialog.deviceCode()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.resultText().isEmpty(), 15000);
        QVERIFY2(dialog.resultText().startsWith(u"Added account 1: erin@example.com"_s),
                 qPrintable(dialog.resultText()));
    }

    void loginDeviceDisabledOffersBrowser()
    {
        f.fake().configure({{u"deviceDisabled"_s, true}});
        auto s = f.session();
        LoginDialog dialog(*s);
        dialog.show();
        dialog.setMode(LoginDialog::Device);
        QTRY_COMPARE(dialog.statusText(), u"Device-code login is not enabled for this server. Use browser login."_s);
        bool offered = false;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            offered = offered || (b->text().remove(u'&') == u"Use browser login"_s && b->isVisible());
        QVERIFY(offered);
        f.fake().configure({{u"deviceDisabled"_s, false}});
    }

    void loginWorkspaceChooser()
    {
        const QJsonArray orgs{
            QJsonObject{{u"id"_s, u"org-personal"_s}, {u"title"_s, u"Personal"_s}, {u"role"_s, u"owner"_s}},
            QJsonObject{
                {u"id"_s, u"org-acme"_s}, {u"title"_s, u"Acme"_s}, {u"role"_s, u"member"_s}, {u"is_default"_s, true}}};
        f.signInAs(
            {{u"email"_s, u"frank@example.com"_s}, {u"account_id"_s, u"org-personal"_s}, {u"organizations"_s, orgs}});
        auto s = f.session();
        LoginDialog dialog(*s);
        f.signInWithBrowser(dialog);
        QTRY_VERIFY(dialog.choosingWorkspace());
        auto *list = dialog.findChild<QListWidget *>(u"workspaces"_s);
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->currentRow(), 1); // the default is preselected
        QCOMPARE(list->item(1)->text(), u"Acme — member (default)"_s);
        dialog.chooseWorkspace(1);
        QTRY_VERIFY(!dialog.resultText().isEmpty());
        const Account a = f.pool().accounts.value(0);
        QCOMPARE(a.accountId.value_or(QString()), u"org-acme"_s);
        QCOMPARE(a.accountIdSource.value_or(QString()), u"org"_s);
    }

    void reloginWithAnotherIdentityAsks()
    {
        f.seedPool(1);
        f.signInAs({{u"email"_s, u"mallory@example.com"_s}, {u"account_id"_s, u"acct-m"_s}});
        auto s = f.session();
        LoginDialog dialog(*s);
        dialog.setRelogin(0);
        QCOMPARE(dialog.windowTitle(), u"Sign in again — user1@example.org"_s);
        f.signInWithBrowser(dialog, [] { answerNextDialog(u"No"_s); });
        QTRY_COMPARE(dialog.statusText(), u"Nothing was changed."_s);
        QCOMPARE(f.pool().accounts.size(), 1);
    }
};

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
