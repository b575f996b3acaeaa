#pragma once

#include "cli/cliapp.h"
#include "secrets/secretstore.h"
#include "testenv.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace cma::test {

/// Runs CLI commands in-process with buffered streams, the test's private environment, and an
/// in-memory keychain shared across runs (so items written by one command are there for the next).
class CliHarness
{
public:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    CliHarness();
    Run run(const QStringList &args, const QStringList &input = {}, bool interactive = false);

    QProcessEnvironment &env() { return m_env; }
    MemorySecretStore &keychain() { return *m_keychain; }
    QString dir() const { return m_env.value(QStringLiteral("CODEX_MULTI_AUTH_DIR")); }
    QString poolPath() const { return dir() + QStringLiteral("/openai-codex-accounts.json"); }
    QString codexHome() const { return m_env.value(QStringLiteral("CODEX_HOME")); }
    /// Empties our storage folder and Codex's home between test functions.
    void wipe();
    /// Writes \a bytes as the pool file.
    void writePool(const QByteArray &bytes);
    QByteArray readPool() const;

private:
    QProcessEnvironment m_env;
    std::shared_ptr<MemorySecretStore> m_keychain;
};

} // namespace cma::test
