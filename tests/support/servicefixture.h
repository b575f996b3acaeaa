#pragma once

#include "appcontext.h"
#include "fakeopenaiserver.h"
#include "testenv.h"

#include <memory>

namespace cma::test {

/// What the service tests share: the fake issuer and backend, a private storage folder and Codex
/// home (from scripts/test-env), and an AppContext over them with an in-memory keychain, as the
/// composition root would build it.
class ServiceFixture
{
public:
    ServiceFixture();
    ~ServiceFixture();

    /// Empties the folders, resets the fake server and builds a fresh AppContext (file mode).
    void reset();
    AppContext &app() { return *m_app; }
    FakeOpenAiServer &fake() { return *m_fake; }
    QProcessEnvironment &env() { return m_env; }

    /// Accounts signed in at the fake issuer (`user<n>@example.org`, `acct-<n>`, plan plus; usage
    /// from \a usage when given), saved as the pool with account 1 current.
    AccountPool seed(int count, const QList<QJsonObject> &usage = {});
    /// The pool as saved now.
    AccountPool pool();
    /// Writes Codex's auth.json for \a account (in file mode, as Codex would).
    void writeCodexAuth(const Account &account);
    /// The account id in Codex's auth.json, empty when there is none.
    QString codexAccountId() const;
    /// Codex keeps its sign-in in files (config.toml).
    void pinCodexToFiles();

private:
    QProcessEnvironment m_env;
    FakeOpenAiServer *m_fake;
    std::unique_ptr<AppContext> m_app;
};

} // namespace cma::test
