#include "services/transferservice.h"
#include "servicefixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// TransferService: encrypted and reference exports, named backups, and imports read first and
// merged second (so a dry run counts without writing).
class TestTransferService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;
    static PassphraseSource pass(const QString &p)
    {
        return [p]() -> Result<QString> { return p; };
    }
    QString out(const QString &name) { return f.env().value(u"HOME"_s) + u'/' + name; }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void encryptedExportRoundTrips()
    {
        const AccountPool pool = f.seed(2);
        TransferService service(f.app());
        QFile::remove(out(u"pool.cma"_s));
        Result<ExportOutcome> exported = service.exportPool(
            pool, ExportRequest{out(u"pool.cma"_s), ExportFormat::Encrypted, pass(u"correct horse"_s)});
        QVERIFY(exported);
        QCOMPARE(exported->accountCount, 2);
        QCOMPARE(QFile::permissions(out(u"pool.cma"_s)) & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());
        QFile raw(out(u"pool.cma"_s));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains(pool.accounts[0].refreshToken.toUtf8()));

        ImportRequest wrong;
        wrong.path = out(u"pool.cma"_s);
        wrong.passphrase = pass(u"not the passphrase"_s);
        QVERIFY(!service.readImport(wrong));

        ImportRequest right = wrong;
        right.passphrase = pass(u"correct horse"_s);
        Result<ImportBatch> batch = service.readImport(right);
        QVERIFY(batch);
        QCOMPARE(batch->source, u"encrypted"_s);
        QCOMPARE(batch->accounts.size(), 2);
    }

    void mergeCountsAndDryRunWritesNothing()
    {
        const AccountPool pool = f.seed(2);
        TransferService service(f.app());
        QFile::remove(out(u"pool.cma"_s));
        QVERIFY(service.exportPool(
            pool, ExportRequest{out(u"pool.cma"_s), ExportFormat::Encrypted, pass(u"long passphrase"_s)}));
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts.removeLast();
            return success();
        }));
        ImportRequest request;
        request.path = out(u"pool.cma"_s);
        request.passphrase = pass(u"long passphrase"_s);
        const ImportBatch batch = service.readImport(request).value();
        const AccountPool now = f.pool();
        Result<ImportOutcome> dry = service.mergeImport(batch, &now);
        QVERIFY(dry);
        QCOMPARE(dry->imported, 1);
        QCOMPARE(dry->skipped, 1);
        QCOMPARE(dry->total, 2);
        QCOMPARE(f.pool().accounts.size(), 1);
        Result<ImportOutcome> done = service.mergeImport(batch);
        QVERIFY(done);
        QCOMPARE(done->imported, 1);
        QCOMPARE(f.pool().accounts.size(), 2);
    }

    void namedBackupsCheckTheirName()
    {
        TransferService service(f.app());
        Result<QString> bad = service.backupPath(u"../evil"_s, ExportFormat::Encrypted);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Usage);
        Result<QString> good = service.backupPath(u"handover"_s, ExportFormat::Reference);
        QVERIFY(good);
        QCOMPARE(good.value(), f.app().paths().backupsDir() + u"/handover.json"_s);
        QVERIFY(QFileInfo(f.app().paths().backupsDir()).isDir());
    }

    void anEmptyPoolExportsNothing()
    {
        Result<ExportOutcome> none = TransferService(f.app()).exportPool(
            AccountPool{}, ExportRequest{out(u"x.cma"_s), ExportFormat::Reference, {}});
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NoUsableAccount);
        QVERIFY(!QFile::exists(out(u"x.cma"_s)));
    }

    void importFromCodexSelectsTheAccount()
    {
        f.seed(1);
        const QString key =
            f.fake().addAccount({{u"email"_s, u"dana@example.org"_s}, {u"account_id"_s, u"acct-dana"_s}});
        f.writeCodexAuth(test::FakeOpenAiServer::accountFromTokens(f.fake().mint(key)));
        ImportRequest request;
        request.fromCodex = true;
        TransferService service(f.app());
        Result<ImportBatch> batch = service.readImport(request);
        QVERIFY(batch);
        QVERIFY(batch->selectImported);
        QVERIFY(service.mergeImport(batch.value()));
        QCOMPARE(f.pool().accounts.size(), 2);
        QCOMPARE(f.pool().currentIndex(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransferService)
#include "tst_transferservice.moc"
