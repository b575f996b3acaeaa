#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace cma {

/// The Secret Service item the official Codex CLI uses in `keyring`/`auto` mode (docs/protocol.md
/// §5.7): service `Codex Auth`, username `cli|<first 16 hex of SHA-256 of the canonical
/// CODEX_HOME>`, target `default`, application `rust-keyring`, generic schema, default collection.
/// The secret is the auth.json object as compact JSON.
class CodexKeyring
{
public:
    static QString usernameFor(const QString &codexHome);
    /// NotFound when there is no item; SecretStoreUnavailable when no Secret Service answers.
    static Result<QByteArray> read(const QString &codexHome);
    static Status write(const QString &codexHome, const QByteArray &compactJson);
    static Status remove(const QString &codexHome);
};

} // namespace cma
