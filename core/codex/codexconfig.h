#pragma once

#include "util/result.h"

#include <QStringList>

namespace cma {

/// What this product needs from Codex's `config.toml` (docs/protocol.md §5.6).
struct CodexConfig
{
    bool exists = false;
    /// `cli_auth_credentials_store`: file (also when unset), keyring, auto, ephemeral.
    QString store = QStringLiteral("file");
    bool storeSet = false;
    QString forcedLoginMethod;
    QStringList forcedWorkspaceIds;
    QString profile;
    /// Profiles that set `cli_auth_credentials_store` (the store then depends on the profile used).
    QStringList profilesSettingStore;

    /// Reads the top-level keys and `[profiles.*]` tables; an unreadable file is an error.
    static Result<CodexConfig> read(const QString &path);
    static Result<CodexConfig> parse(const QString &text);

    /// Why a switch to \a accountId cannot work with this configuration, or empty (docs/protocol.md
    /// §5.6–5.7, §8.4).
    QString switchBlocker(const QString &accountId, bool onWindows = false) const;

    /// Sets top-level `cli_auth_credentials_store = "file"` (the only edit we make): replaces the
    /// first top-level assignment, or inserts one above the first table header; keeps line endings,
    /// never touches `[profiles.*]`.
    static QString pinFile(const QString &text);
};

} // namespace cma
