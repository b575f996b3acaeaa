#include "accounts/accountrepository.h"
#include "accounts/poolnormalizer.h"
#include "settings/settingsstore.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QThread>

#include <atomic>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// Tokens in the keychain and in the file (docs/storage.md §5). Built twice: against an in-memory
// store (label unit) and, with CMA_REAL_KEYRING, against a real gnome-keyring in a private D-Bus
// session (label keyring).
class TestSecrets : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<SecretStore> m_keychain;
    MemorySecretStore *memory() { return dynamic_cast<MemorySecretStore *>(m_keychain.get()); }
    QString poolPath() const { return m_dir->filePath(u"openai-codex-accounts.json"_s); }

    static Account account(const QString &email, const QString &rt)
    {
        Account a;
        a.email = email;
        a.accountId = u"id-"_s + email.section(u'@', 0, 0);
        a.refreshToken = rt;
        a.accessToken = u"access-"_s + rt;
        a.idToken = u"idtok-"_s + rt;
        a.expiresAt = 1767225600000;
        a.lastRefresh = 100;
        return a;
    }
    QByteArray poolBytes() const
    {
        QFile f(poolPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static PoolStore::Mutation add(const Account &a)
    {
        return [a](AccountPool &p) {
            upsertAccount(p, a);
            return success();
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
#ifdef CMA_REAL_KEYRING
        m_keychain = std::make_unique<KeychainSecretStore>(u"codex-multi-auth-test"_s);
        const Status probe = m_keychain->probe();
        QVERIFY2(probe.ok(), qPrintable(probe ? QString() : probe.error().message));
#else
        m_keychain = std::make_unique<MemorySecretStore>();
#endif
    }
    void init()
    {
        m_dir = new QTemporaryDir(qEnvironmentVariable("CODEX_MULTI_AUTH_DIR") + u"/s-XXXXXX"_s);
        if (memory()) {
            memory()->setReachable(true);
        }
    }
    void cleanup()
    {
        delete m_dir;
    }

    void keychainModeKeepsTokensOutOfTheFile()
    {
        AccountRepository repo(PoolStore(poolPath()), m_keychain.get(), SecretMode::Keychain);
        QVERIFY(repo.update(add(account(u"alice@x.io"_s, u"rt-alice-secret"_s))).ok());
        const QByteArray bytes = poolBytes();
        QVERIFY(!bytes.contains("rt-alice-secret"));
        QVERIFY(!bytes.contains("access-"));
        QVERIFY(!bytes.contains("idtok-"));
        const Account stored = repo.load()->pool.accounts.first();
        QVERIFY(isKeychainMarker(stored.refreshToken));
        QCOMPARE(stored.expiresAt.value_or(0), 1767225600000); // expiry stays in the pool
        Result<TokenSet> tokens = repo.tokensOf(stored);
        QVERIFY(tokens.ok());
        QCOMPARE(tokens->refreshToken, u"rt-alice-secret"_s);
        QCOMPARE(tokens->accessToken, u"access-rt-alice-secret"_s);
        QCOMPARE(tokens->idToken, u"idtok-rt-alice-secret"_s);
        QCOMPARE(repo.secretState(stored), SecretState::Keychain);

        // A re-login of the same account reuses its item.
        Account again = account(u"alice@x.io"_s, u"rt-alice-2"_s);
        again.lastRefresh = 200;
        QVERIFY(repo.update(add(again)).ok());
        const Account after = repo.load()->pool.accounts.first();
        QCOMPARE(after.refreshToken, stored.refreshToken);
        QCOMPARE(repo.tokensOf(after)->refreshToken, u"rt-alice-2"_s);

        // Removing the account deletes its item after the save.
        QVERIFY(repo.update([](AccountPool &p) {
                        p.accounts.clear();
                        return success();
                    })
                    .ok());
        Result<QByteArray> gone = m_keychain->read(u"account:"_s + stored.secretId);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void conversionsAreAllOrNothing()
    {
        AccountRepository repo(PoolStore(poolPath()), m_keychain.get(), SecretMode::File);
        QVERIFY(repo.update(add(account(u"a@x.io"_s, u"rt-a"_s))).ok());
        QVERIFY(repo.update(add(account(u"b@x.io"_s, u"rt-b"_s))).ok());
        QVERIFY(QFile::exists(poolPath() + u".bak"_s));
        QVERIFY(poolBytes().contains("rt-a"));

        Result<AccountRepository::Conversion> toKeychain = repo.convertTo(SecretMode::Keychain);
        QVERIFY2(toKeychain.ok(), qPrintable(toKeychain ? QString() : toKeychain.error().message));
        QCOMPARE(toKeychain->converted, 2);
        QVERIFY(!poolBytes().contains("rt-a") && !poolBytes().contains("rt-b"));
        QVERIFY(!QFile::exists(poolPath() + u".bak"_s)); // plaintext recovery files are gone
        QVERIFY(toKeychain->removedFiles.contains(poolPath() + u".bak"_s));
        QCOMPARE(repo.mode(), SecretMode::Keychain);

        const AccountPool inKeychain = repo.load()->pool;
        // Delete one item behind our back: back to file must refuse and change nothing.
        QVERIFY(m_keychain->remove(u"account:"_s + inKeychain.accounts[1].secretId).ok());
        const QByteArray before = poolBytes();
        Result<AccountRepository::Conversion> refused = repo.convertTo(SecretMode::File);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(u"nothing was changed"_s));
        QCOMPARE(poolBytes(), before);
        QCOMPARE(repo.secretState(inKeychain.accounts[1]), SecretState::Missing);
        QCOMPARE(repo.tokensOf(inKeychain.accounts[1]).error().exitCode(), 3);

        // Put it back; now the conversion resolves everything and deletes the items.
        QVERIFY(repo.update([](AccountPool &p) {
                        p.accounts.removeAt(1);
                        return success();
                    })
                    .ok());
        Result<AccountRepository::Conversion> toFile = repo.convertTo(SecretMode::File);
        QVERIFY2(toFile.ok(), qPrintable(toFile ? QString() : toFile.error().message));
        QVERIFY(poolBytes().contains("rt-a"));
        QCOMPARE(m_keychain->read(u"account:"_s + inKeychain.accounts[0].secretId).error().code, ErrorCode::NotFound);
    }

    void fileModeResolvesAStrayMarker()
    {
        AccountRepository keychainRepo(PoolStore(poolPath()), m_keychain.get(), SecretMode::Keychain);
        QVERIFY(keychainRepo.update(add(account(u"a@x.io"_s, u"rt-a"_s))).ok());
        // Settings now say file (for example a restored old backup holding markers).
        AccountRepository fileRepo(PoolStore(poolPath()), m_keychain.get(), SecretMode::File);
        QVERIFY(fileRepo.update([](AccountPool &) { return success(); }).ok());
        QVERIFY(poolBytes().contains("rt-a"));
    }

    void decideModeProbesOnceAndRemembers()
    {
        QProcessEnvironment env;
        env.insert(u"CODEX_MULTI_AUTH_DIR"_s, m_dir->path());
        env.insert(u"HOME"_s, qEnvironmentVariable("HOME"));
        const StoragePaths paths = StoragePaths::resolve(env);
        SettingsStore settings(paths, env);
        QCOMPARE(AccountRepository::decideMode(settings, m_keychain.get(), PoolStore(paths.poolPath())),
                 SecretMode::Keychain);
        SettingsStore reread(paths, env);
        QCOMPARE(reread.desktopString(u"secretStorage"_s), u"keychain"_s);
        QCOMPARE(AccountRepository::decideMode(settings, nullptr, PoolStore(paths.poolPath())), SecretMode::File);
    }

    void plaintextPoolKeepsFileMode()
    {
        QProcessEnvironment env;
        env.insert(u"CODEX_MULTI_AUTH_DIR"_s, m_dir->path());
        const StoragePaths paths = StoragePaths::resolve(env);
        QVERIFY(PoolStore(paths.poolPath()).update(add(account(u"a@x.io"_s, u"rt-a"_s))).ok());
        SettingsStore settings(paths, env);
        QCOMPARE(AccountRepository::decideMode(settings, m_keychain.get(), PoolStore(paths.poolPath())),
                 SecretMode::File);
    }

    void unreachableKeychainNeverFallsBackToPlaintext()
    {
        if (!memory())
            QSKIP("only the in-memory store can be made unreachable on demand");
        AccountRepository repo(PoolStore(poolPath()), m_keychain.get(), SecretMode::Keychain);
        QVERIFY(repo.update(add(account(u"a@x.io"_s, u"rt-a"_s))).ok());
        const QByteArray before = poolBytes();
        memory()->setReachable(false);
        Result<LoadedPool> refused = repo.update(add(account(u"b@x.io"_s, u"rt-b-secret"_s)));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().exitCode(), 4);
        QCOMPARE(poolBytes(), before);
        const Account a = repo.load()->pool.accounts.first();
        QCOMPARE(repo.secretState(a), SecretState::Unavailable);
        QCOMPARE(repo.tokensOf(a).error().exitCode(), 4);
        QVERIFY(!repo.convertTo(SecretMode::Keychain).ok());
    }

#ifndef CMA_REAL_KEYRING
    // No Secret Service at all (an SSH session without D-Bus): a clear error, fast, never a hang.
    void realKeychainWithoutSessionBus()
    {
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        KeychainSecretStore store(u"codex-multi-auth-test"_s);
        QElapsedTimer t;
        t.start();
        const Status probe = store.probe();
        QVERIFY(!probe.ok());
        QCOMPARE(probe.error().code, ErrorCode::SecretStoreUnavailable);
        QCOMPARE(probe.error().exitCode(), 4);
        QVERIFY(probe.error().message.startsWith(u"the keychain is unavailable"_s));
        QVERIFY2(t.elapsed() < 25000, qPrintable(QString::number(t.elapsed())));
    }
#endif

    // QtKeychain keeps one global job queue; the tray reads secrets on its GUI thread and on its
    // worker at the same time. Without a session bus every call fails cleanly; with the real
    // keyring every value comes back. Never a crash.
    void keychainFromTwoThreadsAtOnce()
    {
        KeychainSecretStore store(u"codex-multi-auth-test"_s);
        std::atomic<int> ok{0}, failed{0};
        auto work = [&](int id) {
            for (int i = 0; i < 6; ++i) {
                const QString key = u"thread-%1-%2"_s.arg(id).arg(i);
                const QByteArray value = key.toUtf8();
                if (!store.write(key, value).ok()) {
                    ++failed;
                    continue;
                }
                Result<QByteArray> back = store.read(key);
                (back && back.value() == value) ? ++ok : ++failed;
                store.remove(key);
            }
        };
        std::unique_ptr<QThread> other(QThread::create([&] { work(1); }));
        other->start();
        work(0);
        QVERIFY(other->wait(240000));
#ifdef CMA_REAL_KEYRING
        QCOMPARE(ok.load(), 12);
#else
        QCOMPARE(failed.load(), 12);
#endif
    }

    void clearAllDeletesItems()
    {
        AccountRepository repo(PoolStore(poolPath()), m_keychain.get(), SecretMode::Keychain);
        QVERIFY(repo.update(add(account(u"a@x.io"_s, u"rt-a"_s))).ok());
        const QString id = repo.load()->pool.accounts.first().secretId;
        QVERIFY(repo.clearAll().ok());
        QCOMPARE(m_keychain->read(u"account:"_s + id).error().code, ErrorCode::NotFound);
        QCOMPARE(repo.load()->health, StorageHealth::IntentionalReset);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
