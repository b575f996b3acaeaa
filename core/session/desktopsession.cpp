#include "desktopsession.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "codex/livesync.h"
#include "refresh/refreshguardian.h"
#include "session/notifier.h"
#include "settings/settingkeys.h"
#include "util/clock.h"

#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma {

/// The session's half on the worker thread: the guardian, live sync, the polling timers, the
/// notifier rules and what the view needs beyond the files (Codex's foreign login, a failed
/// reading). Touched only on that thread.
class DesktopSession::Worker : public QObject
{
public:
    Worker(DesktopSession &session, AppContext &app, std::unique_ptr<RefreshGuardian> guardian,
           std::unique_ptr<LiveSync> liveSync)
        : m_session(session)
        , m_app(app)
        , m_guardian(std::move(guardian))
        , m_liveSync(std::move(liveSync))
    {}

    AppContext &app() { return m_app; }
    RefreshGuardian *guardian() const { return m_guardian.get(); }
    LiveSync *liveSync() const { return m_liveSync.get(); }

    void init()
    {
        m_notifier = std::make_unique<Notifier>(
            m_app.paths().desktopDir() + u"/state.json"_s, [this](const QString &title, const QString &message) {
                toSession([title, message](DesktopSession &s) { Q_EMIT s.alertRaised(title, message); });
            });
        if (m_guardian) {
            connect(m_guardian.get(), &RefreshGuardian::reloginNeeded, this,
                    [this](const QString &key, const QString &) {
                        toSession([key](DesktopSession &s) { Q_EMIT s.reloginNeeded(key); });
                    });
            connect(m_guardian.get(), &RefreshGuardian::accountRefreshed, this, [this] { gather(); });
            m_guardianTimer = new QTimer(this);
            m_guardianTimer->setSingleShot(true);
            connect(m_guardianTimer, &QTimer::timeout, this, [this] {
                m_guardian->updateLiveAccount(m_app);
                const qint64 next = m_guardian->tick();
                const RefreshGuardian::Stats &st = m_guardian->stats();
                const GuardianStats stats{st.runs, st.refreshed, st.failed, st.notNeeded, st.lastRunAt};
                toSession([stats](DesktopSession &s) { Q_EMIT s.guardianStatsChanged(stats); });
                m_guardianTimer->start(int(next));
            });
            m_guardianTimer->start(3000); // the first tick shortly after start
        }
        // Automatic quota polling (menuAutoFetchLimits, menuQuotaTtlMs), read again at every tick
        // so a change in Settings applies without a restart.
        m_pollTimer = new QTimer(this);
        pollSettings();
        connect(m_pollTimer, &QTimer::timeout, this, [this] {
            if (pollSettings())
                refreshNow();
        });
        m_pollTimer->start();
        m_fastTimer = new QTimer(this);
        m_fastTimer->setInterval(60000);
        connect(m_fastTimer, &QTimer::timeout, this, [this] { pollCurrent(); });
        if (m_liveSync)
            startLiveSync();
        gather();
    }

    void shutDown()
    {
        // Timers and the objects that own some stop on their own thread.
        delete m_guardianTimer;
        delete m_pollTimer;
        delete m_fastTimer;
        m_guardianTimer = m_pollTimer = m_fastTimer = nullptr;
        m_guardian.reset();
        m_liveSync.reset();
        m_notifier.reset();
    }

    /// Reads everything the view shows, derives it, runs the notifier rules and hands the view to
    /// the GUI thread.
    void gather()
    {
        PoolView view = PoolView::gather(m_app, Clock::instance().nowMs());
        view.foreignEmail = m_foreignEmail;
        view.codexSignedOut = m_codexSignedOut;
        view.quotaStale = m_quotaStale;
        if (m_notifier)
            m_notifier->evaluate(view.pool, view.facts, view.now, NotifySettings::from(m_app.settings(), m_app.env()),
                                 &view.runway);
        toSession([view](DesktopSession &s) { s.deliverView(view); });
    }

