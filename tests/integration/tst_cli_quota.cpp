#include "accounts/poolstore.h"
#include "auth/jwt.h"
#include "cli/commandtable.h"
#include "cliharness.h"
#include "fakeopenaiserver.h"
#include "net/httpclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Quota, forecast, best, check, doctor, config and debug bundle against the fake server,
// in-process (docs/cli.md; docs/forecast.md; docs/protocol.md §6).
class TestCliQuota : public QObject
{
    Q_OBJECT
private:
    test::FakeOpenAiServer *m_fake = nullptr;
    test::CliHarness h;

    void seed(const QList<QJsonObject> &accounts)
    {
        m_fake->reset();
        h.wipe();
        PoolStore store(h.poolPath());
        QVERIFY(store
                    .update([&](AccountPool &pool) {
                        for (const QJsonObject &spec : accounts) {
                            const QString key = m_fake->addAccount(spec);
                            const QJsonObject t = m_fake->mint(key);
                            Account a = test::FakeOpenAiServer::accountFromTokens(t);
                            a.lastRefresh = QDateTime::currentMSecsSinceEpoch();
                            a.addedAt = a.lastUsed = *a.lastRefresh;
                            pool.accounts.append(a);
                        }
                        pool.select(0);
                        return success();
                    })
                    .ok());
        QFile settings(h.dir() + u"/settings.json"_s);
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write(R"({"version":1,"desktop":{"secretStorage":"file"}})");
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        m_fake = new test::FakeOpenAiServer(this);
        QVERIFY(m_fake->listen());
        h.env().insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake->issuerUrl());
        h.env().insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake->backendUrl());
    }
    void init()
    {
        seed({{{u"email"_s, u"alice@example.com"_s},
               {u"plan"_s, u"pro"_s},
               {u"usage"_s, QJsonObject{{u"primary_used"_s, 12}, {u"secondary_used"_s, 40}}}},
              {{u"email"_s, u"bob@example.com"_s},
               {u"plan"_s, u"plus"_s},
               {u"usage"_s, QJsonObject{{u"primary_used"_s, 100}, {u"limit_reached"_s, true}}}},
              {{u"email"_s, u"carol@example.com"_s},
               {u"plan"_s, u"free"_s},
               {u"usage"_s, QJsonObject{{u"primary_absent"_s, true}, {u"secondary_used"_s, 7}}}}});
    }

    void quotaRefreshWritesTheReferenceCache()
    {
        auto r = h.run({u"quota"_s, u"--refresh"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonArray accounts = r.json()[u"accounts"_s].toArray();
        QCOMPARE(accounts.size(), 3);
        const QJsonObject alice = accounts[0].toObject();
        QCOMPARE(alice[u"source"_s].toString(), u"usage-endpoint"_s);
        QCOMPARE(alice[u"stale"_s].toBool(true), false);
        QCOMPARE(alice[u"windows"_s][0][u"label"_s].toString(), u"5h"_s);
        QCOMPARE(alice[u"windows"_s][0][u"usedPercent"_s].toInt(), 12);
        QCOMPARE(alice[u"windows"_s][1][u"label"_s].toString(), u"7d"_s);
        QCOMPARE(alice[u"plan"_s].toString(), u"pro"_s);
        QCOMPARE(accounts[1].toObject()[u"status"_s].toInt(), 429); // limit_reached reads as 429
        // A lone long window goes to secondary, primary stays empty.
        const QJsonArray carol = accounts[2].toObject()[u"windows"_s].toArray();
        QCOMPARE(carol.size(), 1);
        QCOMPARE(carol[0][u"name"_s].toString(), u"secondary"_s);
        QFile cache(h.dir() + u"/quota-cache.json"_s);
        QVERIFY(cache.open(QIODevice::ReadOnly));
        const QJsonObject c = QJsonDocument::fromJson(cache.readAll()).object();
        QCOMPARE(c[u"version"_s].toInt(), 1);
        const QJsonObject entry = c[u"byAccountId"_s][u"acc-alice"_s].toObject();
        QCOMPARE(entry[u"model"_s].toString(), u"usage-endpoint"_s);
        QCOMPARE(entry[u"primary"_s][u"windowMinutes"_s].toInt(), 300);
        QCOMPARE(entry[u"secondary"_s][u"windowMinutes"_s].toInt(), 10080);
        QVERIFY(entry[u"primary"_s][u"resetAtMs"_s].toDouble() > QDateTime::currentMSecsSinceEpoch());
        QVERIFY(c[u"byAccountId"_s][u"acc-carol"_s][u"primary"_s].toObject().isEmpty());
        // Each reading is also a burn-rate sample (docs/forecast.md §9.2), one per account and window.
        QFile samplesFile(h.dir() + u"/desktop/quota-samples.json"_s);
        QVERIFY(samplesFile.open(QIODevice::ReadOnly));
        QCOMPARE(samplesFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const QJsonObject sampled = QJsonDocument::fromJson(samplesFile.readAll()).object()[u"accounts"_s].toObject();
        QCOMPARE(sampled.size(), 3);
        int windows = 0;
        for (const QJsonValue &account : sampled)
            for (const QJsonValue &series : account.toObject())
                windows += int(series.toArray().size());
        QCOMPARE(windows, 5); // alice 2, bob 2, carol 1
        // Within 60 s the cache stands in for a request.
        const int before = int(m_fake->requests().size());
        QCOMPARE(h.run({u"quota"_s, u"--refresh"_s}).code, 0);
        QCOMPARE(int(m_fake->requests().size()), before);
        const QString text = h.run({u"quota"_s}).out;
        QVERIFY2(text.contains(u"1. alice@example.com (Pro)"_s) &&
                     text.contains(u"5h  #---------  12% used  88% left"_s),
                 qPrintable(text));
    }

    void failedReadingsKeepTheCacheAndSayStale()
    {
        QCOMPARE(h.run({u"quota"_s, u"--refresh"_s}).code, 0);
        // Age the cache past 60 s so a new read is attempted, then make the endpoint fail.
        QFile cacheFile(h.dir() + u"/quota-cache.json"_s);
        QVERIFY(cacheFile.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(cacheFile.readAll()).object();
        cacheFile.close();
        QJsonObject byId = root[u"byAccountId"_s].toObject();
        for (const QString &k : byId.keys()) {
            QJsonObject e = byId[k].toObject();
            e[u"updatedAt"_s] = e[u"updatedAt"_s].toDouble() - 120000;
            byId[k] = e;
        }
        root[u"byAccountId"_s] = byId;
        QVERIFY(cacheFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cacheFile.write(QJsonDocument(root).toJson());
        cacheFile.close();
        m_fake->addFault({{u"route"_s, u"/backend-api/wham/usage"_s}, {u"status"_s, 503}});
        auto r = h.run({u"quota"_s, u"1"_s, u"--refresh"_s, u"--json"_s});
        QCOMPARE(r.code, 1);
        const QJsonObject alice = r.json()[u"accounts"_s][0].toObject();
        QCOMPARE(alice[u"stale"_s].toBool(), true);
        QCOMPARE(alice[u"error"_s][u"status"_s].toInt(), 503);
        QCOMPARE(alice[u"windows"_s].toArray().size(), 2); // the last good reading stays
    }

    void blackHoledNetworkEndsWithinItsBound()
    {
        h.wipe();
        seed({{{u"email"_s, u"a@x.io"_s}},
              {{u"email"_s, u"b@x.io"_s}},
              {{u"email"_s, u"c@x.io"_s}},
              {{u"email"_s, u"d@x.io"_s}},
              {{u"email"_s, u"e@x.io"_s}},
              {{u"email"_s, u"f@x.io"_s}}});
        m_fake->addFault({{u"route"_s, u"/backend-api/wham/usage"_s}, {u"mode"_s, u"blackhole"_s}});
        QElapsedTimer t;
        t.start();
        auto r = h.run({u"quota"_s, u"--refresh"_s, u"--json"_s});
        const qint64 elapsed = t.elapsed();
        QCOMPARE(r.code, 1);
        QVERIFY2(elapsed < 17000, qPrintable(QString::number(elapsed)));
        for (const QJsonValue &a : r.json()[u"accounts"_s].toArray())
            QVERIFY(!a[u"error"_s][u"message"_s].toString().isEmpty());
    }

    void forecastAndBest()
    {
        QCOMPARE(h.run({u"quota"_s, u"--refresh"_s}).code, 0);
        auto f = h.run({u"forecast"_s, u"--json"_s});
        QCOMPARE(f.code, 0);
        const QJsonObject o = f.json();
        QCOMPARE(o[u"summary"_s][u"total"_s].toInt(), 3);
        QCOMPARE(o[u"recommendation"_s][u"recommendedIndex"_s].toInt(), 0);
        const QJsonObject bob = o[u"accounts"_s][1].toObject();
        QCOMPARE(bob[u"availability"_s].toString(), u"delayed"_s);
        QVERIFY(bob[u"reasons"_s].toArray().contains(QJsonValue(u"quota cache exhausted"_s)));
        QVERIFY(o[u"runway"_s].toObject().contains(u"state"_s));
        QCOMPARE(h.run({u"forecast"_s, u"--model"_s, u"gpt-5"_s}).code, 2);
        QVERIFY(h.run({u"forecast"_s}).out.contains(u"Best next account: 1."_s));

        // Make alice exhausted too: carol (ready) wins.
        m_fake->addAccount({{u"key"_s, u"alice"_s},
                            {u"email"_s, u"alice@example.com"_s},
                            {u"plan"_s, u"pro"_s},
                            {u"usage"_s, QJsonObject{{u"primary_used"_s, 100}}}});
        auto dry = h.run({u"best"_s, u"--live"_s, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(dry.code, 0);
        QCOMPARE(dry.json()[u"accountIndex"_s].toInt(), 1); // from cache: alice not yet re-read (60 s rule)
        auto best = h.run({u"best"_s, u"--json"_s});
        QCOMPARE(best.code, 0);
        QVERIFY(QFile::exists(h.codexHome() + u"/auth.json"_s));
        QCOMPARE(best.json()[u"switched"_s].toBool(), false); // already on account 1 by the cache's view
    }

    void checkAndDoctor()
    {
        auto c = h.run({u"check"_s, u"--json"_s});
        QCOMPARE(c.code, 0);
        QCOMPARE(c.json()[u"summary"_s][u"available"_s].toInt(), 3);
        // Revoke bob's family at the provider: check marks him needs-login, exit 1.
        // Bob's access token has expired and his refresh token is one the provider rejects.
        PoolStore(h.poolPath()).update([](AccountPool &p) {
            p.accounts[1].expiresAt = 1;
            p.accounts[1].accessToken = u"expired-opaque-token"_s;
            p.accounts[1].refreshToken = u"rt_never_issued_by_the_fake"_s;
            return success();
        });
        c = h.run({u"check"_s, u"--json"_s});
        QCOMPARE(c.code, 1);
        QCOMPARE(c.json()[u"accounts"_s][1][u"outcome"_s].toString(), u"needs-login"_s);
        QVERIFY(PoolStore(h.poolPath()).load()->pool.accounts[1].authInvalidatedAt.has_value());

        auto d = h.run({u"doctor"_s, u"--json"_s});
        QVERIFY(d.code == 0 || d.code == 1);
        QVERIFY(d.json()[u"checks"_s].toArray().size() > 20);
        QCOMPARE(h.run({u"doctor"_s, u"--dry-run"_s}).code, 2);
        QFile::setPermissions(h.poolPath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        d = h.run({u"doctor"_s, u"--fix"_s, u"--json"_s});
        QVERIFY(d.json()[u"fix"_s][u"actions"_s].toArray().size() >= 1);
        QCOMPARE(QFile::permissions(h.poolPath()) & QFile::ReadOther, QFile::Permissions());
    }

    void configRoundTrip()
    {
        QCOMPARE(h.run({u"config"_s, u"set"_s, u"pluginConfig.proactiveRefreshIntervalMs"_s, u"1"_s}).out,
                 u"pluginConfig.proactiveRefreshIntervalMs = 5000 (file)\n"_s); // clamped
        QCOMPARE(h.run({u"config"_s, u"set"_s, u"desktop.palette"_s, u"purple"_s}).code, 2);
        QCOMPARE(h.run({u"config"_s, u"set"_s, u"desktop.secretStorage"_s, u"file"_s}).code, 2);
        QCOMPARE(h.run({u"config"_s, u"get"_s, u"nope.key"_s}).code, 2);
        QCOMPARE(h.run({u"config"_s, u"reset"_s, u"pluginConfig.proactiveRefreshIntervalMs"_s}).out,
                 u"pluginConfig.proactiveRefreshIntervalMs = 60000 (default)\n"_s);
        h.env().insert(u"CODEX_MULTI_AUTH_SYNC_CODEX_CLI"_s, u"0"_s);
        QCOMPARE(h.run({u"config"_s, u"get"_s, u"desktop.syncCodexCli"_s, u"--json"_s}).json()[u"source"_s].toString(),
                 u"env"_s);
        h.env().remove(u"CODEX_MULTI_AUTH_SYNC_CODEX_CLI"_s);
        const QJsonArray all = h.run({u"config"_s, u"explain"_s, u"--json"_s}).json()[u"settings"_s].toArray();
        QVERIFY(all.size() > 30);
    }

    // Every command with --json on a populated pool gives one JSON object with the envelope, and
    // debug bundle leaks no token, no full email and no full account id.
    void everyCommandSpeaksJson()
    {
        QTemporaryDir tmp;
        h.env().insert(u"CODEX_MULTI_AUTH_PASSPHRASE"_s, u"a long enough passphrase"_s);
        const QHash<QString, QStringList> args = {{u"switch"_s, {u"2"_s}},
                                                  {u"workspace"_s, {u"1"_s}},
                                                  {u"account tag"_s, {u"1"_s, u"x"_s}},
                                                  {u"account untag"_s, {u"1"_s, u"x"_s}},
                                                  {u"account note"_s, {u"1"_s, u"hi"_s}},
                                                  {u"account weight"_s, {u"1"_s, u"3"_s}},
                                                  {u"account pause"_s, {u"1"_s}},
                                                  {u"account unpause"_s, {u"1"_s}},
                                                  {u"account drain"_s, {u"1"_s}},
                                                  {u"account undrain"_s, {u"1"_s}},
                                                  {u"account enable"_s, {u"1"_s}},
                                                  {u"account disable"_s, {u"3"_s}},
                                                  {u"config get"_s, {u"desktop.palette"_s}},
                                                  {u"config set"_s, {u"desktop.palette"_s, u"dark"_s}},
                                                  {u"config reset"_s, {u"desktop.palette"_s}},
                                                  {u"export"_s, {tmp.filePath(u"x.cma-backup"_s)}},
                                                  {u"import"_s, {tmp.filePath(u"x.cma-backup"_s)}},
                                                  {u"secrets use"_s, {u"file"_s}},
                                                  {u"remove"_s, {u"3"_s, u"--yes"_s}},
                                                  {u"uninstall"_s, {u"--dry-run"_s}},
                                                  {u"rotation reset-rate-limits"_s, {u"--all"_s}},
                                                  {u"shim install"_s, {u"--dir"_s, tmp.filePath(u"bin"_s)}},
                                                  {u"shim remove"_s, {u"--dir"_s, tmp.filePath(u"bin"_s)}},
                                                  {u"help"_s, {}},
                                                  {u"refresh"_s, {u"--if-needed"_s}}};
        const QStringList skip = {u"login"_s}; // interactive by nature; covered by tst_login
        for (const cli::CommandSpec &spec : cli::commandTable()) {
            if (skip.contains(spec.name))
                continue;
            QStringList argv = spec.name.split(u' ');
            argv += args.value(spec.name);
            argv.append(u"--json"_s);
            const auto r = h.run(argv);
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
            if (spec.name == "help"_L1) {
                QCOMPARE(r.code, 0);
                continue;
            }
            QVERIFY2(doc.isObject(), qPrintable(spec.name + u": "_s + r.out.left(200) + r.err.left(200)));
            const QJsonObject o = doc.object();
            QCOMPARE(o[u"command"_s].toString(), spec.name);
            QCOMPARE(o[u"schema"_s].toInt(), 1);
            QCOMPARE(o[u"ok"_s].toBool(), r.code == 0);
            if (!o[u"ok"_s].toBool())
                QVERIFY2(!o[u"error"_s][u"code"_s].toString().isEmpty(), qPrintable(spec.name));
        }
        const auto bundle = h.run({u"debug"_s, u"bundle"_s});
        QCOMPARE(bundle.code, 0);
        const QString text = bundle.out;
        QVERIFY2(!text.contains(u"alice@example.com"_s) && !text.contains(u"bob@example.com"_s), qPrintable(text));
        QVERIFY(!text.contains(u"acc-alice"_s) && !text.contains(u"acc-bob"_s));
        QVERIFY(!text.contains(u"rt_fake"_s) && !text.contains(u"eyJ"_s));
        h.env().remove(u"CODEX_MULTI_AUTH_PASSPHRASE"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliQuota)
#include "tst_cli_quota.moc"
