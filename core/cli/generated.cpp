#include "generated.h"

#include "cli/commandtable.h"

#include <QMap>
#include <QSet>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

/// Subcommands by first word: "account" → {tag, untag, …}; "" → first words.
QMap<QString, QStringList> tree()
{
    QMap<QString, QStringList> t;
    for (const CommandSpec &spec : commandTable()) {
        const QStringList words = spec.name.split(u' ');
        QString prefix;
        for (const QString &w : words) {
            if (!t[prefix].contains(w))
                t[prefix].append(w);
            prefix = prefix.isEmpty() ? w : prefix + u' ' + w;
        }
        for (const QString &alias : spec.aliases)
            if (!t[QString()].contains(alias))
                t[QString()].append(alias);
    }
    return t;
}

QStringList optionsOf(const CommandSpec &spec)
{
    QStringList out;
    for (const OptionSpec &o : spec.options + globalOptions()) {
        out.append(o.name);
        if (!o.shortName.isEmpty())
            out.append(o.shortName);
    }
    return out;
}

QString manEscape(QString s)
{
    s.replace(u'\\', u"\\e"_s);
    s.replace(u'-', u"\\-"_s);
    return s;
}

} // namespace

/// The arms of a shell `case` over the typed command path: one per path of the tree (its
/// subcommands and options), then a prefix arm for each leaf command (its options, whatever
/// follows). \a arm has %1 for the path, %2 for the words, %3 for `*` on prefix arms.
static QString caseArms(const QString &arm)
{
    QString s;
    const QMap<QString, QStringList> t = tree();
    for (auto it = t.begin(); it != t.end(); ++it) {
        QStringList words = it.value();
        if (const CommandSpec *spec = findCommand(it.key()))
            words += optionsOf(*spec);
        s += arm.arg(it.key(), words.join(u' '), QString());
    }
    for (const CommandSpec &spec : commandTable()) {
        if (!t.contains(spec.name))
            s += arm.arg(spec.name, optionsOf(spec).join(u' '), u"*"_s);
    }
    return s;
}

QString bashCompletion()
{
    QString s = u"# bash completion for codex-multi-auth (generated from its command table)\n"
                "_codex_multi_auth() {\n"
                "  local cur words cword\n"
                "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
                "  local i=1\n"
                "  [[ \"${COMP_WORDS[1]}\" == --cli ]] && i=2\n"
                "  local path=\"\"\n"
                "  while (( i < COMP_CWORD )); do\n"
                "    [[ \"${COMP_WORDS[i]}\" == -* ]] && break\n"
                "    path=\"${path:+$path }${COMP_WORDS[i]}\"\n"
                "    (( i++ ))\n"
                "  done\n"
                "  case \"$path\" in\n"_s;
    s += caseArms(u"    \"%1\"%3) COMPREPLY=( $(compgen -W \"%2\" -- \"$cur\") ) ;;\n"_s);
    s += u"    *) COMPREPLY=() ;;\n  esac\n}\ncomplete -F _codex_multi_auth codex-multi-auth\n"_s;
    return s;
}

QString zshCompletion()
{
    QString s = u"#compdef codex-multi-auth\n# zsh completion for codex-multi-auth (generated from its command table)\n"
                "_codex_multi_auth() {\n"
                "  local -a words_after\n"
                "  local path=\"\" w\n"
                "  for w in ${words[2,CURRENT-1]}; do\n"
                "    [[ $w == --cli ]] && continue\n"
                "    [[ $w == -* ]] && break\n"
                "    path=\"${path:+$path }$w\"\n"
                "  done\n"
                "  case \"$path\" in\n"_s;
    s += caseArms(u"    \"%1\"%3) compadd -- %2 ;;\n"_s);
    s += u"  esac\n}\ncompdef _codex_multi_auth codex-multi-auth\n"_s;
    return s;
}

