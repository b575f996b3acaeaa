#include "testenv.h"
#include "windowtest.h"
#include "models/accountsmodel.h"
#include "models/forecastmodel.h"
#include "windows/accountswindow.h"

#include <QAbstractItemModelTester>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The item models of the windows over the derived PoolView: QAbstractItemModelTester, what the
// cells say, the ready-first and manual orders, search, and hidden personal info.
class TestModels : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void accountsModelPassesTester()
    {
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AccountsProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.seedPool(4);
        model.setView(f.view());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(AccountsModel::ColumnCount));
        // Same accounts: updated in place; one more: reset; none: empty.
        model.setView(f.view());
        f.seedPool(5);
        model.setView(f.view());
        QCOMPARE(model.rowCount(), 5);
        model.setView(PoolView());
        QCOMPARE(model.rowCount(), 0);
        model.setView(f.view());
        // What the cells say.
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QVERIFY(cell(0, AccountsModel::AccountColumn).toString().startsWith(u"● user1@example.org"_s));
        QCOMPARE(cell(0, AccountsModel::Status).toString(), u"active"_s);
        QCOMPARE(cell(1, AccountsModel::Status).toString(), u"quota-exhausted"_s);
        QCOMPARE(cell(1, AccountsModel::Status, AccountsModel::ToneRole).toInt(), int(Tone::Warning));
        QVERIFY2(cell(0, AccountsModel::ShortWindow).toString().startsWith(u"70% · "_s),
                 qPrintable(cell(0, AccountsModel::ShortWindow).toString()));
        QVERIFY(cell(0, AccountsModel::ShortWindow, Qt::ToolTipRole).toString().contains(u"resets "_s));
        QCOMPARE(cell(0, AccountsModel::ShortWindow, AccountsModel::BarLeftRole).toDouble(), 70.0);
        QVERIFY(cell(0, AccountsModel::ShortWindow, Qt::AccessibleDescriptionRole)
                    .toString()
                    .startsWith(u"5-hour window, 70 percent left, resets at "_s));
        QCOMPARE(cell(2, AccountsModel::Plan).toString(), u"Pro"_s);
        QVERIFY(cell(0, AccountsModel::Token).toString().startsWith(u"expires in "_s));
        QCOMPARE(cell(0, AccountsModel::LastUsed).toString(), u"yesterday"_s);
        // Ready-first puts the exhausted account last.
        proxy.setBaseOrder(u"ready-first"_s);
        QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        proxy.setBaseOrder(u"manual"_s);
        QCOMPARE(proxy.index(1, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        // A header click sorts by that column.
        proxy.sortByColumn(AccountsModel::ShortWindow, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(AccountsModel::PoolIndexRole).toInt(), 1);
        // Search: email, id, tag, note.
        proxy.setSearch(u"USER3"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearch(u"acct-4"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearch(QString());
        QCOMPARE(proxy.rowCount(), 5);
    }

    void hiddenPersonalInfoMasksTheTable()
    {
        f.seedPool(2);
        auto ctx = f.app();
        QVERIFY(ctx->settings().setValue(u"desktop"_s, u"hidePersonalInfo"_s, true).ok());
        AccountsModel model;
        model.setView(f.view());
        const QString text = model.index(0, AccountsModel::AccountColumn).data().toString();
        QVERIFY2(!text.contains(u"user1@example.org"_s), qPrintable(text));
        QVERIFY2(text.contains(u"***"_s), qPrintable(text));
    }

    void forecastModelPassesTester()
    {
        ForecastModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.seedPool(3);
        model.setView(f.view());
        QCOMPARE(model.rowCount(), 3);
        // Recommendation order: the exhausted account comes last, with a wait and its reason.
        QCOMPARE(model.poolIndex(2), 1);
        QCOMPARE(model.index(2, ForecastModel::Availability).data().toString(), u"delayed"_s);
        QVERIFY(!model.index(2, ForecastModel::Wait).data().toString().isEmpty());
        model.setExplain(true);
        model.setView(PoolView());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
