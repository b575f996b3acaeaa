#pragma once

#include "net/endpoints.h"

#include <QObject>
#include <QProcessEnvironment>
#include <memory>

class QTimer;

namespace cma {
class AppContext;
class RefreshGuardian;
} // namespace cma

namespace cma::ui {

/// Everything the tray does that may block (file locks, keychain, network): lives on its own
/// thread with its own AppContext, so the GUI thread never waits (docs/runtime.md §1).
class CoreWorker : public QObject
{
    Q_OBJECT
public:
    CoreWorker(QProcessEnvironment env, Endpoints endpoints);
    ~CoreWorker() override;

public Q_SLOTS:
    void init();
    void switchTo(const QString &trackerKey, bool pin);
    void switchToBest();
    void unpin();
    void refreshNow();
    void pollCurrent();
    void runTool(const QString &tool);
    /// CLI commands in order, in-process; finished() carries their output.
    void runCommands(const QList<QStringList> &commands);
    void moveAccount(const QString &trackerKey, int to);
    void setFastPolling(bool fast);

Q_SIGNALS:
    void finished(const QString &message, bool ok);
    void progress(const QString &text);
    void dataChanged();
    void readingFailed(bool failed);
    void reloginNeeded(const QString &account);
    /// After each guardian run (Settings → Advanced → Diagnostics).
    void guardianStats(int runs, int refreshed, int failed, int notNeeded, qint64 lastRunAt);

private:
    int indexOf(const QString &trackerKey);

    QProcessEnvironment m_env;
    Endpoints m_endpoints;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<RefreshGuardian> m_guardian;
    QTimer *m_guardianTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_fastTimer = nullptr;
};

} // namespace cma::ui
