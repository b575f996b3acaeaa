#include "signin.h"

#include "auth/jwt.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cma {

QList<WorkspaceCandidate> workspaceCandidates(const TokenResponse &tokens)
{
    QList<WorkspaceCandidate> out;
    const std::optional<QJsonObject> payload = jwt::decodePayload(tokens.idToken);
    if (!payload)
        return out;
    const QJsonArray orgs =
        payload->value(QLatin1StringView(jwt::kAuthClaim)).toObject().value(u"organizations"_s).toArray();
    for (const QJsonValue &v : orgs) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id"_s).toString().trimmed();
        if (id.isEmpty())
            continue;
        out.append(
            {id, o.value(u"title"_s).toString(), o.value(u"role"_s).toString(), o.value(u"is_default"_s).toBool()});
    }
    return out;
}

int bestWorkspaceCandidate(const QList<WorkspaceCandidate> &candidates, const TokenResponse &tokens)
{
    for (int i = 0; i < candidates.size(); ++i)
        if (candidates[i].isDefault)
            return i;
    const QString named = TokenIdentity::fromTokens(tokens.idToken, tokens.accessToken).accountId;
    for (int i = 0; i < candidates.size(); ++i)
        if (candidates[i].id == named)
            return i;
    return 0;
}

QString signInOutcomeName(UpsertOutcome outcome)
{
    return outcome == UpsertOutcome::Inserted  ? u"added"_s
           : outcome == UpsertOutcome::Rebound ? u"rebound"_s
                                               : u"updated"_s;
}

} // namespace cma
