#include "services/tokenservice.h"
#include "servicefixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// TokenService: which accounts "refresh" covers, and one typed report per account.
class TestTokenService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

    static QList<RefreshReport::Outcome> outcomes(const QList<TokenRefreshRow> &rows)
    {
        QList<RefreshReport::Outcome> out;
        for (const TokenRefreshRow &r : rows)
            out.append(r.report.outcome);
        return out;
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void defaultTargetsKeepUserDisabledAccountsAlive()
    {
        f.seed(4);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[1].enabled = false;
            p.accounts[1].disabledReason = u"user"_s;
            p.accounts[2].enabled = false;
            p.accounts[2].disabledReason = u"auth-failure"_s;
            p.accounts[3].enabled = false;
            p.accounts[3].disabledReason = u"user"_s;
            p.accounts[3].authInvalidatedAt = 1;
            return success();
        }));
        TokenService service(f.app());
        QCOMPARE(service.defaultTargets(f.pool()), (QList<int>{0, 1}));
        QVERIFY(f.app().settings().setValue(u"desktop"_s, u"refreshDisabledAccounts"_s, false));
        QCOMPARE(service.defaultTargets(f.pool()), QList<int>{0});
    }

    void forcedRefreshRotatesIfNeededDoesNot()
    {
        const AccountPool pool = f.seed(2);
        TokenService service(f.app());
        const QList<TokenRefreshRow> lazy = service.refresh(RefreshTokensRequest{pool, {}, true});
        QCOMPARE(outcomes(lazy), (QList<RefreshReport::Outcome>(2, RefreshReport::Outcome::NotNeeded)));
        const QList<TokenRefreshRow> forced = service.refresh(RefreshTokensRequest{pool, {1}, false});
        QCOMPARE(forced.size(), 1);
        QCOMPARE(forced.first().index, 1);
        QCOMPARE(forced.first().report.outcome, RefreshReport::Outcome::Refreshed);
        QVERIFY(f.pool().accounts[1].refreshToken != pool.accounts[1].refreshToken); // rotated and saved
        QCOMPARE(f.pool().accounts[0].refreshToken, pool.accounts[0].refreshToken);
    }

    void aRefusedTokenIsAPermanentFailure()
    {
        const AccountPool pool = f.seed(1);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[0].refreshToken = u"rt_not_known_to_the_issuer_at_all"_s;
            return success();
        }));
        const QList<TokenRefreshRow> rows = TokenService(f.app()).refresh(RefreshTokensRequest{f.pool(), {}, false});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().report.outcome, RefreshReport::Outcome::Failed);
        QVERIFY(rows.first().report.permanent);
        QVERIFY(f.pool().accounts[0].authInvalidatedAt.has_value());
        Q_UNUSED(pool);
    }
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
