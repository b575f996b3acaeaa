#include "codexauth.h"

#include "accounts/accountrepository.h"
#include "accounts/poolnormalizer.h"
#include "auth/jwt.h"
#include "util/atomicfile.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <limits>

using namespace Qt::StringLiterals;

namespace cma {

std::optional<qint64> CodexAuth::parseTimestamp(const QString &text)
{
    static const QRegularExpression re(
        u"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})$"_s);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    QDateTime t = QDateTime::fromString(m.captured(1), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    if (!t.isValid())
        return std::nullopt;
    qint64 ms = t.toMSecsSinceEpoch();
    if (!m.captured(2).isEmpty())
        ms += m.captured(2).leftJustified(3, u'0').left(3).toLongLong();
    const QString zone = m.captured(3);
    if (zone != "Z"_L1) {
        const int sign = zone.startsWith(u'-') ? -1 : 1;
        ms -= sign * (zone.mid(1, 2).toLongLong() * 3600000 + zone.mid(4, 2).toLongLong() * 60000);
    }
    return ms;
}

Result<CodexAuth> CodexAuth::parse(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return makeError(ErrorCode::Io, u"it is not valid JSON (%1)"_s.arg(error.errorString()));
    const QJsonObject o = doc.object();
    CodexAuth a;
    a.authMode = o.value(u"auth_mode"_s).toString();
    a.hasApiKey = o.value(u"OPENAI_API_KEY"_s).isString() && !o.value(u"OPENAI_API_KEY"_s).toString().isEmpty();
    const QJsonObject tokens = o.value(u"tokens"_s).toObject();
    a.idToken = tokens.value(u"id_token"_s).toString();
    a.accessToken = tokens.value(u"access_token"_s).toString();
    a.refreshToken = tokens.value(u"refresh_token"_s).toString();
    a.accountId = tokens.value(u"account_id"_s).toString();
    if (o.value(u"last_refresh"_s).isString())
        a.lastRefreshMs = parseTimestamp(o.value(u"last_refresh"_s).toString());
    return a;
}

Result<CodexAuth> CodexAuth::readFile(const QString &path)
{
    Result<QByteArray> data = readWholeFile(path, 1024 * 1024);
    if (!data)
        return data.error();
    Result<CodexAuth> parsed = parse(data.value());
    if (!parsed)
        return makeError(ErrorCode::Io, u"%1: %2"_s.arg(path, parsed.error().message));
    return parsed;
}

int CodexAuth::findInPool(const AccountPool &pool) const
{
    if (accountId.isEmpty())
        return -1;
    const TokenIdentity who = TokenIdentity::fromTokens(idToken, accessToken);
    for (int i = 0; i < pool.accounts.size(); ++i) {
        const Account &a = pool.accounts[i];
        if (a.accountIdKey() != accountId.trimmed())
            continue;
        if (!who.userId.isEmpty() && a.userId && !a.userId->isEmpty()) {
            if (*a.userId == who.userId)
                return i;
            continue;
        }
        if (!who.email.isEmpty() && !a.emailKey().isEmpty()) {
            if (a.emailKey() == who.email.toLower())
                return i;
            continue;
        }
        if (a.refreshTokenKey() == refreshToken.trimmed())
            return i;
    }
    return -1;
}

bool CodexAuth::supersedes(const Account &pooled, const TokenSet *pooledTokens) const
{
    const bool differs =
        !pooledTokens || pooledTokens->refreshToken != refreshToken || pooledTokens->accessToken != accessToken;
    return differs && lastRefreshMs && *lastRefreshMs > pooled.lastRefresh.value_or(std::numeric_limits<qint64>::min());
}

Result<Account> adoptLiveTokens(AccountRepository &repo, const Account &identity, const CodexAuth &live)
{
    int index = -1;
    Result<LoadedPool> saved = repo.update([&](AccountPool &pool) -> Status {
        index = findMatchingAccount(pool.accounts, identity, true);
        if (index < 0)
            return makeError(ErrorCode::NotFound, QStringLiteral("the account is no longer in the pool"));
        Account &a = pool.accounts[index];
        repo.setTokens(a, TokenSet{live.refreshToken, live.accessToken, live.idToken,
                                   TokenIdentity::fromTokens(live.idToken, live.accessToken).accessExpiresAtMs});
        a.lastRefresh = live.lastRefreshMs;
        a.authInvalidatedAt.reset();
        a.authInvalidationErrorCode.reset();
        return success();
    });
    if (!saved)
        return saved.error();
    return saved->pool.accounts[index];
}

} // namespace cma
