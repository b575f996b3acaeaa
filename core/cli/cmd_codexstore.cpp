// codex-store status, codex-store pin-file (docs/protocol.md §5.2).

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/integrationservice.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runCodexStore(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    IntegrationService integration(app);
    Result<CodexConfig> config = integration.codexConfig();
    if (!config)
        return ctx.fail(config.error());
    if (ctx.args().command == "codex-store status"_L1) {
        const QString blocker = config->switchBlocker(QString());
        const bool possible = blocker.isEmpty() || blocker.contains(u"forced_chatgpt_workspace_id"_s);
        QString text = u"Codex credential store: %1%2\n"_s.arg(config->storeSet ? config->store : u"unset (file)"_s,
                                                               config->exists ? QString() : u" (no config.toml)"_s);
        if (!config->profilesSettingStore.isEmpty())
            text += u"Profiles that set their own store: %1\n"_s.arg(config->profilesSettingStore.join(u", "_s));
        if (!config->forcedLoginMethod.isEmpty())
            text += u"forced_login_method: %1\n"_s.arg(config->forcedLoginMethod);
        if (!config->forcedWorkspaceIds.isEmpty())
            text += u"forced_chatgpt_workspace_id: %1\n"_s.arg(config->forcedWorkspaceIds.join(u", "_s));
        text += possible ? u"Switching works.\n"_s : u"Switching cannot work: %1\n"_s.arg(blocker);
        return ctx.succeed(text, {{u"mode"_s, config->storeSet ? config->store : u"unset"_s},
                                  {u"profiles"_s, QJsonArray::fromStringList(config->profilesSettingStore)},
                                  {u"forcedLoginMethod"_s, config->forcedLoginMethod.isEmpty()
                                                               ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(config->forcedLoginMethod)},
                                  {u"forcedWorkspaceIds"_s, QJsonArray::fromStringList(config->forcedWorkspaceIds)},
                                  {u"switchPossible"_s, possible},
                                  {u"reason"_s, possible ? QJsonValue(QJsonValue::Null) : QJsonValue(blocker)}});
    }
    Result<PinFileOutcome> done = integration.pinCodexToFile();
    if (!done)
        return ctx.fail(done.error());
    const QString auth = app.paths().displayPath(done->authPath);
    if (!done->changed)
        return ctx.succeed(u"Codex already keeps its credentials in %1."_s.arg(auth),
                           {{u"changed"_s, false}, {u"previousMode"_s, done->previousMode}});
    return ctx.succeed(u"Codex now keeps its credentials in %1."_s.arg(auth),
                       {{u"changed"_s, true}, {u"previousMode"_s, done->previousMode}});
}

} // namespace cma::cli
