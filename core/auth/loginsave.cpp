#include "loginsave.h"

#include "accounts/accountrepository.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "auth/loginflow.h"
#include "cli/clisupport.h"
#include "codex/switchservice.h"

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

Result<SavedLogin> LoginSaver::save(AppContext &app, const TokenResponse &tokens, const SaveLoginOptions &options)
{
    Result<Account> account = accountFromLogin(tokens, options.org);
    if (!account)
        return account.error();
    if (!options.org.isEmpty())
        account->accountIdSource = options.orgSource;

    SavedLogin saved;
    saved.plan = TokenIdentity::fromTokens(tokens.idToken, tokens.accessToken).plan;
    bool activate = options.activate == SaveLoginOptions::Activate::Yes;
    Result<LoadedPool> stored = app.repository(true).update([&](AccountPool &pool) {
        if (options.activate == SaveLoginOptions::Activate::Auto) {
            const int current = pool.currentIndex();
            activate = current < 0 || !pool.accounts[current].isEnabled() || pool.accounts[current].authInvalidatedAt;
        }
        const auto r = upsertAccount(pool, account.value());
        saved.outcome = r.first;
        saved.index = r.second;
        if (pool.accounts.size() == 1) {
            pool.select(0);
            pool.accounts[0].lastSwitchReason = u"initial"_s;
        }
        return success();
    });
    if (!stored)
        return stored.error();
    saved.pool = stored->pool;
    if (activate) {
        saved.activationTried = true;
        SwitchOptions switchOptions;
        switchOptions.pin = false;
        switchOptions.reason = saved.pool.accounts.size() == 1 ? u"initial"_s : u"manual"_s;
        Result<SwitchResult> sw = SwitchService(app).switchTo(saved.pool.accounts[saved.index], switchOptions);
        if (!sw) {
            saved.activationWarning = sw.error().message;
        } else {
            saved.synced = sw->synced;
            saved.pool = sw->pool;
            saved.index = sw->index;
        }
    }
    return saved;
}

QString LoginSaver::summary(const SavedLogin &saved, bool redact)
{
    const QString label = cli::accountText(saved.pool, saved.index, redact);
    QString text = saved.outcome == UpsertOutcome::Inserted  ? tr("Added account %1: %2.")
                   : saved.outcome == UpsertOutcome::Rebound ? tr("Rebound workspace for existing account %1: %2.")
                                                             : tr("Updated existing account %1: %2.");
    text = text.arg(saved.index + 1).arg(label);
    if (!saved.plan.isEmpty())
        text += u' ' + tr("Plan: %1.").arg(planDisplayName(saved.plan));
    text += u' ' + tr("Total: %1").arg(saved.pool.accounts.size()) + u'\n';
    if (saved.activationTried && saved.activationWarning.isEmpty())
        text +=
            (saved.synced ? tr("Codex now uses account %1.") : tr("Account %1 is now selected (Codex sync is off)."))
                .arg(saved.index + 1) +
            u'\n';
    return text;
}

QString LoginSaver::outcomeName(UpsertOutcome outcome)
{
    return outcome == UpsertOutcome::Inserted  ? u"added"_s
           : outcome == UpsertOutcome::Rebound ? u"rebound"_s
                                               : u"updated"_s;
}

} // namespace cma
