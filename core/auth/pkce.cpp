#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace cma {

QString PkceSecrets::base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString PkceSecrets::challengeFor(const QString &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
}

PkceSecrets PkceSecrets::generate()
{
    auto random = [](int n) {
        QByteArray bytes(n, Qt::Uninitialized);
        QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
        return bytes;
    };
    PkceSecrets s;
    s.verifier = base64Url(random(64));
    s.challenge = challengeFor(s.verifier);
    s.state = base64Url(random(32));
    return s;
}

QByteArray formEncodeValue(const QString &value)
{
    QByteArray out = QUrl::toPercentEncoding(value, " ");
    out.replace(' ', '+');
    return out;
}

QUrl buildAuthorizeUrl(const Endpoints &endpoints, const QString &redirectUri, const PkceSecrets &secrets,
                       bool promptLogin)
{
    QByteArray query;
    auto add = [&](const char *name, const QString &value) {
        if (!query.isEmpty())
            query += '&';
        query += name;
        query += '=';
        query += formEncodeValue(value);
    };
    add("response_type", u"code"_s);
    add("client_id", QString::fromLatin1(Endpoints::kClientId));
    add("redirect_uri", redirectUri);
    add("code_challenge", secrets.challenge);
    add("code_challenge_method", u"S256"_s);
    add("state", secrets.state);
    add("scope", QString::fromLatin1(Endpoints::kScope));
    add("id_token_add_organizations", u"true"_s);
    add("codex_cli_simplified_flow", u"true"_s);
    add("originator", QString::fromLatin1(Endpoints::kOriginator));
    if (promptLogin)
        add("prompt", u"login"_s);
    return QUrl::fromEncoded(endpoints.authorizeUrl().toEncoded() + '?' + query, QUrl::StrictMode);
}

} // namespace cma