    void refreshNow()
    {
        Result<LoadedPool> loaded = m_app.repository().load();
        if (!loaded || loaded->pool.accounts.isEmpty())
            return;
        QList<int> enabled;
        for (int i = 0; i < loaded->pool.accounts.size(); ++i)
            if (loaded->pool.accounts[i].isEnabled())
                enabled.append(i);
        setActivity({SessionActivity::Kind::ReadingQuota, int(enabled.size())});
        Result<QuotaOutcome> read = QuotaService(m_app).quota(QuotaRequest{loaded->pool, enabled, true});
        m_quotaStale = !read || read->anyFailed;
        if (m_guardian)
            m_guardian->tick(); // tokens that are due
        setActivity({});
        gather();
    }

    void pollCurrent()
    {
        Result<LoadedPool> loaded = m_app.repository().load();
        if (!loaded || loaded->pool.accounts.isEmpty())
            return;
        Result<QuotaOutcome> read =
            QuotaService(m_app).quota(QuotaRequest{loaded->pool, {loaded->pool.currentIndex()}, true});
        m_quotaStale = !read || read->anyFailed;
        gather();
    }

    void setFastPolling(bool fast)
    {
        if (!m_fastTimer)
            return;
        // desktop.quotaRefresh: `adaptive` polls the current account every minute while the menu
        // is open; `fixed` keeps the one interval.
        m_app.settings().reload();
        if (fast && setting(u"desktop.quotaRefresh"_s).toString() == "adaptive"_L1) {
            pollCurrent();
            m_fastTimer->start();
        } else {
            m_fastTimer->stop();
        }
    }

    void setNotificationsPausedUntil(qint64 epochMs)
    {
        if (m_notifier)
            m_notifier->setPausedUntil(epochMs);
    }

    void applySettings()
    {
        m_app.settings().reload();
        pollSettings();
        if (m_liveSync) {
            m_liveSync->stop();
            startLiveSync();
        }
        gather();
    }

    /// Codex's login is in the pool now.
    void clearForeign() { m_foreignEmail.clear(); }

    void setActivity(const SessionActivity &activity)
    {
        toSession([activity](DesktopSession &s) { Q_EMIT s.activityChanged(activity); });
    }

private:
    QJsonValue setting(const QString &fullName) const
    {
        const SettingKey *k = findSettingKey(fullName);
        return k ? effectiveSetting(*k, m_app.settings(), m_app.env()).value : QJsonValue();
    }

    bool pollSettings()
    {
        m_app.settings().reload();
        m_pollTimer->setInterval(int(setting(u"dashboardDisplaySettings.menuQuotaTtlMs"_s).toDouble()));
        return setting(u"dashboardDisplaySettings.menuAutoFetchLimits"_s).toBool();
    }

    void startLiveSync()
    {
        // Live account sync (pluginConfig.liveAccountSync, its poll and debounce).
        if (!m_liveSyncWired) {
            m_liveSyncWired = true;
            LiveSync *sync = m_liveSync.get();
            connect(sync, &LiveSync::poolChanged, this, [this] { gather(); });
            connect(sync, &LiveSync::quotaChanged, this, [this] { gather(); });
            connect(sync, &LiveSync::reconciled, this, [this] { gather(); });
            connect(sync, &LiveSync::settingsChanged, this, [this] {
                m_app.settings().reload();
                toSession([](DesktopSession &s) { Q_EMIT s.settingsChanged(); });
                gather();
            });
            connect(sync, &LiveSync::foreignAccount, this, [this](const QString &email) {
                m_foreignEmail = email;
                toSession([email](DesktopSession &s) { Q_EMIT s.foreignAccountSeen(email); });
                gather();
            });
            connect(sync, &LiveSync::codexCredentialsChanged, this, [this] {
                m_foreignEmail.clear();
                m_codexSignedOut = false;
            });
            connect(sync, &LiveSync::codexSignedOut, this, [this] {
                m_codexSignedOut = true;
                gather();
            });
        }
        if (setting(u"pluginConfig.liveAccountSync"_s).toBool())
            m_liveSync->start(int(setting(u"pluginConfig.liveAccountSyncPollMs"_s).toDouble()),
                              int(setting(u"pluginConfig.liveAccountSyncDebounceMs"_s).toDouble()));
    }

    template <typename F> void toSession(F f)
    {
        QMetaObject::invokeMethod(
            &m_session, [s = &m_session, f = std::move(f)] { f(*s); }, Qt::QueuedConnection);
    }

