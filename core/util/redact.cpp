#include "redact.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

// Parameter names whose values are secrets. In JSON, `code` is left alone: it names error codes
// ("refresh_token_reused") there, which logs need; in URLs and forms it is the authorization code.
const QString kJsonSecretNames =
    uR"((?:refresh_token|access_token|id_token|code_verifier|code_challenge|token|subject_token|authorization_code|device_auth_id|user_code|client_secret|password|passphrase|OPENAI_API_KEY|refreshToken|accessToken|idToken|apiKey|api_key|secret))"_s;
const QString kQuerySecretNames =
    uR"((?:refresh_token|access_token|id_token|code_verifier|code_challenge|code|state|token|subject_token|authorization_code|device_auth_id|user_code|client_secret|password|passphrase|api_key))"_s;

struct Rule
{
    QRegularExpression pattern;
    QString replacement;
};

const std::array<Rule, 7> &rules()
{
    static const std::array<Rule, 7> r = {{
        // "name": "value" in JSON.
        {QRegularExpression(u"(\"%1\"\\s*:\\s*\")[^\"]*(\")"_s.arg(kJsonSecretNames)), u"\\1<redacted>\\2"_s},
        // name=value in query strings, form bodies and fragments.
        {QRegularExpression(u"(?<![A-Za-z0-9_])(%1=)[^&\\s\"'#]+"_s.arg(kQuerySecretNames)), u"\\1<redacted>"_s},
        // Authorization headers.
        {QRegularExpression(u"\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+"_s, QRegularExpression::CaseInsensitiveOption),
         u"\\1 <redacted>"_s},
        // JWTs: three base64url segments, the first a JSON header.
        {QRegularExpression(u"\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"_s), u"<jwt:redacted>"_s},
        // OpenAI refresh tokens (rt_…), API keys (sk-…), fake server tokens.
        {QRegularExpression(u"\\b(rt|at)_[A-Za-z0-9._-]{6,}"_s), u"<token:redacted>"_s},
        {QRegularExpression(u"\\bsk-[A-Za-z0-9_-]{6,}"_s), u"<key:redacted>"_s},
        // Long opaque runs (base64url or hex) of 40+ characters: verifiers, states, opaque tokens.
        {QRegularExpression(u"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])"_s), u"<redacted>"_s},
    }};
    return r;
}

} // namespace

QString redactSecrets(const QString &text)
{
    QString out = text;
    for (const Rule &rule : rules())
        out.replace(rule.pattern, rule.replacement);
    return out;
}

QString maskEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    const qsizetype at = trimmed.indexOf(u'@');
    if (at < 0)
        return trimmed.isEmpty() ? QString() : trimmed.left(2) + u"***"_s;
    const QString local = trimmed.left(at);
    const QString domain = trimmed.mid(at + 1);
    const qsizetype dot = domain.lastIndexOf(u'.');
    const QString tld = dot >= 0 ? domain.mid(dot + 1) : QString();
    return local.left(2) + u"***@***."_s + tld;
}

QString maskAccountId(const QString &accountId)
{
    const QString trimmed = accountId.trimmed();
    return trimmed.right(6);
}

} // namespace cma
