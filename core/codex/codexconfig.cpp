#include "codexconfig.h"

#include "util/atomicfile.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

/// A TOML value we care about: a basic or literal string, or an array of them.
QStringList parseValue(const QString &raw)
{
    QString v = raw.trimmed();
    // Drop a trailing comment outside quotes.
    bool inBasic = false, inLiteral = false;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v[i];
        if (c == u'"' && !inLiteral && (i == 0 || v[i - 1] != u'\\'))
            inBasic = !inBasic;
        else if (c == u'\'' && !inBasic)
            inLiteral = !inLiteral;
        else if (c == u'#' && !inBasic && !inLiteral) {
            v = v.left(i).trimmed();
            break;
        }
    }
    QStringList out;
    static const QRegularExpression item(uR"re("((?:[^"\\]|\\.)*)"|'([^']*)')re"_s);
    if (v.startsWith(u'[')) {
        auto it = item.globalMatch(v);
        while (it.hasNext()) {
            const auto m = it.next();
            out.append(m.captured(1).isNull() ? m.captured(2) : m.captured(1));
        }
        return out;
    }
    const auto m = item.match(v);
    if (m.hasMatch() && m.capturedStart() == 0)
        out.append(m.captured(1).isNull() ? m.captured(2) : m.captured(1));
    else
        out.append(v);
    return out;
}

QPair<QString, QString> assignment(const QString &line)
{
    static const QRegularExpression re(uR"(^\s*("?)([A-Za-z0-9_.-]+)\1\s*=\s*(.*)$)"_s);
    const auto m = re.match(line);
    if (!m.hasMatch())
        return {};
    return {m.captured(2), m.captured(3)};
}

} // namespace

Result<CodexConfig> CodexConfig::read(const QString &path)
{
    Result<QByteArray> data = readWholeFile(path, 4 * 1024 * 1024);
    if (!data) {
        if (data.error().code == ErrorCode::NotFound)
            return CodexConfig{};
        return data.error();
    }
    Result<CodexConfig> c = parse(QString::fromUtf8(data.value()));
    if (c)
        c->exists = true;
    return c;
}

Result<CodexConfig> CodexConfig::parse(const QString &text)
{
    CodexConfig c;
    QString table;
    static const QRegularExpression header(uR"(^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$)"_s);
    for (const QString &line : text.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        if (const auto h = header.match(trimmed); h.hasMatch() && !trimmed.startsWith(u"[["_s)) {
            table = h.captured(1);
            continue;
        }
        const auto [key, value] = assignment(line);
        if (key.isEmpty())
            continue;
        if (table.isEmpty()) {
            const QStringList values = parseValue(value);
            if (key == "cli_auth_credentials_store"_L1) {
                c.store = values.value(0);
                c.storeSet = true;
            } else if (key == "forced_login_method"_L1) {
                c.forcedLoginMethod = values.value(0);
            } else if (key == "forced_chatgpt_workspace_id"_L1) {
                c.forcedWorkspaceIds = values;
            } else if (key == "profile"_L1) {
                c.profile = values.value(0);
            }
        } else if (table.startsWith(u"profiles."_s) && key == "cli_auth_credentials_store"_L1) {
            QString name = table.mid(9);
            if (name.startsWith(u'"'))
                name = name.mid(1).chopped(1);
            c.profilesSettingStore.append(name);
        }
    }
    return c;
}

QString CodexConfig::switchBlocker(const QString &accountId, bool onWindows) const
{
    if (store == "ephemeral"_L1)
        return u"Codex keeps its credentials in memory only (cli_auth_credentials_store = \"ephemeral\"), so a switch "
               "cannot reach it. Pin Codex to auth.json with: codex-multi-auth --cli codex-store pin-file"_s;
    if (onWindows && (store == "keyring"_L1 || store == "auto"_L1))
        return u"On Windows, Codex's keyring store cannot be written by other programs. Pin Codex to auth.json with: "
               "codex-multi-auth --cli codex-store pin-file"_s;
    if (store != "file"_L1 && store != "keyring"_L1 && store != "auto"_L1)
        return u"Codex's config.toml sets an unknown credential store \"%1\"; nothing was changed."_s.arg(store);
    if (forcedLoginMethod == "api"_L1)
        return u"Codex's config.toml sets forced_login_method = \"api\", so Codex signs ChatGPT accounts out at start."_s;
    if (!forcedWorkspaceIds.isEmpty() && !forcedWorkspaceIds.contains(accountId))
        return u"Codex's config.toml allows only the workspace(s) %1 (forced_chatgpt_workspace_id); Codex would sign "
               "this account out."_s.arg(forcedWorkspaceIds.join(u", "_s));
    return {};
}

QString CodexConfig::pinFile(const QString &text)
{
    const QString eol = text.contains(u"\r\n"_s) ? u"\r\n"_s : u"\n"_s;
    QStringList lines = text.split(eol);
    static const QRegularExpression header(uR"(^\s*\[)"_s);
    const QString wanted = u"cli_auth_credentials_store = \"file\""_s;
    int firstTable = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (header.match(lines[i]).hasMatch()) {
            firstTable = i;
            break;
        }
        if (assignment(lines[i]).first == "cli_auth_credentials_store"_L1) {
            lines[i] = wanted;
            return lines.join(eol);
        }
    }
    if (firstTable < 0) {
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.insert(lines.size() - 1, wanted);
        else
            lines.append(wanted);
        return lines.join(eol);
    }
    lines.insert(firstTable, QString());
    lines.insert(firstTable, wanted);
    return lines.join(eol);
}

} // namespace cma
