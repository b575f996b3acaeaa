#include "cli/clisupport.h"
#include "cli/commands.h"
#include "services/tokenservice.h"
#include "util/clock.h"
#include "util/timefmt.h"

using namespace Qt::StringLiterals;

namespace cma::cli {

int runRefresh(CommandContext &ctx)
{
    Result<LoadedPool> loaded = loadNonEmpty(ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    RefreshTokensRequest request;
    request.pool = loaded->pool;
    request.ifNeeded = ctx.args().has(u"--if-needed"_s);
    if (!ctx.args().positional.isEmpty()) {
        Result<QList<int>> sel = resolveSelectors(request.pool, ctx.args().positional);
        if (!sel)
            return ctx.fail(sel.error());
        request.indexes = sel.value();
    }
    const AccountPool &pool = request.pool;
    const qint64 now = Clock::instance().nowMs();
    QJsonArray results;
    QString text;
    bool anyFailed = false;
    int worstExit = 1;
    for (const TokenRefreshRow &row : TokenService(ctx.app()).refresh(request)) {
        const int i = row.index;
        const RefreshReport &r = row.report;
        const Account &a = pool.accounts[i];
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

} // namespace cma::cli
