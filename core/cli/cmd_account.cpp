#include "accounts/poolnormalizer.h"
#include "cli/clisupport.h"
#include "cli/commands.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

PolicyStore policyStore(AppContext &app)
{
    return PolicyStore(app.paths().policiesPath(), app.paths().root + u"/account-policies.lock"_s);
}

QJsonObject policyJson(const AccountPolicy &p)
{
    QJsonObject o = p.toJson();
    return o;
}

QString policyText(const AccountPolicy &p)
{
    QStringList parts;
    parts.append(p.tags.isEmpty() ? u"no tags"_s : u"tags "_s + p.tags.join(u", "_s));
    if (p.paused)
        parts.append(u"paused"_s);
    if (p.drained)
        parts.append(u"drained"_s);
    if (p.weight != 1)
        parts.append(u"weight %1"_s.arg(p.weight));
    if (p.note)
        parts.append(u"note \"%1\""_s.arg(*p.note));
    return parts.join(u"; "_s);
}

/// The pool index named by the first positional argument, after a fresh read.
Result<std::pair<AccountPool, int>> selected(CommandContext &ctx, const QStringList &pos, int needArgs)
{
    if (pos.size() != needArgs)
        return makeError(ErrorCode::Usage, u"usage: codex-multi-auth --cli %1 %2"_s.arg(
                                               ctx.args().command, needArgs == 1 ? u"<sel>"_s : u"<sel> <value>"_s));
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return loaded.error();
    Result<int> index = resolveSelector(loaded->pool, pos.first());
    if (!index)
        return index.error();
    return std::pair{loaded->pool, index.value()};
}

} // namespace

int runUnpin(CommandContext &ctx)
{
    std::optional<int> previous;
    Result<LoadedPool> saved = ctx.app().repository(true).update([&](AccountPool &pool) {
        previous = pool.pinnedAccountIndex;
        if (previous) {
            pool.pinnedAccountIndex.reset();
            pool.affinityGeneration = pool.affinityGeneration.value_or(0) + 1;
        }
        return success();
    });
    if (!saved)
        return ctx.fail(saved.error());
    const QString text = previous ? u"Pin cleared (was account %1)."_s.arg(*previous + 1) : u"No pin to clear."_s;
    return ctx.succeed(text, {{u"cleared"_s, previous.has_value()},
                              {u"previousIndex"_s, previous ? QJsonValue(*previous) : QJsonValue(QJsonValue::Null)}});
}

int runAccountPolicy(CommandContext &ctx)
{
    const QString verb = ctx.args().command.section(u' ', 1);
    const bool needsValue = verb == "tag"_L1 || verb == "untag"_L1 || verb == "weight"_L1 || verb == "note"_L1;
    // `account note <sel> <text…>`: the note may be several words; no text clears it.
    QStringList pos = ctx.args().positional;
    if (verb == "note"_L1 && pos.size() >= 1)
        pos = {pos.first(), pos.mid(1).join(u' ')};
    Result<std::pair<AccountPool, int>> sel = selected(ctx, pos, needsValue ? 2 : 1);
    if (!sel)
        return ctx.fail(sel.error());
    const auto &[pool, index] = sel.value();
    const QString value = pos.value(1);
    if (verb == "weight"_L1) {
        bool ok = false;
        const int w = value.toInt(&ok);
        if (!ok || w < 0 || w > 10)
            return ctx.fail(makeError(ErrorCode::Usage, u"weight must be a whole number from 0 to 10"_s));
    }
    if ((verb == "tag"_L1 || verb == "untag"_L1) && !PolicyStore::normalizeTag(value))
        return ctx.fail(makeError(ErrorCode::Usage, u"a tag needs letters or digits"_s));
    PolicyStore store = policyStore(ctx.app());
    Result<AccountPolicy> policy = store.update(
        pool.accounts[index],
        [&](AccountPolicy &p) -> Status {
            if (verb == "tag"_L1) {
                p.tags.append(*PolicyStore::normalizeTag(value));
            } else if (verb == "untag"_L1) {
                p.tags.removeAll(*PolicyStore::normalizeTag(value));
            } else if (verb == "weight"_L1) {
                p.weight = value.toInt();
            } else if (verb == "note"_L1) {
                const QString note = value.trimmed();
                if (note.size() > 500)
                    return makeError(ErrorCode::Usage, u"a note has at most 500 characters"_s);
                p.note = note.isEmpty() ? std::nullopt : std::optional<QString>(note);
            } else if (verb == "pause"_L1 || verb == "unpause"_L1) {
                p.paused = verb == "pause"_L1;
            } else if (verb == "drain"_L1 || verb == "undrain"_L1) {
                p.drained = verb == "drain"_L1;
            }
            return success();
        },
        Clock::instance().nowMs());
    if (!policy)
        return ctx.fail(policy.error());
    const qint64 now = Clock::instance().nowMs();
    AccountFacts facts;
    facts.policy = policy.value();
    return ctx.succeed(u"Account %1: %2."_s.arg(index + 1).arg(policyText(policy.value())),
                       {{u"account"_s, accountObject(pool, index, facts, now, ctx.redact())},
                        {u"policy"_s, policyJson(policy.value())}});
}

int runAccountEnable(CommandContext &ctx)
{
    const bool enable = ctx.args().command == "account enable"_L1;
    Result<std::pair<AccountPool, int>> sel = selected(ctx, ctx.args().positional, 1);
    if (!sel)
        return ctx.fail(sel.error());
    const Account target = sel->first.accounts[sel->second];
    int index = -1;
    Result<LoadedPool> saved = ctx.app().repository(true).update([&](AccountPool &pool) -> Status {
        index = findMatchingAccount(pool.accounts, target, true);
        if (index < 0)
            return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
        Account &a = pool.accounts[index];
        if (enable) {
            a.enabled.reset();
            a.disabledReason.reset();
        } else {
            a.enabled = false;
            a.disabledReason = u"user"_s;
        }
        return success();
    });
    if (!saved)
        return ctx.fail(saved.error());
    const qint64 now = Clock::instance().nowMs();
    return ctx.succeed(u"%1 account %2: %3."_s.arg(enable ? u"Enabled"_s : u"Disabled"_s)
                           .arg(index + 1)
                           .arg(accountText(saved->pool, index, ctx.redact())),
                       {{u"account"_s, accountObject(saved->pool, index, AccountFacts{}, now, ctx.redact())}});
}

int runAccountPolicyList(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const QHash<QString, AccountPolicy> all = policyStore(ctx.app()).all();
    QJsonArray list;
    QString text;
    for (int i = 0; i < loaded->pool.accounts.size(); ++i) {
        const AccountPolicy p = all.value(PolicyStore::keyFor(loaded->pool.accounts[i]));
        if (p.accountKey.isEmpty())
            continue;
        QJsonObject o = policyJson(p);
        o.insert(u"index"_s, i);
        list.append(o);
        text += u"%1. %2: %3.\n"_s.arg(i + 1).arg(accountText(loaded->pool, i, ctx.redact()), policyText(p));
    }
    if (list.isEmpty())
        text = u"No account policies set."_s;
    return ctx.succeed(text, {{u"policies"_s, list}});
}

} // namespace cma::cli
