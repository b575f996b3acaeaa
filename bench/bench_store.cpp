// Pool storage at 10, 1,000 and 10,000 accounts: load (read + parse + normalise), save (backup
// rotation, journal, fsync, rename), the de-duplication pass, the forecast, JWT decoding.

#include "accounts/poolnormalizer.h"
#include "accounts/poolstore.h"
#include "auth/jwt.h"
#include "codex/codexlivestore.h"
#include "poolgen.h"
#include "quota/forecast.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

static void BM_PoolLoad(benchmark::State &state)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"openai-codex-accounts.json"_s);
    cma::PoolStore store(path);
    const cma::AccountPool pool = cma::bench::generatePool(int(state.range(0)));
    store.update([&](cma::AccountPool &p) {
        p = pool;
        return cma::success();
    });
    for (auto _ : state)
        benchmark::DoNotOptimize(store.load());
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_PoolLoad)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

static void BM_PoolSave(benchmark::State &state)
{
    QTemporaryDir dir;
    cma::PoolStore store(dir.filePath(u"openai-codex-accounts.json"_s));
    const cma::AccountPool pool = cma::bench::generatePool(int(state.range(0)));
    qint64 tick = 0;
    for (auto _ : state) {
        auto r = store.update([&](cma::AccountPool &p) {
            p = pool;
            p.accounts[0].lastUsed = ++tick;
            return cma::success();
        });
        benchmark::DoNotOptimize(r);
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_PoolSave)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

static void BM_Normalize(benchmark::State &state)
{
    const QJsonObject raw = cma::bench::generatePool(int(state.range(0))).toJson();
    for (auto _ : state)
        benchmark::DoNotOptimize(cma::normalizePool(raw, 0));
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Normalize)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

static void BM_Deduplicate(benchmark::State &state)
{
    const QList<cma::Account> accounts = cma::bench::generatePool(int(state.range(0)), 10).accounts;
    for (auto _ : state) {
        QList<cma::Account> copy = accounts;
        benchmark::DoNotOptimize(cma::deduplicateAccounts(copy));
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Deduplicate)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

static void BM_Forecast(benchmark::State &state)
{
    const cma::AccountPool pool = cma::bench::generatePool(int(state.range(0)));
    cma::QuotaCache cache;
    for (auto _ : state) {
        const auto results = cma::Forecaster::evaluateAll(pool, cache, 1795700000000);
        benchmark::DoNotOptimize(cma::Forecaster::recommend(results));
    }
    state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Forecast)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

static void BM_JwtDecode(benchmark::State &state)
{
    const cma::Account a = cma::bench::generatePool(1).accounts.first();
    for (auto _ : state)
        benchmark::DoNotOptimize(cma::TokenIdentity::fromTokens(*a.idToken, *a.accessToken));
}
BENCHMARK(BM_JwtDecode);

// Writing Codex's auth.json (file mode): both locks, temp file, fsync, rename, directory fsync and
// the read-back check, as a switch does it.
static void BM_AuthJsonWrite(benchmark::State &state)
{
    QTemporaryDir dir;
    cma::CodexLiveStore live(dir.path(), true);
    const cma::Account a = cma::bench::generatePool(1).accounts.first();
    const cma::LiveCredentials credentials{*a.idToken, *a.accessToken, a.refreshToken, a.accountId.value_or(QString()),
                                           1'790'000'000'000};
    const cma::CodexConfig config;
    for (auto _ : state)
        benchmark::DoNotOptimize(live.writeLive(credentials, config));
}
BENCHMARK(BM_AuthJsonWrite)->Unit(benchmark::kMicrosecond);
