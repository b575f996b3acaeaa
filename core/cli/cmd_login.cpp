#include "accounts/poolnormalizer.h"
#include "auth/loginflow.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/switchservice.h"
#include "auth/jwt.h"
#include "util/clock.h"

#include <QEventLoop>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

bool truthy(const QString &v)
{
    return QStringList{u"1"_s, u"true"_s, u"yes"_s, u"on"_s}.contains(v.trimmed().toLower());
}

bool browserDisabled(const QProcessEnvironment &env)
{
    if (truthy(env.value(u"CODEX_AUTH_NO_BROWSER"_s)))
        return true;
    return QStringList{u"0"_s, u"false"_s, u"no"_s, u"off"_s, u"none"_s}.contains(
        env.value(u"BROWSER"_s).trimmed().toLower());
}

/// `$BROWSER` (first of a colon list, `%s` replaced or the URL appended), else xdg-open.
bool openBrowser(const QUrl &url, const QProcessEnvironment &env)
{
    const QString link = QString::fromUtf8(url.toEncoded());
    QString browser = env.value(u"BROWSER"_s).trimmed().section(u':', 0, 0);
    QStringList command = browser.isEmpty() ? QStringList{u"xdg-open"_s} : QProcess::splitCommand(browser);
    if (command.isEmpty())
        return false;
    bool replaced = false;
    for (QString &part : command) {
        if (part.contains(u"%s"_s)) {
            part.replace(u"%s"_s, link);
            replaced = true;
        }
    }
    if (!replaced)
        command.append(link);
    const QString program = command.takeFirst();
    QProcess p;
    p.setProgram(program);
    p.setArguments(command);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    return p.startDetached();
}

bool isCancelWord(const QString &line)
{
    const QString t = line.trimmed().toLower();
    return t.isEmpty() || t == "q"_L1 || t == "quit"_L1 || t == "cancel"_L1 || t == "back"_L1 || t == "\x1b"_L1;
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

    Result<Account> account = accountFromLogin(result->tokens, org);
    if (!account)
        return ctx.fail(account.error());
    if (!org.isEmpty())
        account->accountIdSource = u"manual"_s;
    const QString plan = TokenIdentity::fromTokens(result->tokens.idToken, result->tokens.accessToken).plan;

    // Activate when asked, or when the pool had no usable current account.
    const AccountPool &old = before->pool;
    const int oldCurrent = old.currentIndex();
    const bool currentUsable =
        oldCurrent >= 0 && old.accounts[oldCurrent].isEnabled() && !old.accounts[oldCurrent].authInvalidatedAt;
    const bool activate = args.has(u"--activate"_s) || (!args.has(u"--no-activate"_s) && !currentUsable);

    UpsertOutcome outcome = UpsertOutcome::Inserted;
    int index = -1;
    Result<LoadedPool> saved = ctx.app().repository(true).update([&](AccountPool &pool) {
        const auto r = upsertAccount(pool, account.value());
        outcome = r.first;
        index = r.second;
        if (pool.accounts.size() == 1) {
            pool.select(0);
            pool.accounts[0].lastSwitchReason = u"initial"_s;
        }
        return success();
    });
    if (!saved)
        return ctx.fail(saved.error());
    bool activated = false;
    const QString label = accountText(saved->pool, index, ctx.redact());
    QString text = outcome == UpsertOutcome::Inserted  ? u"Added account %1: %2."_s
                   : outcome == UpsertOutcome::Rebound ? u"Rebound workspace for existing account %1: %2."_s
                                                       : u"Updated existing account %1: %2."_s;
    text = text.arg(index + 1).arg(label);
    if (!plan.isEmpty())
        text += u" Plan: %1."_s.arg(planDisplayName(plan));
    text += u" Total: %1\n"_s.arg(saved->pool.accounts.size());
    AccountPool finalPool = saved->pool;
    if (activate) {
        SwitchOptions options;
        options.pin = false;
        options.reason = saved->pool.accounts.size() == 1 ? u"initial"_s : u"manual"_s;
        Result<SwitchResult> sw = SwitchService(ctx.app()).switchTo(saved->pool.accounts[index], options);
        if (!sw) {
            ctx.console().err() << "warning: the account was added but Codex could not be switched to it: "
                                << sw.error().message << "\n";
        } else {
            activated = sw->synced;
            finalPool = sw->pool;
            index = sw->index;
            text += sw->synced ? u"Codex now uses account %1.\n"_s.arg(index + 1)
                               : u"Account %1 is now selected (Codex sync is off).\n"_s.arg(index + 1);
        }
    }
    if (browser && result->method == LoginMethod::Browser)
        browser->waitForSuccessPage();
    const QString outcomeName = outcome == UpsertOutcome::Inserted  ? u"added"_s
                                : outcome == UpsertOutcome::Rebound ? u"rebound"_s
                                                                    : u"updated"_s;
    return ctx.succeed(
        text, {{u"method"_s, loginMethodName(result->method)},
               {u"outcome"_s, outcomeName},
               {u"account"_s, accountObject(finalPool, index, AccountFacts{}, Clock::instance().nowMs(), ctx.redact())},
               {u"activated"_s, activated},
               {u"total"_s, finalPool.accounts.size()}});
}

} // namespace cma::cli
