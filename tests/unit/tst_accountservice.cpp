#include "accounts/poolnormalizer.h"
#include "services/accountservice.h"
#include "servicefixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// AccountService: every change to records, selection and pin that is not a switch, a refresh or a
// transfer, asserted on its typed outcome and on the pool it saved.
class TestAccountService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;
    AccountService service() { return AccountService(f.app()); }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void unpinClearsThePinOnce()
    {
        f.seed(2);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.pinnedAccountIndex = 1;
            p.affinityGeneration = 4;
            return success();
        }));
        Result<UnpinOutcome> first = service().unpin();
        QVERIFY(first);
        QCOMPARE(first->previous, std::optional<int>(1));
        QVERIFY(!f.pool().pinnedAccountIndex);
        QCOMPARE(f.pool().affinityGeneration, std::optional<qint64>(5));
        Result<UnpinOutcome> second = service().unpin();
        QVERIFY(second);
        QCOMPARE(second->previous, std::nullopt);
        QCOMPARE(f.pool().affinityGeneration, std::optional<qint64>(5)); // nothing changed
    }

    void setEnabledFindsTargetsByIdentity()
    {
        const AccountPool seeded = f.seed(3);
        // Another process reorders the pool meanwhile: the targets are found by identity.
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            moveAccount(p, 2, 0);
            return success();
        }));
        Result<EnableOutcome> off =
            service().setEnabled(EnableRequest{{seeded.accounts[2], seeded.accounts[1]}, false});
        QVERIFY(off);
        const AccountPool after = f.pool();
        QCOMPARE(after.accounts[0].accountId, std::optional<QString>(u"acct-3"_s));
        QCOMPARE(off->indexes, (QList<int>{0, 2}));
        QVERIFY(!after.accounts[0].isEnabled());
        QCOMPARE(after.accounts[0].disabledReason, std::optional<QString>(u"user"_s));
        QVERIFY(!after.accounts[2].isEnabled());
        QVERIFY(after.accounts[1].isEnabled());
        Result<EnableOutcome> on = service().setEnabled(EnableRequest{{seeded.accounts[2]}, true});
        QVERIFY(on);
        QVERIFY(f.pool().accounts[0].isEnabled());
        QVERIFY(!f.pool().accounts[0].disabledReason);

        Account stranger;
        stranger.accountId = u"acct-nobody"_s;
        stranger.email = u"nobody@example.org"_s;
        stranger.refreshToken = u"rt-nobody"_s;
        Result<EnableOutcome> missing = service().setEnabled(EnableRequest{{stranger}, false});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void removingTheCurrentAccountHandsOverToTheBestOne()
    {
        const AccountPool seeded = f.seed(3);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.pinnedAccountIndex = 2;
            return success();
        }));
        RemoveRequest request;
        request.targets = {seeded.accounts[0]};
        Result<RemoveOutcome> done = service().remove(request);
        QVERIFY(done);
        QCOMPARE(done->removed, QList<int>{0});
        QCOMPARE(done->before.accounts.size(), 3);
        QVERIFY(done->currentRemoved);
        QVERIFY(done->switchedTo.has_value());
        QVERIFY(!done->codexStillHoldsRemoved());
        QVERIFY(!done->revoked);
        const AccountPool after = f.pool();
        QCOMPARE(after.accounts.size(), 2);
        QCOMPARE(after.currentIndex(), *done->switchedTo);
        QCOMPARE(after.accounts[*done->switchedTo].lastSwitchReason, std::optional<QString>(u"best"_s));
        // The pin followed its account to its new index.
        QCOMPARE(after.pinnedAccountIndex, std::optional<int>(1));
        QCOMPARE(after.accounts[1].accountId, std::optional<QString>(u"acct-3"_s));
    }

    void removingWithoutSwitchLeavesCodexOnTheRemovedAccount()
    {
        const AccountPool seeded = f.seed(2);
        RemoveRequest request;
        request.targets = {seeded.accounts[0]};
        request.switchToBest = false;
        Result<RemoveOutcome> done = service().remove(request);
        QVERIFY(done);
        QVERIFY(!done->switchedTo);
        QVERIFY(done->codexStillHoldsRemoved());
        QCOMPARE(f.pool().accounts.size(), 1);
    }

    void removeWithRevokeSignsTheLoginOut()
    {
        const AccountPool seeded = f.seed(2);
        RemoveRequest request;
        request.targets = {seeded.accounts[1]};
        request.revoke = true;
        Result<RemoveOutcome> done = service().remove(request);
        QVERIFY(done);
        QVERIFY(done->revoked);
        bool revokeSeen = false;
        for (const QJsonValue &r : f.fake().requests())
            revokeSeen = revokeSeen || r[u"path"_s].toString() == u"/oauth/revoke"_s;
        QVERIFY(revokeSeen);
        QCOMPARE(f.pool().accounts.size(), 1);
    }

    void removeAllClearsThePoolIntentionally()
    {
        f.seed(3);
        Result<RemoveAllOutcome> done = service().removeAll();
        QVERIFY(done);
        QCOMPARE(done->removed, 3);
        Result<LoadedPool> loaded = f.app().repository().load();
        QVERIFY(loaded);
        QVERIFY(loaded->pool.accounts.isEmpty());
        QCOMPARE(loaded->health, StorageHealth::IntentionalReset);
    }

    void policyChangesApplyTogetherAndAreChecked()
    {
        const AccountPool seeded = f.seed(1);
        PolicyRequest request{seeded.accounts[0],
                              {PolicyChange::addTag(u"Night Shift!"_s), PolicyChange::setWeight(3),
                               PolicyChange::setNote(u"  team laptop "_s), PolicyChange::setPaused(true)}};
        Result<PolicyOutcome> done = service().changePolicy(request);
        QVERIFY(done);
        QCOMPARE(done->policy.tags, QStringList{u"night-shift-"_s}); // runs of other characters become "-"
        QCOMPARE(done->policy.weight, 3);
        QCOMPARE(done->policy.note, std::optional<QString>(u"team laptop"_s));
        QVERIFY(done->policy.paused);
        QVERIFY(!done->policy.drained);
        QCOMPARE(service().policies().value(PolicyStore::keyFor(seeded.accounts[0])).tags,
                 QStringList{u"night-shift-"_s});

        Result<PolicyOutcome> weight = service().changePolicy({seeded.accounts[0], {PolicyChange::setWeight(11)}});
        QVERIFY(!weight);
        QCOMPARE(weight.error().code, ErrorCode::Usage);
        Result<PolicyOutcome> tag = service().changePolicy({seeded.accounts[0], {PolicyChange::addTag(u"!!"_s)}});
        QVERIFY(!tag);
        QCOMPARE(tag.error().code, ErrorCode::Usage);
        Result<PolicyOutcome> note =
            service().changePolicy({seeded.accounts[0], {PolicyChange::setNote(QString(501, u'x'))}});
        QVERIFY(!note);
        QCOMPARE(note.error().code, ErrorCode::Usage);
        // A refused request wrote nothing.
        QCOMPARE(service().policies().value(PolicyStore::keyFor(seeded.accounts[0])).weight, 3);
    }

    void moveKeepsCurrentAndPinOnTheirAccounts()
    {
        const AccountPool seeded = f.seed(3);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.pinnedAccountIndex = 0;
            return success();
        }));
        Result<MoveOutcome> done = service().move(seeded.accounts[2], 0);
        QVERIFY(done);
        QVERIFY(done->moved);
        const AccountPool after = f.pool();
        QCOMPARE(after.accounts[0].accountId, std::optional<QString>(u"acct-3"_s));
        QCOMPARE(after.currentIndex(), 1);
        QCOMPARE(after.pinnedAccountIndex, std::optional<int>(1));
    }

    void workspaceSelectionChecksTheNumberAndTheWorkspace()
    {
        f.seed(1);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[0].workspaces = QList<Workspace>{{u"acct-1"_s, u"Personal"_s, true, std::nullopt, true, {}},
                                                        {u"org-acme"_s, u"Acme"_s, true, std::nullopt, false, {}},
                                                        {u"org-old"_s, u"Old"_s, false, std::nullopt, false, {}}};
            p.accounts[0].currentWorkspaceIndex = 0;
            return success();
        }));
        const AccountPool pool = f.pool();
        QCOMPARE(AccountService::workspacesOf(pool.accounts[0]).spaces.size(), 3);
        Result<WorkspaceOutcome> outOfRange = service().selectWorkspace(pool, 0, 4);
        QVERIFY(!outOfRange);
        QCOMPARE(outOfRange.error().code, ErrorCode::Usage);
        Result<WorkspaceOutcome> disabled = service().selectWorkspace(pool, 0, 3);
        QVERIFY(!disabled);
        QCOMPARE(disabled.error().code, ErrorCode::Auth);
        Result<WorkspaceOutcome> done = service().selectWorkspace(pool, 0, 2);
        QVERIFY(done);
        QVERIFY(done->changed);
        QCOMPARE(done->workspaces.current, 1);
        QCOMPARE(f.pool().accounts[0].accountId, std::optional<QString>(u"org-acme"_s));
        QCOMPARE(f.pool().accounts[0].accountIdSource, std::optional<QString>(u"org"_s));
    }

    void rateLimitsClearOnlyOutsideADryRun()
    {
        f.seed(2);
        QVERIFY(f.app().repository().update([](AccountPool &p) {
            p.accounts[1].rateLimitResetTimes = QMap<QString, qint64>{{u"codex"_s, 1'900'000'000'000}};
            p.accounts[1].coolingDownUntil = 1'900'000'000'000;
            p.accounts[1].cooldownReason = u"rate-limit"_s;
            return success();
        }));
        const AccountPool pool = f.pool();
        Result<RateLimitOutcome> dry = service().resetRateLimits({pool.accounts, true});
        QVERIFY(dry);
        QCOMPARE(dry->cleared, 1);
        QVERIFY(f.pool().accounts[1].rateLimitResetTimes);
        Result<RateLimitOutcome> done = service().resetRateLimits({pool.accounts, false});
        QVERIFY(done);
        QCOMPARE(done->cleared, 1);
        QVERIFY(!f.pool().accounts[1].rateLimitResetTimes);
        QVERIFY(!f.pool().accounts[1].coolingDownUntil);
    }

    void removeFlaggedDropsOnlyThatRecord()
    {
        const AccountPool seeded = f.seed(2);
        PoolStore flagged(f.app().paths().flaggedPath(), PoolStore::Kind::Flagged);
        QVERIFY(flagged.update([&](AccountPool &p) {
            p.accounts = seeded.accounts;
            return success();
        }));
        QVERIFY(service().removeFlagged(seeded.accounts[0]));
        const AccountPool left = flagged.load()->pool;
        QCOMPARE(left.accounts.size(), 1);
        QCOMPARE(left.accounts[0].accountId, std::optional<QString>(u"acct-2"_s));
    }

    void signInAddsThenUpdatesAndActivatesTheFirstAccount()
    {
        f.pinCodexToFiles();
        const QString key = f.fake().addAccount(
            {{u"email"_s, u"carol@example.com"_s}, {u"account_id"_s, u"acct-carol"_s}, {u"plan"_s, u"pro"_s}});
        const QJsonObject t = f.fake().mint(key);
        TokenResponse tokens;
        tokens.idToken = t[u"id_token"_s].toString();
        tokens.accessToken = t[u"access_token"_s].toString();
        tokens.refreshToken = t[u"refresh_token"_s].toString();
        Result<SavedLogin> added = service().addFromSignIn(tokens, SaveLoginOptions{});
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        QCOMPARE(added->outcome, UpsertOutcome::Inserted);
        QCOMPARE(added->index, 0);
        QCOMPARE(added->plan, u"pro"_s);
        QVERIFY(added->activationTried); // an empty pool has no usable current account
        QVERIFY(added->synced);
        QCOMPARE(f.codexAccountId(), u"acct-carol"_s);
        Result<SavedLogin> again = service().addFromSignIn(tokens, SaveLoginOptions{});
        QVERIFY(again);
        QCOMPARE(again->outcome, UpsertOutcome::Updated);
        QVERIFY(!again->activationTried); // the current account is usable now
        QCOMPARE(f.pool().accounts.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
