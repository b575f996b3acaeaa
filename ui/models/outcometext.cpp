#include "outcometext.h"

#include "accounts/poolnormalizer.h"

using namespace Qt::StringLiterals;

namespace cma::ui {

QString OutcomeText::failure(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Usage:
        return tr("That request was not valid.");
    case ErrorCode::NotFound:
        return tr("That account is no longer in the pool.");
    case ErrorCode::Ambiguous:
        return tr("More than one account matches.");
    case ErrorCode::NoUsableAccount:
        return tr("No account can be used right now.");
    case ErrorCode::SecretStoreUnavailable:
        return tr("The keychain is unavailable; unlock it and try again.");
    case ErrorCode::StorageBusy:
        return tr("The account storage is busy; try again in a moment.");
    case ErrorCode::StorageUnreadable:
        return tr("The account storage cannot be read; Settings → Advanced → Run doctor shows why.");
    case ErrorCode::StorageReadOnly:
        return tr("The account storage was written by a newer version and is read-only here.");
    case ErrorCode::Network:
        return tr("The server could not be reached.");
    case ErrorCode::Auth:
        return tr("The sign-in was refused.");
    case ErrorCode::Io:
        return tr("A file could not be read or written.");
    case ErrorCode::Cancelled:
    case ErrorCode::Interrupted:
        break;
    }
    return tr("Cancelled.");
}

QString OutcomeText::notice(const SwitchNotice &n)
{
    switch (n.kind) {
    case SwitchNotice::Kind::ForeignLoginAdded:
        return tr("Codex was signed in as %1, which was not in your pool; it was added as account %2.")
            .arg(n.subject)
            .arg(n.index + 1);
    case SwitchNotice::Kind::ProfilesSetOwnStore:
        return tr("Codex profiles %1 set their own credential store; the store then depends on the profile used.")
            .arg(n.subject);
    case SwitchNotice::Kind::RefreshFailedStillValid:
        return tr("The token could not be refreshed; it is still valid, so the switch went ahead.");
    case SwitchNotice::Kind::EnvironmentOverrides:
        break;
    }
    return tr("%1 is set in this environment; a Codex started with it ignores the switch.").arg(n.subject);
}

namespace {
QString nameOf(const AccountPool &pool, int index)
{
    const Account &a = pool.accounts[index];
    return a.email.value_or(accountLabelText(a, index + 1));
}

QString withNotices(QString text, const QList<SwitchNotice> &notices)
{
    for (const SwitchNotice &n : notices)
        text += u' ' + OutcomeText::notice(n);
    return text;
}
} // namespace

QString OutcomeText::switched(const SwitchResult &r)
{
    const QString text =
        r.synced ? tr("Codex now uses %1. Restart running Codex sessions to use it.").arg(nameOf(r.pool, r.index))
                 : tr("Account %1 is now selected (Codex sync is off).").arg(r.index + 1);
    return withNotices(text, r.notices);
}

QString OutcomeText::best(const BestOutcome &o)
{
    if (!o.index)
        return tr("No account can be recommended right now.");
    const QString text = o.already ? tr("Codex already uses the best account, %1.").arg(nameOf(o.pool, *o.index))
                                   : tr("Codex now uses the best account, %1.").arg(nameOf(o.pool, *o.index));
    return withNotices(text, o.notices);
}

QString OutcomeText::unpinned(const UnpinOutcome &o)
{
    return o.previous ? tr("Pin cleared (it was account %1).").arg(*o.previous + 1) : tr("No pin to clear.");
}

QString OutcomeText::removed(const RemoveOutcome &o)
{
    QStringList parts;
    for (int i : o.removed)
        parts.append(tr("Removed account %1: %2.").arg(i + 1).arg(nameOf(o.before, i)));
    if (o.switchedTo)
        parts.append(tr("Codex now uses account %1: %2.").arg(*o.switchedTo + 1).arg(nameOf(o.pool, *o.switchedTo)));
    else if (o.codexStillHoldsRemoved())
        parts.append(tr("Codex still holds the removed account until you switch."));
    return parts.join(u' ');
}

QString OutcomeText::removedAll(const RemoveAllOutcome &o)
{
    return tr("Removed all %n account(s).", nullptr, o.removed);
}

QString OutcomeText::enabled(const EnableOutcome &o, bool enable)
{
    const int n = int(o.indexes.size());
    return enable ? tr("Enabled %n account(s).", nullptr, n) : tr("Disabled %n account(s).", nullptr, n);
}

QString OutcomeText::policySummary(const AccountPolicy &p)
{
    QStringList parts;
    parts.append(p.tags.isEmpty() ? tr("no tags") : tr("tags %1").arg(p.tags.join(u", "_s)));
    if (p.paused)
        parts.append(tr("paused"));
    if (p.drained)
        parts.append(tr("drained"));
    if (p.weight != 1)
        parts.append(tr("weight %1").arg(p.weight));
    if (p.note)
        parts.append(tr("note “%1”").arg(*p.note));
    return parts.join(u"; "_s);
}

QString OutcomeText::policy(const PoolView &view, int index, const PolicyOutcome &o)
{
    const QString who =
        index >= 0 && index < view.pool.accounts.size() ? view.label(index) : tr("Account %1").arg(index + 1);
    return tr("%1: %2.").arg(who, policySummary(o.policy));
}

