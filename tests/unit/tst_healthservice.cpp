#include "services/healthservice.h"
#include "servicefixture.h"

#include <QDir>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// HealthService: `check`, `fix`, `doctor` (a table of checks), `verify-flagged` and the debug
// bundle, asserted on their typed rows.
class TestHealthService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

    static const DoctorCheck *find(const DoctorReport &r, const QString &key)
    {
        for (const DoctorCheck &c : r.checks)
            if (c.key == key)
                return &c;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void checkProbesAndReportsEachAccount()
    {
        f.seed(2);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            // Disabled after an auth failure, but its token works: check enables it again.
            p.accounts[1].enabled = false;
            p.accounts[1].disabledReason = u"auth-failure"_s;
            return success();
        }));
        Result<CheckOutcome> done = HealthService(f.app()).check(CheckRequest{f.pool(), {}, true});
        QVERIFY(done);
        QCOMPARE(done->rows.size(), 2);
        QCOMPARE(done->rows[0].state, CheckRow::State::Available);
        QCOMPARE(done->rows[0].note, CheckRow::Note::LiveSessionOk);
        QVERIFY(done->rows[0].reading.entry.has_value());
        QVERIFY(done->rows[1].reEnabled);
        QCOMPARE(done->available, 2);
        QVERIFY(!done->enabledUnavailable);
        QVERIFY(f.pool().accounts[1].isEnabled());

        Result<CheckOutcome> quick = HealthService(f.app()).check(CheckRequest{f.pool(), {0}, false});
        QVERIFY(quick);
        QCOMPARE(quick->rows.size(), 1);
        QCOMPARE(quick->rows[0].state, CheckRow::State::SignedInOnly);
        QCOMPARE(quick->rows[0].note, CheckRow::Note::LiveCheckSkipped);
        QVERIFY(quick->enabledUnavailable);
    }

    void checkPresentsARefusedTokenOnceMore()
    {
        f.seed(1);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[0].refreshToken = u"rt_not_known_to_the_issuer_at_all"_s;
            p.accounts[0].authInvalidatedAt = 1;
            return success();
        }));
        Result<CheckOutcome> done = HealthService(f.app()).check(CheckRequest{f.pool(), {}, true});
        QVERIFY(done);
        QCOMPARE(done->rows[0].state, CheckRow::State::NeedsLogin);
        QCOMPARE(done->rows[0].note, CheckRow::Note::RefreshRefused);
        QCOMPARE(done->needReLogin, 1);
        QCOMPARE(done->available, 0);
    }

    void fixDisablesInvalidatedAccounts()
    {
        f.seed(3);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[1].authInvalidatedAt = 1;
            p.accounts[2].enabled = false;
            p.accounts[2].disabledReason = u"user"_s;
            return success();
        }));
        Result<FixOutcome> dry = HealthService(f.app()).fix(FixRequest{f.pool(), true, false});
        QVERIFY(dry);
        QCOMPARE(dry->rows[1].state, FixRow::State::DisabledHardFailure);
        QVERIFY(!dry->changed);
        QVERIFY(f.pool().accounts[1].isEnabled());
        Result<FixOutcome> done = HealthService(f.app()).fix(FixRequest{f.pool(), false, false});
        QVERIFY(done);
        QCOMPARE(done->rows[0].state, FixRow::State::Healthy);
        QCOMPARE(done->rows[0].note, FixRow::Note::TokenValid);
        QCOMPARE(done->rows[1].note, FixRow::Note::TokenInvalid);
        QCOMPARE(done->rows[2].state, FixRow::State::AlreadyDisabled);
        QCOMPARE(done->healthy, 1);
        QCOMPARE(done->disabled, 1);
        QCOMPARE(done->skipped, 1);
        QVERIFY(done->changed);
        QCOMPARE(f.pool().accounts[1].disabledReason, std::optional<QString>(u"auth-failure"_s));
        QCOMPARE(done->currentAfter, 0);
    }

    void doctorIsATableOfChecks()
    {
        Result<DoctorReport> empty = HealthService(f.app()).doctor({});
        QVERIFY(empty);
        QCOMPARE(find(empty.value(), u"storage-file"_s)->severity, DoctorCheck::Severity::Warn);
        QCOMPARE(find(empty.value(), u"accounts"_s)->severity, DoctorCheck::Severity::Warn);
        QCOMPARE(empty->ok + empty->warn + empty->error, int(empty->checks.size()));

        f.seed(2);
        f.writeCodexAuth(f.pool().accounts[0]);
        // A stale lease file and a loose permission, repaired by --fix.
        QDir().mkpath(f.app().paths().leasesDir());
        const QString lease = f.app().paths().leasesDir() + u"/0123.lock"_s;
        QFile l(lease);
        QVERIFY(l.open(QIODevice::WriteOnly));
        QVERIFY(l.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-600), QFileDevice::FileModificationTime));
        l.close();
        QFile::setPermissions(f.app().paths().poolPath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        Result<DoctorReport> before = HealthService(f.app()).doctor({});
        QVERIFY(before);
        QCOMPARE(find(before.value(), u"storage-file"_s)->severity, DoctorCheck::Severity::Ok);
        QCOMPARE(find(before.value(), u"codex-auth-account"_s)->severity, DoctorCheck::Severity::Ok);
        QCOMPARE(find(before.value(), u"refresh-leases"_s)->severity, DoctorCheck::Severity::Warn);
        QCOMPARE(find(before.value(), u"storage-permissions"_s)->severity, DoctorCheck::Severity::Warn);
        QVERIFY(before->actions.isEmpty());
        Result<DoctorReport> fixed = HealthService(f.app()).doctor(DoctorRequest{true, false});
        QVERIFY(fixed);
        QCOMPARE(fixed->actions.size(), 2);
        QVERIFY(!QFile::exists(lease));
        QCOMPARE(QFile::permissions(f.app().paths().poolPath()) & QFile::ReadOther, QFileDevice::Permissions());
    }

    void verifyFlaggedRestoresTheHealthyOnes()
    {
        const AccountPool seeded = f.seed(1);
        const QString key =
            f.fake().addAccount({{u"email"_s, u"erin@example.org"_s}, {u"account_id"_s, u"acct-erin"_s}});
        Account good = test::FakeOpenAiServer::accountFromTokens(f.fake().mint(key));
        Account bad;
        bad.email = u"frank@example.org"_s;
        bad.accountId = u"acct-frank"_s;
        bad.refreshToken = u"rt_frank_not_known_to_the_issuer"_s;
        PoolStore flagged(f.app().paths().flaggedPath(), PoolStore::Kind::Flagged);
        QVERIFY(flagged.update([&](AccountPool &p) {
            p.accounts = {good, bad};
            return success();
        }));
        Result<VerifyFlaggedOutcome> dry = HealthService(f.app()).verifyFlagged({true, true});
        QVERIFY(dry);
        QCOMPARE(dry->rows[0].state, FlaggedRow::State::RestoreSkipped);
        Result<VerifyFlaggedOutcome> done = HealthService(f.app()).verifyFlagged({});
        QVERIFY(done);
        QCOMPARE(done->total, 2);
        QCOMPARE(done->restored, 1);
        QCOMPARE(done->rows[0].state, FlaggedRow::State::Restored);
        QCOMPARE(done->rows[1].state, FlaggedRow::State::StillFlagged);
        QCOMPARE(f.pool().accounts.size(), 2);
        QCOMPARE(flagged.load()->pool.accounts.size(), 1);
        Q_UNUSED(seeded);
    }

    void theDebugBundleHoldsNoSecrets()
    {
        const AccountPool pool = f.seed(1);
        f.writeCodexAuth(pool.accounts[0]);
        const QByteArray bundle = HealthService(f.app()).debugBundle();
        const QJsonObject o = QJsonDocument::fromJson(bundle).object();
        QCOMPARE(o[u"accounts"_s][u"total"_s].toInt(), 1);
        QCOMPARE(o[u"codexCli"_s][u"accountCount"_s].toInt(), 1);
        QVERIFY(!bundle.contains("user1@example.org"));
        QVERIFY(!bundle.contains(pool.accounts[0].refreshToken.toUtf8()));
        QVERIFY(!bundle.contains(pool.accounts[0].accessToken->toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestHealthService)
#include "tst_healthservice.moc"
