#include "accounts/poolnormalizer.h"
#include "services/secretsservice.h"
#include "servicefixture.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

// SecretsService: where the secrets are, and moving all of them at once (docs/storage.md §5).
class TestSecretsService : public QObject
{
    Q_OBJECT
private:
    test::ServiceFixture f;

private Q_SLOTS:
    void initTestCase() { test::requireIsolatedEnvironment(); }
    void init() { f.reset(); }

    void moveIntoTheKeychainAndBack()
    {
        f.seed(3);
        SecretsService service(f.app());
        SecretsStatus before = service.status(f.pool());
        QCOMPARE(before.mode, SecretMode::File);
        QVERIFY(before.reachable);
        QCOMPARE(before.plaintext, 3);
        QCOMPARE(before.keychain, 0);

        Result<SecretsConversion> in = service.use(SecretMode::Keychain);
        QVERIFY2(in, qPrintable(in ? QString() : in.error().message));
        QCOMPARE(in->mode, SecretMode::Keychain);
        QCOMPARE(in->converted, 3);
        QCOMPARE(f.app().settings().desktopString(u"secretStorage"_s), u"keychain"_s);
        const AccountPool marked = f.pool();
        QVERIFY(isKeychainMarker(marked.accounts[0].refreshToken));
        SecretsStatus after = service.status(marked);
        QCOMPARE(after.mode, SecretMode::Keychain);
        QCOMPARE(after.keychain, 3);
        QCOMPARE(after.plaintext, 0);

        Result<SecretsConversion> out = service.use(SecretMode::File);
        QVERIFY(out);
        QCOMPARE(out->converted, 3);
        QVERIFY(!isKeychainMarker(f.pool().accounts[0].refreshToken));
        QCOMPARE(out->poolPath, f.app().paths().poolPath());
    }

    void anUnreachableKeychainIsReportedNotGuessed()
    {
        f.seed(1);
        QVERIFY(SecretsService(f.app()).use(SecretMode::Keychain));
        auto keychain = std::make_unique<MemorySecretStore>();
        keychain->setReachable(false);
        f.app().setKeychain(std::move(keychain));
        const SecretsStatus s = SecretsService(f.app()).status(f.pool());
        QVERIFY(!s.reachable);
        QCOMPARE(s.keychain, 0);
        QCOMPARE(s.missing, 0);
        Result<SecretsConversion> out = SecretsService(f.app()).use(SecretMode::File);
        QVERIFY(!out); // nothing moves while the secrets cannot be read
        QVERIFY(isKeychainMarker(f.pool().accounts[0].refreshToken));
    }
};

QTEST_GUILESS_MAIN(TestSecretsService)
#include "tst_secretsservice.moc"
