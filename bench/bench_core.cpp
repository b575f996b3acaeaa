#include "net/httpserver.h"
#include "util/redact.h"

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

// The redaction filter runs on every log line: it must stay cheap.
static void BM_RedactLogLine(benchmark::State &state)
{
    const QString line =
        u"refresh for account 3 returned 200; body {\"access_token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln\",\"refresh_token\":\"rt_fake_alice_12\"}"_s;
    for (auto _ : state)
        benchmark::DoNotOptimize(cma::redactSecrets(line));
}
BENCHMARK(BM_RedactLogLine);

// Parsing one callback request on the loopback server.
static void BM_ParseCallbackRequest(benchmark::State &state)
{
    const QByteArray raw = "GET /auth/callback?code=ac_abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1:1455\r\n"
                           "User-Agent: Mozilla/5.0\r\nAccept: text/html\r\n\r\n";
    for (auto _ : state) {
        cma::HttpRequestReader reader;
        benchmark::DoNotOptimize(reader.feed(raw));
    }
}
BENCHMARK(BM_ParseCallbackRequest);
