#pragma once

#include "appcontext.h"
#include "codex/livesync.h"
#include "net/endpoints.h"
#include "refresh/refreshguardian.h"
#include "services/accountservice.h"
#include "services/healthservice.h"
#include "services/integrationservice.h"
#include "services/quotaservice.h"
#include "services/secretsservice.h"
#include "services/signin.h"
#include "services/switchservice.h"
#include "services/tokenservice.h"
#include "services/transferservice.h"
#include "session/poolview.h"
#include "settings/settingsstore.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <functional>
#include <memory>

class QThread;

namespace cma {

/// The refresh guardian's counters after its last run.
struct GuardianStats
{
    int runs = 0, refreshed = 0, failed = 0, notNeeded = 0;
    qint64 lastRunAt = 0;
};

/// What the session is busy with, for the tray's busy line.
struct SessionActivity
{
    enum class Kind
    {
        Idle,
        ReadingQuota, ///< `total` accounts
        Working,      ///< a request
    };
    Kind kind = Kind::Idle;
    int total = 0;
};

/// The desktop session: everything the tray process runs, QtCore only, under the faces (the tray
/// and its windows) and over the application services.
///
/// It owns the process's one AppContext, the refresh guardian and live sync (built by the
/// composition root in app/) and a worker thread. Everything that may block — a file lock, the
/// keychain, the network — runs on that thread: every request, every pool write, the guardian's
/// ticks, quota polling, live sync's reconciliation and the gathering of the PoolView. The GUI
/// thread only posts typed requests and receives typed results and the newest view.
///
///   GUI thread                         worker thread
///   ----------                         -------------
///   remove(request, window, done) ──►  AccountService::remove()
///                                      PoolView::gather(), notifier rules
///   viewChanged() ◄──────────────────  the new view
///   done(Result<RemoveOutcome>) ◄────  the outcome (dropped when the window is gone)
///
/// Requests run one at a time in the order they were made. Every result arrives after the view
/// that already shows it.
class DesktopSession : public QObject
{
    Q_OBJECT
public:
    /// What the composition root builds; the guardian and live sync may be left out (tests).
    struct Parts
    {
        std::unique_ptr<AppContext> app;
        std::unique_ptr<RefreshGuardian> guardian;
        std::unique_ptr<LiveSync> liveSync;
    };
    explicit DesktopSession(Parts parts, QObject *parent = nullptr);
    ~DesktopSession() override;

    /// Starts the worker: live sync (as its settings say), the guardian, quota polling, and the
    /// first view. Call once.
    void start();
    /// Stops the worker after the request it is running; nothing runs afterwards.
    void stop();

    /// The newest view (empty until the first one arrived).
    const PoolView &view() const { return m_view; }
    bool hasView() const { return m_hasView; }
    const StoragePaths &paths() const;
    const QProcessEnvironment &env() const;
    const Endpoints &endpoints() const;
    /// The settings as the GUI thread reads and writes them (its own store over settings.json; the
    /// worker re-reads after applySettings()).
    SettingsStore &settings() { return *m_settings; }

    template <typename T> using Done = std::function<void(const Result<T> &)>;

    // Typed requests. Each runs on the worker; \a done runs on this thread with its result, unless
    // \a context was destroyed meanwhile. A null context means nobody waits for the result.
    void switchTo(const Account &account, const SwitchOptions &options, QObject *context, Done<SwitchResult> done);
    void switchToBest(QObject *context, Done<BestOutcome> done);
    void unpin(QObject *context, Done<UnpinOutcome> done);
    void setEnabled(const EnableRequest &request, QObject *context, Done<EnableOutcome> done);
    void remove(const RemoveRequest &request, QObject *context, Done<RemoveOutcome> done);
    void removeAll(QObject *context, Done<RemoveAllOutcome> done);
    void changePolicy(const PolicyRequest &request, QObject *context, Done<PolicyOutcome> done);
    void move(const Account &account, int to, QObject *context, Done<MoveOutcome> done);
    void selectWorkspace(const Account &account, int number, QObject *context, Done<WorkspaceOutcome> done);
    void resetRateLimits(const RateLimitRequest &request, QObject *context, Done<RateLimitOutcome> done);
    void removeFlagged(const Account &flagged, QObject *context, Done<Ok> done);
    void importForeign(QObject *context, Done<QList<SwitchNotice>> done);
    void addFromSignIn(const TokenResponse &tokens, const SaveLoginOptions &options, QObject *context,
                       Done<SavedLogin> done);
    /// \a request.pool may be left empty: the newest pool is used.
    void refreshTokens(const RefreshTokensRequest &request, QObject *context, Done<QList<TokenRefreshRow>> done);
    void check(const CheckRequest &request, QObject *context, Done<CheckOutcome> done);
    void fix(const FixRequest &request, QObject *context, Done<FixOutcome> done);
    void doctor(const DoctorRequest &request, QObject *context, Done<DoctorReport> done);
    void verifyFlagged(const VerifyFlaggedRequest &request, QObject *context, Done<VerifyFlaggedOutcome> done);
    void debugBundle(QObject *context, Done<QByteArray> done);
    void evaluate(const EvaluateRequest &request, QObject *context, Done<Evaluation> done);
    void saveReport(const ReportRequest &request, QObject *context, Done<ReportOutcome> done);
    /// The newest pool is exported (\a request.path absolute).
    void exportPool(const ExportRequest &request, QObject *context, Done<ExportOutcome> done);
    /// A named backup of the newest pool (`backups/<name>`; the reference format is for the Node
    /// version and needs no passphrase).
    void backup(const QString &name, ExportFormat format, const PassphraseSource &passphrase, QObject *context,
                Done<ExportOutcome> done);
    void importAccounts(const ImportRequest &request, QObject *context, Done<ImportOutcome> done);
    void secretsStatus(QObject *context, Done<SecretsStatus> done);
    void useSecrets(SecretMode mode, QObject *context, Done<SecretsConversion> done);
    void pinCodexToFile(QObject *context, Done<PinFileOutcome> done);
    void installShim(QObject *context, Done<ShimState> done);
    void removeShim(QObject *context, Done<ShimState> done);

    /// Reads every enabled account's quota now and refreshes the tokens that are due.
    void refreshNow();
    /// Gathers the view again (nothing else).
    void reloadView();
    /// While the tray menu is open, the current account is read every minute (adaptive polling).
    void setFastPolling(bool fast);
    /// Alerts recorded until then are not shown (0: not paused).
    void setNotificationsPausedUntil(qint64 epochMs);
    /// After the GUI changed settings: the worker re-reads them (polling, live sync, the view).
    void applySettings();

Q_SIGNALS:
    void viewChanged();
    void activityChanged(const cma::SessionActivity &activity);
    void guardianStatsChanged(const cma::GuardianStats &stats);
    /// The guardian met a refresh token the issuer refused (once per account).
    void reloginNeeded(const QString &trackerKey);
    /// Codex signed in as an account that is not in the pool.
    void foreignAccountSeen(const QString &email);
    /// A notifier rule fired (threshold, limit reached or restored, pool dry).
    void alertRaised(const QString &title, const QString &message);
    /// Another program changed settings.json.
    void settingsChanged();

private:
    class Worker;
    template <typename T> void post(QObject *context, std::function<Result<T>(AppContext &)> job, Done<T> done);
    /// Runs \a work on the worker thread.
    void onWorker(std::function<void()> work);
    void deliverView(const PoolView &view);

    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<SettingsStore> m_settings;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr; ///< lives on m_thread
    PoolView m_view;
    bool m_hasView = false;
    bool m_started = false;
};

} // namespace cma
