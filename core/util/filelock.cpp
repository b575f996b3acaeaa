#include "filelock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

FileLock::~FileLock()
{
    release();
}

FileLock::FileLock(FileLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_path(std::move(other.m_path))
{}

FileLock &FileLock::operator=(FileLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Result<FileLock> FileLock::acquire(const QString &path, int timeoutMs, int retryMs, int jitterMs)
{
    const QByteArray native = path.toLocal8Bit();
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(ErrorCode::Io,
                         u"cannot open the lock file %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    QElapsedTimer timer;
    timer.start();
    while (true) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            FileLock lock;
            lock.m_fd = fd;
            lock.m_path = path;
            return lock;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            return makeError(ErrorCode::Io, u"cannot lock %1: %2"_s.arg(path, why));
        }
        if (timer.elapsed() >= timeoutMs) {
            ::close(fd);
            return makeError(
                ErrorCode::StorageBusy,
                u"storage busy: another process holds %1 (waited %2 s)"_s.arg(path).arg(timeoutMs / 1000.0));
        }
        const int wait = retryMs + (jitterMs > 0 ? int(QRandomGenerator::global()->bounded(jitterMs + 1)) : 0);
        QThread::msleep(static_cast<unsigned long>(wait));
    }
}

void FileLock::writeOwnerInfo()
{
    if (m_fd < 0)
        return;
    const QByteArray info = u"{\"pid\":%1,\"host\":\"%2\",\"acquiredAt\":%3}"_s.arg(qint64(::getpid()))
                                .arg(QHostInfo::localHostName().toHtmlEscaped())
                                .arg(QDateTime::currentMSecsSinceEpoch())
                                .toUtf8();
    if (::ftruncate(m_fd, 0) == 0) {
        [[maybe_unused]] const auto written = ::pwrite(m_fd, info.constData(), size_t(info.size()), 0);
    }
}

void FileLock::release()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace cma