    DesktopSession &m_session;
    AppContext &m_app;
    std::unique_ptr<RefreshGuardian> m_guardian;
    std::unique_ptr<LiveSync> m_liveSync;
    std::unique_ptr<Notifier> m_notifier;
    QTimer *m_guardianTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_fastTimer = nullptr;
    QString m_foreignEmail;
    bool m_codexSignedOut = false;
    bool m_quotaStale = false;
    bool m_liveSyncWired = false;
};

DesktopSession::DesktopSession(Parts parts, QObject *parent)
    : QObject(parent)
    , m_app(std::move(parts.app))
    , m_settings(std::make_unique<SettingsStore>(m_app->paths(), m_app->env()))
    , m_thread(new QThread(this))
{
    m_thread->setObjectName(u"session"_s);
    m_worker = new Worker(*this, *m_app, std::move(parts.guardian), std::move(parts.liveSync));
    if (m_worker->guardian())
        m_worker->guardian()->moveToThread(m_thread);
    if (m_worker->liveSync())
        m_worker->liveSync()->moveToThread(m_thread);
    m_worker->moveToThread(m_thread);
}

DesktopSession::~DesktopSession()
{
    stop();
    delete m_worker;
}

const StoragePaths &DesktopSession::paths() const
{
    return m_app->paths();
}

const QProcessEnvironment &DesktopSession::env() const
{
    return m_app->env();
}

const Endpoints &DesktopSession::endpoints() const
{
    return m_app->endpoints();
}

void DesktopSession::start()
{
    if (m_started)
        return;
    m_started = true;
    m_thread->start();
    onWorker([w = m_worker] { w->init(); });
}

void DesktopSession::stop()
{
    if (!m_thread->isRunning())
        return;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->shutDown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void DesktopSession::onWorker(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_worker, std::move(work), Qt::QueuedConnection);
}

void DesktopSession::deliverView(const PoolView &view)
{
    m_view = view;
    m_hasView = true;
    Q_EMIT viewChanged();
}

