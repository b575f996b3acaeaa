#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace cma {

/// Durable, atomic replacement of one file: the content goes to `T.<pid>.<ms>.<8 hex>.tmp` beside
/// the target (0600 unless told otherwise), is flushed and fsync'ed, renamed over the target with
/// rename(2), and the directory is fsync'ed. Readers see the old content or the new, never a part.
/// On any failure the temp file is removed and the error names the file and the reason.
Status writeFileAtomically(const QString &path, const QByteArray &content, int mode = 0600);

/// The two halves of writeFileAtomically, for callers that must check something between them
/// (the pool's compare-and-swap): a durable staging file, then its rename over the target.
Result<QString> writeStagingFile(const QString &target, const QByteArray &content, int mode = 0600);
Status commitStagingFile(const QString &staging, const QString &target);

/// Reads a whole file; transient errors are retried (docs/storage.md §13), "not found" is not.
/// A missing file gives ErrorCode::NotFound.
Result<QByteArray> readWholeFile(const QString &path, qint64 maxBytes = 64 * 1024 * 1024);

/// Creates \a dir (and parents) with 0700 and re-asserts 0700 on it.
Status ensurePrivateDir(const QString &dir);

/// The staging name for a target: `T.<pid>.<epoch ms>.<8 hex from a CSPRNG>.tmp`.
QString stagingName(const QString &target);

/// fsync of a directory, so a rename in it survives a power cut.
void syncDirectory(const QString &dir);

/// Removes a file, retrying transient errors (5 attempts, 10 ms doubling). Missing is success.
bool removeFileWithRetry(const QString &path);

} // namespace cma
