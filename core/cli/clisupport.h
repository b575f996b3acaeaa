#pragma once

#include "accounts/account.h"
#include "accounts/accountrepository.h"
#include "accounts/policystore.h"
#include "cli/cliapp.h"
#include "quota/forecast.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cma::cli {

/// `<sel>`: all digits = 1-based number; containing `@` = email (case-insensitive); else an
/// exact account id. No match → not-found, several → ambiguous (both exit 2) with candidates.
Result<int> resolveSelector(const AccountPool &pool, const QString &selector);
Result<QList<int>> resolveSelectors(const AccountPool &pool, const QStringList &selectors);

/// What the commands know about one account beyond its record.
struct AccountFacts
{
    std::optional<QuotaEntry> quota;
    AccountPolicy policy;
    SecretState secret = SecretState::Plaintext;
    ForecastInput forecastInput() const;
};

/// Gathers quota, policy and secret state for every account of \a pool (one policy read, one
/// keychain read per keychain-held account).
QList<AccountFacts> gatherFacts(AppContext &app, const AccountPool &pool, bool checkSecrets = true);

/// The plan: the quota reading's, else the id_token's claim; empty when unknown.
QString planOf(const Account &account, const AccountFacts &facts);

/// Status markers of docs/cli.md §4, in order.
QStringList markersFor(const AccountPool &pool, int index, const AccountFacts &facts, qint64 now);

/// The account object of docs/cli.md §2.
QJsonObject accountObject(const AccountPool &pool, int index, const AccountFacts &facts, qint64 now, bool redact);

/// A short text label: `Account 2 (bob@example.com)`.
QString accountText(const AccountPool &pool, int index, bool redact);

/// Loads the pool for a command that only reads: warnings (recoverable, read-only, ignored fields)
/// go to stderr. A corrupt pool is an error (exit 5) unless \a allowCorrupt.
Result<LoadedPool> loadForReading(CommandContext &ctx, bool allowCorrupt = false);
/// loadForReading for a command that needs an account: an empty pool is an error (exit 3) that
/// says how to add one.
Result<LoadedPool> loadNonEmpty(CommandContext &ctx);

/// Asks for confirmation on a TTY; non-interactive runs need `--yes` (else a usage error).
Status confirm(CommandContext &ctx, const QString &question, const QString &typed = {});

/// The quota window of an entry in JSON: {usedPercent, leftPercent, windowMinutes, resetAt}.
QJsonValue windowJson(const QuotaWindow &w);

} // namespace cma::cli
