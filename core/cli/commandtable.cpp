#include "commandtable.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {
OptionSpec opt(const QString &name, const QString &help, const QString &value = {}, const QString &shortName = {})
{
    return OptionSpec{name, shortName, value, help};
}
} // namespace

const QList<OptionSpec> &globalOptions()
{
    static const QList<OptionSpec> options = {
        opt(u"--json"_s, u"print exactly one JSON object on stdout"_s, {}, u"-j"_s),
        opt(u"--redact"_s, u"mask emails and account ids"_s),
        opt(u"--no-color"_s, u"no colour in text output"_s),
        opt(u"--project"_s, u"use the project pool of a directory"_s, u"<dir>"_s),
        opt(u"--help"_s, u"help for this command"_s, {}, u"-h"_s),
    };
    return options;
}

const QList<CommandSpec> &commandTable()
{
    static const QList<CommandSpec> table = {
        {u"login"_s,
         {},
         u"[--device-auth | --manual | --no-browser] [--org <id>] [--activate | --no-activate]"_s,
         u"sign in to a ChatGPT account and add it to the pool"_s,
         {opt(u"--device-auth"_s, u"sign in with a device code"_s),
          opt(u"--manual"_s, u"do not open a browser; paste the redirect URL"_s),
          opt(u"--no-browser"_s, u"same as --manual"_s), opt(u"--org"_s, u"bind to this workspace id"_s, u"<id>"_s),
          opt(u"--activate"_s, u"make the new account Codex's account"_s),
          opt(u"--no-activate"_s, u"never switch Codex to it"_s)}},
        {u"status"_s, {u"list"_s}, {}, u"list the accounts with their quota and markers"_s, {}},
        {u"quota"_s,
         {},
         u"[<sel>…] [--refresh]"_s,
         u"show quota per account"_s,
         {opt(u"--refresh"_s, u"read the usage endpoint first"_s)}},
        {u"switch"_s,
         {},
         u"<sel> [--no-pin]"_s,
         u"make an account Codex's current account"_s,
         {opt(u"--no-pin"_s, u"do not pin the account"_s)}},
        {u"unpin"_s, {}, {}, u"clear the pinned account"_s, {}},
        {u"best"_s,
         {},
         u"[--live] [--model <model>] [--dry-run]"_s,
         u"switch to the recommended account"_s,
         {opt(u"--live"_s, u"read fresh quota first"_s, {}, u"-l"_s),
          opt(u"--model"_s, u"evaluate this model"_s, u"<model>"_s, u"-m"_s),
          opt(u"--dry-run"_s, u"only report"_s, {}, u"-n"_s)}},
        {u"forecast"_s,
         {},
         u"[--live] [--model <model>] [--explain] [--no-runtime-overlay]"_s,
         u"rank the accounts and show the pool runway"_s,
         {opt(u"--live"_s, u"read fresh quota first"_s, {}, u"-l"_s),
          opt(u"--model"_s, u"evaluate this model"_s, u"<model>"_s, u"-m"_s),
          opt(u"--explain"_s, u"show every reason"_s),
          opt(u"--no-runtime-overlay"_s, u"ignore the runtime proxy's observations"_s)}},
        {u"report"_s,
         {},
         u"[--live] [--explain] [--model <m>] [--max-accounts N] [--max-probes N] [--cached-only] [--out <path>]"_s,
         u"write a full health and forecast report"_s,
         {opt(u"--live"_s, u"read fresh quota first"_s), opt(u"--explain"_s, u"show every reason"_s),
          opt(u"--model"_s, u"evaluate this model"_s, u"<model>"_s),
          opt(u"--max-accounts"_s, u"bound the live readings"_s, u"N"_s),
          opt(u"--max-probes"_s, u"bound the live readings"_s, u"N"_s), opt(u"--cached-only"_s, u"no live readings"_s),
          opt(u"--out"_s, u"also write the JSON to a file"_s, u"<path>"_s)}},
        {u"check"_s,
         {},
         u"[<sel>…] [--no-probe]"_s,
         u"verify every account's sign-in and quota"_s,
         {opt(u"--no-probe"_s, u"skip the live usage reading"_s)}},
        {u"refresh"_s,
         {},
         u"[<sel>…] [--if-needed]"_s,
         u"refresh tokens now"_s,
         {opt(u"--if-needed"_s, u"only tokens inside the refresh lead time"_s)}},
        {u"fix"_s,
         {},
         u"[--dry-run] [--live] [--model <m>]"_s,
         u"refresh or disable broken accounts"_s,
         {opt(u"--dry-run"_s, u"only report"_s, {}, u"-n"_s),
          opt(u"--live"_s, u"read fresh quota first"_s, {}, u"-l"_s),
          opt(u"--model"_s, u"evaluate this model"_s, u"<model>"_s, u"-m"_s)}},
        {u"doctor"_s,
         {},
         u"[--fix [--dry-run]]"_s,
         u"diagnose storage, secrets and Codex files"_s,
         {opt(u"--fix"_s, u"apply safe repairs"_s), opt(u"--dry-run"_s, u"show the repairs only"_s, {}, u"-n"_s)}},
        {u"verify-flagged"_s,
         {},
         u"[--dry-run] [--no-restore]"_s,
         u"re-check flagged accounts and restore healthy ones"_s,
         {opt(u"--dry-run"_s, u"only report"_s, {}, u"-n"_s), opt(u"--no-restore"_s, u"do not move accounts back"_s)}},
        {u"remove"_s,
         {},
         u"<sel>… [--revoke] [--no-switch] [--yes] | --all [--yes]"_s,
         u"remove accounts from the pool"_s,
         {opt(u"--revoke"_s, u"also sign the login out at OpenAI"_s),
          opt(u"--no-switch"_s, u"do not switch Codex away"_s), opt(u"--all"_s, u"delete every account"_s),
          opt(u"--yes"_s, u"do not ask for confirmation"_s)}},
        {u"export"_s,
         {},
         u"(<path> | --name <name>) [--format encrypted|reference] [--passphrase-file <file>] [--force] [--yes]"_s,
         u"export the pool, encrypted by default"_s,
         {opt(u"--name"_s, u"write a named backup"_s, u"<name>"_s),
          opt(u"--format"_s, u"encrypted or reference"_s, u"<format>"_s),
          opt(u"--passphrase-file"_s, u"read the passphrase from a file"_s, u"<file>"_s),
          opt(u"--force"_s, u"overwrite an existing file"_s), opt(u"--yes"_s, u"confirm a plaintext export"_s)}},
        {u"import"_s,
         {},
         u"<path> [--passphrase-file <file>] [--dry-run] | --from-codex [--dry-run]"_s,
         u"merge accounts from an export, a pool file or Codex's auth.json"_s,
         {opt(u"--passphrase-file"_s, u"read the passphrase from a file"_s, u"<file>"_s),
          opt(u"--from-codex"_s, u"import the account in Codex's auth.json"_s), opt(u"--dry-run"_s, u"only report"_s)}},
        {u"secrets status"_s, {}, {}, u"show where tokens are kept"_s, {}},
        {u"secrets use"_s, {}, u"keychain|file"_s, u"move every token into the keychain or into the file"_s, {}},
        {u"codex-store status"_s, {}, {}, u"show Codex's credential store mode"_s, {}},
        {u"codex-store pin-file"_s, {}, {}, u"make Codex keep its credentials in auth.json"_s, {}},
        {u"workspace"_s, {}, u"<sel> [<n>]"_s, u"list an account's workspaces or choose one"_s, {}},
        {u"account tag"_s, {}, u"<sel> <tag>"_s, u"add a tag"_s, {}},
        {u"account untag"_s, {}, u"<sel> <tag>"_s, u"remove a tag"_s, {}},
        {u"account note"_s, {}, u"<sel> <text>"_s, u"set or clear a note"_s, {}},
        {u"account weight"_s, {}, u"<sel> <0..10>"_s, u"set the routing weight"_s, {}},
        {u"account pause"_s, {}, u"<sel>"_s, u"never recommend this account"_s, {}},
        {u"account unpause"_s, {}, u"<sel>"_s, u"recommend this account again"_s, {}},
        {u"account drain"_s, {}, u"<sel>"_s, u"let this account run out without new work"_s, {}},
        {u"account undrain"_s, {}, u"<sel>"_s, u"end draining"_s, {}},
        {u"account enable"_s, {}, u"<sel>"_s, u"enable an account"_s, {}},
        {u"account disable"_s, {}, u"<sel>"_s, u"disable an account"_s, {}},
        {u"account policy list"_s, {}, {}, u"list every account policy"_s, {}},
        {u"config explain"_s, {}, {}, u"list every setting with its value and source"_s, {}},
        {u"config get"_s, {}, u"<key>"_s, u"print one setting"_s, {}},
        {u"config set"_s, {}, u"<key> <value>"_s, u"change one setting"_s, {}},
        {u"config reset"_s, {}, u"<key>"_s, u"restore a setting's default"_s, {}},
        {u"debug bundle"_s,
         {},
         u"[--out <path>]"_s,
         u"a redacted diagnostic report"_s,
         {opt(u"--out"_s, u"write it to a file"_s, u"<path>"_s)}},
        {u"rotation reset-rate-limits"_s,
         {},
         u"[--all | --account <sel>] [--dry-run]"_s,
         u"clear stored rate limits"_s,
         {opt(u"--all"_s, u"every account"_s), opt(u"--account"_s, u"one account"_s, u"<sel>"_s),
          opt(u"--dry-run"_s, u"only report"_s)}},
        {u"shim status"_s, {}, {}, u"show whether the `codex` shim is installed"_s, {}},
        {u"shim install"_s,
         {},
         u"[--dir <dir>]"_s,
         u"install the `codex` shim"_s,
         {opt(u"--dir"_s, u"install into this directory"_s, u"<dir>"_s)}},
        {u"shim remove"_s, {}, {}, u"remove the `codex` shim"_s, {}},
        {u"uninstall"_s,
         {},
         u"[--dry-run] [--clear-accounts] [--yes]"_s,
         u"remove what this product added outside its storage"_s,
         {opt(u"--dry-run"_s, u"only report"_s), opt(u"--clear-accounts"_s, u"also delete every account"_s),
          opt(u"--yes"_s, u"do not ask for confirmation"_s)}},
        {u"help"_s, {}, u"[<command>]"_s, u"show help"_s, {}},
        {u"version"_s, {}, {}, u"print the version"_s, {}},
    };
    return table;
}

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &spec : commandTable()) {
        if (spec.name == name || spec.aliases.contains(name))
            return &spec;
    }
    return nullptr;
}

QStringList commandWords()
{
    QStringList words;
    QSet<QString> seen;
    for (const CommandSpec &spec : commandTable()) {
        QStringList names = spec.aliases;
        names.prepend(spec.name.section(u' ', 0, 0));
        for (const QString &n : std::as_const(names)) {
            if (!seen.contains(n)) {
                seen.insert(n);
                words.append(n);
            }
        }
    }
    return words;
}

} // namespace cma::cli
