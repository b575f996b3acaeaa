#include "codexname.h"

#include "appcontext.h"
#include "cli/cliapp.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "codex/codexauth.h"
#include "codex/codexshim.h"
#include "services/integrationservice.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

int guardedLogout(AppContext &app, Console &console)
{
    using Step = CodexLogoutOutcome::Step;
    const CodexLogoutOutcome done = IntegrationService(app).logoutCodexLocally();
    switch (done.step) {
    case Step::ConfigUnreadable:
        console.err() << done.error.message << "\n";
        return done.error.exitCode();
    case Step::CredentialsUnreadable:
        console.err() << "codex-multi-auth: cannot read Codex's credentials\n";
        return 5;
    case Step::AccountChanged:
        console.err() << "codex-multi-auth: Codex's account changed meanwhile; run the command again\n";
        return 1;
    case Step::AdoptFailed:
    case Step::ClearFailed:
        console.err() << "codex-multi-auth: " << done.error.message << "\n";
        return done.error.exitCode();
    case Step::Done:
        break;
    }
    console.out() << "codex-multi-auth: signed Codex out locally; " << accountLabelText(done.account, done.index + 1)
                  << " stays in your pool\n";
    return 0;
}

/// Imports the login the official CLI wrote to \a authPath, as `import --from-codex` prints it.
int importLogin(AppContext &app, Console &console, const QProcessEnvironment &env, const QString &authPath)
{
    ParsedArgs args;
    args.command = u"import"_s;
    args.options.insert(u"--from-codex"_s, {});
    CommandContext ctx(console, args, env, app.endpoints(), &app);
    return importAccounts(ctx, authPath);
}

} // namespace

int runAsCodex(const QStringList &args, const QString &self, Console &console, const QProcessEnvironment &env,
               const Result<Endpoints> &endpoints, AppContext *context)
{
    const bool bypass = env.value(u"CODEX_MULTI_AUTH_BYPASS"_s) == "1"_L1;
    QStringList rest = args;
    bool ours = false;
    if (!bypass && !rest.isEmpty()) {
        if (rest.first() == "auth"_L1) {
            rest.removeFirst();
            ours = true;
        } else if (rest.first() == "multi"_L1 && rest.value(1) == "auth"_L1) {
            rest = rest.mid(2);
            ours = true;
        } else if (rest.first() == "multi-auth"_L1 || rest.first() == "multiauth"_L1) {
            rest.removeFirst();
            ours = true;
        }
    }
    if (ours) {
        if (rest.isEmpty())
            rest.append(u"login"_s);
        CliApp cli(console, env, endpoints, context);
        return cli.run(rest); // reports a configuration error as every command does
    }
    if (!endpoints || !context) {
        console.err() << "codex-multi-auth: " << (endpoints ? u"no services to run with"_s : endpoints.error().message)
                      << "\n";
        return 2;
    }
    AppContext &app = *context;

    // The login guard (docs/protocol.md §8.1): never let the official login/logout revoke a pooled account.
    QString verb;
    for (const QString &a : args) {
        if (!a.startsWith(u'-')) {
            verb = a;
            break;
        }
    }
    if ((verb == "login"_L1 || verb == "logout"_L1) && IntegrationService(app).codexHoldsPooledAccount()) {
        if (verb == "logout"_L1)
            return guardedLogout(app, console);
        const bool plainLogin = std::all_of(
            args.begin(), args.end(), [](const QString &a) { return a == "login"_L1 || a == "--device-auth"_L1; });
        if (plainLogin) {
            QStringList ourLogin{u"login"_s, u"--activate"_s};
            if (args.contains(u"--device-auth"_s))
                ourLogin.append(u"--device-auth"_s);
            CliApp cli(console, env, app.endpoints(), &app);
            return cli.run(ourLogin);
        }
        // Any other login form runs against an empty CODEX_HOME and is imported afterwards.
        Result<QString> real = CodexShim::findRealCodex(env, self);
        if (!real) {
            console.err() << real.error().message << "\n";
            return 127;
        }
        QTemporaryDir scratch;
        QProcessEnvironment isolated = env;
        isolated.insert(u"CODEX_HOME"_s, scratch.path());
        QProcess p;
        p.setProcessEnvironment(isolated);
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.setInputChannelMode(QProcess::ForwardedInputChannel);
        p.start(real.value(), args);
        p.waitForFinished(-1);
        Result<CodexAuth> made = CodexAuth::readFile(scratch.path() + u"/auth.json"_s);
        if (made && made->isChatGpt()) {
            importLogin(app, console, env, scratch.path() + u"/auth.json"_s);
        } else if (made) {
            console.err() << "codex-multi-auth: that login produced an API key, which the pool does not hold; "
                             "it was discarded\n";
        }
        return p.exitCode();
    }

    Result<QString> real = CodexShim::findRealCodex(env, self);
    if (!real) {
        console.err() << real.error().message << "\n";
        console.err().flush();
        return 127;
    }
    console.out().flush();
    console.err().flush();
    return CodexShim::execReplacing(real.value(), args, env);
}

} // namespace cma::cli
