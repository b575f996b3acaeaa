#pragma once

#include "util/result.h"

#include <functional>

#include <QJsonObject>
#include <QString>

namespace cma {

/// A small JSON document that several processes (ours and the reference) share: settings,
/// quota cache, account policies. Reads never lock; every change re-reads the latest file under
/// its own lock file, applies only our change, and writes temp + rename (0600).
class SharedJsonFile
{
public:
    SharedJsonFile(QString path, QString lockPath, bool keepBak = false);

    QString path() const { return m_path; }

    /// The file's object; an empty object when the file is missing. A file that exists but cannot
    /// be parsed is an error naming the file (or, with keepBak, its `.bak` when that parses).
    Result<QJsonObject> read() const;
    /// Locks, reads the latest content, applies \a change, writes. The change sees `{}` for a
    /// missing file. An unparsable file is never overwritten: the error says so.
    Result<QJsonObject> update(const std::function<Status(QJsonObject &)> &change, int lockTimeoutMs = 10000) const;

private:
    QString m_path;
    QString m_lockPath;
    bool m_keepBak;
};

} // namespace cma
