#pragma once

#include "net/endpoints.h"

#include <QString>
#include <QUrl>

namespace cma {

/// One sign-in attempt's secrets (docs/protocol.md §1.1): a 64-byte verifier (86 base64url chars), its
/// S256 challenge (43 chars), and a 32-byte state (43 chars), from the system CSPRNG. They live
/// for the whole attempt, also after the callback server stops (manual paste).
struct PkceSecrets
{
    QString verifier;
    QString challenge;
    QString state;

    static PkceSecrets generate();
    static QString challengeFor(const QString &verifier);
    static QString base64Url(const QByteArray &bytes);
};

/// `{issuer}/oauth/authorize?…` with the parameters in the 0.169.0 order, form-encoded;
/// `prompt=login` only when the pool already holds an account.
QUrl buildAuthorizeUrl(const Endpoints &endpoints, const QString &redirectUri, const PkceSecrets &secrets,
                       bool promptLogin);

/// Percent-encodes for application/x-www-form-urlencoded (space → `+`).
QByteArray formEncodeValue(const QString &value);

} // namespace cma