QString fishCompletion()
{
    QString s = u"# fish completion for codex-multi-auth (generated from its command table)\n"
                "complete -c codex-multi-auth -f\n"
                "complete -c codex-multi-auth -l cli -d 'run a command without the tray'\n"_s;
    const QMap<QString, QStringList> t = tree();
    for (const QString &first : t.value(QString())) {
        const CommandSpec *spec = findCommand(first);
        const QString summary = spec ? spec->summary : u"%1 subcommands"_s.arg(first);
        s += u"complete -c codex-multi-auth -n __fish_use_subcommand -a '%1' -d '%2'\n"_s.arg(
            first, QString(summary).replace(u'\'', u"\\'"_s));
    }
    for (auto it = t.begin(); it != t.end(); ++it) {
        if (it.key().isEmpty() || it.key().contains(u' '))
            continue;
        for (const QString &sub : it.value())
            s += u"complete -c codex-multi-auth -n '__fish_seen_subcommand_from %1' -a '%2'\n"_s.arg(it.key(), sub);
    }
    for (const CommandSpec &spec : commandTable()) {
        const QString first = spec.name.section(u' ', 0, 0);
        for (const OptionSpec &o : spec.options) {
            QString line =
                u"complete -c codex-multi-auth -n '__fish_seen_subcommand_from %1' -l %2"_s.arg(first, o.name.mid(2));
            if (!o.shortName.isEmpty())
                line += u" -s "_s + o.shortName.mid(1);
            if (!o.valueName.isEmpty())
                line += u" -r"_s;
            s += line + u" -d '%1'\n"_s.arg(QString(o.help).replace(u'\'', u"\\'"_s));
        }
    }
    for (const OptionSpec &o : globalOptions())
        s += u"complete -c codex-multi-auth -l %1 -d '%2'\n"_s.arg(o.name.mid(2),
                                                                   QString(o.help).replace(u'\'', u"\\'"_s));
    return s;
}

QString manPage()
{
    QString s =
        u".TH CODEX-MULTI-AUTH 1 \"\" \"codex-multi-auth %1\" \"User Commands\"\n"
        ".SH NAME\ncodex\\-multi\\-auth \\- manage several ChatGPT (Codex) accounts for the official Codex CLI\n"
        ".SH SYNOPSIS\n.B codex\\-multi\\-auth\n[\\fB\\-\\-minimized\\fR]\n.br\n"
        ".B codex\\-multi\\-auth \\-\\-cli\n\\fIcommand\\fR [\\fIoptions\\fR]\n"
        ".SH DESCRIPTION\nWithout arguments it starts the tray app. With \\fB\\-\\-cli\\fR (implied when the first "
        "argument "
        "is a command name) it runs one command and exits. Installed under the name \\fBcodex\\fR, it handles "
        "\\fBcodex auth\\fR and forwards everything else to the official Codex CLI.\n"
        ".SH COMMANDS\n"_s.arg(QStringLiteral(CMA_VERSION));
    for (const CommandSpec &spec : commandTable()) {
        s += u".TP\n.B %1"_s.arg(manEscape(spec.name));
        if (!spec.synopsis.isEmpty())
            s += u" "_s + manEscape(spec.synopsis);
        s += u"\n"_s + manEscape(spec.summary) + u".\n"_s;
        if (!spec.aliases.isEmpty())
            s += u"Alias: %1.\n"_s.arg(manEscape(spec.aliases.join(u", "_s)));
        for (const OptionSpec &o : spec.options)
            s += u".br\n\\fB%1\\fR%2 \\- %3\n"_s.arg(
                manEscape(o.name), o.valueName.isEmpty() ? QString() : u" "_s + manEscape(o.valueName),
                manEscape(o.help));
    }
    s += u".SH GLOBAL OPTIONS\n"_s;
    for (const OptionSpec &o : globalOptions())
        s += u".TP\n.B %1%2\n%3.\n"_s.arg(
            manEscape(o.name), o.shortName.isEmpty() ? QString() : u", "_s + manEscape(o.shortName), manEscape(o.help));
    s += u".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nfailure\n.TP\n2\nusage error\n.TP\n3\nno usable account\n.TP\n4\n"
         "secret store unavailable\n.TP\n5\nstorage busy or unreadable\n.TP\n127\nshim: the official Codex CLI was not "
         "found\n"
         ".TP\n130\ncancelled\n"
         ".SH ENVIRONMENT\n.TP\n.B CODEX_HOME\nthe Codex CLI's folder\n.TP\n.B CODEX_MULTI_AUTH_DIR\nwhere the account "
         "pool is kept\n"
         ".SH FILES\n.TP\n.I ~/.codex/multi-auth/openai-codex-accounts.json\nthe account pool\n"_s;
    return s;
}

} // namespace cma::cli
