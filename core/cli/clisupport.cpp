#include "clisupport.h"

#include "accounts/exportcodec.h"
#include "accounts/poolnormalizer.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma::cli {

Result<int> resolveSelector(const AccountPool &pool, const QString &selector)
{
    const QString sel = selector.trimmed();
    QList<int> hits;
    bool digits = !sel.isEmpty();
    for (QChar c : sel)
        digits = digits && c.isDigit();
    if (digits) {
        const int n = sel.toInt();
        if (n >= 1 && n <= pool.accounts.size())
            return n - 1;
        return makeError(ErrorCode::NotFound, u"no account %1 (the pool has %2)"_s.arg(sel).arg(pool.accounts.size()));
    }
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        if (sel.contains(u'@') ? a.emailKey() == sel.toLower() : a.accountIdKey() == sel)
            hits.append(i);
    }
    if (hits.size() == 1)
        return hits.first();
    if (hits.isEmpty())
        return makeError(ErrorCode::NotFound, u"no account matches %1"_s.arg(sel));
    QStringList candidates;
    for (int i : std::as_const(hits))
        candidates.append(accountLabelText(pool.accounts[i], i + 1));
    return makeError(ErrorCode::Ambiguous,
                     u"%1 matches several accounts; use a number: %2"_s.arg(sel, candidates.join(u"; "_s)));
}

Result<QList<int>> resolveSelectors(const AccountPool &pool, const QStringList &selectors)
{
    QList<int> out;
    for (const QString &s : selectors) {
        Result<int> r = resolveSelector(pool, s);
        if (!r)
            return r.error();
        if (!out.contains(r.value()))
            out.append(r.value());
    }
    return out;
}

QStringList markersFor(const AccountPool &pool, int index, const AccountFacts &facts, qint64 now)
{
    const Account &a = pool.accounts[index];
    QStringList m;
    if (index == pool.currentIndex())
        m.append(u"current"_s);
    if (pool.pinnedAccountIndex && *pool.pinnedAccountIndex == index)
        m.append(u"pinned"_s);
    if (!a.isEnabled())
        m.append(u"disabled"_s);
    if (facts.policy.paused)
        m.append(u"paused"_s);
    if (facts.policy.drained)
        m.append(u"drained"_s);
    if (a.authInvalidatedAt)
        m.append(u"token-invalid — re-login needed"_s);
    if (facts.secret == SecretState::Missing)
        m.append(u"secret-missing"_s);
    if (facts.secret == SecretState::Unavailable)
        m.append(u"secret-unavailable"_s);
    if (storedRateLimitUntil(a, u"codex"_s, {}, now) > 0 || (facts.quota && facts.quota->status == 429))
        m.append(u"rate-limited"_s);
    if (facts.quota && facts.quota->exhausted(now))
        m.append(u"quota-exhausted"_s);
    if (a.coolingDownUntil && *a.coolingDownUntil > now) {
        QString c = u"cooldown:"_s + formatDuration(*a.coolingDownUntil - now);
        if (a.cooldownReason)
            c += u" ("_s + *a.cooldownReason + u")"_s;
        m.append(c);
    }
    return m;
}

QString accountText(const AccountPool &pool, int index, bool redact)
{
    return accountLabelText(pool.accounts[index], index + 1, redact);
}

QJsonObject accountObject(const AccountPool &pool, int index, const AccountFacts &facts, qint64 now, bool redact)
{
    const Account &a = pool.accounts[index];
    const QString email = a.email.value_or(QString());
    const QString id = a.accountIdKey();
    const QString plan = planOf(a, facts);
    QJsonArray markers;
    for (const QString &m : markersFor(pool, index, facts, now))
        markers.append(m);
    return QJsonObject{
        {u"index"_s, index},
        {u"number"_s, index + 1},
        {u"label"_s, accountText(pool, index, redact)},
        {u"email"_s, email.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(redact ? maskEmail(email) : email)},
        {u"accountId"_s, id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(redact ? maskAccountId(id) : id)},
        {u"plan"_s, plan.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(plan)},
        {u"enabled"_s, a.isEnabled()},
        {u"current"_s, index == pool.currentIndex()},
        {u"pinned"_s, pool.pinnedAccountIndex && *pool.pinnedAccountIndex == index},
        {u"markers"_s, markers},
    };
}

QJsonValue windowJson(const QuotaWindow &w)
{
    if (w.isEmpty())
        return QJsonValue::Null;
    QJsonObject o;
    o.insert(u"usedPercent"_s, w.usedPercent ? QJsonValue(*w.usedPercent) : QJsonValue(QJsonValue::Null));
    o.insert(u"leftPercent"_s,
             w.usedPercent ? QJsonValue(std::clamp(100.0 - *w.usedPercent, 0.0, 100.0)) : QJsonValue(QJsonValue::Null));
    o.insert(u"windowMinutes"_s, w.windowMinutes ? QJsonValue(*w.windowMinutes) : QJsonValue(QJsonValue::Null));
    o.insert(u"resetAt"_s, w.resetAtMs ? QJsonValue(double(*w.resetAtMs)) : QJsonValue(QJsonValue::Null));
    return o;
}