QString OutcomeText::workspace(const PoolView &view, int index, const WorkspaceOutcome &o)
{
    const QList<Workspace> &spaces = o.workspaces.spaces;
    const int current = o.workspaces.current;
    const QString name = current >= 0 && current < spaces.size() ? spaces[current].name.value_or(spaces[current].id)
                                                                 : QString::number(current + 1);
    const QString who =
        index >= 0 && index < view.pool.accounts.size() ? view.label(index) : tr("Account %1").arg(index + 1);
    return o.changed ? tr("%1 now acts for the workspace %2.").arg(who, name)
                     : tr("%1 already acts for the workspace %2.").arg(who, name);
}

QString OutcomeText::rateLimits(const RateLimitOutcome &o)
{
    return tr("Cleared the stored rate limits of %n account(s).", nullptr, o.cleared);
}

QString OutcomeText::flaggedRemoved()
{
    return tr("Removed the account from the problem list.");
}

bool OutcomeText::allRefreshed(const QList<TokenRefreshRow> &rows)
{
    return std::none_of(rows.begin(), rows.end(),
                        [](const TokenRefreshRow &r) { return r.report.outcome == RefreshReport::Outcome::Failed; });
}

QString OutcomeText::refreshed(const QList<TokenRefreshRow> &rows)
{
    int refreshed = 0, notNeeded = 0, failed = 0;
    for (const TokenRefreshRow &r : rows) {
        refreshed += r.report.outcome == RefreshReport::Outcome::Refreshed;
        notNeeded += r.report.outcome == RefreshReport::Outcome::NotNeeded;
        failed += r.report.outcome == RefreshReport::Outcome::Failed;
    }
    return tr("Tokens: %1 refreshed, %2 not needed yet, %3 failed.").arg(refreshed).arg(notNeeded).arg(failed);
}

bool OutcomeText::allAvailable(const CheckOutcome &o)
{
    return o.available > 0 && !o.enabledUnavailable;
}

QString OutcomeText::checked(const CheckOutcome &o)
{
    return tr("Health check: %1 available, %2 signed in only, %3 need to sign in again.")
        .arg(o.available)
        .arg(o.signedInOnly)
        .arg(o.needReLogin);
}

QString OutcomeText::fixed(const FixOutcome &o)
{
    return tr("Auto-repair: %1 healthy, %2 disabled, %3 warnings, %4 skipped.")
        .arg(o.healthy)
        .arg(o.disabled)
        .arg(o.warnings)
        .arg(o.skipped);
}

QString OutcomeText::doctor(const DoctorReport &r)
{
    QString text = tr("Doctor: %1 checks fine, %2 warnings, %3 errors.").arg(r.ok).arg(r.warn).arg(r.error);
    QStringList attention;
    for (const DoctorCheck &c : r.checks)
        if (c.severity != DoctorCheck::Severity::Ok)
            attention.append(c.key);
    if (!attention.isEmpty())
        text += u' ' + tr("Look at: %1.").arg(attention.join(u", "_s));
    return text;
}

QString OutcomeText::verified(const VerifyFlaggedOutcome &o)
{
    return tr("Problem accounts: %1 checked, %2 restored, %3 still flagged.")
        .arg(o.total)
        .arg(o.restored)
        .arg(o.total - o.healthy);
}

QString OutcomeText::exported(const ExportOutcome &o)
{
    return tr("Exported %n account(s) to %1.", nullptr, o.accountCount).arg(o.path);
}

QString OutcomeText::imported(const ImportOutcome &o)
{
    return tr("Imported %1, updated %2, skipped %3. Total: %4.")
        .arg(o.imported)
        .arg(o.updated)
        .arg(o.skipped)
        .arg(o.total);
}

QString OutcomeText::secretsUsed(const SecretsConversion &c)
{
    return c.mode == SecretMode::Keychain
               ? tr("Moved %n account(s) into the keychain.", nullptr, c.converted)
               : tr("Moved %n account(s) out of the keychain into the account file.", nullptr, c.converted);
}

QString OutcomeText::secretsStatus(const SecretsStatus &s)
{
    const QString where = s.mode == SecretMode::Keychain ? tr("keychain") : tr("account file");
    const QString reach = s.reachable ? tr("the keychain answers") : tr("the keychain does not answer");
    return tr("Secrets are kept in the %1 (%2): %3 in the keychain, %4 in the file, %5 missing.")
        .arg(where, reach)
        .arg(s.keychain)
        .arg(s.plaintext)
        .arg(s.missing);
}

QString OutcomeText::pinnedToFile(const PinFileOutcome &o)
{
    return o.changed ? tr("Codex now keeps its sign-in in %1.").arg(o.authPath)
                     : tr("Codex already keeps its sign-in in %1.").arg(o.authPath);
}

QString OutcomeText::shimInstalled(const ShimState &s)
{
    QString text = tr("Installed the codex shim: %1.").arg(s.link);
    if (!s.onPathBeforeOfficial)
        text += u' ' + tr("Put its folder ahead of the official Codex CLI on PATH to use it.");
    return text;
}

QString OutcomeText::shimRemoved(const ShimState &s)
{
    return s.changed ? tr("Removed the codex shim %1.").arg(s.link) : tr("There was no codex shim to remove.");
}

QString OutcomeText::reportSaved(const QString &path)
{
    return tr("Saved the report to %1.").arg(path);
}

QString OutcomeText::evaluated(const Evaluation &e)
{
    const Recommendation &rec = e.recommendation;
    if (!rec.recommendedIndex)
        return tr("No account can be recommended: %1").arg(rec.reason);
    return tr("Best next account: %1 (%2).").arg(nameOf(e.pool, *rec.recommendedIndex), rec.reason);
}

} // namespace cma::ui
