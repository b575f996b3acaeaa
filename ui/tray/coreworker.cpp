#include "coreworker.h"

#include "appcontext.h"
#include "cli/cliapp.h"
#include "accounts/poolnormalizer.h"
#include "codex/switchservice.h"
#include "quota/usageclient.h"
#include "refresh/refreshguardian.h"
#include "settings/settingkeys.h"
#include "util/clock.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace cma::ui {

CoreWorker::CoreWorker(QProcessEnvironment env, Endpoints endpoints)
    : m_env(std::move(env))
    , m_endpoints(std::move(endpoints))
{}

CoreWorker::~CoreWorker() = default;

void CoreWorker::init()
{
    m_app = std::make_unique<AppContext>(m_env, m_endpoints);
    m_guardian = RefreshGuardian::forApp(*m_app, this);
    connect(m_guardian.get(), &RefreshGuardian::reloginNeeded, this,
            [this](const QString &key, const QString &) { Q_EMIT reloginNeeded(key); });
    connect(m_guardian.get(), &RefreshGuardian::accountRefreshed, this, &CoreWorker::dataChanged);
    m_guardianTimer = new QTimer(this);
    m_guardianTimer->setSingleShot(true);
    connect(m_guardianTimer, &QTimer::timeout, this, [this] {
        m_guardian->updateLiveAccount(*m_app);
        const qint64 next = m_guardian->tick();
        const RefreshGuardian::Stats &st = m_guardian->stats();
        Q_EMIT guardianStats(st.runs, st.refreshed, st.failed, st.notNeeded, st.lastRunAt);
        m_guardianTimer->start(int(next));
    });
    m_guardianTimer->start(3000); // first tick shortly after start
    // Automatic quota polling (menuAutoFetchLimits, menuQuotaTtlMs), read again at every tick so
    // a change in Settings applies without a restart.
    m_pollTimer = new QTimer(this);
    auto pollSettings = [this] {
        m_app->settings().reload();
        auto value = [this](const QString &name) {
            return effectiveSetting(*findSettingKey(name), m_app->settings(), m_env).value;
        };
        m_pollTimer->setInterval(int(value(u"dashboardDisplaySettings.menuQuotaTtlMs"_s).toDouble()));
        return value(u"dashboardDisplaySettings.menuAutoFetchLimits"_s).toBool();
    };
    pollSettings();
    connect(m_pollTimer, &QTimer::timeout, this, [this, pollSettings] {
        if (pollSettings())
            refreshNow();
    });
    m_pollTimer->start();
    m_fastTimer = new QTimer(this);
    m_fastTimer->setInterval(60000);
    connect(m_fastTimer, &QTimer::timeout, this, &CoreWorker::pollCurrent);
}

int CoreWorker::indexOf(const QString &trackerKey)
{
    Result<LoadedPool> loaded = m_app->repository().load();
    if (!loaded)
        return -1;
    for (int i = 0; i < loaded->pool.accounts.size(); ++i)
        if (loaded->pool.accounts[i].trackerKey() == trackerKey)
            return i;
    return -1;
}

void CoreWorker::switchTo(const QString &trackerKey, bool pin)
{
    Result<LoadedPool> loaded = m_app->repository(true).load();
    const int index = indexOf(trackerKey);
    if (!loaded || index < 0) {
        Q_EMIT finished(tr("That account is no longer in the pool."), false);
        return;
    }
    SwitchOptions options;
    options.pin = pin;
    Result<SwitchResult> done = SwitchService(*m_app).switchTo(loaded->pool.accounts[index], options);
    if (!done) {
        Q_EMIT finished(done.error().message, false);
        return;
    }
    const Account &a = done->pool.accounts[done->index];
    Q_EMIT dataChanged();
    Q_EMIT finished(done->synced ? tr("Codex now uses %1. Restart running Codex sessions to use it.")
                                       .arg(a.email.value_or(accountLabelText(a, done->index + 1)))
                                 : tr("Account %1 is now selected (Codex sync is off).").arg(done->index + 1),
                    true);
}

void CoreWorker::switchToBest()
{
    Result<LoadedPool> loaded = m_app->repository(true).load();
    if (!loaded)
        return;
    const Recommendation rec =
        Forecaster::recommend(Forecaster::evaluateAll(loaded->pool, m_app->quotaCache(), Clock::instance().nowMs()));
    if (!rec.recommendedIndex) {
        Q_EMIT finished(rec.reason, false);
        return;
    }
    SwitchOptions options;
    options.pin = false;
    options.clearPin = true;
    options.reason = u"best"_s;
    Result<SwitchResult> done = SwitchService(*m_app).switchTo(loaded->pool.accounts[*rec.recommendedIndex], options);
    Q_EMIT dataChanged();
    Q_EMIT finished(done ? tr("Codex now uses the best account, %1.")
                               .arg(accountLabelText(done->pool.accounts[done->index], done->index + 1))
                         : done.error().message,
                    done.ok());
}

