// config, debug bundle, workspace, uninstall, rotation reset-rate-limits, report, verify-flagged.

#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "codex/codexauth.h"
#include "codex/codexshim.h"
#include "quota/runway.h"
#include "refresh/refreshservice.h"
#include "settings/settingkeys.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/redact.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace cma::cli {

int runConfig(CommandContext &ctx)
{
    const QString verb = ctx.args().command.section(u' ', 1);
    SettingsStore &settings = ctx.app().settings();
    if (verb == "explain"_L1) {
        QJsonArray list;
        QString text;
        for (const SettingKey &k : settingKeys()) {
            const EffectiveSetting e = effectiveSetting(k, settings, ctx.env());
            list.append(QJsonObject{
                {u"key"_s, k.fullName()},
                {u"value"_s, e.value},
                {u"default"_s, k.defaultValue},
                {u"source"_s, e.source},
                {u"env"_s, k.environment.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(k.environment)},
                {u"fileValue"_s, e.fileValue}});
            text += u"%1 = %2 (%3)\n"_s.arg(k.fullName(), QString::fromUtf8(toJsonCompact(e.value)), e.source);
        }
        return ctx.succeed(text, {{u"settings"_s, list}});
    }
    const QStringList &pos = ctx.args().positional;
    if (pos.isEmpty() || (verb == "set"_L1 && pos.size() != 2) || (verb != "set"_L1 && pos.size() != 1))
        return ctx.fail(makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli config %1 <key>%2"_s.arg(
                                                        verb, verb == "set"_L1 ? u" <value>"_s : QString())));
    const SettingKey *key = findSettingKey(pos.first());
    if (!key)
        return ctx.fail(
            makeError(ErrorCode::Usage,
                      u"unknown setting %1 (codex-multi-auth --cli config explain lists them)"_s.arg(pos.first())));
    if (verb != "get"_L1 && !key->writableByConfig)
        return ctx.fail(
            makeError(ErrorCode::Usage,
                      u"%1 is changed with codex-multi-auth --cli secrets use keychain|file"_s.arg(key->fullName())));
    if (verb == "set"_L1) {
        QString error;
        std::optional<QJsonValue> value = parseSettingValue(*key, pos.at(1), &error);
        if (!value)
            return ctx.fail(makeError(ErrorCode::Usage, error));
        if (Status s = settings.setValue(key->section, key->key, *value); !s)
            return ctx.fail(s.error());
    } else if (verb == "reset"_L1) {
        if (Status s = settings.removeValue(key->section, key->key); !s)
            return ctx.fail(s.error());
    }
    const EffectiveSetting e = effectiveSetting(*key, settings, ctx.env());
    if (e.source == "env"_L1 && verb != "get"_L1)
        ctx.console().err() << "note: " << key->environment << " overrides this setting in this environment\n";
    return ctx.succeed(u"%1 = %2 (%3)"_s.arg(key->fullName(), QString::fromUtf8(toJsonCompact(e.value)), e.source),
                       {{u"key"_s, key->fullName()}, {u"value"_s, e.value}, {u"source"_s, e.source}});
}