Result<LoadedPool> loadForReading(CommandContext &ctx, bool allowCorrupt)
{
    Result<LoadedPool> loaded = ctx.app().repository().load();
    if (!loaded)
        return loaded;
    QTextStream &err = ctx.console().err();
    for (const QString &p : std::as_const(loaded->problems))
        err << "warning: " << p << "\n";
    if (loaded->health == StorageHealth::Recoverable)
        err << "warning: the pool file is damaged or missing; the next change will restore the recovered accounts\n";
    err.flush();
    if (loaded->health == StorageHealth::Corrupt && !allowCorrupt)
        return makeError(
            ErrorCode::StorageUnreadable,
            u"%1 cannot be read (%2). Nothing was changed; run codex-multi-auth --cli doctor for the options."_s.arg(
                ctx.app().repository().store().path(), loaded->corruption));
    return loaded;
}

Result<LoadedPool> loadNonEmpty(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (loaded && loaded->pool.accounts.isEmpty())
        return makeError(ErrorCode::NoUsableAccount,
                         u"the pool is empty; add an account with codex-multi-auth --cli login"_s);
    return loaded;
}

Status confirm(CommandContext &ctx, const QString &question, const QString &typed)
{
    if (ctx.args().has(u"--yes"_s))
        return success();
    if (!ctx.console().isInteractive())
        return makeError(ErrorCode::Usage,
                         u"%1 needs confirmation; pass --yes in a non-interactive run"_s.arg(ctx.args().command));
    QTextStream &out = ctx.console().out();
    out << question << (typed.isEmpty() ? u" [y/N] "_s : u" Type %1 to confirm: "_s.arg(typed));
    out.flush();
    const QString answer = ctx.console().readLine().trimmed();
    const bool yes = typed.isEmpty() ? (answer.toLower() == "y"_L1 || answer.toLower() == "yes"_L1) : answer == typed;
    if (!yes)
        return makeError(ErrorCode::Interrupted, u"cancelled"_s);
    return success();
}

Result<QString> readPassphrase(CommandContext &ctx, bool creating)
{
    if (ctx.args().has(u"--passphrase-file"_s)) {
        Result<QByteArray> data = readWholeFile(ctx.args().value(u"--passphrase-file"_s), 64 * 1024);
        if (!data)
            return makeError(ErrorCode::Usage, u"cannot read the passphrase file: %1"_s.arg(data.error().message));
        QString pass = QString::fromUtf8(data.value());
        while (pass.endsWith(u'\n') || pass.endsWith(u'\r'))
            pass.chop(1);
        return pass;
    }
    const QString env = ctx.env().value(u"CODEX_MULTI_AUTH_PASSPHRASE"_s);
    if (!env.isEmpty())
        return env;
    if (!ctx.console().isInteractive())
        return makeError(ErrorCode::Usage,
                         u"a passphrase is needed: use --passphrase-file or CODEX_MULTI_AUTH_PASSPHRASE"_s);
    ctx.console().err() << "Passphrase: ";
    const QString first = ctx.console().readSecretLine();
    if (first.isNull())
        return makeError(ErrorCode::Interrupted, u"cancelled"_s);
    if (creating) {
        if (Status s = ExportCodec::checkPassphrase(first); !s)
            return s.error();
        ctx.console().err() << "Repeat the passphrase: ";
        if (ctx.console().readSecretLine() != first)
            return makeError(ErrorCode::Usage, u"the passphrases differ"_s);
    }
    return first;
}

QString noticeText(const SwitchNotice &n)
{
    switch (n.kind) {
    case SwitchNotice::Kind::ForeignLoginAdded:
        return u"Codex was signed in as %1, which was not in your pool; it was added as account %2."_s.arg(n.subject)
            .arg(n.index + 1);
    case SwitchNotice::Kind::ProfilesSetOwnStore:
        return u"Codex profiles %1 set their own credential store; the store then depends on the profile used."_s.arg(
            n.subject);
    case SwitchNotice::Kind::RefreshFailedStillValid:
        return u"The token could not be refreshed (%1); it is still valid, so the switch goes ahead."_s.arg(n.subject);
    case SwitchNotice::Kind::EnvironmentOverrides:
        break;
    }
    return u"%1 is set in this environment; a Codex started with it ignores the switch."_s.arg(n.subject);
}

void printNotices(CommandContext &ctx, const QList<SwitchNotice> &notices)
{
    for (const SwitchNotice &n : notices)
        ctx.console().err() << "notice: " << noticeText(n) << "\n";
}

Result<Evaluation> evaluateFromArgs(CommandContext &ctx)
{
    const bool live = ctx.args().has(u"--live"_s);
    if (ctx.args().has(u"--model"_s) && !live)
        return makeError(ErrorCode::Usage, u"--model needs --live"_s);
    Result<LoadedPool> loaded = loadForReading(ctx);
    if (!loaded)
        return loaded.error();
    return QuotaService(ctx.app()).evaluate(loaded->pool, EvaluateRequest{live, ctx.args().value(u"--model"_s)});
}

QJsonArray probeErrors(const QList<UsageReading> &probes, const AccountPool &pool, bool redact)
{
    QJsonArray out;
    for (const UsageReading &r : probes)
        if (!r.error.isEmpty())
            out.append(QJsonObject{{u"index"_s, r.index},
                                   {u"label"_s, accountLabelText(pool.accounts[r.index], r.index + 1, redact)},
                                   {u"status"_s, r.status ? QJsonValue(r.status) : QJsonValue(QJsonValue::Null)},
                                   {u"message"_s, r.error}});
    return out;
}

} // namespace cma::cli
