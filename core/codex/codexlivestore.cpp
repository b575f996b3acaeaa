#include "codexlivestore.h"

#include "auth/jwt.h"
#include "codex/codexkeyring.h"
#include "util/atomicfile.h"
#include "util/filelock.h"
#include "util/jsonwriter.h"
#include "util/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma {

CodexLiveStore::CodexLiveStore(QString codexHome, bool codexHomeExplicit)
    : m_home(std::move(codexHome))
    , m_explicit(codexHomeExplicit)
{}

Status CodexLiveStore::checkHome() const
{
    if (m_explicit && !QFileInfo(m_home).isDir())
        return makeError(ErrorCode::Io,
                         u"CODEX_HOME points to %1, but that path does not exist; nothing was written"_s.arg(m_home));
    return success();
}

Status CodexLiveStore::ensureHome() const
{
    if (Status s = checkHome(); !s)
        return s;
    if (!QFileInfo(m_home).isDir())
        return ensurePrivateDir(m_home);
    return success();
}

Result<CodexConfig> CodexLiveStore::config() const
{
    Result<CodexConfig> c = CodexConfig::read(configPath());
    if (!c)
        return makeError(c.error().code, u"cannot read Codex's %1: %2"_s.arg(configPath(), c.error().message));
    return c;
}

QString CodexLiveStore::formatTimestamp(qint64 epochMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    return t.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'.' + u"%1"_s.arg(t.time().msec(), 3, 10, QLatin1Char('0')) +
           u"000Z"_s;
}

QByteArray CodexLiveStore::authJson(const LiveCredentials &c, bool pretty)
{
    JsonWriter w(pretty);
    w.beginObject();
    w.key(u"auth_mode");
    w.value(QStringView(u"chatgpt"));
    w.key(u"OPENAI_API_KEY");
    w.null();
    w.key(u"tokens");
    w.beginObject();
    w.key(u"id_token");
    w.value(QStringView(c.idToken));
    w.key(u"access_token");
    w.value(QStringView(c.accessToken));
    w.key(u"refresh_token");
    w.value(QStringView(c.refreshToken));
    w.key(u"account_id");
    w.value(QStringView(c.accountId));
    w.endObject();
    w.key(u"last_refresh");
    const QString lastRefresh = formatTimestamp(c.lastRefreshMs);
    w.value(QStringView(lastRefresh));
    w.endObject();
    return w.take();
}

Result<std::optional<CodexAuth>> CodexLiveStore::readLive(const CodexConfig &config) const
{
    if (config.store == "keyring"_L1 || config.store == "auto"_L1) {
        Result<QByteArray> item = CodexKeyring::read(m_home);
        if (item) {
            Result<CodexAuth> parsed = CodexAuth::parse(item.value());
            if (!parsed)
                return makeError(ErrorCode::Io, u"Codex's keyring item is not valid: %1"_s.arg(parsed.error().message));
            return std::optional<CodexAuth>(parsed.value());
        }
        if (item.error().code != ErrorCode::NotFound && config.store == "keyring"_L1)
            return item.error();
        if (config.store == "keyring"_L1)
            return std::optional<CodexAuth>();
    }
    Result<CodexAuth> file = CodexAuth::readFile(authPath());
    if (!file) {
        if (file.error().code == ErrorCode::NotFound)
            return std::optional<CodexAuth>();
        return file.error();
    }
    return std::optional<CodexAuth>(file.value());
}

Status CodexLiveStore::withAuthLock(const std::function<Status()> &action)
{
    if (Status s = ensureHome(); !s)
        return s;
    Result<FileLock> lock = FileLock::acquire(m_home + u"/auth.lock"_s, 10000, 50, 0);
    if (!lock) {
        if (lock.error().code == ErrorCode::StorageBusy)
            return makeError(ErrorCode::StorageBusy, u"Codex is updating its credentials; try again"_s);
        return lock.error();
    }
    ::chmod(QFile::encodeName(m_home + u"/auth.lock"_s).constData(), 0600);
    return action();
}

Status CodexLiveStore::writeLive(const LiveCredentials &c, const CodexConfig &config, const Adopt &adopt)
{
    if (!jwt::isStrictJwt(c.idToken))
        return makeError(
            ErrorCode::NoUsableAccount,
            u"this account has no valid id_token, so Codex would reject it; sign in to this account again"_s);
    if (c.accountId.isEmpty() || c.accessToken.isEmpty() || c.refreshToken.isEmpty())
        return makeError(ErrorCode::NoUsableAccount,
                         u"this account's tokens are incomplete; sign in to this account again"_s);
    return withAuthLock([&]() -> Status {
        if (adopt) {
            Result<std::optional<CodexAuth>> live = readLive(config);
            if (!live)
                return live.error();
            if (Status s = adopt(live.value()); !s)
                return s;
        }
        const bool keyring = config.store == "keyring"_L1 || config.store == "auto"_L1;
        const bool writeFile = !keyring || (config.store == "auto"_L1 && QFileInfo::exists(authPath()));
        if (writeFile) {
            Result<FileLock> fileLock = FileLock::acquire(m_home + u"/auth.json.lock"_s, 2000, 50, 0);
            if (!fileLock)
                return makeError(ErrorCode::StorageBusy, u"Codex is updating its credentials; try again"_s);
            ::chmod(QFile::encodeName(m_home + u"/auth.json.lock"_s).constData(), 0600);
            QTemporaryFile temp(m_home + u"/.auth-XXXXXX"_s);
            temp.setAutoRemove(false);
            if (!temp.open())
                return makeError(ErrorCode::Io, u"cannot write in %1: %2"_s.arg(m_home, temp.errorString()));
            const QString tempPath = temp.fileName();
            ::fchmod(temp.handle(), 0600);
            const QByteArray bytes = authJson(c);
            const bool written = temp.write(bytes) == bytes.size() && temp.flush() && ::fsync(temp.handle()) == 0;
            temp.close();
            if (!written) {
                QFile::remove(tempPath);
                return makeError(
                    ErrorCode::Io,
                    u"cannot write %1: the disk may be full; Codex's credentials are unchanged"_s.arg(authPath()));
            }
            if (::rename(QFile::encodeName(tempPath).constData(), QFile::encodeName(authPath()).constData()) != 0) {
                const QString why = QString::fromLocal8Bit(std::strerror(errno));
                QFile::remove(tempPath);
                return makeError(ErrorCode::Io, u"cannot replace %1: %2"_s.arg(authPath(), why));
            }
            syncDirectory(m_home);
            // Read back: the file must now name the intended account.
            Result<CodexAuth> back = CodexAuth::readFile(authPath());
            if (!back || back->accountId != c.accountId || back->refreshToken != c.refreshToken)
                return makeError(ErrorCode::Io, u"%1 did not read back as the intended account"_s.arg(authPath()));
        }
        if (keyring) {
            if (Status s = CodexKeyring::write(m_home, authJson(c, false)); !s)
                return s;
            if (config.store == "keyring"_L1 && QFileInfo::exists(authPath())) {
                // Codex ignores it in keyring mode, and a plaintext copy must not linger.
                removeFileWithRetry(authPath());
            }
        }
        return success();
    });
}

Status CodexLiveStore::clearLive(const CodexConfig &config)
{
    return withAuthLock([&]() -> Status {
        if (config.store == "keyring"_L1 || config.store == "auto"_L1) {
            if (Status s = CodexKeyring::remove(m_home); !s)
                return s;
        }
        if (!removeFileWithRetry(authPath()))
            return makeError(ErrorCode::Io, u"cannot remove %1"_s.arg(authPath()));
        return success();
    });
}

} // namespace cma
