#pragma once

#include <QLoggingCategory>

namespace cma {

Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcCodex)
Q_DECLARE_LOGGING_CATEGORY(lcQuota)
Q_DECLARE_LOGGING_CATEGORY(lcRefresh)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

/// Installs a message handler that passes every message through redactSecrets() before the
/// previous handler prints it. Idempotent. Called first thing in main() and in every test.
void installRedactingMessageHandler();

/// Off by default: our categories log only warnings unless CMA_DEBUG=1 or QT_LOGGING_RULES say so.
void applyDefaultLoggingRules();

} // namespace cma
