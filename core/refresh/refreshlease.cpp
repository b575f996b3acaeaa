#include "refreshlease.h"

#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QUuid>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
qint64 envMs(const QProcessEnvironment &env, const char *name, qint64 fallback, qint64 minimum)
{
    bool ok = false;
    const qint64 v = env.value(QString::fromLatin1(name)).toLongLong(&ok);
    return ok ? std::max(v, minimum) : fallback;
}

void sweepOld(const QString &dir, qint64 maxAgeMs)
{
    const qint64 now = Clock::instance().nowMs();
    for (const QFileInfo &fi : QDir(dir).entryInfoList({u"*.lock"_s, u"*.result.json"_s}, QDir::Files)) {
        if (now - fi.lastModified().toMSecsSinceEpoch() > maxAgeMs)
            QFile::remove(fi.absoluteFilePath());
    }
}
} // namespace

RefreshLease::Settings RefreshLease::Settings::fromEnvironment(const QString &storageRoot,
                                                               const QProcessEnvironment &env)
{
    Settings s;
    const QString dir = env.value(u"CODEX_AUTH_REFRESH_LEASE_DIR"_s).trimmed();
    s.directory = dir.isEmpty() ? storageRoot + u"/refresh-leases"_s : dir;
    s.ttlMs = envMs(env, "CODEX_AUTH_REFRESH_LEASE_TTL_MS", 30000, 1000);
    s.resultTtlMs = envMs(env, "CODEX_AUTH_REFRESH_LEASE_RESULT_TTL_MS", 20000, 1000);
    s.pollMs = envMs(env, "CODEX_AUTH_REFRESH_LEASE_POLL_MS", 150, 50);
    s.waitMs = envMs(env, "CODEX_AUTH_REFRESH_LEASE_WAIT_MS", 35000, 0);
    return s;
}

QString RefreshLease::keyFor(const QString &refreshToken)
{
    return sha256Hex(refreshToken.toUtf8());
}

RefreshLease::RefreshLease(RefreshLease &&other) noexcept
    : m_settings(std::move(other.m_settings))
    , m_key(std::move(other.m_key))
    , m_nonce(std::move(other.m_nonce))
    , m_role(other.m_role)
    , m_result(std::move(other.m_result))
    , m_held(std::exchange(other.m_held, false))
{}

RefreshLease::~RefreshLease()
{
    release();
}

Result<RefreshLease> RefreshLease::acquire(const Settings &settings, const QString &refreshToken)
{
    if (Status s = ensurePrivateDir(settings.directory); !s)
        return makeError(ErrorCode::Io,
                         u"the refresh lease folder cannot be used (%1); not refreshing"_s.arg(s.error().message));
    sweepOld(settings.directory, 2 * std::max(settings.ttlMs, settings.resultTtlMs));
    RefreshLease lease;
    lease.m_settings = settings;
    lease.m_key = keyFor(refreshToken);
    const QString lockPath = settings.directory + u'/' + lease.m_key + u".lock"_s;
    const QString resultPath = settings.directory + u'/' + lease.m_key + u".result.json"_s;
    const qint64 start = Clock::instance().nowMs();
    while (true) {
        const qint64 now = Clock::instance().nowMs();
        if (Result<QByteArray> data = readWholeFile(resultPath, 1024 * 1024)) {
            const QJsonObject o = QJsonDocument::fromJson(data.value()).object();
            const qint64 created = qint64(o.value(u"createdAt"_s).toDouble());
            const QJsonObject r = o.value(u"result"_s).toObject();
            if (o.value(u"tokenHash"_s).toString() == lease.m_key && now - created <= settings.resultTtlMs &&
                r.value(u"type"_s).toString() == "success"_L1 && !r.value(u"refresh"_s).toString().isEmpty()) {
                LeaseResult published;
                published.access = r.value(u"access"_s).toString();
                published.refresh = r.value(u"refresh"_s).toString();
                published.idToken = r.value(u"idToken"_s).toString();
                if (r.value(u"expires"_s).isDouble())
                    published.expires = qint64(r.value(u"expires"_s).toDouble());
                lease.m_role = Role::Follower;
                lease.m_result = published;
                return lease;
            }
            QFile::remove(resultPath);
        }
        lease.m_nonce = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const int fd = ::open(QFile::encodeName(lockPath).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            const QByteArray body = toJsonCompact(QJsonObject{{u"tokenHash"_s, lease.m_key},
                                                              {u"pid"_s, double(::getpid())},
                                                              {u"acquiredAt"_s, double(now)},
                                                              {u"expiresAt"_s, double(now + settings.ttlMs)},
                                                              {u"nonce"_s, lease.m_nonce}});
            [[maybe_unused]] const auto written = ::write(fd, body.constData(), size_t(body.size()));
            ::fsync(fd);
            ::close(fd);
            lease.m_role = Role::Owner;
            lease.m_held = true;
            return lease;
        }
        if (errno != EEXIST)
            return makeError(ErrorCode::Io, u"the refresh lease cannot be taken (%1); not refreshing"_s.arg(
                                                QString::fromLocal8Bit(std::strerror(errno))));
        // Someone holds it: stale when unreadable and gone, expired, or older than ttl.
        Result<QByteArray> held = readWholeFile(lockPath, 64 * 1024);
        const QJsonObject h = held ? QJsonDocument::fromJson(held.value()).object() : QJsonObject();
        const QFileInfo info(lockPath);
        const bool gone = !held && !info.exists();
        const bool expired =
            held && h.value(u"expiresAt"_s).isDouble() && qint64(h.value(u"expiresAt"_s).toDouble()) <= now;
        const bool old = info.exists() && now - info.lastModified().toMSecsSinceEpoch() > settings.ttlMs;
        if (gone)
            continue;
        if (expired || old) {
            QFile::remove(lockPath);
            continue;
        }
        if (now - start >= settings.waitMs)
            return makeError(ErrorCode::Network,
                             u"another process has been refreshing this account for too long; will try again later"_s);
        QThread::msleep(static_cast<unsigned long>(settings.pollMs));
    }
}

Status RefreshLease::publish(const LeaseResult &result)
{
    if (m_role != Role::Owner)
        return success();
    QJsonObject r{{u"type"_s, u"success"_s},
                  {u"access"_s, result.access},
                  {u"refresh"_s, result.refresh},
                  {u"idToken"_s, result.idToken}};
    if (result.expires)
        r.insert(u"expires"_s, double(*result.expires));
    const QByteArray body = toJsonCompact(
        QJsonObject{{u"tokenHash"_s, m_key}, {u"createdAt"_s, double(Clock::instance().nowMs())}, {u"result"_s, r}});
    return writeFileAtomically(m_settings.directory + u'/' + m_key + u".result.json"_s, body, 0600);
}

void RefreshLease::release()
{
    if (!m_held)
        return;
    m_held = false;
    const QString lockPath = m_settings.directory + u'/' + m_key + u".lock"_s;
    Result<QByteArray> held = readWholeFile(lockPath, 64 * 1024);
    if (held && QJsonDocument::fromJson(held.value()).object().value(u"nonce"_s).toString() == m_nonce)
        QFile::remove(lockPath);
}

} // namespace cma
