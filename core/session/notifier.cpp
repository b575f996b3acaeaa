#include "notifier.h"

#include "settings/settingkeys.h"
#include "util/atomicfile.h"
#include "util/jsonwriter.h"
#include "util/redact.h"
#include "util/timefmt.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

Notifier::Notifier(QString statePath, Show show)
    : m_path(std::move(statePath))
    , m_show(std::move(show))
{
    load();
}

void Notifier::load()
{
    Result<QByteArray> data = readWholeFile(m_path);
    if (data)
        m_episodes = QJsonDocument::fromJson(data.value()).object().value(u"episodes"_s).toObject();
}

void Notifier::save() const
{
    Result<QByteArray> data = readWholeFile(m_path);
    QJsonObject root = data ? QJsonDocument::fromJson(data.value()).object() : QJsonObject();
    root.insert(u"episodes"_s, m_episodes);
    ensurePrivateDir(QFileInfo(m_path).absolutePath());
    writeFileAtomically(m_path, toJsonIndented(root), 0600);
}

void Notifier::fire(const QString &key, const QString &title, const QString &message, qint64 now, bool show)
{
    if (m_episodes.contains(key))
        return; // this episode was already announced (maybe before a restart)
    m_episodes.insert(key, QJsonObject{{u"firedAt"_s, double(now)}});
    save();
    if (show && !paused(now) && m_show)
        m_show(title, message);
}

NotifySettings NotifySettings::from(const SettingsStore &settings, const QProcessEnvironment &env)
{
    auto value = [&](const QString &key) {
        const SettingKey *k = findSettingKey(u"desktop.notifications."_s + key);
        return k ? effectiveSetting(*k, settings, env).value : QJsonValue();
    };
    NotifySettings n;
    n.enabled = value(u"enabled"_s).toBool(true);
    n.thresholds.clear();
    for (const QJsonValue &level : value(u"thresholds"_s).toArray())
        n.thresholds.append(level.toInt());
    n.allAccounts = value(u"scope"_s).toString() == "all"_L1;
    n.exhausted = value(u"exhausted"_s).toBool(true);
    n.restored = value(u"restored"_s).toBool(true);
    n.poolDry = value(u"poolDry"_s).toBool(true);
    n.tokenTrouble = value(u"tokenTrouble"_s).toBool(true);
    return n;
}

void Notifier::evaluate(const AccountPool &pool, const QList<AccountFacts> &facts, qint64 now,
                        const NotifySettings &settings, const Runway *runway)
{
    bool changed = false;
    // Episodes are recorded even when an alert kind is off, so turning it on later does not
    // announce something long past.
    const bool show = settings.enabled;
    const int current = pool.currentIndex();
    for (int index = 0; index < pool.accounts.size() && index < facts.size(); ++index) {
        if ((index != current && !settings.allAccounts) || !facts[index].quota)
            continue;
        const Account &a = pool.accounts[index];
        const QuotaEntry &q = *facts[index].quota;
        const QString who = a.email.value_or(accountLabelText(a, index + 1));
        for (const QuotaWindow *w : {&q.primary, &q.secondary}) {
            if (!w->usedPercent || !w->resetAtMs)
                continue;
            const QString label = windowLabel(w->windowMinutes.value_or(0));
            // One episode per window instance: the reset time names it.
            const QString base = u"%1|%2|%3"_s.arg(a.trackerKey(), label).arg(*w->resetAtMs);
            const double left = std::clamp(100.0 - *w->usedPercent, 0.0, 100.0);
            if (*w->resetAtMs <= now) {
                if (m_episodes.contains(base + u"|exhausted"_s) && !m_episodes.contains(base + u"|restored"_s))
                    fire(base + u"|restored"_s, QCoreApplication::translate("Notifier", "Limit restored"),
                         QCoreApplication::translate("Notifier", "%1: the %2 limit is back").arg(who, label), now,
                         show && settings.restored);
                continue;
            }
            if (left <= 0 || q.status == 429) {
                fire(base + u"|exhausted"_s, QCoreApplication::translate("Notifier", "Limit reached"),
                     QCoreApplication::translate("Notifier", "%1 reached the %2 limit — resets %3")
                         .arg(who, label, formatClock(*w->resetAtMs, now)),
                     now, show && settings.exhausted);
                continue;
            }
            for (int level : settings.thresholds) {
                if (left <= level)
                    fire(base + u"|t%1"_s.arg(level), QCoreApplication::translate("Notifier", "Quota running low"),
                         QCoreApplication::translate("Notifier", "%1: %2% of the %3 limit left (resets %4)")
                             .arg(who)
                             .arg(std::llround(left))
                             .arg(label, formatClock(*w->resetAtMs, now)),
                         now, show);
            }
        }
    }
    // The pool runs dry: one episode until an account comes back (named by that time).
    if (runway && runway->state == "dry"_L1 && !pool.accounts.isEmpty()) {
        const qint64 back = runway->nextReadyAt.value_or(0);
        fire(u"pool|dry|%1"_s.arg(back), QCoreApplication::translate("Notifier", "All accounts exhausted"),
             runway->text(pool, now), now, show && settings.poolDry);
    }
    // Forget episodes of windows that reset more than a week ago.
    for (const QString &key : m_episodes.keys()) {
        const qint64 reset = key.section(u'|', 2, 2).toLongLong();
        if (reset > 0 && reset < now - 7LL * 86400000) {
            m_episodes.remove(key);
            changed = true;
        }
    }
    if (changed)
        save();
}

} // namespace cma
