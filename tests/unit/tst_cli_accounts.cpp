#include "cliharness.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;
using cma::test::CliHarness;

// The account-pool commands in-process: status/list, unpin, account, remove, secrets, export,
// import. Text, --json shape, exit codes, and a usage error for each.
class TestCliAccounts : public QObject
{
    Q_OBJECT
private:
    CliHarness h;
    QByteArray fixture()
    {
        QFile f(QString::fromUtf8(CMA_TEST_DATA_DIR "/reference-pool-v3.json"));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    void checkEnvelope(const QJsonObject &o, const QString &command, bool ok)
    {
        QCOMPARE(o.value(u"command"_s).toString(), command);
        QCOMPARE(o.value(u"ok"_s).toBool(!ok), ok);
        QCOMPARE(o.value(u"schema"_s).toInt(), 1);
    }

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init()
    {
        h.wipe();
        h.writePool(fixture());
    }

    void statusText()
    {
        const auto r = h.run({u"status"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"Accounts (3)\nStorage: "_s));
        QVERIFY(r.out.contains(u"Storage health: healthy\nSecrets: file\n"_s));
        QVERIFY(r.out.contains(u"Pinned: account 1 (set by switch)"_s));
        QVERIFY(r.out.contains(u"1. Account 1 (Personal, alice@example.com, id:4b5c6d) [current, pinned] used "_s));
        QVERIFY(
            r.out.contains(u"2. Account 2 (bob@example.com, id:7d6c5b) [disabled, token-invalid — re-login needed]"_s));
        QVERIFY(r.out.contains(u"   reason: account is disabled"_s));
        QVERIFY(r.out.contains(u"Selection reason: account "_s));
        QCOMPARE(h.run({u"list"_s}).out, r.out);
    }

    void statusJson()
    {
        const auto r = h.run({u"--cli"_s, u"status"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject o = r.json();
        checkEnvelope(o, u"status"_s, true);
        QCOMPARE(o.value(u"accountCount"_s).toInt(), 3);
        QCOMPARE(o.value(u"storageHealth"_s).toString(), u"healthy"_s);
        QCOMPARE(o.value(u"secretStorage"_s).toString(), u"file"_s);
        QCOMPARE(o.value(u"activeIndex"_s).toInt(), 0);
        QCOMPARE(o.value(u"pinnedAccountIndex"_s).toInt(), 0);
        QVERIFY(o.value(u"codexAuthIndex"_s).isNull());
        QVERIFY(o.contains(u"recommendedIndex"_s) && o.contains(u"recommendationReason"_s) &&
                o.contains(u"runtimeInUseIndex"_s));
        const QJsonObject bob = o.value(u"accounts"_s).toArray().at(1).toObject();
        for (const char *k : {"index", "number", "label", "email", "accountId", "plan", "enabled", "current", "pinned",
                              "markers", "lastUsed", "reason", "quota"})
            QVERIFY2(bob.contains(QLatin1String(k)), k);
        QCOMPARE(bob.value(u"number"_s).toInt(), 2);
        QCOMPARE(bob.value(u"markers"_s).toArray(), (QJsonArray{u"disabled"_s, u"token-invalid — re-login needed"_s}));
        // 2-space indentation, one object, a trailing newline.
        QVERIFY(r.out.startsWith(u"{\n  \"command\": \"status\",\n  \"ok\": true,\n  \"schema\": 1,"_s));
    }

    void statusRedacts()
    {
        const auto r = h.run({u"status"_s, u"--json"_s, u"--redact"_s});
        QVERIFY(!r.out.contains(u"alice@example.com"_s));
        QVERIFY(r.out.contains(u"al***@***.com"_s));
        QVERIFY(!r.out.contains(u"6f1d2c3b-8a7e"_s));
    }

    void statusOfEmptyAndDamagedPools()
    {
        h.wipe();
        auto r = h.run({u"status"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"storageHealth"_s).toString(), u"empty"_s);
        QCOMPARE(r.json().value(u"accounts"_s).toArray().size(), 0);
        QVERIFY(h.run({u"status"_s}).out.contains(u"No accounts configured."_s));

        h.writePool("{\"version\":3,\"accounts\":[{\"email\":");
        r = h.run({u"status"_s, u"--json"_s});
        QCOMPARE(r.code, 5);
        QCOMPARE(r.json().value(u"storageHealth"_s).toString(), u"corrupt"_s);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"storage-unreadable"_s);
        QCOMPARE(h.readPool(), QByteArray("{\"version\":3,\"accounts\":[{\"email\":"));
        const auto t = h.run({u"status"_s});
        QCOMPARE(t.code, 5);
        QVERIFY(t.out.contains(u"Storage appears corrupted."_s));

        QByteArray newer = fixture();
        newer.replace("\"version\": 3", "\"version\": 9");
        h.writePool(newer);
        r = h.run({u"status"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"storageHealth"_s).toString(), u"read-only"_s);
        QVERIFY(r.err.contains(u"read-only"_s));
        QCOMPARE(h.run({u"unpin"_s, u"--json"_s}).code, 5);
        QCOMPARE(h.readPool(), newer);
    }

    void unpin()
    {
        auto r = h.run({u"unpin"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        checkEnvelope(r.json(), u"unpin"_s, true);
        QCOMPARE(r.json().value(u"cleared"_s).toBool(), true);
        QCOMPARE(r.json().value(u"previousIndex"_s).toInt(), 0);
        QVERIFY(!h.readPool().contains("pinnedAccountIndex"));
        QVERIFY(h.readPool().contains("\"affinityGeneration\": 8"));
        QCOMPARE(h.run({u"unpin"_s}).out, u"No pin to clear.\n"_s);
        QCOMPARE(h.run({u"unpin"_s, u"extra"_s}).code, 2);
    }

    void accountPolicies()
    {
        auto r = h.run({u"account"_s, u"tag"_s, u"2"_s, u"Night Shift!"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        checkEnvelope(r.json(), u"account tag"_s, true);
        QCOMPARE(r.json().value(u"policy"_s).toObject().value(u"tags"_s).toArray(), QJsonArray{u"night-shift-"_s});
        QCOMPARE(h.run({u"account"_s, u"tag"_s, u"bob@example.com"_s, u"ci"_s}).out,
                 u"Account 2: tags ci, night-shift-.\n"_s);
        QCOMPARE(h.run({u"account"_s, u"untag"_s, u"2"_s, u"night shift!"_s}).code, 0);
        QCOMPARE(h.run({u"account"_s, u"pause"_s, u"2"_s}).out, u"Account 2: tags ci; paused.\n"_s);
        QCOMPARE(h.run({u"account"_s, u"weight"_s, u"2"_s, u"7"_s}).code, 0);
        QCOMPARE(h.run({u"account"_s, u"note"_s, u"2"_s, u"shared"_s, u"with"_s, u"Ana"_s}).out,
                 u"Account 2: tags ci; paused; weight 7; note \"shared with Ana\".\n"_s);
        QCOMPARE(h.run({u"account"_s, u"note"_s, u"2"_s}).out, u"Account 2: tags ci; paused; weight 7.\n"_s);
        const auto list = h.run({u"account"_s, u"policy"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.json().value(u"policies"_s).toArray().size(), 1);
        QCOMPARE(list.json().value(u"policies"_s).toArray().first().toObject().value(u"index"_s).toInt(), 1);
        QVERIFY(h.run({u"status"_s}).out.contains(u"[disabled, paused, token-invalid"_s));
        // Shared file format: sha256 key of the account id.
        QFile f(h.dir() + u"/account-policies.json"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"sha256:"));

        QCOMPARE(h.run({u"account"_s, u"weight"_s, u"2"_s, u"11"_s}).code, 2);
        QCOMPARE(h.run({u"account"_s, u"tag"_s, u"9"_s, u"x"_s}).code, 2);
        QCOMPARE(h.run({u"account"_s, u"tag"_s, u"2"_s}).code, 2);
        QCOMPARE(h.run({u"account"_s, u"tag"_s, u"nobody@x.io"_s, u"x"_s, u"--json"_s})
                     .json()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"code"_s)
                     .toString(),
                 u"not-found"_s);
    }

    void enableDisable()
    {
        auto r = h.run({u"account"_s, u"disable"_s, u"3"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"account"_s).toObject().value(u"enabled"_s).toBool(true), false);
        QVERIFY(h.readPool().contains("\"disabledReason\": \"user\""));
        r = h.run({u"account"_s, u"enable"_s, u"3"_s});
        QCOMPARE(r.out, u"Enabled account 3: Account 3 (carol@example.com).\n"_s);
        QVERIFY(!h.readPool().contains("disabledReason"));
    }

    void removeNeedsConfirmation()
    {
        auto r = h.run({u"remove"_s, u"3"_s, u"--json"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"--yes"_s));
        QVERIFY(h.readPool().contains("carol@example.com"));
        r = h.run({u"remove"_s, u"3"_s}, {u"n"_s}, true);
        QCOMPARE(r.code, 130);
        QVERIFY(h.readPool().contains("carol@example.com"));
        r = h.run({u"remove"_s, u"3"_s}, {u"y"_s}, true);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"Removed account 3: Account 3 (carol@example.com). Total: 2"_s));
        QVERIFY(!h.readPool().contains("carol@example.com"));
    }

    void removeCurrentHandsOver()
    {
        const auto r = h.run({u"remove"_s, u"1"_s, u"--yes"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"total"_s).toInt(), 2);
        QCOMPARE(o.value(u"removed"_s).toArray().first().toObject().value(u"email"_s).toString(),
                 u"alice@example.com"_s);
        // Bob is disabled and invalidated: Carol takes over; the pin on Alice is gone.
        QCOMPARE(o.value(u"switchedTo"_s).toObject().value(u"email"_s).toString(), u"carol@example.com"_s);
        const auto s = h.run({u"status"_s, u"--json"_s}).json();
        QCOMPARE(s.value(u"activeIndex"_s).toInt(), 1);
        QVERIFY(s.value(u"pinnedAccountIndex"_s).isNull());
    }

    void removeAll()
    {
        QCOMPARE(h.run({u"remove"_s, u"--all"_s}).code, 2);
        QCOMPARE(h.run({u"remove"_s, u"--all"_s}, {u"delete"_s}, true).code, 130);
        const auto r = h.run({u"remove"_s, u"--all"_s}, {u"DELETE"_s}, true);
        QCOMPARE(r.code, 0);
        QVERIFY(!QFile::exists(h.poolPath()));
        QVERIFY(QFile::exists(h.poolPath() + u".reset-intent"_s));
        QVERIFY(h.run({u"status"_s}).out.contains(u"Storage was intentionally reset."_s));
        QCOMPARE(h.run({u"remove"_s, u"--all"_s, u"2"_s}).code, 2);
    }

    void secretsConversion()
    {
        auto r = h.run({u"secrets"_s, u"status"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"mode"_s).toString(), u"file"_s);
        QCOMPARE(r.json().value(u"counts"_s).toObject().value(u"plaintext"_s).toInt(), 3);
        r = h.run({u"secrets"_s, u"use"_s, u"keychain"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"Moved 3 account(s) into the keychain"_s));
        QVERIFY(!h.readPool().contains("rt_alice"));
        QCOMPARE(h.keychain().items().size(), 3);
        QCOMPARE(h.run({u"secrets"_s, u"status"_s}).out.left(60),
                 u"Secrets: keychain (reachable). 3 in keychain, 0 plaintext, 0 missing."_s.left(60));
        QVERIFY(h.run({u"status"_s}).out.contains(u"Secrets: keychain"_s));

        h.keychain().setReachable(false);
        r = h.run({u"secrets"_s, u"use"_s, u"file"_s, u"--json"_s});
        QCOMPARE(r.code, 4);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"secret-store-unavailable"_s);
        QVERIFY(h.run({u"status"_s}).out.contains(u"secret-unavailable"_s));
        h.keychain().setReachable(true);
        QCOMPARE(h.run({u"secrets"_s, u"use"_s, u"file"_s}).code, 0);
        QVERIFY(h.readPool().contains("rt_alice"));
        QCOMPARE(h.keychain().items().size(), 0);
        QCOMPARE(h.run({u"secrets"_s, u"use"_s, u"paper"_s}).code, 2);
    }

    void exportImportEncrypted()
    {
        QTemporaryDir tmp;
        QFile pass(tmp.filePath(u"pass"_s));
        QVERIFY(pass.open(QIODevice::WriteOnly));
        pass.write("correct horse battery\n");
        pass.close();
        const QString out = tmp.filePath(u"pool.cma-backup"_s);
        QCOMPARE(h.run({u"account"_s, u"tag"_s, u"1"_s, u"main"_s}).code, 0);
        auto r = h.run({u"export"_s, out, u"--passphrase-file"_s, pass.fileName(), u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"format"_s).toString(), u"encrypted"_s);
        QCOMPARE(r.json().value(u"accountCount"_s).toInt(), 3);
        QFile sealed(out);
        QVERIFY(sealed.open(QIODevice::ReadOnly));
        const QByteArray bytes = sealed.readAll();
        QVERIFY(!bytes.contains("rt_alice") && !bytes.contains("alice@example.com"));
        QCOMPARE(QFile::permissions(out), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        QCOMPARE(h.run({u"export"_s, out, u"--passphrase-file"_s, pass.fileName()}).code, 2); // exists without --force

        // Into an empty pool; then again (nothing new).
        h.wipe();
        r = h.run({u"import"_s, out, u"--passphrase-file"_s, pass.fileName(), u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"source"_s).toString(), u"encrypted"_s);
        QCOMPARE(r.json().value(u"imported"_s).toInt(), 3);
        // A fresh storage with a working keychain starts in keychain mode: imported tokens go there.
        QVERIFY(!h.readPool().contains("rt_alice_0123456789abcdefghij"));
        QCOMPARE(h.keychain().items().size(), 3);
        QVERIFY(h.run({u"status"_s}).out.contains(u"Secrets: keychain"_s));
        QVERIFY(h.run({u"account"_s, u"policy"_s, u"list"_s}).out.contains(u"tags main"_s));
        r = h.run({u"import"_s, out, u"--passphrase-file"_s, pass.fileName()});
        QCOMPARE(r.out, u"Imported 0, updated 0, skipped 3. Total: 3\n"_s);

        QProcessEnvironment saved = h.env();
        h.env().insert(u"CODEX_MULTI_AUTH_PASSPHRASE"_s, u"wrong passphrase!"_s);
        r = h.run({u"import"_s, out, u"--json"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(
            r.json().value(u"error"_s).toObject().value(u"message"_s).toString().startsWith(u"decryption failed"_s));
        h.env() = saved;
    }

    void exportReferenceFormat()
    {
        QTemporaryDir tmp;
        QCOMPARE(h.run({u"export"_s, u"--name"_s, u"handover"_s, u"--format"_s, u"reference"_s}).code,
                 2); // needs --yes
        auto r =
            h.run({u"export"_s, u"--name"_s, u"handover"_s, u"--format"_s, u"reference"_s, u"--yes"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QString path = r.json().value(u"path"_s).toString();
        QVERIFY(path.endsWith(u"/backups/handover.json"_s));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(u"version"_s).toInt(), 3);
        QCOMPARE(o.value(u"accounts"_s).toArray().size(), 3);
        QVERIFY(!o.contains(u"pinnedAccountIndex"_s));
        QCOMPARE(h.run({u"export"_s, u"--name"_s, u"../evil"_s, u"--yes"_s}).code, 2);
        QCOMPARE(h.run({u"export"_s}).code, 2);
        // The reference format imports back as such.
        const QString copy = tmp.filePath(u"handover.json"_s);
        QVERIFY(QFile::copy(path, copy));
        h.wipe();
        r = h.run({u"import"_s, copy, u"--json"_s});
        QCOMPARE(r.json().value(u"source"_s).toString(), u"reference-export"_s);
        QCOMPARE(r.json().value(u"total"_s).toInt(), 3);
    }

    void importBadFiles()
    {
        QTemporaryDir tmp;
        const QString garbage = tmp.filePath(u"g.json"_s);
        QFile g(garbage);
        g.open(QIODevice::WriteOnly);
        g.write("{\"hello\":1}");
        g.close();
        auto r = h.run({u"import"_s, garbage, u"--json"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.json().value(u"error"_s).toObject().value(u"message"_s).toString().startsWith(u"invalid file"_s));
        QCOMPARE(h.run({u"import"_s, tmp.filePath(u"missing.json"_s)}).code, 2);
        QCOMPARE(h.run({u"import"_s}).code, 2);
        const QByteArray before = h.readPool();
        r = h.run({u"import"_s, QString::fromUtf8(CMA_TEST_DATA_DIR "/reference-pool-v1.json"), u"--dry-run"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"Dry run: Imported 2"_s));
        QCOMPARE(h.readPool(), before);
    }

    void emptyPoolExportFails()
    {
        h.wipe();
        QCOMPARE(h.run({u"export"_s, u"/tmp/nothing.cma"_s, u"--json"_s}).code, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cli_accounts.moc"
