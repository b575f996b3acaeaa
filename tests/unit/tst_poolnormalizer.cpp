#include "accounts/poolnormalizer.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// The load rules of docs/storage.md §4.3–4.6, one table row per rule.
class TestPoolNormalizer : public QObject
{
    Q_OBJECT
private:
    static QJsonObject rec(const QString &email, const QString &id, const QString &rt, qint64 lastUsed = 1,
                           QJsonObject more = {})
    {
        QJsonObject o = more;
        if (!email.isEmpty())
            o.insert(u"email"_s, email);
        if (!id.isEmpty())
            o.insert(u"accountId"_s, id);
        if (!rt.isNull())
            o.insert(u"refreshToken"_s, rt);
        o.insert(u"addedAt"_s, 1);
        o.insert(u"lastUsed"_s, double(lastUsed));
        return o;
    }
    static QJsonObject pool(const QJsonArray &accounts, QJsonObject more = {})
    {
        more.insert(u"version"_s, more.value(u"version"_s).toInt(3));
        more.insert(u"accounts"_s, accounts);
        if (!more.contains(u"activeIndex"_s))
            more.insert(u"activeIndex"_s, 0);
        return more;
    }
    static QJsonObject loadFixture(const QString &name)
    {
        QFile f(QString::fromUtf8(CMA_TEST_DATA_DIR "/") + name);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }

