#pragma once

#include "accounts/accountrepository.h"

namespace cma {

class AppContext;

/// Where the pool's secrets are and whether they can be read (`secrets status`).
struct SecretsStatus
{
    SecretMode mode = SecretMode::File;
    bool reachable = false; ///< the keychain answered
    int keychain = 0, plaintext = 0, missing = 0;
    QStringList plaintextBackups; ///< named backups that hold refresh tokens in plaintext
};

struct SecretsConversion
{
    SecretMode mode = SecretMode::File;
    int converted = 0;
    QStringList removedFiles; ///< plaintext recovery files deleted after a move into the keychain
    QString poolPath;
};

/// The secret storage mode and its conversions (docs/storage.md §5).
class SecretsService
{
public:
    explicit SecretsService(AppContext &app);

    SecretsStatus status(const AccountPool &pool);
    /// `secrets use keychain|file`: converts every account (all or nothing) and saves the mode.
    Result<SecretsConversion> use(SecretMode mode);

private:
    AppContext &m_app;
};

} // namespace cma
