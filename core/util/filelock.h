#pragma once

#include "util/result.h"

#include <QString>

namespace cma {

/// An exclusive advisory lock on a file (POSIX flock), held for the object's lifetime.
///
/// flock, unlike QLockFile, excludes other programs that use flock on the same file (the
/// official Codex CLI on auth.lock), and the kernel releases it when a holder dies, so a crashed
/// process never leaves a stale lock behind.
class FileLock
{
public:
    FileLock() = default;
    ~FileLock();
    FileLock(FileLock &&other) noexcept;
    FileLock &operator=(FileLock &&other) noexcept;
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

    /// Creates \a path (0600) if needed and locks it, retrying non-blocking attempts every
    /// \a retryMs (plus up to \a jitterMs) until \a timeoutMs has passed.
    static Result<FileLock> acquire(const QString &path, int timeoutMs, int retryMs = 25, int jitterMs = 25);

    bool isLocked() const { return m_fd >= 0; }
    /// Writes a small diagnostic record into the lock file (never read for correctness).
    void writeOwnerInfo();
    void release();

private:
    int m_fd = -1;
    QString m_path;
};

} // namespace cma
