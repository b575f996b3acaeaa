#pragma once

#include "appcontext.h"
#include "cli/console.h"
#include "net/endpoints.h"
#include "util/result.h"

#include <functional>
#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace cma::cli {

struct CommandSpec;

/// Arguments of one command after parsing against its spec.
struct ParsedArgs
{
    QString command; ///< canonical name, "account tag"
    QStringList positional;
    QHash<QString, QString> options; ///< "--json" → "" or its value

    bool has(const QString &option) const { return options.contains(option); }
    QString value(const QString &option) const { return options.value(option); }
};

/// What a command runs with: streams, arguments, the process environment and its services.
class CommandContext
{
public:
    /// \a app may be null for a command that fails before it needs one (usage errors).
    CommandContext(Console &console, ParsedArgs args, QProcessEnvironment env, Endpoints endpoints, AppContext *app);

    Console &console() { return m_console; }
    const ParsedArgs &args() const { return m_args; }
    const QProcessEnvironment &env() const { return m_env; }
    const Endpoints &endpoints() const { return m_endpoints; }
    bool json() const { return m_args.has(QStringLiteral("--json")); }
    /// The services of this run; `--project` points them at the project's pool on first use.
    AppContext &app();
    bool redact() const { return m_args.has(QStringLiteral("--redact")); }

    enum class Paint
    {
        Bold,    ///< the current account
        Warning, ///< a window running low
        Danger   ///< a window used up, a limit reached
    };
    /// Colour is for people at a terminal (docs/cli.md §2): never with `--json` or `--no-color`,
    /// with NO_COLOR set, or when stdout is not a terminal (a pipe, a file).
    bool color() const;
    /// \a text in that style when color(), else unchanged.
    QString paint(const QString &text, Paint how) const;
    /// The style of a window with \a left percent left: Danger when used up, Warning at 15 % or
    /// less (the tray's bar tones), none above.
    std::optional<Paint> paintForLeft(double left) const;

    /// Prints \a text (text mode) or \a object plus command/ok/schema (JSON mode); returns 0.
    int succeed(const QString &text, QJsonObject object = {});
    /// Prints the error on stderr (text) or as `error: {code, message}` (JSON); returns its exit code.
    int fail(const Error &error, QJsonObject object = {});

private:
    Console &m_console;
    ParsedArgs m_args;
    QProcessEnvironment m_env;
    Endpoints m_endpoints;
    AppContext *m_app;
    bool m_scoped = false;
};

using CommandHandler = std::function<int(CommandContext &)>;

/// The headless command line: parses argv against the command table, reports a configuration
/// error of the environment (docs/protocol.md §9.2, resolved once by the caller) before any command
/// runs, and dispatches to the command, which calls the application services and prints.
class CliApp
{
public:
    /// \a endpoints as resolved from \a env; \a app is the process's services, built from both
    /// (null when the endpoints are invalid: then every command stops with that error).
    CliApp(Console &console, QProcessEnvironment env, Result<Endpoints> endpoints, AppContext *app);

    /// \a args without the program name and without a leading `--cli`.
    int run(QStringList args);

    /// Full help text (also the source of the man page's command list).
    static QString helpText();
    static QString commandHelp(const CommandSpec &spec);
    static QString versionText();

    /// True when argv (without the program name) asks for the headless mode (docs/cli.md §1).
    static bool wantsCli(const QStringList &args);

private:
    Result<ParsedArgs> parse(const QStringList &args, const CommandSpec &spec) const;
    int usageError(const QString &command, const QString &message, bool json);

    Console &m_console;
    QProcessEnvironment m_env;
    Result<Endpoints> m_endpoints;
    AppContext *m_app;
    QHash<QString, CommandHandler> m_handlers;
};

} // namespace cma::cli
