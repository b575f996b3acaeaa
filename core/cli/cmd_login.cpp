#include "accounts/poolnormalizer.h"
#include "auth/browser.h"
#include "auth/loginflow.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"
#include "auth/jwt.h"
#include "util/clock.h"

#include <QEventLoop>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

bool isCancelWord(const QString &line)
{
    const QString t = line.trimmed().toLower();
    return t.isEmpty() || t == "q"_L1 || t == "quit"_L1 || t == "cancel"_L1 || t == "back"_L1 || t == "\x1b"_L1;
}

/// `Added account 3: …. Plan: Plus. Total: 3` plus the activation line.
QString summary(const SavedLogin &saved, bool redact)
{
    const QString label = accountText(saved.pool, saved.index, redact);
    QString text = saved.outcome == UpsertOutcome::Inserted  ? u"Added account %1: %2."_s
                   : saved.outcome == UpsertOutcome::Rebound ? u"Rebound workspace for existing account %1: %2."_s
                                                             : u"Updated existing account %1: %2."_s;
    text = text.arg(saved.index + 1).arg(label);
    if (!saved.plan.isEmpty())
        text += u' ' + u"Plan: %1."_s.arg(planDisplayName(saved.plan));
    text += u' ' + u"Total: %1"_s.arg(saved.pool.accounts.size()) + u'\n';
    if (saved.activationTried && saved.activationWarning.isEmpty())
        text += (saved.synced ? u"Codex now uses account %1."_s : u"Account %1 is now selected (Codex sync is off)."_s)
                    .arg(saved.index + 1) +
                u'\n';
    return text;
}

} // namespace

