#include "settingsstore.h"

using namespace Qt::StringLiterals;

namespace cma {

SettingsStore::SettingsStore(const StoragePaths &paths, QProcessEnvironment env)
    : m_file(paths.settingsPath(), paths.root + u"/settings.lock"_s, true)
    , m_env(std::move(env))
{
    reload();
}

void SettingsStore::reload()
{
    Result<QJsonObject> read = m_file.read();
    m_cache = read ? read.value() : QJsonObject();
    m_problem = read ? QString() : read.error().message;
}

QJsonValue SettingsStore::value(const QString &section, const QString &key) const
{
    const QJsonValue s = m_cache.value(section);
    if (!s.isObject())
        return QJsonValue(QJsonValue::Undefined);
    return s.toObject().value(key);
}

QString SettingsStore::desktopString(const QString &key, const QString &fallback) const
{
    const QJsonValue v = value(u"desktop"_s, key);
    return v.isString() ? v.toString() : fallback;
}

bool SettingsStore::syncCodexCli() const
{
    const QString env = m_env.value(u"CODEX_MULTI_AUTH_SYNC_CODEX_CLI"_s).trimmed().toLower();
    if (!env.isEmpty()) {
        if (QStringList{u"0"_s, u"false"_s, u"no"_s, u"off"_s}.contains(env))
            return false;
        if (QStringList{u"1"_s, u"true"_s, u"yes"_s, u"on"_s}.contains(env))
            return true;
    }
    const QJsonValue v = value(u"desktop"_s, u"syncCodexCli"_s);
    return v.isBool() ? v.toBool() : true;
}

namespace {
/// Sets or (with an undefined value) removes \a key in \a section, nesting dotted desktop keys.
void put(QJsonObject &root, const QString &section, const QString &key, const QJsonValue &v)
{
    QJsonObject s = root.value(section).toObject();
    if (section == "desktop"_L1 && key.contains(u'.')) {
        const QString parent = key.section(u'.', 0, 0), child = key.section(u'.', 1);
        QJsonObject nested = s.value(parent).toObject();
        if (v.isUndefined())
            nested.remove(child);
        else
            nested.insert(child, v);
        s.insert(parent, nested);
    } else if (v.isUndefined()) {
        s.remove(key);
    } else {
        s.insert(key, v);
    }
    root.insert(section, s);
}
} // namespace

Status SettingsStore::setValue(const QString &section, const QString &key, const QJsonValue &v)
{
    return setValues({{section, key, v}});
}

Status SettingsStore::removeValue(const QString &section, const QString &key)
{
    return setValues({{section, key, QJsonValue(QJsonValue::Undefined)}});
}

Status SettingsStore::setValues(const QList<Change> &changes)
{
    Result<QJsonObject> written = m_file.update([&](QJsonObject &root) {
        root.insert(u"version"_s, 1);
        for (const Change &c : changes)
            put(root, c.section, c.key, c.value);
        return success();
    });
    if (!written)
        return written.error();
    m_cache = written.value();
    return success();
}

} // namespace cma
