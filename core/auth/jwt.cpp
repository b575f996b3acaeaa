#include "jwt.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

namespace jwt {

std::optional<QJsonObject> decodePayload(const QString &token)
{
    const QStringList parts = token.trimmed().split(u'.');
    if (parts.size() < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
        return std::nullopt;
    QString payload = parts[1];
    while (payload.endsWith(u'='))
        payload.chop(1);
    const auto decoded = QByteArray::fromBase64Encoding(payload.toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

bool isStrictJwt(const QString &token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
        return false;
    static const QRegularExpression urlSafe(u"^[A-Za-z0-9_-]+$"_s);
    if (!urlSafe.match(parts[1]).hasMatch())
        return false;
    return decodePayload(token).has_value();
}

std::optional<qint64> numericClaim(const QJsonObject &payload, const QString &name)
{
    const QJsonValue v = payload.value(name);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return static_cast<qint64>(std::floor(v.toDouble()));
}

} // namespace jwt

namespace {
QString stringAt(const std::optional<QJsonObject> &payload, const QString &claim, const QString &key)
{
    if (!payload)
        return {};
    const QJsonValue v = claim.isEmpty() ? payload->value(key) : payload->value(claim).toObject().value(key);
    return v.isString() ? v.toString().trimmed() : QString();
}

QString firstNonEmpty(std::initializer_list<QString> values)
{
    for (const QString &v : values) {
        if (!v.isEmpty())
            return v;
    }
    return {};
}
} // namespace

TokenIdentity TokenIdentity::fromTokens(const QString &idToken, const QString &accessToken)
{
    const std::optional<QJsonObject> id = jwt::decodePayload(idToken);
    const std::optional<QJsonObject> access = jwt::decodePayload(accessToken);
    const QString auth = QString::fromLatin1(jwt::kAuthClaim);
    const QString profile = QString::fromLatin1(jwt::kProfileClaim);
    TokenIdentity t;
    t.email = firstNonEmpty({stringAt(id, {}, u"email"_s), stringAt(id, profile, u"email"_s),
                             stringAt(access, profile, u"email"_s), stringAt(access, {}, u"email"_s)});
    t.accountId =
        firstNonEmpty({stringAt(id, auth, u"chatgpt_account_id"_s), stringAt(access, auth, u"chatgpt_account_id"_s)});
    t.plan =
        firstNonEmpty({stringAt(id, auth, u"chatgpt_plan_type"_s), stringAt(access, auth, u"chatgpt_plan_type"_s)});
    t.userId = firstNonEmpty({stringAt(id, auth, u"chatgpt_user_id"_s), stringAt(id, auth, u"user_id"_s),
                              stringAt(access, auth, u"chatgpt_user_id"_s), stringAt(access, auth, u"user_id"_s)});
    if (access) {
        if (std::optional<qint64> exp = jwt::numericClaim(*access, u"exp"_s))
            t.accessExpiresAtMs = *exp * 1000;
    }
    return t;
}

QString planDisplayName(const QString &plan)
{
    static const QHash<QString, QString> names = {{u"free"_s, u"Free"_s},
                                                  {u"go"_s, u"Go"_s},
                                                  {u"plus"_s, u"Plus"_s},
                                                  {u"pro"_s, u"Pro"_s},
                                                  {u"prolite"_s, u"Pro Lite"_s},
                                                  {u"team"_s, u"Team"_s},
                                                  {u"business"_s, u"Business"_s},
                                                  {u"enterprise"_s, u"Enterprise"_s},
                                                  {u"hc"_s, u"Enterprise"_s},
                                                  {u"edu"_s, u"Edu"_s},
                                                  {u"education"_s, u"Education"_s},
                                                  {u"free_workspace"_s, u"Free Workspace"_s},
                                                  {u"guest"_s, u"Guest"_s},
                                                  {u"quorum"_s, u"Quorum"_s},
                                                  {u"k12"_s, u"K-12"_s}};
    return names.value(plan.trimmed().toLower(), plan);
}

} // namespace cma