void CoreWorker::unpin()
{
    Result<LoadedPool> saved = m_app->repository(true).update([](AccountPool &p) {
        if (p.pinnedAccountIndex) {
            p.pinnedAccountIndex.reset();
            p.affinityGeneration = p.affinityGeneration.value_or(0) + 1;
        }
        return success();
    });
    Q_EMIT dataChanged();
    Q_EMIT finished(saved ? tr("Pin cleared.") : saved.error().message, saved.ok());
}

void CoreWorker::refreshNow()
{
    Result<LoadedPool> loaded = m_app->repository().load();
    if (!loaded || loaded->pool.accounts.isEmpty())
        return;
    QList<int> enabled;
    for (int i = 0; i < loaded->pool.accounts.size(); ++i)
        if (loaded->pool.accounts[i].isEnabled())
            enabled.append(i);
    Q_EMIT progress(tr("Refreshing… 0/%1").arg(enabled.size()));
    const QList<UsageReading> readings = UsageClient(*m_app).read(loaded->pool, enabled);
    int failed = 0;
    for (const UsageReading &r : readings)
        failed += !r.error.isEmpty();
    m_guardian->tick(); // tokens that are due
    Q_EMIT progress(QString());
    Q_EMIT readingFailed(failed > 0);
    Q_EMIT dataChanged();
}

void CoreWorker::pollCurrent()
{
    Result<LoadedPool> loaded = m_app->repository().load();
    if (!loaded || loaded->pool.accounts.isEmpty())
        return;
    const QList<UsageReading> r = UsageClient(*m_app).read(loaded->pool, {loaded->pool.currentIndex()});
    Q_EMIT readingFailed(!r.isEmpty() && !r.first().error.isEmpty());
    Q_EMIT dataChanged();
}

void CoreWorker::setFastPolling(bool fast)
{
    if (!m_fastTimer)
        return;
    // desktop.quotaRefresh: `adaptive` polls the current account every minute while the menu is
    // open; `fixed` keeps the one interval.
    m_app->settings().reload();
    const bool adaptive =
        effectiveSetting(*findSettingKey(u"desktop.quotaRefresh"_s), m_app->settings(), m_env).value.toString() ==
        "adaptive"_L1;
    if (fast && adaptive) {
        pollCurrent();
        m_fastTimer->start();
    } else {
        m_fastTimer->stop();
    }
}

namespace {
/// Captures a command's output; commands here never read input.
class CaptureConsole final : public cli::Console
{
public:
    QString outText, errText;
    QTextStream o{&outText}, e{&errText};
    QTextStream &out() override { return o; }
    QTextStream &err() override { return e; }
    QString readLine() override { return {}; }
    QString readSecretLine() override { return {}; }
    bool isInteractive() const override { return false; }
    bool colorEnabled() const override { return false; }
    void readLinesAsync(QObject *, std::function<void(const QString &)>, std::function<void()> onEof) override
    {
        onEof();
    }
};
} // namespace

void CoreWorker::runTool(const QString &tool)
{
    QStringList args;
    if (tool == "check"_L1)
        args = {u"check"_s};
    else if (tool == "fix"_L1)
        args = {u"fix"_s, u"--live"_s};
    else if (tool == "refresh"_L1)
        args = {u"refresh"_s};
    else if (tool == "verify-flagged"_L1)
        args = {u"verify-flagged"_s};
    else
        args = {u"debug"_s, u"bundle"_s};
    runCommands({args});
}

void CoreWorker::runCommands(const QList<QStringList> &commands)
{
    // The windows' and the tray's actions are the CLI's commands, run in-process on this thread
    // (docs/ui.md §12), one after the other; the first failure stops the rest.
    QStringList messages;
    bool ok = true;
    for (const QStringList &args : commands) {
        Q_EMIT progress(tr("Working… %1").arg(args.value(0)));
        CaptureConsole console;
        cli::CliApp app(console, m_env);
        const int code = app.run(args);
        console.o.flush();
        console.e.flush();
        const QString text = QString(console.outText + console.errText).trimmed();
        if (!text.isEmpty())
            messages.append(text);
        if (code != 0) {
            ok = false;
            break;
        }
    }
    Q_EMIT progress(QString());
    Q_EMIT dataChanged();
    Q_EMIT finished(messages.join(u'\n'), ok);
}

void CoreWorker::moveAccount(const QString &trackerKey, int to)
{
    // Manual order (docs/ui.md §5): the record moves; current account and pin follow by identity.
    bool moved = false;
    Result<LoadedPool> saved = m_app->repository().update([&](AccountPool &pool) {
        for (int i = 0; i < pool.accounts.size(); ++i)
            if (pool.accounts[i].trackerKey() == trackerKey) {
                moved = cma::moveAccount(pool, i, std::clamp(to, 0, int(pool.accounts.size()) - 1));
                break;
            }
        return success();
    });
    Q_EMIT dataChanged();
    if (!saved)
        Q_EMIT finished(saved.error().message, false);
    else if (!moved)
        Q_EMIT finished(tr("That account is no longer in the pool."), false);
}

} // namespace cma::ui
