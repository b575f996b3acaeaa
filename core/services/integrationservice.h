#pragma once

#include "accounts/account.h"
#include "codex/codexconfig.h"
#include "util/result.h"

namespace cma {

class AppContext;

/// `codex-store pin-file`: Codex keeps its sign-in in auth.json from now on.
struct PinFileOutcome
{
    bool changed = false;
    QString previousMode; ///< file | keyring | auto | ephemeral
    QString authPath;
};

/// The `codex` shim: a link named `codex` to this program, ahead of the official CLI on PATH.
struct ShimState
{
    QString link;   ///< <dir>/codex
    QString target; ///< this program
    bool installed = false;
    bool onPathBeforeOfficial = false;
    bool changed = false; ///< install or remove did something
};

struct UninstallRequest
{
    bool dryRun = false;
    bool clearAccounts = false;
};
struct UninstallOutcome
{
    QStringList removed;  ///< what was (or would be) removed
    QStringList warnings; ///< what could not be removed
};

/// The `codex logout` guard: Codex signs out locally, the pooled account keeps its tokens.
struct CodexLogoutOutcome
{
    enum class Step
    {
        Done,
        ConfigUnreadable,      ///< error: why
        CredentialsUnreadable, ///< Codex's credentials or the pool could not be read
        AccountChanged,        ///< Codex's account is no longer a pooled one
        AdoptFailed,           ///< error: why the newer tokens could not be kept
        ClearFailed,           ///< error: why Codex's credentials could not be removed
    };
    Step step = Step::Done;
    Error error;
    int index = -1; ///< the pooled account Codex held
    Account account;
};

/// How the product sits in the system: Codex's credential store, the `codex` shim, autostart and
/// uninstalling.
class IntegrationService
{
public:
    explicit IntegrationService(AppContext &app);

    Result<CodexConfig> codexConfig() const;
    Result<PinFileOutcome> pinCodexToFile();

    /// \a dir empty: the default folder (~/.local/bin).
    ShimState shimState(const QString &dir = {}) const;
    Result<ShimState> installShim(const QString &dir = {});
    Result<ShimState> removeShim(const QString &dir = {});

    /// Whether Codex's live login is one of the pool's (the login guard acts only then).
    bool codexHoldsPooledAccount() const;
    /// Signs Codex out without revoking anything, after keeping newer tokens Codex held.
    CodexLogoutOutcome logoutCodexLocally();

    /// Removes the autostart entry and the shim (and, when asked, every account).
    Result<UninstallOutcome> uninstall(const UninstallRequest &request);

private:
    QString shimDir(const QString &dir) const;
    AppContext &m_app;
};

} // namespace cma