int runDebugBundle(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    Result<LoadedPool> loaded = app.repository().load();
    const AccountPool pool = loaded ? loaded->pool : AccountPool{};
    int enabled = 0;
    for (const Account &a : pool.accounts)
        enabled += a.isEnabled();
    QJsonObject codexCli{{u"path"_s, app.paths().displayPath(app.paths().codexAuthPath())}};
    if (Result<CodexAuth> live = CodexAuth::readFile(app.paths().codexAuthPath())) {
        const TokenIdentity who = TokenIdentity::fromTokens(live->idToken, live->accessToken);
        codexCli.insert(u"accountCount"_s, 1);
        codexCli.insert(u"activeEmail"_s, maskEmail(who.email));
        codexCli.insert(u"activeAccountId"_s, maskAccountId(live->accountId));
        codexCli.insert(u"sourceUpdatedAtMs"_s,
                        live->lastRefreshMs ? QJsonValue(double(*live->lastRefreshMs)) : QJsonValue(QJsonValue::Null));
    } else {
        codexCli.insert(u"accountCount"_s, 0);
    }
    codexCli.insert(u"syncVersion"_s, QJsonValue::Null);
    QJsonObject config;
    for (const SettingKey &k : settingKeys())
        config.insert(k.fullName(), effectiveSetting(k, app.settings(), ctx.env()).value);
    const bool reachable = app.repository().keychain() && app.repository().keychain()->probe().ok();
    int flagged = 0;
    if (Result<LoadedPool> f = PoolStore(app.paths().flaggedPath(), PoolStore::Kind::Flagged).load())
        flagged = int(f->pool.accounts.size());
    const QFileInfo poolInfo(app.repository().store().path());
    const QJsonObject bundle{
        {u"generatedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"storagePath"_s, app.paths().displayPath(app.repository().store().path())},
        {u"lastAccountsSaveTimestamp"_s, poolInfo.exists()
                                             ? QJsonValue(double(poolInfo.lastModified().toMSecsSinceEpoch()))
                                             : QJsonValue(QJsonValue::Null)},
        {u"config"_s, config},
        {u"accounts"_s, QJsonObject{{u"total"_s, pool.accounts.size()},
                                    {u"enabled"_s, enabled},
                                    {u"activeIndex"_s, pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                               : QJsonValue(pool.currentIndex())}}},
        {u"flaggedAccounts"_s, QJsonObject{{u"total"_s, flagged}}},
        {u"codexCli"_s, codexCli},
        {u"app"_s, QJsonObject{{u"version"_s, QStringLiteral(CMA_VERSION)},
                               {u"qtVersion"_s, QString::fromLatin1(qVersion())},
                               {u"os"_s, QSysInfo::prettyProductName()}}},
        {u"secretStorage"_s,
         QJsonObject{{u"mode"_s, secretModeName(app.repository().mode())}, {u"reachable"_s, reachable}}},
        {u"locks"_s, QJsonObject{{u"pool"_s, app.paths().displayPath(app.repository().store().lockPath())}}},
        {u"storageHealth"_s, loaded ? storageHealthName(loaded->health) : u"unreadable"_s},
    };
    // Belt and braces: nothing secret-looking survives.
    const QByteArray text = redactSecrets(QString::fromUtf8(toJsonIndented(bundle, {u"generatedAt"_s}))).toUtf8();
    if (ctx.args().has(u"--out"_s)) {
        const QString out = QFileInfo(ctx.args().value(u"--out"_s)).absoluteFilePath();
        if (Status s = writeFileAtomically(out, text + "\n", 0600); !s)
            return ctx.fail(s.error());
        return ctx.succeed(u"Wrote the debug bundle to %1."_s.arg(out),
                           {{u"path"_s, out}, {u"bundle"_s, QJsonDocument::fromJson(text).object()}});
    }
    return ctx.succeed(QString::fromUtf8(text), {{u"bundle"_s, QJsonDocument::fromJson(text).object()}});
}

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
    Account a = loaded->pool.accounts[index.value()];
    QList<Workspace> spaces = a.workspaces.value_or(QList<Workspace>{});
    if (spaces.isEmpty() && a.accountId)
        spaces.append(Workspace{*a.accountId, a.accountLabel, true, std::nullopt, true, {}});
    int current = int(a.currentWorkspaceIndex.value_or(0));
    bool changed = false;
    if (pos.size() == 2) {
        bool ok = false;
        const int n = pos.at(1).toInt(&ok);
        if (!ok || n < 1 || n > spaces.size())
            return ctx.fail(makeError(ErrorCode::Usage, u"workspace number must be 1 to %1"_s.arg(spaces.size())));
        const Workspace target = spaces[n - 1];
        if (!target.enabled)
            return ctx.fail(makeError(ErrorCode::Auth, u"workspace %1 is disabled"_s.arg(n)));
        Account probe = a;
        probe.accountId = target.id;
        for (int i = 0; i < loaded->pool.accounts.size(); ++i) {
            const Account &other = loaded->pool.accounts[i];
            if (i != index.value() && other.accountIdKey() == target.id && other.emailKey() == a.emailKey())
                return ctx.fail(
                    makeError(ErrorCode::Auth, u"account %1 already holds that workspace for this login"_s.arg(i + 1)));
        }
        Result<LoadedPool> saved = ctx.app().repository(true).update([&](AccountPool &p) -> Status {
            const int i = findMatchingAccount(p.accounts, a, true);
            if (i < 0)
                return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
            p.accounts[i].workspaces = spaces;
            p.accounts[i].currentWorkspaceIndex = n - 1;
            p.accounts[i].accountId = target.id;
            p.accounts[i].accountIdSource = u"org"_s;
            return success();
        });
        if (!saved)
            return ctx.fail(saved.error());
        changed = current != n - 1;
        current = n - 1;
    }
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
                              {u"changed"_s, changed}});
}

