#pragma once

#include <QString>

namespace cma {

/// Masks every secret-looking part of a text: JWTs, bearer credentials, refresh tokens, API keys,
/// and the values of secret-bearing parameters in query strings, form bodies and JSON
/// (code, code_verifier, state, refresh_token, …). Used by the log handler and by every error
/// message built from a server reply, so that no token, code or verifier reaches a log line.
QString redactSecrets(const QString &text);

/// Email for display when personal information is hidden: first two characters of the local part,
/// then `***@***.` and the top-level domain (docs/cli.md §2, `--redact`).
QString maskEmail(const QString &email);

/// Account id for display when redacted: only its last 6 characters.
QString maskAccountId(const QString &accountId);

} // namespace cma
