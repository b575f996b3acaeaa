#include "services/quotaservice.h"
#include "servicefixture.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// QuotaService: readings (fresh or cached), the evaluation behind `forecast` and `best`, and the
// report file.
class TestQuotaService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void freshReadingsAreCachedAndFailuresMarked()
    {
        const AccountPool pool = f.seed(2, {{{u"primary_used"_s, 12}}, {{u"primary_used"_s, 40}}});
        QuotaService service(f.app());
        Result<QuotaOutcome> cached = service.quota(QuotaRequest{pool, {0, 1}, false});
        QVERIFY(cached);
        QVERIFY(!cached->anyFailed);
        QVERIFY(!cached->rows[0].entry);

        f.fake().addFault({{u"route"_s, u"/backend-api/wham/usage"_s}, {u"status"_s, 503}});
        Result<QuotaOutcome> failed = service.quota(QuotaRequest{pool, {0}, true});
        QVERIFY(failed);
        QVERIFY(failed->anyFailed);
        QVERIFY(failed->rows[0].failed);
        QVERIFY(!failed->rows[0].fresh);
        QCOMPARE(failed->rows[0].reading.status, 503);
        QVERIFY(!failed->rows[0].entry);
        f.fake().addFault({{u"clear"_s, true}});

        Result<QuotaOutcome> fresh = service.quota(QuotaRequest{pool, {0, 1}, true});
        QVERIFY(fresh);
        QVERIFY(!fresh->anyFailed);
        QVERIFY(fresh->rows[0].fresh);
        QCOMPARE(fresh->rows[0].entry->primary.usedPercent, std::optional<double>(12));
        QCOMPARE(fresh->rows[1].entry->primary.usedPercent, std::optional<double>(40));
        f.app().quotaCache().reload();
        Result<QuotaOutcome> again = service.quota(QuotaRequest{pool, {1}, false});
        QVERIFY(again);
        QCOMPARE(again->rows.size(), 1);
        QVERIFY(!again->rows[0].fresh);
        QCOMPARE(again->rows[0].entry->primary.usedPercent, std::optional<double>(40));
    }

    void evaluationRecommendsTheAccountWithRoom()
    {
        const AccountPool pool =
            f.seed(2, {{{u"primary_used"_s, 100}, {u"limit_reached"_s, true}}, {{u"primary_used"_s, 5}}});
        QuotaService service(f.app());
        const Evaluation e = service.evaluate(pool, EvaluateRequest{true, {}});
        QCOMPARE(e.probes.size(), 2);
        QCOMPARE(e.results.size(), 2);
        QCOMPARE(e.recommendation.recommendedIndex, std::optional<int>(1));
        QVERIFY(e.results[0].exhausted);
    }

    void reportWritesTheObjectWithItsEnvelope()
    {
        f.seed(2);
        const QString out = f.env().value(u"HOME"_s) + u"/report.json"_s;
        ReportRequest request;
        request.outPath = out;
        Result<ReportOutcome> r = QuotaService(f.app()).report(f.app().repository().load().value(), request);
        QVERIFY(r);
        QCOMPARE(r->enabled, 2);
        QCOMPARE(r->summary.total, 2);
        QCOMPARE(r->json[u"model"_s].toString(), u"codex"_s);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(written[u"command"_s].toString(), u"report"_s);
        QCOMPARE(written[u"accounts"_s][u"total"_s].toInt(), 2);
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestQuotaService)
#include "tst_quotaservice.moc"
