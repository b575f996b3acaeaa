#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace cma::cli {

/// One option of a command.
struct OptionSpec
{
    QString name;      ///< "--json"
    QString shortName; ///< "-j" or empty
    QString valueName; ///< non-empty when the option takes a value ("<path>")
    QString help;
};

/// One command as the parser, `--help`, the shell completions and the man page see it: the single
/// table all four are generated from, so they cannot drift apart.
struct CommandSpec
{
    QString name;        ///< "status", "account tag", "debug bundle"
    QStringList aliases; ///< "list"
    QString synopsis;    ///< arguments after the name
    QString summary;     ///< one line
    QList<OptionSpec> options;
};

/// Options every command accepts (docs/cli.md §5).
const QList<OptionSpec> &globalOptions();

/// Every command, in the order `--help` lists them.
const QList<CommandSpec> &commandTable();

/// The spec whose name (or alias) is \a name; nullptr if none. Multi-word names ("account tag")
/// are matched on their first word by firstWords().
const CommandSpec *findCommand(const QString &name);

/// Distinct first words of every command ("account", "debug", "status", …), for argv sniffing.
QStringList commandWords();

} // namespace cma::cli
