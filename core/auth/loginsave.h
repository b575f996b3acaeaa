#pragma once

#include "accounts/account.h"
#include "accounts/poolnormalizer.h"
#include "auth/tokenclient.h"

#include <QCoreApplication>

namespace cma {

class AppContext;

/// A workspace the sign-in may act as (the id token's `organizations`, docs/protocol.md §1.2 asks for
/// them with `id_token_add_organizations=true`).
struct WorkspaceCandidate
{
    QString id;
    QString title;
    QString role;
    bool isDefault = false;
};
QList<WorkspaceCandidate> workspaceCandidates(const TokenResponse &tokens);
/// The candidate a non-interactive sign-in takes: the one marked default, else the workspace the
/// tokens name, else the first.
int bestWorkspaceCandidate(const QList<WorkspaceCandidate> &candidates, const TokenResponse &tokens);

/// How a finished sign-in enters the pool: the one path of `login` and the login dialog.
struct SaveLoginOptions
{
    enum class Activate
    {
        Auto, ///< only when the pool has no usable current account
        Yes,
        No
    };
    QString org;                                  ///< `--org`, CODEX_AUTH_ACCOUNT_ID, or a chosen candidate
    QString orgSource = QStringLiteral("manual"); ///< `manual` (typed) or `org` (chosen from the candidates)
    Activate activate = Activate::Auto;
};

struct SavedLogin
{
    UpsertOutcome outcome = UpsertOutcome::Inserted;
    int index = -1;
    AccountPool pool;
    QString plan;
    bool activationTried = false;
    bool synced = false;       ///< Codex now holds the account
    QString activationWarning; ///< the account was saved but Codex could not be switched
};

class LoginSaver
{
    Q_DECLARE_TR_FUNCTIONS(LoginSaver)
public:
    /// Upserts the account of \a tokens into the pool and activates it as \a options say.
    static Result<SavedLogin> save(AppContext &app, const TokenResponse &tokens, const SaveLoginOptions &options);
    /// `Added account 3: …. Plan: Plus. Total: 3` plus the activation line, as `login` prints it.
    static QString summary(const SavedLogin &saved, bool redact);
    static QString outcomeName(UpsertOutcome outcome);
};

} // namespace cma
