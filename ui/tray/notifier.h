#pragma once

#include "tray/traysnapshot.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <functional>

namespace cma {
class SettingsStore;
}

namespace cma::ui {

/// What to announce (docs/ui.md §8 Notifications, keys under `desktop.notifications.`).
struct NotifySettings
{
    bool enabled = true;
    QList<int> thresholds{50, 20}; ///< "% left" levels; empty turns them off
    bool allAccounts = false;      ///< scope `all`, else the current account only
    bool exhausted = true;
    bool restored = true;
    bool poolDry = true;
    bool tokenTrouble = true;
    /// The effective values (environment, file, defaults).
    static NotifySettings from(const SettingsStore &settings, const QProcessEnvironment &env);
};

/// Threshold, exhausted and restored alerts (docs/ui.md §4), fired once per episode. Episodes are kept
/// in `desktop/state.json`, so a restart does not repeat an alert; a paused notifier records
/// episodes but shows nothing.
class Notifier
{
public:
    using Show = std::function<void(const QString &title, const QString &message)>;

    Notifier(QString statePath, Show show);

    /// Evaluates the windows of the current account (or every account, by \a settings), and the
    /// pool running dry when \a runway says so.
    void evaluate(const AccountPool &pool, const QList<cli::AccountFacts> &facts, qint64 now,
                  const NotifySettings &settings = {}, const Runway *runway = nullptr);
    void setPausedUntil(qint64 epochMs) { m_pausedUntil = epochMs; }
    bool paused(qint64 now) const { return m_pausedUntil > now; }

private:
    void fire(const QString &key, const QString &title, const QString &message, qint64 now, bool show);
    void load();
    void save() const;

    QString m_path;
    Show m_show;
    QJsonObject m_episodes; // key → {firedAt, reset}
    qint64 m_pausedUntil = 0;
};

} // namespace cma::ui
