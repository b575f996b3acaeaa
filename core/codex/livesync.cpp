#include "livesync.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "auth/jwt.h"
#include "codex/codexlivestore.h"
#include "util/atomicfile.h"
#include "util/jsonwriter.h"
#include "util/logging.h"

#include <QFileInfo>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace cma {

LiveSync::LiveSync(AppContext &app, QObject *parent)
    : QObject(parent)
    , m_app(app)
    , m_watcher(this)
    , m_poll(this)
    , m_debounce(this)
{
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &LiveSync::checkNow);
    connect(&m_poll, &QTimer::timeout, this, &LiveSync::checkNow);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LiveSync::scheduleCheck);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &LiveSync::scheduleCheck);
}

QByteArray LiveSync::signatureOf(const QString &path) const
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return QByteArray("missing");
    // mtime + size first; the hash settles same-size rewrites within one mtime tick.
    Result<QByteArray> data = readWholeFile(path, 64 * 1024 * 1024);
    return QByteArray::number(qint64(st.st_mtim.tv_sec)) + '.' + QByteArray::number(qint64(st.st_mtim.tv_nsec)) + ':' +
           QByteArray::number(qint64(st.st_size)) + ':' + (data ? sha256Hex(data.value()).toLatin1() : QByteArray());
}

void LiveSync::start(int pollMs, int debounceMs)
{
    m_debounce.setInterval(debounceMs);
    rearm();
    // Baseline, so the first check reports only real changes.
    for (const QString &p : {m_app.repository().store().path(), m_app.paths().settingsPath(),
                             m_app.paths().quotaCachePath(), m_app.paths().codexAuthPath()})
        m_seen.insert(p, signatureOf(p));
    m_poll.start(pollMs);
}

void LiveSync::stop()
{
    m_poll.stop();
    m_debounce.stop();
}

void LiveSync::rearm()
{
    // Atomic renames replace the inode: watches are re-armed after every change.
    const QStringList files = m_watcher.files();
    if (!files.isEmpty())
        m_watcher.removePaths(files);
    for (const QString &dir : {m_app.paths().root, m_app.paths().codexHome}) {
        if (QFileInfo(dir).isDir() && !m_watcher.directories().contains(dir))
            m_watcher.addPath(dir);
    }
    for (const QString &f :
         {m_app.repository().store().path(), m_app.paths().codexAuthPath(), m_app.paths().settingsPath()}) {
        if (QFileInfo::exists(f))
            m_watcher.addPath(f);
    }
}

void LiveSync::scheduleCheck()
{
    m_debounce.start();
}

void LiveSync::checkNow()
{
    if (m_busy) {
        m_pending = true;
        return;
    }
    m_busy = true;
    auto changed = [this](const QString &path) {
        const QByteArray sig = signatureOf(path);
        if (m_seen.value(path) == sig)
            return false;
        m_seen.insert(path, sig);
        return true;
    };
    if (changed(m_app.repository().store().path()))
        Q_EMIT poolChanged();
    if (changed(m_app.paths().settingsPath())) {
        m_app.settings().reload();
        Q_EMIT settingsChanged();
    }
    if (changed(m_app.paths().quotaCachePath())) {
        m_app.quotaCache().reload();
        Q_EMIT quotaChanged();
    }
    if (changed(m_app.paths().codexAuthPath())) {
        Q_EMIT codexCredentialsChanged();
        reconcileCodex();
        // Our own reaction may have rewritten it: remember that state, not ours to report again.
        m_seen.insert(m_app.paths().codexAuthPath(), signatureOf(m_app.paths().codexAuthPath()));
        m_seen.insert(m_app.repository().store().path(), signatureOf(m_app.repository().store().path()));
    }
    rearm();
    m_busy = false;
    if (m_pending) {
        m_pending = false;
        scheduleCheck();
    }
}

void LiveSync::reconcileCodex()
{
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return;
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current)
        return;
    if (!current.value()) {
        Q_EMIT codexSignedOut();
        return;
    }
    const CodexAuth &l = **current;
    if (!l.isChatGpt())
        return;
    AccountRepository &repo = m_app.repository();
    Result<LoadedPool> loaded = repo.load();
    if (!loaded || loaded->readOnly() || loaded->health == StorageHealth::Corrupt)
        return;
    const int index = l.findInPool(loaded->pool);
    if (index < 0) {
        Q_EMIT foreignAccount(TokenIdentity::fromTokens(l.idToken, l.accessToken).email);
        return;
    }
    const Account pooled = loaded->pool.accounts[index];
    Result<TokenSet> tokens = repo.tokensOf(pooled);
    const bool sameTokens = tokens && tokens->refreshToken == l.refreshToken && tokens->accessToken == l.accessToken;
    if (tokens && l.supersedes(pooled, &tokens.value())) {
        if (adoptLiveTokens(repo, pooled, l))
            Q_EMIT reconciled(u"adopted newer tokens Codex wrote for account %1"_s.arg(index + 1));
    } else if (!sameTokens && tokens && jwt::isStrictJwt(tokens->idToken)) {
        qCWarning(lcCodex) << "Codex holds older tokens for a pooled account; writing the pool's set back";
        const Status written =
            live.writeLive(LiveCredentials{tokens->idToken, tokens->accessToken, tokens->refreshToken,
                                           pooled.accountIdKey(), pooled.lastRefresh.value_or(0)},
                           config.value());
        if (written)
            Q_EMIT reconciled(u"wrote the pool's newer tokens back to Codex"_s);
    }
    if (index != loaded->pool.currentIndex()) {
        Result<LoadedPool> saved = repo.update([&](AccountPool &p) -> Status {
            const int i = findMatchingAccount(p.accounts, pooled, true);
            if (i >= 0)
                p.select(i); // the pin and lastSwitchReason stay as they are
            return success();
        });
        if (saved)
            Q_EMIT reconciled(
                u"Codex was switched to account %1 outside the app; the selection follows"_s.arg(index + 1));
    }
}

} // namespace cma
