#include "cliapp.h"

#include "accounts/projectscope.h"
#include "cli/commandtable.h"
#include "cli/commands.h"
#include "cli/generated.h"

#include "util/jsonwriter.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cma::cli {

CommandContext::CommandContext(Console &console, ParsedArgs args, QProcessEnvironment env, Endpoints endpoints,
                               AppContext *app)
    : m_console(console)
    , m_args(std::move(args))
    , m_env(std::move(env))
    , m_endpoints(std::move(endpoints))
    , m_app(app)
{}

AppContext &CommandContext::app()
{
    Q_ASSERT(m_app);
    if (!m_scoped) {
        m_scoped = true;
        if (m_args.has(u"--project"_s)) {
            const ProjectScope::Resolved project =
                ProjectScope::resolve(m_app->paths().root, m_args.value(u"--project"_s));
            m_app->setPoolPath(project.poolPath, project.legacyPools);
        }
    }
    return *m_app;
}

namespace {
QJsonObject envelope(const QString &command, bool ok, QJsonObject object)
{
    object.insert(u"command"_s, command);
    object.insert(u"ok"_s, ok);
    object.insert(u"schema"_s, 1);
    return object;
}

void printJson(Console &console, const QJsonObject &object)
{
    static const QStringList order = {u"command"_s, u"ok"_s, u"schema"_s, u"error"_s, u"code"_s, u"message"_s};
    console.out() << QString::fromUtf8(toJsonIndented(object, order)) << "\n";
    console.out().flush();
}
} // namespace

bool CommandContext::color() const
{
    return !json() && !m_args.has(QStringLiteral("--no-color")) && m_console.colorEnabled();
}

QString CommandContext::paint(const QString &text, Paint how) const
{
    if (!color() || text.isEmpty())
        return text;
    const char *code = how == Paint::Bold ? "\x1b[1m" : how == Paint::Warning ? "\x1b[33m" : "\x1b[31m";
    return QLatin1StringView(code) + text + QLatin1StringView("\x1b[0m");
}

std::optional<CommandContext::Paint> CommandContext::paintForLeft(double left) const
{
    if (left <= 0)
        return Paint::Danger;
    if (left <= 15)
        return Paint::Warning;
    return std::nullopt;
}

int CommandContext::succeed(const QString &text, QJsonObject object)
{
    if (json()) {
        printJson(m_console, envelope(m_args.command, true, std::move(object)));
    } else if (!text.isEmpty()) {
        m_console.out() << text << (text.endsWith(u'\n') ? "" : "\n");
        m_console.out().flush();
    }
    return 0;
}

int CommandContext::fail(const Error &error, QJsonObject object)
{
    if (json()) {
        object.insert(u"error"_s, QJsonObject{{u"code"_s, error.codeName()}, {u"message"_s, error.message}});
        printJson(m_console, envelope(m_args.command, false, std::move(object)));
    } else {
        m_console.err() << "codex-multi-auth: " << error.message << "\n";
        m_console.err().flush();
    }
    return error.exitCode();
}

CliApp::CliApp(Console &console, QProcessEnvironment env, Result<Endpoints> endpoints, AppContext *app)
    : m_console(console)
    , m_env(std::move(env))
    , m_endpoints(std::move(endpoints))
    , m_app(app)
{
    registerCommands(m_handlers);
}

bool CliApp::wantsCli(const QStringList &args)
{
    if (args.isEmpty())
        return false;
    const QString first = args.first();
    if (first == "--cli"_L1 || first == "auth"_L1 || first == "--help"_L1 || first == "-h"_L1 ||
        first == "--version"_L1 || first == "-v"_L1)
        return true;
    return commandWords().contains(first);
}

QString CliApp::versionText()
{
    return u"codex-multi-auth %1"_s.arg(QStringLiteral(CMA_VERSION));
}

QString CliApp::helpText()
{
    QString text = u"codex-multi-auth %1: manage several ChatGPT (Codex) accounts for the official Codex CLI\n\n"
                   "Usage:\n"
                   "  codex-multi-auth [--minimized]           start the tray app\n"
                   "  codex-multi-auth --cli <command> [options]\n"
                   "  codex-multi-auth --cli help <command>    help for one command\n\n"
                   "Commands:\n"_s.arg(QStringLiteral(CMA_VERSION));
    for (const CommandSpec &spec : commandTable()) {
        QString name = spec.name;
        if (!spec.aliases.isEmpty())
            name += u" ("_s + spec.aliases.join(u", "_s) + u')';
        text += u"  %1 %2\n"_s.arg(name, -28).arg(spec.summary);
    }
    text += u"\nGlobal options:\n"_s;
    for (const OptionSpec &o : globalOptions()) {
        QString name = o.shortName.isEmpty() ? o.name : o.name + u", "_s + o.shortName;
        if (!o.valueName.isEmpty())
            name += u' ' + o.valueName;
        text += u"  %1 %2\n"_s.arg(name, -28).arg(o.help);
    }
    text += u"\nExit codes: 0 success, 1 failure, 2 usage, 3 no usable account, 4 secret store unavailable,\n"
            "5 storage busy or unreadable, 130 cancelled.\n"_s;
    return text;
}

QString CliApp::commandHelp(const CommandSpec &spec)
{
    QString text = u"Usage: codex-multi-auth --cli %1%2\n\n%3\n"_s.arg(
        spec.name, spec.synopsis.isEmpty() ? QString() : u" "_s + spec.synopsis, spec.summary);
    QList<OptionSpec> options = spec.options;
    options += globalOptions();
    text += u"\nOptions:\n"_s;
    for (const OptionSpec &o : std::as_const(options)) {
        QString name = o.shortName.isEmpty() ? o.name : o.name + u", "_s + o.shortName;
        if (!o.valueName.isEmpty())
            name += u' ' + o.valueName;
        text += u"  %1 %2\n"_s.arg(name, -28).arg(o.help);
    }
    if (!spec.aliases.isEmpty())
        text += u"\nAlias: %1\n"_s.arg(spec.aliases.join(u", "_s));
    return text;
}