    void dedupe_data()
    {
        QTest::addColumn<QJsonArray>("records");
        QTest::addColumn<QStringList>("expectedTokens");
        QTest::newRow("same id and email, newest wins")
            << QJsonArray{rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s, 5), rec(u"A@X.io "_s, u"id1"_s, u"rt2"_s, 9)}
            << QStringList{u"rt2"_s};
        QTest::newRow("tie on lastUsed: later record with addedAt >= wins")
            << QJsonArray{rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s, 5), rec(u"a@x.io"_s, u"id1"_s, u"rt2"_s, 5)}
            << QStringList{u"rt2"_s};
        QTest::newRow("one email, two workspaces never merge")
            << QJsonArray{rec(u"a@x.io"_s, u"ws1"_s, u"rt1"_s), rec(u"a@x.io"_s, u"ws2"_s, u"rt2"_s)}
            << QStringList{u"rt1"_s, u"rt2"_s};
        QTest::newRow("safe email: one id and none")
            << QJsonArray{rec(u"a@x.io"_s, u"ws1"_s, u"rt1"_s, 1), rec(u"a@x.io"_s, {}, u"rt2"_s, 2)}
            << QStringList{u"rt2"_s};
        QTest::newRow("identical refresh token, no identity")
            << QJsonArray{rec({}, {}, u"rtX"_s, 1), rec({}, {}, u"rtX"_s, 2)} << QStringList{u"rtX"_s};
        QTest::newRow("identical refresh token, different ids")
            << QJsonArray{rec({}, u"id1"_s, u"rtX"_s), rec({}, u"id2"_s, u"rtX"_s)} << QStringList{u"rtX"_s, u"rtX"_s};
        QTest::newRow("team members share an account id")
            << QJsonArray{rec({}, u"team"_s, u"rt1"_s, 1, {{u"userId"_s, u"user-a"_s}}),
                          rec({}, u"team"_s, u"rt2"_s, 2, {{u"userId"_s, u"user-b"_s}})}
            << QStringList{u"rt1"_s, u"rt2"_s};
        QTest::newRow("same user in a team, email missing")
            << QJsonArray{rec({}, u"team"_s, u"rt1"_s, 1, {{u"userId"_s, u"user-a"_s}}),
                          rec({}, u"team"_s, u"rt2"_s, 2, {{u"userId"_s, u"user-a"_s}})}
            << QStringList{u"rt2"_s};
        QTest::newRow("team members with one email each")
            << QJsonArray{rec(u"a@t.io"_s, u"team"_s, u"rt1"_s, 1, {{u"userId"_s, u"ua"_s}}),
                          rec(u"b@t.io"_s, u"team"_s, u"rt2"_s, 2, {{u"userId"_s, u"ub"_s}})}
            << QStringList{u"rt1"_s, u"rt2"_s};
        QTest::newRow("newer tokens win although the record is older")
            << QJsonArray{rec(u"a@x.io"_s, u"id1"_s, u"rt-new"_s, 1, {{u"lastRefresh"_s, 200}}),
                          rec(u"a@x.io"_s, u"id1"_s, u"rt-old"_s, 9, {{u"lastRefresh"_s, 100}})}
            << QStringList{u"rt-new"_s};
        // No field merge: the newer record wins whole, so the survivor has no email and the third
        // record no longer matches it.
        QTest::newRow("newer record wins whole")
            << QJsonArray{rec(u"a@x.io"_s, {}, u"rt1"_s, 1), rec({}, {}, u"rt1"_s, 2),
                          rec(u"a@x.io"_s, u"id"_s, u"rt3"_s, 3)}
            << QStringList{u"rt1"_s, u"rt3"_s};
    }
    void dedupe()
    {
        QFETCH(QJsonArray, records);
        QFETCH(QStringList, expectedTokens);
        Result<NormalizedPool> n = normalizePool(pool(records), 0);
        QVERIFY(n.ok());
        QStringList tokens;
        for (const Account &a : n->pool.accounts)
            tokens.append(a.refreshToken);
        QCOMPARE(tokens, expectedTokens);
    }

    void mergeKeepsNewerTokensAndNewerRecord()
    {
        Result<NormalizedPool> n = normalizePool(
            pool({rec(u"a@x.io"_s, u"id1"_s, u"rt-new"_s, 1,
                      {{u"lastRefresh"_s, 200}, {u"idToken"_s, u"id-new"_s}, {u"accountLabel"_s, u"old label"_s}}),
                  rec(u"a@x.io"_s, u"id1"_s, u"rt-old"_s, 9,
                      {{u"lastRefresh"_s, 100}, {u"idToken"_s, u"id-old"_s}, {u"accountLabel"_s, u"new label"_s}})}),
            0);
        QCOMPARE(n->pool.accounts.size(), 1);
        const Account &a = n->pool.accounts.first();
        QCOMPARE(a.refreshToken, u"rt-new"_s);
        QCOMPARE(a.idToken.value_or(QString()), u"id-new"_s);
        QCOMPARE(a.lastRefresh.value_or(0), 200);
        QCOMPARE(a.accountLabel.value_or(QString()), u"new label"_s);
        QCOMPARE(a.lastUsed, 9);
    }

    void dropsRecordsWithoutRefreshToken_data()
    {
        QTest::addColumn<QJsonValue>("token");
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("blank") << QJsonValue(u"   "_s);
        QTest::newRow("number") << QJsonValue(42);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }
    void dropsRecordsWithoutRefreshToken()
    {
        QFETCH(QJsonValue, token);
        QJsonObject bad = rec(u"b@x.io"_s, u"id2"_s, QString());
        if (!token.isUndefined())
            bad.insert(u"refreshToken"_s, token);
        Result<NormalizedPool> n = normalizePool(pool({rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s), bad}), 0);
        QCOMPARE(n->pool.accounts.size(), 1);
        QVERIFY(n->problems.join(u'\n').contains(u"record 2 has no refresh token; dropped"_s));
    }

    void keepsRecordWithOneBadField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("enabled as string") << u"enabled"_s << QJsonValue(u"yes"_s);
        QTest::newRow("expiresAt as string") << u"expiresAt"_s << QJsonValue(u"tomorrow"_s);
        QTest::newRow("unknown switch reason") << u"lastSwitchReason"_s << QJsonValue(u"whim"_s);
        QTest::newRow("workspaces as object") << u"workspaces"_s << QJsonValue(QJsonObject{});
        QTest::newRow("email as number") << u"email"_s << QJsonValue(7);
        QTest::newRow("rate limits as array") << u"rateLimitResetTimes"_s << QJsonValue(QJsonArray{1});
    }
    void keepsRecordWithOneBadField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject r = rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s);
        r.insert(field, value);
        Result<NormalizedPool> n = normalizePool(pool({r}), 0);
        QVERIFY(n.ok());
        QCOMPARE(n->pool.accounts.size(), 1);
        QVERIFY2(n->problems.join(u'\n').contains(u"record 1: %1"_s.arg(field)), qPrintable(n->problems.join(u'\n')));
        QVERIFY(!n->pool.accounts.first().toJson().contains(field));
    }

    void authInvalidatedAtMustBePositive_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("kept");
        QTest::newRow("positive") << QJsonValue(1764600000000.0) << true;
        QTest::newRow("zero") << QJsonValue(0) << false;
        QTest::newRow("negative") << QJsonValue(-5) << false;
        QTest::newRow("string") << QJsonValue(u"1"_s) << false;
    }
    void authInvalidatedAtMustBePositive()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, kept);
        QJsonObject r = rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s);
        r.insert(u"authInvalidatedAt"_s, value);
        r.insert(u"authInvalidationErrorCode"_s, u"token_revoked"_s);
        const Account a = normalizePool(pool({r}), 0)->pool.accounts.first();
        QCOMPARE(a.authInvalidatedAt.has_value(), kept);
        QCOMPARE(a.authInvalidationErrorCode.has_value(), kept);
    }

    void selectionFollowsIdentity()
    {
        // Active and the codex family point at a duplicate that de-duplication removes.
        QJsonObject p =
            pool({rec(u"a@x.io"_s, u"id1"_s, u"rt1"_s, 9), rec(u"b@x.io"_s, u"id2"_s, u"rt2"_s),
                  rec(u"a@x.io"_s, u"id1"_s, u"rt1b"_s, 1)},
                 {{u"activeIndex"_s, 2}, {u"activeIndexByFamily"_s, QJsonObject{{u"codex"_s, 1}, {u"gpt-5.1"_s, 2}}}});
        const AccountPool n = normalizePool(p, 0)->pool;
        QCOMPARE(n.accounts.size(), 2);
        QCOMPARE(n.activeIndex, 0);
        QCOMPARE(n.activeIndexByFamily.value(u"codex"_s), 1);
        QCOMPARE(n.activeIndexByFamily.value(u"gpt-5.1"_s), 0);
        QCOMPARE(n.activeIndexByFamily.value(u"gpt-5-codex"_s), 0); // missing family uses activeIndex
        QCOMPARE(n.currentIndex(), 1);
    }

    void indexesAreClampedAndValidated_data()
    {
        QTest::addColumn<QJsonObject>("top");
        QTest::addColumn<int>("active");
        QTest::addColumn<int>("pinned");
        QTest::addColumn<qint64>("generation");
        QTest::newRow("active too large") << QJsonObject{{u"activeIndex"_s, 99}} << 1 << -1 << qint64(-1);
        QTest::newRow("active negative") << QJsonObject{{u"activeIndex"_s, -3}} << 0 << -1 << qint64(-1);
        QTest::newRow("active as string") << QJsonObject{{u"activeIndex"_s, u"1"_s}} << 0 << -1 << qint64(-1);
        QTest::newRow("pin truncated") << QJsonObject{{u"pinnedAccountIndex"_s, 1.7}} << 0 << 1 << qint64(-1);
        QTest::newRow("pin out of range") << QJsonObject{{u"pinnedAccountIndex"_s, 2}} << 0 << -1 << qint64(-1);
        QTest::newRow("generation ok") << QJsonObject{{u"affinityGeneration"_s, 4}} << 0 << -1 << qint64(4);
        QTest::newRow("generation fractional") << QJsonObject{{u"affinityGeneration"_s, 4.5}} << 0 << -1 << qint64(-1);
        QTest::newRow("generation negative") << QJsonObject{{u"affinityGeneration"_s, -1}} << 0 << -1 << qint64(-1);
    }
    void indexesAreClampedAndValidated()
    {
        QFETCH(QJsonObject, top);
        QFETCH(int, active);
        QFETCH(int, pinned);
        QFETCH(qint64, generation);
        const AccountPool n =
            normalizePool(pool({rec(u"a@x.io"_s, u"1"_s, u"r1"_s), rec(u"b@x.io"_s, u"2"_s, u"r2"_s)}, top), 0)->pool;
        QCOMPARE(n.activeIndex, active);
        QCOMPARE(n.pinnedAccountIndex.value_or(-1), pinned);
        QCOMPARE(n.affinityGeneration.value_or(-1), generation);
    }

    void unreadableShapes_data()
    {
        QTest::addColumn<QJsonValue>("root");
        QTest::addColumn<QString>("message");
        QTest::newRow("array") << QJsonValue(QJsonArray{}) << u"not a JSON object"_s;
        QTest::newRow("no accounts") << QJsonValue(QJsonObject{{u"version"_s, 3}}) << u"no \"accounts\" list"_s;
        QTest::newRow("accounts as object")
            << QJsonValue(QJsonObject{{u"version"_s, 3}, {u"accounts"_s, QJsonObject{}}}) << u"no \"accounts\""_s;
        QTest::newRow("version 2") << QJsonValue(QJsonObject{{u"version"_s, 2}, {u"accounts"_s, QJsonArray{}}})
                                   << u"unsupported version (2)"_s;
        QTest::newRow("no version") << QJsonValue(QJsonObject{{u"accounts"_s, QJsonArray{}}})
                                    << u"unsupported version"_s;
    }
    void unreadableShapes()
    {
        QFETCH(QJsonValue, root);
        QFETCH(QString, message);
        Result<NormalizedPool> n = normalizePool(root, 0);
        QVERIFY(!n.ok());
        QVERIFY2(n.error().message.contains(message), qPrintable(n.error().message));
    }

    void migratesV1()
    {
        const qint64 now = 1764600000000;
        Result<NormalizedPool> n = normalizePool(loadFixture(u"reference-pool-v1.json"_s), now);
        QVERIFY(n.ok());
        QVERIFY(n->migratedFromV1);
        const AccountPool &p = n->pool;
        QCOMPARE(p.accounts.size(), 2);
        QCOMPARE(p.activeIndex, 1);
        for (const QString &f : AccountPool::families())
            QCOMPARE(p.activeIndexByFamily.value(f, -1), 1);
        const Account &one = p.accounts[0];
        QCOMPARE(one.rateLimitResetTimes->size(), 5);
        QCOMPARE(one.rateLimitResetTimes->value(u"codex"_s), 4102444800000);
        QCOMPARE(one.cooldownReason.value_or(QString()), u"network-error"_s);
        QCOMPARE(one.accessToken.value_or(QString()), u"at-one"_s);
        QVERIFY(!p.accounts[1].rateLimitResetTimes.has_value()); // a past reset is dropped
        QVERIFY(!one.extra.contains(u"rateLimitResetTime"_s));
        QCOMPARE(p.toJson().value(u"version"_s).toInt(), 3);
    }

    // A pool exactly as the Node version writes it loads with every account and field, and our
    // serialisation of it is the same JSON object (nothing dropped, nothing invented).
    void referencePoolRoundTrips()
    {
        const QJsonObject original = loadFixture(u"reference-pool-v3.json"_s);
        QVERIFY(!original.isEmpty());
        Result<NormalizedPool> n = normalizePool(original, 0);
        QVERIFY(n.ok());
        QVERIFY2(n->problems.isEmpty(), qPrintable(n->problems.join(u'\n')));
        const AccountPool &p = n->pool;
        QCOMPARE(p.accounts.size(), 3);
        QCOMPARE(p.currentIndex(), 0);
        QCOMPARE(p.pinnedAccountIndex.value_or(-1), 0);
        QCOMPARE(p.affinityGeneration.value_or(-1), 7);
        const Account &alice = p.accounts[0];
        QCOMPARE(alice.recordId.value_or(QString()), u"rec_7f3a9c1e"_s);
        QCOMPARE(alice.workspaces->size(), 2);
        QCOMPARE(alice.workspaces->at(1).disabledAt.value_or(0), 1764500000000);
        QCOMPARE(alice.rateLimitResetTimes->value(u"codex:gpt-5-codex"_s), 1764644400000);
        QVERIFY(p.accounts[1].isInvalidated());
        QVERIFY(!p.accounts[1].isEnabled());
        QCOMPARE(p.toJson(), original);

        const QByteArray bytes = p.serialize();
        QVERIFY(bytes.startsWith("{\n  \"version\": 3,\n  \"accounts\": [\n    {\n      \"recordId\""));
        QCOMPARE(QJsonDocument::fromJson(bytes).object(), original);
    }

    void labels()
    {
        const AccountPool p = normalizePool(loadFixture(u"reference-pool-v3.json"_s), 0)->pool;
        QCOMPARE(accountLabelText(p.accounts[0], 1), u"Account 1 (Personal, alice@example.com, id:4b5c6d)"_s);
        QCOMPARE(accountLabelText(p.accounts[2], 3), u"Account 3 (carol@example.com)"_s);
        QCOMPARE(accountLabelText(p.accounts[2], 3, true), u"Account 3 (ca***@***.com)"_s);
        QCOMPARE(accountLabelText(Account{}, 4), u"Account 4"_s);
    }

    void upsert()
    {
        AccountPool p = normalizePool(loadFixture(u"reference-pool-v3.json"_s), 0)->pool;
        Account fresh;
        fresh.email = u"carol@example.com"_s;
        fresh.accountId = u"acc-carol"_s;
        fresh.refreshToken = u"rt_carol_new"_s;
        fresh.lastRefresh = 1;
        auto [outcome, index] = upsertAccount(p, fresh);
        QCOMPARE(int(outcome), int(UpsertOutcome::Rebound));
        QCOMPARE(index, 2);
        QCOMPARE(p.accounts[2].refreshToken, u"rt_carol_new"_s);
        QCOMPARE(p.accounts[2].addedAt, 1764547400000);

        Account bob = p.accounts[1];
        bob.refreshToken = u"rt_bob_relogin"_s;
        bob.lastRefresh = 5;
        auto [o2, i2] = upsertAccount(p, bob);
        QCOMPARE(int(o2), int(UpsertOutcome::Updated));
        QCOMPARE(i2, 1);
        QVERIFY(!p.accounts[1].isInvalidated()); // a fresh sign-in clears re-login needed

        Account dave;
        dave.email = u"dave@example.com"_s;
        dave.refreshToken = u"rt_dave"_s;
        auto [o3, i3] = upsertAccount(p, dave);
        QCOMPARE(int(o3), int(UpsertOutcome::Inserted));
        QCOMPARE(i3, 3);
    }

    void syntheticFixtureGuard()
    {
        AccountPool p;
        for (int i = 1; i <= 3; ++i) {
            Account a;
            a.email = u"account%1@example.com"_s.arg(i);
            a.refreshToken = u"fake_refresh_%1"_s.arg(i);
            a.accountId = u"acc_%1"_s.arg(i);
            p.accounts.append(a);
        }
        QVERIFY(isSyntheticFixture(p));
        p.accounts[1].accountId = u"real-id"_s;
        QVERIFY(!isSyntheticFixture(p));
        QVERIFY(!isSyntheticFixture(AccountPool{}));
    }

    void markers()
    {
        QVERIFY(isKeychainMarker(u"cma-keychain:v1:9f2c4e0b7a1d4c3e8b5f6a7d8c9e0f1a"_s));
        QVERIFY(!isKeychainMarker(u"cma-keychain:v1:9F2C4E0B7A1D4C3E8B5F6A7D8C9E0F1A"_s));
        QVERIFY(!isKeychainMarker(u"cma-keychain:v1:short"_s));
        QVERIFY(!isKeychainMarker(u"rt_abc"_s));
    }
};

QTEST_GUILESS_MAIN(TestPoolNormalizer)
#include "tst_poolnormalizer.moc"