int runUninstall(CommandContext &ctx)
{
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    const bool clear = ctx.args().has(u"--clear-accounts"_s);
    if (!dryRun) {
        if (Status s =
                confirm(ctx, clear ? u"Remove the autostart entry and the codex shim, and delete every account?"_s
                                   : u"Remove the autostart entry and the codex shim?"_s);
            !s)
            return ctx.fail(s.error());
    }
    QJsonArray removed, warnings;
    const QString autostart = ctx.env().value(u"XDG_CONFIG_HOME"_s, ctx.env().value(u"HOME"_s) + u"/.config"_s) +
                              u"/autostart/codex-multi-auth.desktop"_s;
    if (QFileInfo::exists(autostart)) {
        if (dryRun || QFile::remove(autostart))
            removed.append(autostart);
        else
            warnings.append(u"could not remove %1"_s.arg(autostart));
    }
    const QString shim = CodexShim::defaultShimDir(ctx.env()) + u"/codex"_s;
    const QFileInfo shimInfo(shim);
    if (shimInfo.isSymLink() && QFileInfo(shimInfo.symLinkTarget()).fileName().startsWith(u"codex-multi-auth"_s)) {
        if (dryRun || QFile::remove(shim))
            removed.append(shim);
        else
            warnings.append(u"could not remove %1"_s.arg(shim));
    }
    if (clear) {
        if (dryRun)
            removed.append(ctx.app().repository().store().path());
        else if (Status s = ctx.app().repository(true).clearAll(); s)
            removed.append(ctx.app().repository().store().path());
        else
            warnings.append(s.error().message);
    }
    QString text = removed.isEmpty() ? u"Nothing to remove.\n"_s : QString();
    for (const QJsonValue &r : std::as_const(removed))
        text += (dryRun ? u"Would remove "_s : u"Removed "_s) + r.toString() + u'\n';
    text += u"Shared files (settings, policies, quota cache) stay for the Node version."_s;
    const QJsonObject json{{u"dryRun"_s, dryRun}, {u"removed"_s, removed}, {u"warnings"_s, warnings}};
    if (!warnings.isEmpty())
        return ctx.fail(makeError(ErrorCode::Io, u"some items could not be removed"_s), json);
    return ctx.succeed(text, json);
}

