#pragma once

#include "accounts/account.h"
#include "accounts/accountrepository.h"
#include "cli/cliapp.h"
#include "quota/usageclient.h"
#include "services/accountfacts.h"
#include "services/quotaservice.h"
#include "services/switchservice.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cma::cli {

/// `<sel>`: all digits = 1-based number; containing `@` = email (case-insensitive); else an
/// exact account id. No match → not-found, several → ambiguous (both exit 2) with candidates.
Result<int> resolveSelector(const AccountPool &pool, const QString &selector);
Result<QList<int>> resolveSelectors(const AccountPool &pool, const QStringList &selectors);

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

/// From --passphrase-file, CODEX_MULTI_AUTH_PASSPHRASE, or a no-echo prompt (twice when creating).
Result<QString> readPassphrase(CommandContext &ctx, bool creating);

/// A switch's notice as the CLI words it.
QString noticeText(const SwitchNotice &notice);
/// Prints every notice as `notice: …` on stderr.
void printNotices(CommandContext &ctx, const QList<SwitchNotice> &notices);

/// Evaluates the pool (read as loadForReading does) with the command's `--live` and `--model`
/// (which needs `--live`).
Result<Evaluation> evaluateFromArgs(CommandContext &ctx);

/// The failed live readings of a `--live` evaluation: [{index, label, status, message}].
QJsonArray probeErrors(const QList<UsageReading> &probes, const AccountPool &pool, bool redact);

} // namespace cma::cli
