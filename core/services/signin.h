#pragma once

#include "accounts/account.h"
#include "accounts/poolnormalizer.h"
#include "auth/tokenclient.h"

namespace cma {

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

/// How a finished sign-in enters the pool (AccountService::addFromSignIn): the one path of `login`
/// and the login dialog.
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

/// `added`, `rebound` or `updated` (the JSON `outcome` of `login`).
QString signInOutcomeName(UpsertOutcome outcome);

} // namespace cma
