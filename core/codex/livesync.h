#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace cma {

class AppContext;

/// Live sync (docs/runtime.md §4): watches the storage root (pool, settings, quota cache, policies,
/// flagged file) and Codex's home (auth.json, config.toml) with directory and file watches plus an
/// mtime + size + hash poll, debounced and single-flight, and reconciles Codex's live credentials:
///   same pooled account, newer tokens  → adopted into the pool;
///   same pooled account, older tokens  → the pool's set is written back to Codex;
///   another pooled account             → the pool's selection follows (no pin change);
///   an account not in the pool         → offered for import (foreignAccount), never overwritten;
///   auth.json removed                  → codexSignedOut.
/// A reload only reads; the reactions above are separate writes under the usual locks.
class LiveSync : public QObject
{
    Q_OBJECT
public:
    explicit LiveSync(AppContext &app, QObject *parent = nullptr);

    void start(int pollMs = 2000, int debounceMs = 250);
    void stop();
    /// Checks everything now (also used by the poll).
    void checkNow();

Q_SIGNALS:
    void poolChanged();
    void settingsChanged();
    void quotaChanged();
    void codexCredentialsChanged();
    void foreignAccount(const QString &email);
    void codexSignedOut();
    /// Something was reconciled: tokens adopted, selection followed, live file rewritten.
    void reconciled(const QString &what);

private:
    void scheduleCheck();
    void rearm();
    void reconcileCodex();
    QByteArray signatureOf(const QString &path) const;

    AppContext &m_app;
    QFileSystemWatcher m_watcher;
    QTimer m_poll;
    QTimer m_debounce;
    QHash<QString, QByteArray> m_seen;
    bool m_busy = false;
    bool m_pending = false;
};

} // namespace cma
