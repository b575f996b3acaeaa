// workspace <sel> [<n>]: list an account's workspaces, or act as another one.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"
#include "util/clock.h"
#include "util/redact.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runWorkspace(CommandContext &ctx)
{
    const QStringList &pos = ctx.args().positional;
    if (pos.isEmpty() || pos.size() > 2)
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli workspace <sel> [<n>]"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    Result<int> index = resolveSelector(loaded->pool, pos.first());
    if (!index)
        return ctx.fail(index.error());
    WorkspaceOutcome outcome{AccountService::workspacesOf(loaded->pool.accounts[index.value()]), false};
    if (pos.size() == 2) {
        bool ok = false;
        const int n = pos.at(1).toInt(&ok);
        Result<WorkspaceOutcome> done =
            AccountService(ctx.app()).selectWorkspace(loaded->pool, index.value(), ok ? n : 0);
        if (!done)
            return ctx.fail(done.error());
        outcome = done.value();
    }
    const QList<Workspace> &spaces = outcome.workspaces.spaces;
    const int current = outcome.workspaces.current;
    QJsonArray list;
    QString text;
    for (int k = 0; k < spaces.size(); ++k) {
        const Workspace &w = spaces[k];
        text += u"%1 %2. [%3] id:%4%5\n"_s.arg(k == current ? u"*"_s : u"-"_s)
                    .arg(k + 1)
                    .arg(w.name.value_or(u"workspace"_s), w.id.right(6),
                         k == current ? u" (active)"_s
                         : !w.enabled ? u" (disabled)"_s
                                      : QString());
        list.append(QJsonObject{{u"number"_s, k + 1},
                                {u"id"_s, ctx.redact() ? maskAccountId(w.id) : w.id},
                                {u"name"_s, w.name ? QJsonValue(*w.name) : QJsonValue(QJsonValue::Null)},
                                {u"enabled"_s, w.enabled},
                                {u"isDefault"_s, w.isDefault.value_or(false)},
                                {u"current"_s, k == current}});
    }
    return ctx.succeed(text, {{u"account"_s, accountObject(loaded->pool, index.value(), AccountFacts{},
                                                           Clock::instance().nowMs(), ctx.redact())},
                              {u"workspaces"_s, list},
                              {u"changed"_s, outcome.changed}});
}

} // namespace cma::cli
