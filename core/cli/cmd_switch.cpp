#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexlivestore.h"
#include "codex/switchservice.h"
#include "refresh/refreshservice.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/timefmt.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runSwitch(CommandContext &ctx)
{
    if (ctx.args().positional.size() != 1)
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli switch <sel> [--no-pin]"_s));
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    Result<int> index = resolveSelector(loaded->pool, ctx.args().positional.first());
    if (!index)
        return ctx.fail(index.error());
    SwitchOptions options;
    options.pin = !ctx.args().has(u"--no-pin"_s);
    Result<SwitchResult> done = SwitchService(ctx.app()).switchTo(loaded->pool.accounts[index.value()], options);
    if (!done)
        return ctx.fail(done.error());
    for (const QString &n : std::as_const(done->notices))
        ctx.console().err() << "notice: " << n << "\n";
    const qint64 now = Clock::instance().nowMs();
    const int i = done->index;
    const Account &a = done->pool.accounts[i];
    const QString who =
        ctx.redact() ? accountText(done->pool, i, true) : a.email.value_or(accountText(done->pool, i, false));
    QString text = u"Switched to account %1: %2"_s.arg(i + 1).arg(accountText(done->pool, i, ctx.redact()));
    if (done->pinned)
        text += u" (pinned)"_s;
    if (done->reEnabled)
        text += u" (re-enabled)"_s;
    text += u"\n"_s;
    if (done->synced)
        text += u"Restart running Codex sessions to use %1.\n"_s.arg(who);
    else
        text += u"Codex sync is off: only the pool's selection changed.\n"_s;
    // The latest reading: its plan (as status reports it) and whether a window is used up.
    const AccountFacts facts = gatherFacts(ctx.app(), done->pool, /*checkSecrets=*/false).value(i);
    if (facts.quota) {
        for (const QuotaWindow *w : {&facts.quota->primary, &facts.quota->secondary}) {
            if (!w->usedPercent || *w->usedPercent < 100 || !w->resetAtMs || *w->resetAtMs <= now)
                continue;
            ctx.console().err()
                << ctx.paint(u"warning: account %1 has used up its %2 limit; it resets %3 (in %4)"_s.arg(i + 1).arg(
                                 windowLabel(w->windowMinutes.value_or(0)), formatClock(*w->resetAtMs, now),
                                 formatDuration(*w->resetAtMs - now)),
                             CommandContext::Paint::Warning)
                << "\n";
        }
    }
    return ctx.succeed(text, {{u"account"_s, accountObject(done->pool, i, facts, now, ctx.redact())},
                              {u"reEnabled"_s, done->reEnabled},
                              {u"pinned"_s, done->pinned},
                              {u"synced"_s, done->synced},
                              {u"affinityGeneration"_s, double(done->affinityGeneration)}});
}