template <typename T>
void DesktopSession::post(QObject *context, std::function<Result<T>(AppContext &)> job, Done<T> done)
{
    const bool wanted = context != nullptr;
    QPointer<QObject> guard(context);
    onWorker([this, job = std::move(job), done = std::move(done), wanted, guard] {
        m_worker->setActivity({SessionActivity::Kind::Working, 0});
        const Result<T> result = job(m_worker->app());
        m_worker->setActivity({});
        m_worker->gather(); // the view that shows the change arrives first
        if (!wanted || !done)
            return;
        QMetaObject::invokeMethod(
            this,
            [done, guard, result] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

// --- requests ----------------------------------------------------------------------------------

void DesktopSession::switchTo(const Account &account, const SwitchOptions &options, QObject *context,
                              Done<SwitchResult> done)
{
    post<SwitchResult>(
        context, [account, options](AppContext &app) { return SwitchService(app).switchTo(account, options); },
        std::move(done));
}

void DesktopSession::switchToBest(QObject *context, Done<BestOutcome> done)
{
    post<BestOutcome>(
        context,
        [](AppContext &app) -> Result<BestOutcome> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            const Evaluation e = QuotaService(app).evaluate(loaded->pool, {});
            if (!e.recommendation.recommendedIndex)
                return makeError(ErrorCode::NoUsableAccount, e.recommendation.reason);
            return SwitchService(app).switchToBest(e);
        },
        std::move(done));
}

void DesktopSession::unpin(QObject *context, Done<UnpinOutcome> done)
{
    post<UnpinOutcome>(
        context, [](AppContext &app) { return AccountService(app).unpin(); }, std::move(done));
}

void DesktopSession::setEnabled(const EnableRequest &request, QObject *context, Done<EnableOutcome> done)
{
    post<EnableOutcome>(
        context, [request](AppContext &app) { return AccountService(app).setEnabled(request); }, std::move(done));
}

void DesktopSession::remove(const RemoveRequest &request, QObject *context, Done<RemoveOutcome> done)
{
    post<RemoveOutcome>(
        context, [request](AppContext &app) { return AccountService(app).remove(request); }, std::move(done));
}

void DesktopSession::removeAll(QObject *context, Done<RemoveAllOutcome> done)
{
    post<RemoveAllOutcome>(
        context, [](AppContext &app) { return AccountService(app).removeAll(); }, std::move(done));
}

void DesktopSession::changePolicy(const PolicyRequest &request, QObject *context, Done<PolicyOutcome> done)
{
    post<PolicyOutcome>(
        context, [request](AppContext &app) { return AccountService(app).changePolicy(request); }, std::move(done));
}

void DesktopSession::move(const Account &account, int to, QObject *context, Done<MoveOutcome> done)
{
    post<MoveOutcome>(
        context, [account, to](AppContext &app) { return AccountService(app).move(account, to); }, std::move(done));
}

void DesktopSession::selectWorkspace(const Account &account, int number, QObject *context, Done<WorkspaceOutcome> done)
{
    post<WorkspaceOutcome>(
        context,
        [account, number](AppContext &app) -> Result<WorkspaceOutcome> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            const int index = findMatchingAccount(loaded->pool.accounts, account, true);
            if (index < 0)
                return makeError(ErrorCode::NotFound, u"the account was removed meanwhile"_s);
            return AccountService(app).selectWorkspace(loaded->pool, index, number);
        },
        std::move(done));
}

void DesktopSession::resetRateLimits(const RateLimitRequest &request, QObject *context, Done<RateLimitOutcome> done)
{
    post<RateLimitOutcome>(
        context, [request](AppContext &app) { return AccountService(app).resetRateLimits(request); }, std::move(done));
}

void DesktopSession::removeFlagged(const Account &flagged, QObject *context, Done<Ok> done)
{
    post<Ok>(
        context, [flagged](AppContext &app) { return AccountService(app).removeFlagged(flagged); }, std::move(done));
}

void DesktopSession::importForeign(QObject *context, Done<QList<SwitchNotice>> done)
{
    post<QList<SwitchNotice>>(
        context,
        [w = m_worker](AppContext &app) -> Result<QList<SwitchNotice>> {
            QList<SwitchNotice> notices;
            Result<int> imported = SwitchService(app).importForeignLiveAccount(&notices);
            if (!imported)
                return imported.error();
            w->clearForeign();
            return notices;
        },
        std::move(done));
}

void DesktopSession::addFromSignIn(const TokenResponse &tokens, const SaveLoginOptions &options, QObject *context,
                                   Done<SavedLogin> done)
{
    post<SavedLogin>(
        context, [tokens, options](AppContext &app) { return AccountService(app).addFromSignIn(tokens, options); },
        std::move(done));
}

void DesktopSession::refreshTokens(const RefreshTokensRequest &request, QObject *context,
                                   Done<QList<TokenRefreshRow>> done)
{
    post<QList<TokenRefreshRow>>(
        context,
        [request](AppContext &app) -> Result<QList<TokenRefreshRow>> {
            RefreshTokensRequest r = request;
            if (r.pool.accounts.isEmpty()) {
                Result<LoadedPool> loaded = app.repository().load();
                if (!loaded)
                    return loaded.error();
                r.pool = loaded->pool;
            }
            return TokenService(app).refresh(r);
        },
        std::move(done));
}

void DesktopSession::check(const CheckRequest &request, QObject *context, Done<CheckOutcome> done)
{
    post<CheckOutcome>(
        context,
        [request](AppContext &app) -> Result<CheckOutcome> {
            CheckRequest r = request;
            if (r.pool.accounts.isEmpty()) {
                Result<LoadedPool> loaded = app.repository().load();
                if (!loaded)
                    return loaded.error();
                r.pool = loaded->pool;
            }
            if (r.pool.accounts.isEmpty())
                return makeError(ErrorCode::NoUsableAccount, u"the pool is empty"_s);
            return HealthService(app).check(r);
        },
        std::move(done));
}

void DesktopSession::fix(const FixRequest &request, QObject *context, Done<FixOutcome> done)
{
    post<FixOutcome>(
        context,
        [request](AppContext &app) -> Result<FixOutcome> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            FixRequest r = request;
            r.pool = loaded->pool;
            return HealthService(app).fix(r);
        },
        std::move(done));
}

void DesktopSession::doctor(const DoctorRequest &request, QObject *context, Done<DoctorReport> done)
{
    post<DoctorReport>(
        context, [request](AppContext &app) { return HealthService(app).doctor(request); }, std::move(done));
}

void DesktopSession::verifyFlagged(const VerifyFlaggedRequest &request, QObject *context,
                                   Done<VerifyFlaggedOutcome> done)
{
    post<VerifyFlaggedOutcome>(
        context, [request](AppContext &app) { return HealthService(app).verifyFlagged(request); }, std::move(done));
}

void DesktopSession::debugBundle(QObject *context, Done<QByteArray> done)
{
    post<QByteArray>(
        context, [](AppContext &app) { return Result<QByteArray>(HealthService(app).debugBundle()); }, std::move(done));
}

void DesktopSession::evaluate(const EvaluateRequest &request, QObject *context, Done<Evaluation> done)
{
    post<Evaluation>(
        context,
        [request](AppContext &app) -> Result<Evaluation> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            return QuotaService(app).evaluate(loaded->pool, request);
        },
        std::move(done));
}

