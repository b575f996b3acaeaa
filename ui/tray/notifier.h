#pragma once

#include "tray/traysnapshot.h"

#include <QJsonObject>
#include <QString>
#include <functional>

namespace cma::ui {

/// Threshold, exhausted and restored alerts (ui.md §4), fired once per episode. Episodes are kept
/// in `desktop/state.json`, so a restart does not repeat an alert; a paused notifier records
/// episodes but shows nothing.
class Notifier
{
public:
    using Show = std::function<void(const QString &title, const QString &message)>;

    Notifier(QString statePath, Show show);

    /// Evaluates the current account's windows. \a thresholds are "% left" levels (default 50, 20).
    void evaluate(const AccountPool &pool, const QList<cli::AccountFacts> &facts, qint64 now,
                  const QList<int> &thresholds = {50, 20});
    void setPausedUntil(qint64 epochMs) { m_pausedUntil = epochMs; }
    bool paused(qint64 now) const { return m_pausedUntil > now; }

private:
    void fire(const QString &key, const QString &title, const QString &message, qint64 now);
    void load();
    void save() const;

    QString m_path;
    Show m_show;
    QJsonObject m_episodes; // key → {firedAt, reset}
    qint64 m_pausedUntil = 0;
};

} // namespace cma::ui
