// account tag|untag|note|weight|pause|unpause|drain|undrain|enable|disable, account policy list.

#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/accountservice.h"
#include "util/clock.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

namespace {

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

/// The change a verb asks for; a weight that is not a number is a usage error here, its range is
/// the service's to check.
Result<PolicyChange> changeFor(const QString &verb, const QString &value)
{
    if (verb == "tag"_L1)
        return PolicyChange::addTag(value);
    if (verb == "untag"_L1)
        return PolicyChange::removeTag(value);
    if (verb == "note"_L1)
        return PolicyChange::setNote(value);
    if (verb == "weight"_L1) {
        bool ok = false;
        const int w = value.toInt(&ok);
        if (!ok)
            return makeError(ErrorCode::Usage, u"weight must be a whole number from 0 to 10"_s);
        return PolicyChange::setWeight(w);
    }
    if (verb == "pause"_L1 || verb == "unpause"_L1)
        return PolicyChange::setPaused(verb == "pause"_L1);
    return PolicyChange::setDrained(verb == "drain"_L1);
}

} // namespace

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
    Result<PolicyChange> change = changeFor(verb, pos.value(1));
    if (!change)
        return ctx.fail(change.error());
    Result<PolicyOutcome> done = AccountService(ctx.app()).changePolicy(PolicyRequest{pool.accounts[index], {*change}});
    if (!done)
        return ctx.fail(done.error());
    const qint64 now = Clock::instance().nowMs();
    AccountFacts facts;
    facts.policy = done->policy;
    return ctx.succeed(
        u"Account %1: %2."_s.arg(index + 1).arg(policyText(done->policy)),
        {{u"account"_s, accountObject(pool, index, facts, now, ctx.redact())}, {u"policy"_s, done->policy.toJson()}});
}

int runAccountEnable(CommandContext &ctx)
{
    const bool enable = ctx.args().command == "account enable"_L1;
    Result<std::pair<AccountPool, int>> sel = selected(ctx, ctx.args().positional, 1);
    if (!sel)
        return ctx.fail(sel.error());
    Result<EnableOutcome> done =
        AccountService(ctx.app()).setEnabled(EnableRequest{{sel->first.accounts[sel->second]}, enable});
    if (!done)
        return ctx.fail(done.error());
    const int index = done->indexes.first();
    const qint64 now = Clock::instance().nowMs();
    return ctx.succeed(u"%1 account %2: %3."_s.arg(enable ? u"Enabled"_s : u"Disabled"_s)
                           .arg(index + 1)
                           .arg(accountText(done->pool, index, ctx.redact())),
                       {{u"account"_s, accountObject(done->pool, index, AccountFacts{}, now, ctx.redact())}});
}

int runAccountPolicyList(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    const QHash<QString, AccountPolicy> all = AccountService(ctx.app()).policies();
    QJsonArray list;
    QString text;
    for (int i = 0; i < loaded->pool.accounts.size(); ++i) {
        const AccountPolicy p = all.value(PolicyStore::keyFor(loaded->pool.accounts[i]));
        if (p.accountKey.isEmpty())
            continue;
        QJsonObject o = p.toJson();
        o.insert(u"index"_s, i);
        list.append(o);
        text += u"%1. %2: %3.\n"_s.arg(i + 1).arg(accountText(loaded->pool, i, ctx.redact()), policyText(p));
    }
    if (list.isEmpty())
        text = u"No account policies set."_s;
    return ctx.succeed(text, {{u"policies"_s, list}});
}

} // namespace cma::cli
