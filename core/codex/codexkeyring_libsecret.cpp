// libsecret before any Qt header: glib uses `signals` as an identifier.
#include <libsecret/secret.h>

#include "codexkeyring.h"

#include "util/jsonwriter.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

const SecretSchema *codexSchema()
{
    static const SecretSchema schema = {"org.freedesktop.Secret.Generic",
                                        SECRET_SCHEMA_DONT_MATCH_NAME,
                                        {{"service", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                         {"username", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                         {"target", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                         {"application", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                         {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
                                        0,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr,
                                        nullptr};
    return &schema;
}

Error unavailable(GError *error)
{
    const QString why = error ? QString::fromUtf8(error->message) : u"no answer"_s;
    if (error)
        g_error_free(error);
    return makeError(ErrorCode::SecretStoreUnavailable, u"the keyring that Codex uses is unavailable: %1"_s.arg(why));
}

} // namespace

QString CodexKeyring::usernameFor(const QString &codexHome)
{
    const QString canonical = QFileInfo(codexHome).canonicalFilePath();
    const QString path = canonical.isEmpty() ? codexHome : canonical;
    return u"cli|"_s + sha256Hex(path.toUtf8()).left(16);
}

Result<QByteArray> CodexKeyring::read(const QString &codexHome)
{
    const QByteArray user = usernameFor(codexHome).toUtf8();
    GError *error = nullptr;
    gchar *secret = secret_password_lookup_sync(codexSchema(), nullptr, &error, "service", "Codex Auth", "username",
                                                user.constData(), nullptr);
    if (error)
        return unavailable(error);
    if (!secret)
        return makeError(ErrorCode::NotFound, u"Codex has no keyring item for this CODEX_HOME"_s);
    QByteArray value(secret);
    secret_password_free(secret);
    return value;
}

Status CodexKeyring::write(const QString &codexHome, const QByteArray &compactJson)
{
    const QByteArray user = usernameFor(codexHome).toUtf8();
    const QByteArray label = user + "@Codex Auth:default (keyring v3.6.3)";
    GError *error = nullptr;
    const gboolean ok =
        secret_password_store_sync(codexSchema(), SECRET_COLLECTION_DEFAULT, label.constData(), compactJson.constData(),
                                   nullptr, &error, "service", "Codex Auth", "username", user.constData(), "target",
                                   "default", "application", "rust-keyring", nullptr);
    if (!ok || error)
        return unavailable(error);
    return success();
}

Status CodexKeyring::remove(const QString &codexHome)
{
    const QByteArray user = usernameFor(codexHome).toUtf8();
    GError *error = nullptr;
    secret_password_clear_sync(codexSchema(), nullptr, &error, "service", "Codex Auth", "username", user.constData(),
                               nullptr);
    if (error)
        return unavailable(error);
    return success();
}

} // namespace cma