void DesktopSession::saveReport(const ReportRequest &request, QObject *context, Done<ReportOutcome> done)
{
    post<ReportOutcome>(
        context,
        [request](AppContext &app) -> Result<ReportOutcome> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            return QuotaService(app).report(loaded.value(), request);
        },
        std::move(done));
}

void DesktopSession::exportPool(const ExportRequest &request, QObject *context, Done<ExportOutcome> done)
{
    post<ExportOutcome>(
        context,
        [request](AppContext &app) -> Result<ExportOutcome> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            return TransferService(app).exportPool(loaded->pool, request);
        },
        std::move(done));
}

void DesktopSession::backup(const QString &name, ExportFormat format, const PassphraseSource &passphrase,
                            QObject *context, Done<ExportOutcome> done)
{
    post<ExportOutcome>(
        context,
        [name, format, passphrase](AppContext &app) -> Result<ExportOutcome> {
            TransferService transfer(app);
            Result<QString> path = transfer.backupPath(name, format);
            if (!path)
                return path.error();
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            return transfer.exportPool(loaded->pool, ExportRequest{path.value(), format, passphrase});
        },
        std::move(done));
}

void DesktopSession::importAccounts(const ImportRequest &request, QObject *context, Done<ImportOutcome> done)
{
    post<ImportOutcome>(
        context,
        [request](AppContext &app) -> Result<ImportOutcome> {
            TransferService transfer(app);
            Result<ImportBatch> batch = transfer.readImport(request);
            if (!batch)
                return batch.error();
            return transfer.mergeImport(batch.value());
        },
        std::move(done));
}

void DesktopSession::secretsStatus(QObject *context, Done<SecretsStatus> done)
{
    post<SecretsStatus>(
        context,
        [](AppContext &app) -> Result<SecretsStatus> {
            Result<LoadedPool> loaded = app.repository().load();
            if (!loaded)
                return loaded.error();
            return SecretsService(app).status(loaded->pool);
        },
        std::move(done));
}

void DesktopSession::useSecrets(SecretMode mode, QObject *context, Done<SecretsConversion> done)
{
    post<SecretsConversion>(
        context, [mode](AppContext &app) { return SecretsService(app).use(mode); }, std::move(done));
}

void DesktopSession::pinCodexToFile(QObject *context, Done<PinFileOutcome> done)
{
    post<PinFileOutcome>(
        context, [](AppContext &app) { return IntegrationService(app).pinCodexToFile(); }, std::move(done));
}

void DesktopSession::installShim(QObject *context, Done<ShimState> done)
{
    post<ShimState>(
        context, [](AppContext &app) { return IntegrationService(app).installShim(); }, std::move(done));
}

void DesktopSession::removeShim(QObject *context, Done<ShimState> done)
{
    post<ShimState>(
        context, [](AppContext &app) { return IntegrationService(app).removeShim(); }, std::move(done));
}

// --- background --------------------------------------------------------------------------------

void DesktopSession::refreshNow()
{
    onWorker([w = m_worker] { w->refreshNow(); });
}

void DesktopSession::reloadView()
{
    onWorker([w = m_worker] { w->gather(); });
}

void DesktopSession::setFastPolling(bool fast)
{
    onWorker([w = m_worker, fast] { w->setFastPolling(fast); });
}

void DesktopSession::setNotificationsPausedUntil(qint64 epochMs)
{
    onWorker([w = m_worker, epochMs] { w->setNotificationsPausedUntil(epochMs); });
}

void DesktopSession::applySettings()
{
    m_settings->reload();
    onWorker([w = m_worker] { w->applySettings(); });
}

} // namespace cma
