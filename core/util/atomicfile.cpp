#include "atomicfile.h"

#include "util/clock.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
QString errnoText(int err)
{
    if (err == ENOSPC || err == EFBIG || err == EDQUOT)
        return u"the disk is full"_s;
    return QString::fromLocal8Bit(std::strerror(err));
}

bool transient(int err)
{
    return err == EBUSY || err == EPERM || err == EAGAIN || err == ENOTEMPTY || err == EACCES || err == EINTR;
}

void backoff(int attempt, int baseMs, int jitterMs)
{
    const int jitter = jitterMs > 0 ? int(QRandomGenerator::global()->bounded(jitterMs + 1)) : 0;
    QThread::msleep(static_cast<unsigned long>(baseMs * (1 << attempt) + jitter));
}

bool writeAll(int fd, const QByteArray &data, int *err)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}
} // namespace

QString stagingName(const QString &target)
{
    return u"%1.%2.%3.%4.tmp"_s.arg(target)
        .arg(qint64(::getpid()))
        .arg(Clock::instance().nowMs())
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

Status ensurePrivateDir(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, u"cannot create the folder %1"_s.arg(dir));
    if (::chmod(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EPERM)
        return makeError(ErrorCode::Io, u"cannot set permissions on %1: %2"_s.arg(dir, errnoText(errno)));
    return success();
}

Result<QString> writeStagingFile(const QString &path, const QByteArray &content, int mode)
{
    const QString temp = stagingName(path);
    const QByteArray nativeTemp = QFile::encodeName(temp);
    const int fd = ::open(nativeTemp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return makeError(ErrorCode::Io, u"cannot write %1: %2"_s.arg(path, errnoText(errno)));
    ::fchmod(fd, static_cast<mode_t>(mode));
    int err = 0;
    bool ok = writeAll(fd, content, &err);
    if (ok && ::fsync(fd) != 0) {
        err = errno;
        ok = false;
    }
    if (::close(fd) != 0 && ok) {
        err = errno;
        ok = false;
    }
    if (ok) {
        struct stat st
        {};
        if (::stat(nativeTemp.constData(), &st) != 0 || st.st_size != content.size()) {
            err = ENOSPC;
            ok = false;
        }
    }
    if (!ok) {
        ::unlink(nativeTemp.constData());
        return makeError(ErrorCode::Io,
                         u"cannot write %1: %2; the previous content is unchanged"_s.arg(path, errnoText(err)));
    }
    return temp;
}

Status commitStagingFile(const QString &temp, const QString &path)
{
    const QByteArray nativeTemp = QFile::encodeName(temp);
    const QByteArray nativeTarget = QFile::encodeName(path);
    for (int attempt = 0;; ++attempt) {
        if (::rename(nativeTemp.constData(), nativeTarget.constData()) == 0)
            break;
        const int err = errno;
        if ((err == EPERM || err == EBUSY) && attempt < 4) {
            backoff(attempt, 10, 10);
            continue;
        }
        ::unlink(nativeTemp.constData());
        return makeError(ErrorCode::Io, u"cannot replace %1: %2"_s.arg(path, errnoText(err)));
    }
    syncDirectory(QFileInfo(path).absolutePath());
    return success();
}

Status writeFileAtomically(const QString &path, const QByteArray &content, int mode)
{
    Result<QString> temp = writeStagingFile(path, content, mode);
    if (!temp)
        return temp.error();
    return commitStagingFile(temp.value(), path);
}

Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes)
{
    const QByteArray native = QFile::encodeName(path);
    for (int attempt = 0;; ++attempt) {
        const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            const int err = errno;
            if (err == ENOENT || err == ENOTDIR)
                return makeError(ErrorCode::NotFound, u"%1 does not exist"_s.arg(path));
            if (transient(err) && attempt < 5) {
                backoff(attempt, 25, 20);
                continue;
            }
            return makeError(ErrorCode::Io, u"cannot read %1: %2"_s.arg(path, errnoText(err)));
        }
        QByteArray data;
        char buffer[65536];
        while (true) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                const int err = errno;
                ::close(fd);
                return makeError(ErrorCode::Io, u"cannot read %1: %2"_s.arg(path, errnoText(err)));
            }
            if (n == 0)
                break;
            data.append(buffer, n);
            if (data.size() > maxBytes) {
                ::close(fd);
                return makeError(ErrorCode::Io, u"%1 is larger than %2 MiB"_s.arg(path).arg(maxBytes / (1024 * 1024)));
            }
        }
        ::close(fd);
        return data;
    }
}

bool removeFileWithRetry(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (::unlink(native.constData()) == 0 || errno == ENOENT)
            return true;
        if (!transient(errno))
            return false;
        backoff(attempt, 10, 0);
    }
    return false;
}

} // namespace cma
