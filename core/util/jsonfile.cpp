#include "jsonfile.h"

#include "util/atomicfile.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"

#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
Result<QJsonObject> parseObject(const QString &path, const QByteArray &data)
{
    QByteArray bytes = data;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (doc.isNull())
        return makeError(ErrorCode::StorageUnreadable,
                         u"%1 is not valid JSON (%2 at byte %3)"_s.arg(path, error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return makeError(ErrorCode::StorageUnreadable, u"%1 does not hold a JSON object"_s.arg(path));
    return doc.object();
}
} // namespace

SharedJsonFile::SharedJsonFile(QString path, QString lockPath, bool keepBak)
    : m_path(std::move(path))
    , m_lockPath(std::move(lockPath))
    , m_keepBak(keepBak)
{}

Result<QJsonObject> SharedJsonFile::read() const
{
    Result<QByteArray> data = readWholeFile(m_path);
    if (!data) {
        if (data.error().code == ErrorCode::NotFound)
            return QJsonObject();
        return data.error();
    }
    Result<QJsonObject> parsed = parseObject(m_path, data.value());
    if (parsed || !m_keepBak)
        return parsed;
    if (Result<QByteArray> bak = readWholeFile(m_path + u".bak"_s)) {
        if (Result<QJsonObject> fromBak = parseObject(m_path + u".bak"_s, bak.value()))
            return fromBak;
    }
    return parsed;
}

Result<QJsonObject> SharedJsonFile::update(const std::function<Status(QJsonObject &)> &change, int lockTimeoutMs) const
{
    if (Status s = ensurePrivateDir(QFileInfo(m_path).absolutePath()); !s)
        return s.error();
    Result<FileLock> lock = FileLock::acquire(m_lockPath, lockTimeoutMs);
    if (!lock)
        return lock.error();
    Result<QByteArray> data = readWholeFile(m_path);
    QJsonObject object;
    if (data) {
        Result<QJsonObject> parsed = parseObject(m_path, data.value());
        if (!parsed)
            return makeError(parsed.error().code, parsed.error().message + u"; it was left unchanged"_s);
        object = parsed.value();
    } else if (data.error().code != ErrorCode::NotFound) {
        return data.error();
    }
    if (Status s = change(object); !s)
        return s.error();
    if (m_keepBak && data)
        writeFileAtomically(m_path + u".bak"_s, data.value(), 0600);
    if (Status s = writeFileAtomically(m_path, toJsonIndented(object), 0600); !s)
        return s.error();
    return object;
}

} // namespace cma