int runRefresh(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const AccountPool pool = loaded->pool;
    QList<int> targets;
    if (!ctx.args().positional.isEmpty()) {
        Result<QList<int>> sel = resolveSelectors(pool, ctx.args().positional);
        if (!sel)
            return ctx.fail(sel.error());
        targets = sel.value();
    } else {
        const QJsonValue keepAlive = ctx.app().settings().value(u"desktop"_s, u"refreshDisabledAccounts"_s);
        const bool refreshDisabled = keepAlive.isBool() ? keepAlive.toBool() : true;
        for (int i = 0; i < pool.accounts.size(); ++i) {
            const Account &a = pool.accounts[i];
            if (a.isEnabled() ||
                (refreshDisabled && a.disabledReason.value_or(u"user"_s) == "user"_L1 && !a.authInvalidatedAt))
                targets.append(i);
        }
    }
    const bool ifNeeded = ctx.args().has(u"--if-needed"_s);
    RefreshService service(ctx.app());
    const qint64 now = Clock::instance().nowMs();
    QJsonArray results;
    QString text;
    bool anyFailed = false;
    int worstExit = 1;
    for (int i : std::as_const(targets)) {
        const Account &a = pool.accounts[i];
        const RefreshReport r = service.refresh(RefreshRequest{a, ifNeeded ? RefreshMode::IfDue : RefreshMode::Force,
                                                               ifNeeded ? u"proactive_expiry"_s : u"forced"_s, 900000});
        QJsonObject o = accountObject(pool, i, AccountFacts{}, now, ctx.redact());
        const QString label = accountText(pool, i, ctx.redact());
        QString outcome;
        switch (r.outcome) {
        case RefreshReport::Outcome::Refreshed: {
            outcome = u"refreshed"_s;
            const std::optional<qint64> exp = r.account.expiresAt;
            text += u"✓ %1 refreshed%2\n"_s.arg(label, exp ? u", expires "_s + formatClock(*exp, now) : QString());
            o.insert(u"expiresAt"_s, exp ? QJsonValue(double(*exp)) : QJsonValue(QJsonValue::Null));
            o.insert(u"error"_s, QJsonValue::Null);
            break;
        }
        case RefreshReport::Outcome::NotNeeded:
            outcome = u"not-needed"_s;
            text += u"- %1 not needed\n"_s.arg(label);
            o.insert(u"expiresAt"_s, a.expiresAt ? QJsonValue(double(*a.expiresAt)) : QJsonValue(QJsonValue::Null));
            o.insert(u"error"_s, QJsonValue::Null);
            break;
        case RefreshReport::Outcome::Failed: {
            outcome = u"failed"_s;
            anyFailed = true;
            QString message = r.message;
            if (r.permanent && !message.contains(u"re-login needed"_s))
                message += u" — re-login needed"_s;
            text += u"✗ %1 failed: %2\n"_s.arg(label, message);
            o.insert(u"expiresAt"_s, a.expiresAt ? QJsonValue(double(*a.expiresAt)) : QJsonValue(QJsonValue::Null));
            o.insert(u"error"_s,
                     QJsonObject{{u"status"_s, r.failure && r.failure->statusCode ? QJsonValue(*r.failure->statusCode)
                                                                                  : QJsonValue(QJsonValue::Null)},
                                 {u"code"_s, r.failure ? r.failure->errorCode : QString()},
                                 {u"message"_s, message}});
            if (r.errorCode == ErrorCode::SecretStoreUnavailable)
                worstExit = 4;
            else if (r.errorCode == ErrorCode::StorageBusy || r.errorCode == ErrorCode::StorageUnreadable)
                worstExit = std::max(worstExit, 5);
            break;
        }
        }
        o.insert(u"outcome"_s, outcome);
        results.append(o);
    }
    QJsonObject json{{u"results"_s, results}};
    if (anyFailed) {
        if (!ctx.json())
            ctx.console().out() << text;
        const ErrorCode code = worstExit == 4   ? ErrorCode::SecretStoreUnavailable
                               : worstExit == 5 ? ErrorCode::StorageBusy
                                                : ErrorCode::Auth;
        return ctx.fail(makeError(code, u"some accounts could not be refreshed"_s), json);
    }
    return ctx.succeed(text, json);
}

int runCodexStore(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    CodexLiveStore live(app.paths().codexHome, app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
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
        QJsonArray profiles, ids;
        for (const QString &p : config->profilesSettingStore)
            profiles.append(p);
        for (const QString &id : config->forcedWorkspaceIds)
            ids.append(id);
        return ctx.succeed(text, {{u"mode"_s, config->storeSet ? config->store : u"unset"_s},
                                  {u"profiles"_s, profiles},
                                  {u"forcedLoginMethod"_s, config->forcedLoginMethod.isEmpty()
                                                               ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(config->forcedLoginMethod)},
                                  {u"forcedWorkspaceIds"_s, ids},
                                  {u"switchPossible"_s, possible},
                                  {u"reason"_s, possible ? QJsonValue(QJsonValue::Null) : QJsonValue(blocker)}});
    }
    // pin-file: first make auth.json hold the live account, then edit config.toml.
    const QString previous = config->storeSet ? config->store : u"file"_s;
    if (config->storeSet && config->store == "file"_L1)
        return ctx.succeed(
            u"Codex already keeps its credentials in %1."_s.arg(app.paths().displayPath(live.authPath())),
            {{u"changed"_s, false}, {u"previousMode"_s, previous}});
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current)
        return ctx.fail(current.error());
    if (current.value() && (*current)->isChatGpt()) {
        const CodexAuth &c = **current;
        CodexConfig fileMode = config.value();
        fileMode.store = u"file"_s;
        if (Status s = live.writeLive(
                LiveCredentials{c.idToken, c.accessToken, c.refreshToken, c.accountId, c.lastRefreshMs.value_or(0)},
                fileMode);
            !s)
            return ctx.fail(s.error());
    }
    Result<QByteArray> text = readWholeFile(live.configPath());
    const QString original = text ? QString::fromUtf8(text.value()) : QString();
    if (Status s = writeFileAtomically(live.configPath(), CodexConfig::pinFile(original).toUtf8(), 0600); !s)
        return ctx.fail(s.error());
    return ctx.succeed(u"Codex now keeps its credentials in %1."_s.arg(app.paths().displayPath(live.authPath())),
                       {{u"changed"_s, true}, {u"previousMode"_s, previous}});
}

} // namespace cma::cli
