#include "logging.h"

#include "redact.h"

#include <atomic>
#include <cstdio>

namespace cma {

Q_LOGGING_CATEGORY(lcAuth, "cma.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "cma.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSecrets, "cma.secrets", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "cma.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCodex, "cma.codex", QtWarningMsg)
Q_LOGGING_CATEGORY(lcQuota, "cma.quota", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRefresh, "cma.refresh", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "cma.settings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCli, "cma.cli", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "cma.ui", QtWarningMsg)

namespace {
std::atomic<QtMessageHandler> s_previous{nullptr};

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QtMessageHandler previous = s_previous.load();
    if (previous)
        previous(type, context, redactSecrets(message));
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, redactSecrets(message))));
}
} // namespace

void installRedactingMessageHandler()
{
    // Layer on top of whatever handler is current; installing twice must not chain us to ourselves.
    const QtMessageHandler previous = qInstallMessageHandler(redactingHandler);
    if (previous != redactingHandler)
        s_previous.store(previous);
}

void applyDefaultLoggingRules()
{
    if (qEnvironmentVariableIntValue("CMA_DEBUG") == 1)
        QLoggingCategory::setFilterRules(QStringLiteral("cma.*.debug=true"));
}

} // namespace cma
