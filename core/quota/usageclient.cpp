#include "usageclient.h"

#include "accounts/poolnormalizer.h"
#include "appcontext.h"
#include "net/httpclient.h"
#include "refresh/refreshservice.h"
#include "util/atomicfile.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cma {

namespace {
struct RawWindow
{
    double used = 0;
    qint64 seconds = 0;
    qint64 resetAtMs = 0;
};

std::optional<RawWindow> window(const QJsonValue &v, qint64 fetchedAt)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    RawWindow w;
    w.used = o.value(u"used_percent"_s).toDouble(0);
    w.seconds = qint64(o.value(u"limit_window_seconds"_s).toDouble(0));
    const qint64 resetAt = qint64(o.value(u"reset_at"_s).toDouble(0));
    const qint64 after = qint64(o.value(u"reset_after_seconds"_s).toDouble(0));
    if (w.used == 0 && w.seconds == 0 && resetAt == 0)
        return std::nullopt; // absent
    w.resetAtMs = resetAt > 0 ? resetAt * 1000 : after > 0 ? fetchedAt + after * 1000 : 0;
    return w;
}

QuotaWindow toCache(const RawWindow &w)
{
    QuotaWindow q;
    q.usedPercent = w.used;
    if (w.seconds > 0)
        q.windowMinutes = int((w.seconds + 59) / 60);
    if (w.resetAtMs > 0)
        q.resetAtMs = w.resetAtMs;
    return q;
}
} // namespace

UsageClient::UsageClient(AppContext &app)
    : m_app(app)
{}

std::optional<QuotaEntry> UsageClient::parsePayload(const QByteArray &body, qint64 fetchedAt)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonObject rl = o.value(u"rate_limit"_s).toObject();
    QList<RawWindow> windows;
    for (const char *name : {"primary_window", "secondary_window"}) {
        if (std::optional<RawWindow> w = window(rl.value(QLatin1String(name)), fetchedAt))
            windows.append(*w);
    }
    QList<RawWindow> shortW, longW;
    for (const RawWindow &w : std::as_const(windows))
        (w.seconds <= 86400 ? shortW : longW).append(w);
    auto byLength = [](const RawWindow &a, const RawWindow &b) { return a.seconds < b.seconds; };
    std::sort(shortW.begin(), shortW.end(), byLength);
    std::sort(longW.begin(), longW.end(), byLength);
    // Two of one class go in length order, the shorter in primary (docs/storage.md §7).
    QList<RawWindow> ordered = shortW + longW;
    QuotaEntry e;
    e.updatedAt = fetchedAt;
    e.model = u"usage-endpoint"_s;
    const bool reached = rl.value(u"limit_reached"_s).toBool();
    e.status = reached ? 429 : 200;
    if (o.value(u"plan_type"_s).isString())
        e.planType = o.value(u"plan_type"_s).toString();
    if (shortW.isEmpty() && !longW.isEmpty()) {
        e.secondary = toCache(longW.first());
    } else if (longW.isEmpty() && !shortW.isEmpty()) {
        e.primary = toCache(shortW.first());
        if (shortW.size() > 1)
            e.secondary = toCache(shortW.at(1));
    } else if (!ordered.isEmpty()) {
        e.primary = toCache(ordered.first());
        if (ordered.size() > 1)
            e.secondary = toCache(ordered.at(1));
    }
    e.extra.insert(u"source"_s, u"usage-endpoint"_s);
    e.extra.insert(u"limitReached"_s, reached);
    const QJsonObject credits = o.value(u"credits"_s).toObject();
    if (!credits.isEmpty()) {
        e.extra.insert(u"credits"_s, QJsonObject{{u"hasCredits"_s, credits.value(u"has_credits"_s).toBool()},
                                                 {u"unlimited"_s, credits.value(u"unlimited"_s).toBool()},
                                                 {u"balance"_s, credits.value(u"balance"_s).isString()
                                                                    ? credits.value(u"balance"_s)
                                                                    : QJsonValue(QJsonValue::Null)}});
    }
    return e;
}

HttpRequest UsageClient::request(const Endpoints &endpoints, const QString &accessToken, const QString &accountId,
                                 int timeoutMs)
{
    HttpRequest req;
    req.url = endpoints.usageUrl();
    req.timeoutMs = timeoutMs;
    req.headers = {{"Authorization", "Bearer " + accessToken.toUtf8()},
                   {"ChatGPT-Account-Id", accountId.toUtf8()},
                   {"User-Agent", Endpoints::userAgent()},
                   {"Accept", "*/*"}};
    return req;
}

