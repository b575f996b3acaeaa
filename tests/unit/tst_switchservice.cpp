#include "services/quotaservice.h"
#include "services/switchservice.h"
#include "servicefixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// SwitchService: Codex's live account follows the pool (docs/protocol.md §5), with typed notices for
// what the user should know; `best` switches to the evaluation's recommendation.
class TestSwitchService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

    static QList<SwitchNotice::Kind> kinds(const QList<SwitchNotice> &notices)
    {
        QList<SwitchNotice::Kind> out;
        for (const SwitchNotice &n : notices)
            out.append(n.kind);
        return out;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init()
    {
        f.reset();
        f.pinCodexToFiles();
    }

    void switchWritesCodexAndPins()
    {
        const AccountPool seeded = f.seed(3);
        f.writeCodexAuth(seeded.accounts[0]);
        Result<SwitchResult> done = SwitchService(f.app()).switchTo(seeded.accounts[2]);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QCOMPARE(done->index, 2);
        QVERIFY(done->synced);
        QVERIFY(done->pinned);
        QVERIFY(!done->reEnabled);
        QVERIFY(done->notices.isEmpty());
        QCOMPARE(f.codexAccountId(), u"acct-3"_s);
        const AccountPool after = f.pool();
        QCOMPARE(after.currentIndex(), 2);
        QCOMPARE(after.pinnedAccountIndex, std::optional<int>(2));
        QCOMPARE(after.accounts[2].lastSwitchReason, std::optional<QString>(u"manual"_s));
        QCOMPARE(done->affinityGeneration, after.affinityGeneration.value_or(-1));
    }

    void aForeignLoginIsAddedBeforeTheSwitch()
    {
        const AccountPool seeded = f.seed(1);
        const QString key = f.fake().addAccount(
            {{u"email"_s, u"stranger@example.org"_s}, {u"account_id"_s, u"acct-stranger"_s}, {u"plan"_s, u"plus"_s}});
        f.writeCodexAuth(test::FakeOpenAiServer::accountFromTokens(f.fake().mint(key)));
        Result<SwitchResult> done = SwitchService(f.app()).switchTo(seeded.accounts[0]);
        QVERIFY(done);
        QCOMPARE(kinds(done->notices), QList<SwitchNotice::Kind>{SwitchNotice::Kind::ForeignLoginAdded});
        QCOMPARE(done->notices.first().subject, u"stranger@example.org"_s);
        QCOMPARE(done->notices.first().index, 1);
        QCOMPARE(f.pool().accounts.size(), 2); // the login Codex held is not lost
        QCOMPARE(f.codexAccountId(), u"acct-1"_s);
    }

    void overridingEnvironmentIsANotice()
    {
        f.env().insert(u"CODEX_API_KEY"_s, u"sk-test"_s);
        f.reset();
        f.pinCodexToFiles();
        const AccountPool seeded = f.seed(2);
        Result<SwitchResult> done = SwitchService(f.app()).switchTo(seeded.accounts[1]);
        f.env().remove(u"CODEX_API_KEY"_s);
        QVERIFY(done);
        QCOMPARE(kinds(done->notices), QList<SwitchNotice::Kind>{SwitchNotice::Kind::EnvironmentOverrides});
        QCOMPARE(done->notices.first().subject, u"CODEX_API_KEY"_s);
    }

    void withSyncOffOnlyThePoolChanges()
    {
        QVERIFY(f.app().settings().setValue(u"desktop"_s, u"syncCodexCli"_s, false));
        const AccountPool seeded = f.seed(2);
        f.writeCodexAuth(seeded.accounts[0]);
        Result<SwitchResult> done = SwitchService(f.app()).switchTo(seeded.accounts[1], SwitchOptions{false});
        QVERIFY(done);
        QVERIFY(!done->synced);
        QVERIFY(!done->pinned);
        QCOMPARE(f.pool().currentIndex(), 1);
        QCOMPARE(f.codexAccountId(), u"acct-1"_s);
    }

    void anInvalidatedAccountIsRefused()
    {
        const AccountPool seeded = f.seed(2);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[1].authInvalidatedAt = 1;
            return success();
        }));
        Result<SwitchResult> done = SwitchService(f.app()).switchTo(seeded.accounts[1]);
        QVERIFY(!done);
        QCOMPARE(done.error().code, ErrorCode::NoUsableAccount);
        QCOMPARE(f.pool().currentIndex(), 0);
    }

    void bestSwitchesToTheRecommendationAndClearsThePin()
    {
        // Account 1 is at its limit; account 2 has room.
        const AccountPool seeded =
            f.seed(2, {{{u"primary_used"_s, 100}, {u"limit_reached"_s, true}}, {{u"primary_used"_s, 5}}});
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.pinnedAccountIndex = 0;
            return success();
        }));
        QuotaService quota(f.app());
        QVERIFY(quota.quota(QuotaRequest{seeded, {0, 1}, true}));
        const Evaluation e = quota.evaluate(f.pool(), {});
        QCOMPARE(e.recommendation.recommendedIndex, std::optional<int>(1));
        Result<BestOutcome> dry = SwitchService(f.app()).switchToBest(e, true);
        QVERIFY(dry);
        QCOMPARE(dry->index, std::optional<int>(1));
        QVERIFY(!dry->switched);
        QCOMPARE(f.pool().currentIndex(), 0);
        Result<BestOutcome> done = SwitchService(f.app()).switchToBest(e);
        QVERIFY(done);
        QVERIFY(done->switched);
        QVERIFY(done->pinCleared);
        QVERIFY(done->synced);
        QCOMPARE(f.pool().currentIndex(), 1);
        QVERIFY(!f.pool().pinnedAccountIndex);
        QCOMPARE(f.pool().accounts[1].lastSwitchReason, std::optional<QString>(u"best"_s));
    }
};

QTEST_GUILESS_MAIN(TestSwitchService)
#include "tst_switchservice.moc"
