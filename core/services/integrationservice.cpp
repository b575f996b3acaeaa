#include "integrationservice.h"

#include "appcontext.h"
#include "codex/codexauth.h"
#include "codex/codexlivestore.h"
#include "codex/codexshim.h"
#include "services/autostart.h"
#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cma {

namespace {

QString selfPath()
{
    const QString app = QCoreApplication::applicationFilePath();
    return app.isEmpty() ? QFileInfo(u"/proc/self/exe"_s).canonicalFilePath() : app;
}

/// Whether \a dir comes before the official CLI's folder on PATH.
bool beforeOfficial(const QProcessEnvironment &env, const QString &dir, const QString &self)
{
    const QString wanted = QFileInfo(dir).canonicalFilePath();
    for (const QString &d : env.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts)) {
        const QString canon = QFileInfo(d).canonicalFilePath();
        if (!wanted.isEmpty() && canon == wanted)
            return true;
        const QFileInfo codex(d + u"/codex"_s);
        if (codex.isExecutable() && codex.canonicalFilePath() != QFileInfo(self).canonicalFilePath())
            return false;
    }
    return false;
}

} // namespace

IntegrationService::IntegrationService(AppContext &app)
    : m_app(app)
{}

Result<CodexConfig> IntegrationService::codexConfig() const
{
    return CodexLiveStore(m_app.paths().codexHome, m_app.paths().codexHomeExplicit).config();
}

Result<PinFileOutcome> IntegrationService::pinCodexToFile()
{
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return config.error();
    PinFileOutcome outcome;
    outcome.previousMode = config->storeSet ? config->store : u"file"_s;
    outcome.authPath = live.authPath();
    if (config->storeSet && config->store == "file"_L1)
        return outcome;
    // First make auth.json hold the live account, then edit config.toml.
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current)
        return current.error();
    if (current.value() && (*current)->isChatGpt()) {
        const CodexAuth &c = **current;
        CodexConfig fileMode = config.value();
        fileMode.store = u"file"_s;
        if (Status s = live.writeLive(
                LiveCredentials{c.idToken, c.accessToken, c.refreshToken, c.accountId, c.lastRefreshMs.value_or(0)},
                fileMode);
            !s)
            return s.error();
    }
    Result<QByteArray> text = readWholeFile(live.configPath());
    const QString original = text ? QString::fromUtf8(text.value()) : QString();
    if (Status s = writeFileAtomically(live.configPath(), CodexConfig::pinFile(original).toUtf8(), 0600); !s)
        return s.error();
    outcome.changed = true;
    return outcome;
}

QString IntegrationService::shimDir(const QString &dir) const
{
    return dir.isEmpty() ? CodexShim::defaultShimDir(m_app.env()) : dir;
}

ShimState IntegrationService::shimState(const QString &dir) const
{
    ShimState s;
    const QString folder = shimDir(dir);
    s.link = QDir(folder).absoluteFilePath(u"codex"_s);
    const QString self = selfPath();
    const QFileInfo info(s.link);
    s.installed =
        info.isSymLink() && QFileInfo(info.symLinkTarget()).canonicalFilePath() == QFileInfo(self).canonicalFilePath();
    if (s.installed) {
        s.target = self;
        s.onPathBeforeOfficial = beforeOfficial(m_app.env(), folder, self);
    }
    return s;
}

Result<ShimState> IntegrationService::installShim(const QString &dir)
{
    const QString folder = shimDir(dir);
    const ShimState before = shimState(dir);
    const QFileInfo info(before.link);
    if (info.exists() && !before.installed && !info.isSymLink())
        return makeError(ErrorCode::Io, u"%1 exists and is not our shim; nothing was changed"_s.arg(before.link));
    if (!QDir().mkpath(folder))
        return makeError(ErrorCode::Io, u"cannot create %1"_s.arg(folder));
    if (info.isSymLink())
        QFile::remove(before.link);
    if (!QFile::link(selfPath(), before.link))
        return makeError(ErrorCode::Io, u"cannot create the link %1"_s.arg(before.link));
    ShimState after = shimState(dir);
    after.changed = true;
    return after;
}

Result<ShimState> IntegrationService::removeShim(const QString &dir)
{
    ShimState state = shimState(dir);
    if (!state.installed)
        return state;
    if (!QFile::remove(state.link))
        return makeError(ErrorCode::Io, u"cannot remove %1"_s.arg(state.link));
    state = shimState(dir);
    state.changed = true;
    return state;
}

bool IntegrationService::codexHoldsPooledAccount() const
{
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return false;
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    if (!current || !current.value() || !(*current)->isChatGpt())
        return false;
    Result<LoadedPool> pool = m_app.repository().load();
    return pool && (*current)->findInPool(pool->pool) >= 0;
}

CodexLogoutOutcome IntegrationService::logoutCodexLocally()
{
    using Step = CodexLogoutOutcome::Step;
    CodexLogoutOutcome outcome;
    auto fail = [&](Step step, const Error &error = {}) {
        outcome.step = step;
        outcome.error = error;
        return outcome;
    };
    CodexLiveStore live(m_app.paths().codexHome, m_app.paths().codexHomeExplicit);
    Result<CodexConfig> config = live.config();
    if (!config)
        return fail(Step::ConfigUnreadable, config.error());
    Result<std::optional<CodexAuth>> current = live.readLive(config.value());
    Result<LoadedPool> pool = m_app.repository().load();
    if (!current || !current.value() || !pool)
        return fail(Step::CredentialsUnreadable);
    const CodexAuth l = **current;
    outcome.index = l.findInPool(pool->pool);
    if (outcome.index < 0) // the live login changed since the guard looked: not ours to keep
        return fail(Step::AccountChanged);
    // Adopt the live tokens first: they may be newer than the pool's, and they must not be lost.
    outcome.account = pool->pool.accounts[outcome.index];
    Result<TokenSet> pooled = m_app.repository().tokensOf(outcome.account);
    if (pooled && l.supersedes(outcome.account, &pooled.value())) {
        Result<Account> saved = adoptLiveTokens(m_app.repository(true), outcome.account, l);
        if (!saved)
            return fail(Step::AdoptFailed, saved.error());
    }
    if (Status s = live.clearLive(config.value()); !s)
        return fail(Step::ClearFailed, s.error());
    return outcome;
}

Result<UninstallOutcome> IntegrationService::uninstall(const UninstallRequest &request)
{
    UninstallOutcome outcome;
    const bool dryRun = request.dryRun;
    const QString autostart = Autostart(m_app.env()).path();
    if (QFileInfo::exists(autostart)) {
        if (dryRun || QFile::remove(autostart))
            outcome.removed.append(autostart);
        else
            outcome.warnings.append(u"could not remove %1"_s.arg(autostart));
    }
    const QString shim = CodexShim::defaultShimDir(m_app.env()) + u"/codex"_s;
    const QFileInfo shimInfo(shim);
    if (shimInfo.isSymLink() && QFileInfo(shimInfo.symLinkTarget()).fileName().startsWith(u"codex-multi-auth"_s)) {
        if (dryRun || QFile::remove(shim))
            outcome.removed.append(shim);
        else
            outcome.warnings.append(u"could not remove %1"_s.arg(shim));
    }
    if (request.clearAccounts) {
        if (dryRun)
            outcome.removed.append(m_app.repository().store().path());
        else if (Status s = m_app.repository(true).clearAll(); s)
            outcome.removed.append(m_app.repository().store().path());
        else
            outcome.warnings.append(s.error().message);
    }
    return outcome;
}

} // namespace cma