QList<UsageReading> UsageClient::read(const AccountPool &pool, const QList<int> &indexes)
{
    QuotaCache &cache = m_app.quotaCache();
    cache.reload();
    const QList<std::optional<QuotaEntry>> cached = cache.entriesFor(pool);
    const qint64 start = Clock::instance().nowMs();
    QList<UsageReading> results;
    QList<int> toFetch;
    for (int i : indexes) {
        UsageReading r;
        r.index = i;
        r.entry = cached.value(i);
        if (r.entry && start - r.entry->updatedAt < 60000 && r.entry->model == "usage-endpoint"_L1) {
            r.reusedCache = true;
            r.status = r.entry->status;
        } else {
            toFetch.append(int(results.size()));
        }
        results.append(r);
    }
    if (toFetch.isEmpty())
        return results;

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool expired = false;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        expired = true;
        loop.quit();
    });
    deadline.start(m_batchMs);
    int running = 0;
    qsizetype nextSlot = 0;
    int done = 0;
    QHash<int, bool> retried;
    std::function<void(int)> fetch;
    std::function<void()> pump = [&] {
        while (running < 4 && nextSlot < toFetch.size() && !expired)
            fetch(toFetch[nextSlot++]);
        if (done == toFetch.size())
            loop.quit();
    };
    AccountRepository &repo = m_app.repository();
    fetch = [&](int slot) {
        UsageReading &r = results[slot];
        const Result<LoadedPool> fresh = repo.load();
        const AccountPool &current = fresh ? fresh->pool : pool;
        const int index = findMatchingAccount(current.accounts, pool.accounts[r.index], true);
        const Account &a = index >= 0 ? current.accounts[index] : pool.accounts[r.index];
        Result<TokenSet> tokens = repo.tokensOf(a);
        if (!tokens || a.accountIdKey().isEmpty()) {
            r.error = tokens ? u"missing account ID"_s : tokens.error().message;
            ++done;
            QTimer::singleShot(0, &loop, pump);
            return;
        }
        ++running;
        const HttpRequest req = request(
            m_app.endpoints(), tokens->accessToken, a.accountIdKey(),
            std::min<int>(m_requestMs, std::max<int>(1000, m_batchMs - int(Clock::instance().nowMs() - start))));
        HttpClient::send(req, &loop, [&, slot, a](const HttpResult &res) {
            --running;
            UsageReading &rr = results[slot];
            rr.status = res.status;
            if (res.status == 200) {
                if (std::optional<QuotaEntry> e = parsePayload(res.body, Clock::instance().nowMs())) {
                    rr.entry = e;
                    rr.fresh = true;
                    rr.error.clear();
                } else {
                    rr.error = u"the usage endpoint answered with something other than JSON"_s;
                }
            } else if (res.status == 401 && !retried.value(slot)) {
                // Adopt newer live tokens or refresh, then try once more.
                retried.insert(slot, true);
                const RefreshReport rep = RefreshService(m_app).refresh(
                    RefreshRequest{a, RefreshMode::Force, u"unauthorized_recovery"_s, 900000});
                if (rep.outcome == RefreshReport::Outcome::Refreshed) {
                    QTimer::singleShot(0, &loop, [&, slot] { fetch(slot); });
                    return;
                }
                rr.error = u"quota unavailable: %1"_s.arg(rep.message);
            } else if (res.isNetworkFailure()) {
                rr.error = res.timedOut ? u"the usage request timed out"_s : u"could not reach the usage endpoint"_s;
            } else {
                rr.error = res.status == 403   ? u"the usage endpoint refused the request (403)"_s
                           : res.status == 429 ? u"the usage endpoint is rate limiting (429)"_s
                                               : u"the usage endpoint answered %1"_s.arg(res.status);
                bool ok = false;
                const qint64 retry = res.header("Retry-After").toLongLong(&ok);
                if (ok)
                    rr.retryAfterSeconds = retry;
            }
            ++done;
            pump();
        });
    };
    pump();
    if (done < toFetch.size())
        loop.exec();
    for (qsizetype k = 0; k < toFetch.size(); ++k) {
        UsageReading &r = results[toFetch[k]];
        if (!r.fresh && r.error.isEmpty())
            r.error = u"no answer within the 15 s budget"_s;
    }
    QList<QPair<Account, QuotaEntry>> store;
    for (const UsageReading &r : std::as_const(results)) {
        if (r.fresh && r.entry)
            store.append({pool.accounts[r.index], *r.entry});
    }
    if (!store.isEmpty()) {
        if (Status s = cache.store(store, pool); !s)
            qCWarning(lcQuota) << "could not save quota readings:" << s.error().message;
        ensurePrivateDir(m_app.paths().desktopDir());
        if (Status s = m_app.quotaSamples().append(store, Clock::instance().nowMs()); !s)
            qCWarning(lcQuota) << "could not save burn-rate samples:" << s.error().message;
    }
    return results;
}

} // namespace cma