int CliApp::usageError(const QString &command, const QString &message, bool json)
{
    ParsedArgs args;
    args.command = command;
    if (json)
        args.options.insert(u"--json"_s, {});
    CommandContext ctx(m_console, args, m_env, Endpoints(), nullptr);
    const int code = ctx.fail(makeError(ErrorCode::Usage, message));
    if (!json)
        m_console.err() << "Run codex-multi-auth --cli --help for the commands.\n";
    return code;
}

Result<ParsedArgs> CliApp::parse(const QStringList &args, const CommandSpec &spec) const
{
    ParsedArgs parsed;
    parsed.command = spec.name;
    QList<OptionSpec> options = spec.options;
    options += globalOptions();
    bool onlyPositional = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (onlyPositional || !arg.startsWith(u'-') || arg == "-"_L1) {
            parsed.positional.append(arg);
            continue;
        }
        if (arg == "--"_L1) {
            onlyPositional = true;
            continue;
        }
        const QString name = arg.section(u'=', 0, 0);
        const OptionSpec *match = nullptr;
        for (const OptionSpec &o : std::as_const(options)) {
            if (o.name == name || (!o.shortName.isEmpty() && o.shortName == name))
                match = &o;
        }
        if (!match)
            return makeError(ErrorCode::Usage, u"unknown option %1 for %2"_s.arg(name, spec.name));
        QString value;
        if (!match->valueName.isEmpty()) {
            if (arg.contains(u'=')) {
                value = arg.section(u'=', 1);
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                return makeError(ErrorCode::Usage, u"%1 needs a value %2"_s.arg(match->name, match->valueName));
            }
        } else if (arg.contains(u'=')) {
            return makeError(ErrorCode::Usage, u"%1 takes no value"_s.arg(match->name));
        }
        parsed.options.insert(match->name, value);
    }
    return parsed;
}

int CliApp::run(QStringList args)
{
    if (!args.isEmpty() && args.first() == "--cli"_L1)
        args.removeFirst();
    if (!args.isEmpty() && args.first() == "auth"_L1) {
        args.removeFirst();
        if (args.isEmpty())
            args.append(u"login"_s);
    }
    // Build-time generation of completions and the man page (not a user command).
    if (args.size() == 2 && args.first() == "__generate"_L1) {
        const QString what = args.at(1);
        const QString text = what == "bash"_L1   ? bashCompletion()
                             : what == "zsh"_L1  ? zshCompletion()
                             : what == "fish"_L1 ? fishCompletion()
                             : what == "man"_L1  ? manPage()
                                                 : QString();
        if (text.isEmpty())
            return usageError(u"__generate"_s, u"bash, zsh, fish or man"_s, false);
        m_console.out() << text;
        return 0;
    }
    const bool json = args.contains(u"--json"_s) || args.contains(u"-j"_s);
    if (args.isEmpty() || args.first() == "--help"_L1 || args.first() == "-h"_L1) {
        m_console.out() << helpText();
        return 0;
    }
    if (args.first() == "--version"_L1 || args.first() == "-v"_L1)
        args.first() = u"version"_s;

    // Longest command name that matches the leading words ("account policy list" before "account").
    const CommandSpec *spec = nullptr;
    qsizetype words = 0;
    for (qsizetype n = qMin<qsizetype>(3, args.size()); n >= 1 && !spec; --n) {
        const QString candidate = args.mid(0, n).join(u' ');
        if (const CommandSpec *s = findCommand(candidate)) {
            spec = s;
            words = n;
        }
    }
    if (!spec) {
        const QString first = args.first();
        for (const CommandSpec &s : commandTable()) {
            if (s.name.startsWith(first + u' ')) {
                if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
                    m_console.out() << helpText();
                    return 0;
                }
                return usageError(first, u"%1 needs a subcommand (for example: %2)"_s.arg(first, s.name), json);
            }
        }
        return usageError(first, u"unknown command: %1"_s.arg(first), json);
    }
    const QStringList rest = args.mid(words);
    if (rest.contains(u"--help"_s) || rest.contains(u"-h"_s)) {
        m_console.out() << commandHelp(*spec);
        return 0;
    }
    if (spec->name != "version"_L1 && (rest.contains(u"--version"_s) || rest.contains(u"-v"_s))) {
        m_console.out() << versionText() << "\n";
        return 0;
    }

    Result<ParsedArgs> parsed = parse(rest, *spec);
    if (!parsed)
        return usageError(spec->name, parsed.error().message, json);
    if (spec->synopsis.isEmpty() && !parsed->positional.isEmpty())
        return usageError(spec->name,
                          u"%1 takes no arguments (got %2)"_s.arg(spec->name, parsed->positional.join(u' ')), json);

    // Configuration errors stop every command, read-only ones included (docs/cli.md §2).
    if (!m_endpoints || !m_app)
        return usageError(spec->name,
                          m_endpoints ? u"no services to run the command with"_s : m_endpoints.error().message, json);

    const CommandHandler handler = m_handlers.value(spec->name);
    CommandContext ctx(m_console, std::move(parsed.value()), m_env, m_endpoints.value(), m_app);
    if (!handler)
        return ctx.fail(makeError(ErrorCode::Usage, u"%1 is not part of this build"_s.arg(spec->name)));
    return handler(ctx);
}

} // namespace cma::cli