int runResetRateLimits(CommandContext &ctx)
{
    const bool all = ctx.args().has(u"--all"_s);
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    if (all == ctx.args().has(u"--account"_s))
        return ctx.fail(makeError(ErrorCode::Usage, u"give either --all or --account <sel>"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    QList<Account> targets;
    if (all) {
        targets = loaded->pool.accounts;
    } else {
        Result<int> i = resolveSelector(loaded->pool, ctx.args().value(u"--account"_s));
        if (!i)
            return ctx.fail(i.error());
        targets.append(loaded->pool.accounts[i.value()]);
    }
    int cleared = 0;
    auto apply = [&](AccountPool &p) {
        cleared = 0;
        for (const Account &t : std::as_const(targets)) {
            const int i = findMatchingAccount(p.accounts, t, true);
            if (i >= 0 && (p.accounts[i].rateLimitResetTimes || p.accounts[i].coolingDownUntil)) {
                p.accounts[i].rateLimitResetTimes.reset();
                if (p.accounts[i].cooldownReason == u"rate-limit"_s) {
                    p.accounts[i].coolingDownUntil.reset();
                    p.accounts[i].cooldownReason.reset();
                }
                ++cleared;
            }
        }
        return success();
    };
    if (dryRun) {
        AccountPool copy = loaded->pool;
        apply(copy);
    } else if (Result<LoadedPool> saved = ctx.app().repository(true).update(apply); !saved) {
        return ctx.fail(saved.error());
    }
    return ctx.succeed(
        u"%1 stored rate limits on %2 account(s)."_s.arg(dryRun ? u"Would clear"_s : u"Cleared"_s).arg(cleared),
        {{u"cleared"_s, cleared}, {u"dryRun"_s, dryRun}});
}

int runVerifyFlagged(CommandContext &ctx)
{
    AppContext &app = ctx.app();
    const bool dryRun = ctx.args().has(u"--dry-run"_s);
    const bool restore = !dryRun && !ctx.args().has(u"--no-restore"_s);
    PoolStore flaggedStore(app.paths().flaggedPath(), PoolStore::Kind::Flagged);
    Result<LoadedPool> flagged = flaggedStore.load();
    if (!flagged)
        return ctx.fail(flagged.error());
    QJsonArray reports;
    QList<Account> healthy;
    QString text;
    TokenClient client(ctx.endpoints());
    for (int i = 0; i < flagged->pool.accounts.size(); ++i) {
        const Account &a = flagged->pool.accounts[i];
        Result<TokenSet> t = app.repository().tokensOf(a);
        QString outcome, message;
        if (!t) {
            outcome = u"still-flagged"_s;
            message = t.error().message;
        } else {
            const RefreshOutcome r = dryRun ? RefreshOutcome{} : client.refreshBlocking(t->refreshToken, u"forced"_s);
            if (dryRun) {
                outcome = u"restore-skipped"_s;
                message = u"dry run: not checked"_s;
            } else if (r.ok()) {
                Account fixed = a;
                app.repository().setTokens(
                    fixed,
                    TokenSet{r.tokens->refreshToken.isEmpty() ? t->refreshToken : r.tokens->refreshToken,
                             r.tokens->accessToken, r.tokens->idToken.isEmpty() ? t->idToken : r.tokens->idToken,
                             TokenIdentity::fromTokens(r.tokens->idToken, r.tokens->accessToken).accessExpiresAtMs});
                fixed.lastRefresh = Clock::instance().nowMs();
                fixed.authInvalidatedAt.reset();
                fixed.authInvalidationErrorCode.reset();
                for (const char *k : {"flaggedAt", "flaggedReason", "lastError"})
                    fixed.extra.remove(QLatin1String(k));
                healthy.append(fixed);
                outcome = restore ? u"restored"_s : u"healthy-flagged"_s;
                message = u"refresh succeeded"_s;
            } else {
                outcome = u"still-flagged"_s;
                message = r.message;
            }
        }
        reports.append(QJsonObject{{u"index"_s, i},
                                   {u"label"_s, accountLabelText(a, i + 1, ctx.redact())},
                                   {u"outcome"_s, outcome},
                                   {u"message"_s, message}});
        text += u"%1: %2 (%3)\n"_s.arg(accountLabelText(a, i + 1, ctx.redact()), outcome, message);
    }
    int restored = 0;
    if (restore && !healthy.isEmpty()) {
        // Pool first, then the flagged file (docs/storage.md §6); the pool lock is taken first.
        Result<LoadedPool> saved = app.repository(true).update([&](AccountPool &p) {
            for (const Account &a : std::as_const(healthy))
                upsertAccount(p, a);
            return success();
        });
        if (!saved)
            return ctx.fail(saved.error());
        Result<LoadedPool> left = flaggedStore.update([&](AccountPool &f) {
            for (const Account &a : std::as_const(healthy)) {
                const int i = findMatchingAccount(f.accounts, a, true);
                if (i >= 0)
                    f.accounts.removeAt(i);
            }
            return success();
        });
        if (!left)
            return ctx.fail(left.error());
        restored = int(healthy.size());
    }
    const int total = int(flagged->pool.accounts.size());
    text +=
        u"%1 flagged | %2 restored | %3 still flagged\n"_s.arg(total).arg(restored).arg(total - int(healthy.size()));
    return ctx.succeed(text, {{u"total"_s, total},
                              {u"restored"_s, restored},
                              {u"healthyFlagged"_s, restore ? 0 : int(healthy.size())},
                              {u"stillFlagged"_s, total - int(healthy.size())},
                              {u"remainingFlagged"_s, total - restored},
                              {u"changed"_s, restored > 0},
                              {u"dryRun"_s, dryRun},
                              {u"restore"_s, restore},
                              {u"reports"_s, reports}});
}

int runReport(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    AppContext &app = ctx.app();
    const AccountPool &pool = loaded->pool;
    const qint64 now = Clock::instance().nowMs();
    const QList<AccountFacts> facts = gatherFacts(app, pool);
    QHash<int, ForecastInput> inputs;
    for (int i = 0; i < facts.size(); ++i)
        inputs.insert(i, facts[i].forecastInput());
    const QList<AccountForecast> results = Forecaster::evaluateAll(pool, app.quotaCache(), now, inputs);
    const Recommendation rec = Forecaster::recommend(results);
    const ForecastSummary sum = Forecaster::summarize(results);
    const Runway runway = computeRunway(pool, results, app.quotaCache().entriesFor(pool), now, &app.quotaSamples());
    int enabled = 0, cooling = 0, limited = 0;
    for (const Account &a : pool.accounts) {
        enabled += a.isEnabled();
        cooling += a.coolingDownUntil && *a.coolingDownUntil > now;
        limited += storedRateLimitUntil(a, u"codex"_s, {}, now) > 0;
    }
    QJsonArray accounts;
    for (const AccountForecast &f : results)
        accounts.append(QJsonObject{{u"index"_s, f.index},
                                    {u"label"_s, f.label},
                                    {u"availability"_s, availabilityName(f.availability)},
                                    {u"riskScore"_s, f.riskScore},
                                    {u"riskLevel"_s, f.riskLevel},
                                    {u"waitMs"_s, double(f.waitMs)},
                                    {u"reasons"_s, QJsonArray::fromStringList(f.reasons)}});
    const QString model = ctx.args().has(u"--model"_s) ? ctx.args().value(u"--model"_s) : u"codex"_s;
    QJsonObject json{
        {u"generatedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"storagePath"_s, app.repository().store().path()},
        {u"storageHealth"_s, storageHealthName(loaded->health)},
        {u"secretStorage"_s, secretModeName(app.repository().mode())},
        {u"model"_s, model},
        {u"modelSelection"_s, QJsonObject{{u"requested"_s, model},
                                          {u"normalized"_s, model},
                                          {u"remapped"_s, false},
                                          {u"promptFamily"_s, u"codex"_s},
                                          {u"capabilities"_s, QJsonObject{}}}},
        {u"liveProbe"_s, false},
        {u"liveProbeBudget"_s, QJsonObject{{u"cachedOnly"_s, true},
                                           {u"maxAccounts"_s, QJsonValue::Null},
                                           {u"maxProbes"_s, QJsonValue::Null},
                                           {u"consideredAccounts"_s, 0},
                                           {u"executedProbes"_s, 0}}},
        {u"accounts"_s, QJsonObject{{u"total"_s, pool.accounts.size()},
                                    {u"enabled"_s, enabled},
                                    {u"disabled"_s, int(pool.accounts.size()) - enabled},
                                    {u"coolingDown"_s, cooling},
                                    {u"rateLimited"_s, limited}}},
        {u"activeIndex"_s,
         pool.accounts.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pool.currentIndex() + 1)},
        {u"forecast"_s,
         QJsonObject{{u"summary"_s, QJsonObject{{u"total"_s, sum.total},
                                                {u"ready"_s, sum.ready},
                                                {u"delayed"_s, sum.delayed},
                                                {u"unavailable"_s, sum.unavailable},
                                                {u"highRisk"_s, sum.highRisk}}},
                     {u"recommendation"_s,
                      QJsonObject{{u"recommendedIndex"_s, rec.recommendedIndex ? QJsonValue(*rec.recommendedIndex)
                                                                               : QJsonValue(QJsonValue::Null)},
                                  {u"reason"_s, rec.reason},
                                  {u"selectedReason"_s, rec.reason}}},
                     {u"probeErrors"_s, QJsonArray{}},
                     {u"accounts"_s, accounts}}},
        {u"runway"_s, runway.toJson()},
        {u"runtimeOverlay"_s, false},
        {u"runtime"_s, QJsonValue::Null},
        {u"runtimeSnapshotLoadError"_s, QJsonValue::Null},
    };
    if (ctx.args().has(u"--out"_s)) {
        QJsonObject full = json;
        full.insert(u"command"_s, u"report"_s);
        full.insert(u"ok"_s, true);
        full.insert(u"schema"_s, 1);
        if (Status s = writeFileAtomically(QFileInfo(ctx.args().value(u"--out"_s)).absoluteFilePath(),
                                           toJsonIndented(full, {u"command"_s, u"ok"_s, u"schema"_s}) + "\n", 0600);
            !s)
            return ctx.fail(s.error());
    }
    const QString text =
        u"Report: %1 account(s), %2 enabled | %3 ready, %4 waiting, %5 unavailable\nRecommendation: %6\nPool runway: %7\n"_s
            .arg(pool.accounts.size())
            .arg(enabled)
            .arg(sum.ready)
            .arg(sum.delayed)
            .arg(sum.unavailable)
            .arg(rec.recommendedIndex ? u"account %1 (%2)"_s.arg(*rec.recommendedIndex + 1).arg(rec.reason)
                                      : rec.reason,
                 runway.text(pool, now));
    return ctx.succeed(text, json);
}

} // namespace cma::cli