int runLogin(CommandContext &ctx)
{
    const ParsedArgs &args = ctx.args();
    const bool device = args.has(u"--device-auth"_s);
    const bool manual = args.has(u"--manual"_s) || args.has(u"--no-browser"_s) || browserDisabled(ctx.env());
    if (device && (args.has(u"--manual"_s) || args.has(u"--no-browser"_s)))
        return ctx.fail(makeError(ErrorCode::Usage, u"Cannot combine --device-auth with --manual"_s));
    if (args.has(u"--activate"_s) && args.has(u"--no-activate"_s))
        return ctx.fail(makeError(ErrorCode::Usage, u"Cannot combine --activate with --no-activate"_s));
    if (!args.positional.isEmpty())
        return ctx.fail(makeError(ErrorCode::Usage, u"login takes no arguments"_s));
    const QString org =
        args.has(u"--org"_s) ? args.value(u"--org"_s) : ctx.env().value(u"CODEX_AUTH_ACCOUNT_ID"_s).trimmed();

    Result<LoadedPool> before = loadForReading(ctx);
    if (!before)
        return ctx.fail(before.error());
    if (before->readOnly())
        return ctx.fail(
            makeError(ErrorCode::StorageReadOnly, u"the pool was written by a newer version; it is read-only here"_s));
    QTextStream &info = ctx.json() ? ctx.console().err() : ctx.console().out();

    QEventLoop loop;
    std::optional<LoginResult> result;
    QString failure;
    bool takenOver = false;
    bool userCancelled = false;
    std::unique_ptr<BrowserLogin> browser;
    std::unique_ptr<DeviceLogin> deviceLogin;
    if (device) {
        deviceLogin = std::make_unique<DeviceLogin>(ctx.endpoints());
        QObject::connect(deviceLogin.get(), &DeviceLogin::codeReady, &loop, [&](const QString &code, const QUrl &page) {
            info << "Device sign-in\nOpen: " << page.toString() << "\nCode: " << code
                 << "\nThe code expires in 15 minutes. Never share it.\n";
            info.flush();
        });
        QObject::connect(deviceLogin.get(), &DeviceLogin::succeeded, &loop, [&](const LoginResult &r) {
            result = r;
            loop.quit();
        });
        QObject::connect(deviceLogin.get(), &DeviceLogin::failed, &loop, [&](const QString &m) {
            failure = m;
            loop.quit();
        });
        deviceLogin->start();
    } else {
        browser = std::make_unique<BrowserLogin>(ctx.endpoints(), !before->pool.accounts.isEmpty());
        QObject::connect(browser.get(), &BrowserLogin::urlReady, &loop, [&](const QUrl &url) {
            info << "Sign in at this address (paste the final address here if the browser cannot reach this "
                    "computer):\n";
            info << QString::fromUtf8(url.toEncoded()) << "\n";
            info.flush();
            if (!manual && !openBrowser(url, ctx.env()))
                ctx.console().err() << "Could not open a browser; open the address above yourself.\n";
            ctx.console().readLinesAsync(
                &loop,
                [&](const QString &line) {
                    if (result || !failure.isEmpty())
                        return;
                    if (isCancelWord(line)) {
                        userCancelled = true;
                        browser->cancel();
                        loop.quit();
                        return;
                    }
                    if (Status s = browser->submitPaste(line); !s) {
                        ctx.console().err() << s.error().message << "\n";
                        ctx.console().err().flush();
                    }
                },
                [] {});
        });
        QObject::connect(browser.get(), &BrowserLogin::succeeded, &loop, [&](const LoginResult &r) {
            result = r;
            loop.quit();
        });
        QObject::connect(browser.get(), &BrowserLogin::failed, &loop, [&](const QString &m, bool other) {
            failure = m;
            takenOver = other;
            loop.quit();
        });
        QObject::connect(browser.get(), &BrowserLogin::callbackTimedOut, &loop, [&] {
            failure = u"no sign-in arrived within 5 minutes"_s;
            loop.quit();
        });
        browser->start();
    }
    loop.exec();
    if (userCancelled)
        return ctx.fail(makeError(ErrorCode::Interrupted, u"sign-in cancelled"_s));
    if (!result)
        return ctx.fail(makeError(takenOver ? ErrorCode::Cancelled : ErrorCode::Auth, failure));

    SaveLoginOptions options;
    options.org = org;
    // Several workspaces and no --org: a terminal asks, a script gets the best candidate.
    const QList<WorkspaceCandidate> candidates = workspaceCandidates(result->tokens);
    if (org.isEmpty() && candidates.size() > 1) {
        int chosen = bestWorkspaceCandidate(candidates, result->tokens);
        if (ctx.console().isInteractive()) {
            info << "This sign-in can act for several workspaces:\n";
            for (int i = 0; i < candidates.size(); ++i) {
                const WorkspaceCandidate &c = candidates[i];
                info << "  " << (i + 1) << ". " << (c.title.isEmpty() ? c.id : c.title)
                     << (c.role.isEmpty() ? QString() : u" ("_s + c.role + u')') << (c.isDefault ? " [default]" : "")
                     << "\n";
            }
            info << "Workspace [" << (chosen + 1) << "]: ";
            info.flush();
            bool ok = false;
            const int picked = ctx.console().readLine().trimmed().toInt(&ok);
            if (ok && picked >= 1 && picked <= candidates.size())
                chosen = picked - 1;
        }
        options.org = candidates[chosen].id;
        options.orgSource = u"org"_s;
    }
    options.activate = args.has(u"--activate"_s)      ? SaveLoginOptions::Activate::Yes
                       : args.has(u"--no-activate"_s) ? SaveLoginOptions::Activate::No
                                                      : SaveLoginOptions::Activate::Auto;
    Result<SavedLogin> saved = AccountService(ctx.app()).addFromSignIn(result->tokens, options);
    if (!saved)
        return ctx.fail(saved.error());
    if (!saved->activationWarning.isEmpty())
        ctx.console().err() << "warning: the account was added but Codex could not be switched to it: "
                            << saved->activationWarning << "\n";
    const QString text = summary(saved.value(), ctx.redact());
    const AccountPool &finalPool = saved->pool;
    const int index = saved->index;
    const bool activated = saved->synced;
    if (browser && result->method == LoginMethod::Browser)
        browser->waitForSuccessPage();
    return ctx.succeed(
        text, {{u"method"_s, loginMethodName(result->method)},
               {u"outcome"_s, signInOutcomeName(saved->outcome)},
               {u"account"_s, accountObject(finalPool, index, AccountFacts{}, Clock::instance().nowMs(), ctx.redact())},
               {u"activated"_s, activated},
               {u"total"_s, finalPool.accounts.size()}});
}

} // namespace cma::cli
