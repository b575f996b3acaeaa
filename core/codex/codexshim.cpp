#include "codexshim.h"

#include "appcontext.h"
#include "cli/cliapp.h"
#include "cli/console.h"
#include "codex/codexlivestore.h"
#include "refresh/refreshservice.h"
#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

bool CodexShim::isCodexName(const QString &programPath)
{
    return QFileInfo(programPath).completeBaseName().compare(u"codex"_s, Qt::CaseSensitive) == 0;
}

QString CodexShim::defaultShimDir(const QProcessEnvironment &env)
{
    return env.value(u"HOME"_s, QDir::homePath()) + u"/.local/bin"_s;
}

Result<QString> CodexShim::findRealCodex(const QProcessEnvironment &env, const QString &self)
{
    for (const char *var : {"CODEX_MULTI_AUTH_REAL_CODEX", "CODEX_MULTI_AUTH_REAL_CODEX_BIN"}) {
        const QString set = env.value(QString::fromLatin1(var)).trimmed();
        if (!set.isEmpty()) {
            if (QFileInfo(set).isExecutable())
                return set;
            return makeError(ErrorCode::NotFound, u"codex-multi-auth: %1 points to %2, which does not exist"_s.arg(
                                                      QString::fromLatin1(var), set));
        }
    }
    const QString selfReal = QFileInfo(self).canonicalFilePath();
    for (const QString &dir : env.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts)) {
        const QFileInfo candidate(dir + u"/codex"_s);
        if (!candidate.isFile() || !candidate.isExecutable())
            continue;
        if (candidate.canonicalFilePath() == selfReal)
            continue;
        return candidate.absoluteFilePath();
    }
    return makeError(
        ErrorCode::NotFound,
        u"codex-multi-auth: the official Codex CLI was not found on PATH; install it or set CODEX_MULTI_AUTH_REAL_CODEX"_s);
}

int CodexShim::execReplacing(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QList<QByteArray> argStore;
    argStore.append(QFile::encodeName(program));
    for (const QString &a : args)
        argStore.append(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QList<QByteArray> envStore;
    for (const QString &kv : env.toStringList())
        envStore.append(kv.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(argStore.first().constData(), argv.data(), envp.data());
    return 127;
}

namespace {

/// Is Codex's live account one of ours? (The login guard only acts then.)
bool liveAccountIsPooled(AppContext &app)
{
    CodexLiveStore live(app.paths().codexHome, app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return false;
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current || !current.value() || !(*current)->isChatGpt())
        return false;
    Result<LoadedPool> pool = app.repository().load();
    return pool && (*current)->findInPool(pool->pool) >= 0;
}

int guardedLogout(AppContext &app, cli::Console &console)
{
    CodexLiveStore live(app.paths().codexHome, app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config) {
        console.err() << config.error().message << "\n";
        return config.error().exitCode();
    }
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    Result<LoadedPool> pool = app.repository().load();
    if (!current || !current.value() || !pool) {
        console.err() << "codex-multi-auth: cannot read Codex's credentials\n";
        return 5;
    }
    const CodexAuth l = **current;
    const int index = l.findInPool(pool->pool);
    if (index < 0) { // the live login changed since the guard looked: not ours to keep
        console.err() << "codex-multi-auth: Codex's account changed meanwhile; run the command again\n";
        return 1;
    }
    // Adopt the live tokens first: they may be newer than the pool's, and they must not be lost.
    const Account &p = pool->pool.accounts[index];
    Result<TokenSet> pooled = app.repository().tokensOf(p);
    if (pooled && l.supersedes(p, &pooled.value())) {
        Result<Account> saved = adoptLiveTokens(app.repository(true), p, l);
        if (!saved) {
            console.err() << "codex-multi-auth: " << saved.error().message << "\n";
            return saved.error().exitCode();
        }
    }
    if (Status s = live.clearLive(config.value()); !s) {
        console.err() << "codex-multi-auth: " << s.error().message << "\n";
        return s.error().exitCode();
    }
    console.out() << "codex-multi-auth: signed Codex out locally; " << accountLabelText(p, index + 1)
                  << " stays in your pool\n";
    return 0;
}

} // namespace

int CodexShim::run(const QStringList &args, const QString &self, cli::Console &console, QProcessEnvironment env)
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
        cli::CliApp app(console, env);
        return app.run(rest);
    }

    // The login guard (docs/protocol.md §8.1): never let the official login/logout revoke a pooled account.
    QString verb;
    for (const QString &a : args) {
        if (!a.startsWith(u'-')) {
            verb = a;
            break;
        }
    }
    if (verb == "login"_L1 || verb == "logout"_L1) {
        Result<Endpoints> endpoints = Endpoints::fromEnvironment(env);
        if (endpoints) {
            AppContext app(env, endpoints.value());
            if (liveAccountIsPooled(app)) {
                if (verb == "logout"_L1)
                    return guardedLogout(app, console);
                const bool plainLogin = std::all_of(args.begin(), args.end(), [](const QString &a) {
                    return a == "login"_L1 || a == "--device-auth"_L1;
                });
                if (plainLogin) {
                    QStringList ourLogin{u"login"_s, u"--activate"_s};
                    if (args.contains(u"--device-auth"_s))
                        ourLogin.append(u"--device-auth"_s);
                    cli::CliApp cliApp(console, env);
                    return cliApp.run(ourLogin);
                }
                // Any other login form runs against an empty CODEX_HOME and is imported afterwards.
                Result<QString> real = findRealCodex(env, self);
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
                    QProcessEnvironment importEnv = env;
                    importEnv.insert(u"CODEX_HOME"_s, scratch.path());
                    cli::CliApp importer(console, importEnv);
                    importer.run({u"import"_s, u"--from-codex"_s});
                } else if (made) {
                    console.err() << "codex-multi-auth: that login produced an API key, which the pool does not hold; "
                                     "it was discarded\n";
                }
                return p.exitCode();
            }
        }
    }

    Result<QString> real = findRealCodex(env, self);
    if (!real) {
        console.err() << real.error().message << "\n";
        console.err().flush();
        return 127;
    }
    console.out().flush();
    console.err().flush();
    return execReplacing(real.value(), args, env);
}

} // namespace cma
