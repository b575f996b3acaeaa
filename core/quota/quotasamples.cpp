#include "quotasamples.h"

#include "util/jsonfile.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cma {

QuotaSamples::QuotaSamples(QString path)
    : m_path(std::move(path))
{}

void QuotaSamples::reload()
{
    const QFileInfo info(m_path);
    const QPair<qint64, qint64> stamp{info.exists() ? info.lastModified().toMSecsSinceEpoch() : 0, info.size()};
    if (stamp == m_seen)
        return;
    m_seen = stamp;
    Result<QJsonObject> root = SharedJsonFile(m_path, m_path + u".lock"_s).read();
    m_accounts = root ? root->value(u"accounts"_s).toObject() : QJsonObject();
}

Status QuotaSamples::append(const QList<QPair<Account, QuotaEntry>> &readings, qint64 now)
{
    Result<QJsonObject> written = SharedJsonFile(m_path, m_path + u".lock"_s).update([&](QJsonObject &root) -> Status {
        QJsonObject accounts = root.value(u"accounts"_s).toObject();
        for (const auto &[account, entry] : readings) {
            QJsonObject windows = accounts.value(account.trackerKey()).toObject();
            for (const QuotaWindow *w : {&entry.primary, &entry.secondary}) {
                if (!w->usedPercent || !w->windowMinutes)
                    continue;
                const QString key = QString::number(*w->windowMinutes);
                QJsonArray samples = windows.value(key).toArray();
                samples.append(QJsonArray{double(entry.updatedAt ? entry.updatedAt : now), *w->usedPercent,
                                          double(w->resetAtMs.value_or(0))});
                while (!samples.isEmpty() && (samples.size() > kMaxPerWindow ||
                                              qint64(samples.first().toArray().at(0).toDouble()) < now - kKeepMs))
                    samples.removeFirst();
                windows.insert(key, samples);
            }
            accounts.insert(account.trackerKey(), windows);
        }
        // Forget accounts with nothing left in the last 24 h.
        for (const QString &key : accounts.keys()) {
            bool recent = false;
            const QJsonObject windows = accounts.value(key).toObject();
            for (auto it = windows.begin(); it != windows.end() && !recent; ++it) {
                const QJsonArray s = it.value().toArray();
                recent = !s.isEmpty() && qint64(s.last().toArray().at(0).toDouble()) >= now - kKeepMs;
            }
            if (!recent)
                accounts.remove(key);
        }
        root.insert(u"version"_s, 1);
        root.insert(u"accounts"_s, accounts);
        return success();
    });
    if (!written)
        return written.error();
    m_accounts = written->value(u"accounts"_s).toObject();
    return success();
}

std::optional<double> QuotaSamples::trailingRate(const Account &account, int windowMinutes, qint64 now) const
{
    return trailingRate(
        m_accounts.value(account.trackerKey()).toObject().value(QString::number(windowMinutes)).toArray(), now);
}

std::optional<double> QuotaSamples::trailingRate(const QJsonArray &samples, qint64 now)
{
    // Walk back from the newest sample while it continues the same window instance.
    qsizetype first = samples.size() - 1;
    if (first < 1)
        return std::nullopt;
    while (first > 0) {
        const QJsonArray prev = samples.at(first - 1).toArray();
        const QJsonArray next = samples.at(first).toArray();
        const bool sameReset = std::abs(prev.at(2).toDouble() - next.at(2).toDouble()) <= 120000;
        const bool noDrop = prev.at(1).toDouble() - next.at(1).toDouble() <= 1.0;
        if (!sameReset || !noDrop)
            break;
        --first;
    }
    while (first < samples.size() && samples.at(first).toArray().at(0).toDouble() < double(now - 3600000))
        ++first;
    if (samples.size() - first < 2)
        return std::nullopt;
    const QJsonArray a = samples.at(first).toArray();
    const QJsonArray b = samples.last().toArray();
    const double span = b.at(0).toDouble() - a.at(0).toDouble();
    if (span < 600000)
        return std::nullopt;
    return std::max(0.0, (b.at(1).toDouble() - a.at(1).toDouble()) / span);
}

} // namespace cma
