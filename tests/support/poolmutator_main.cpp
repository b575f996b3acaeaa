// pool-mutator: one writer of the crash test. Makes N random mutations on a pool through the
// real PoolStore and prints "done <k> <email-or-dash>" after each completed save, so the test
// knows what must survive a SIGKILL.

#include "accounts/poolnormalizer.h"
#include "accounts/poolstore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: pool-mutator <pool> <writer-name> <start> <count>\n");
        return 2;
    }
    cma::PoolStore store(args[1]);
    store.setLockTimeoutMs(60000);
    const QString name = args[2];
    const int start = args[3].toInt();
    const int count = args[4].toInt();
    QRandomGenerator rng(quint32(QCoreApplication::applicationPid()));
    for (int k = start; k < count; ++k) {
        const int op = int(rng.bounded(3));
        QString added = u"-"_s;
        cma::Result<cma::LoadedPool> r = store.update([&](cma::AccountPool &pool) {
            if (op == 0 || pool.accounts.isEmpty()) {
                cma::Account a;
                added = u"%1-%2@crash.test"_s.arg(name).arg(k);
                a.email = added;
                a.accountId = u"acct-%1-%2"_s.arg(name).arg(k);
                a.refreshToken = u"rt_%1_%2"_s.arg(name).arg(k);
                a.addedAt = k;
                a.lastUsed = k;
                cma::upsertAccount(pool, a);
            } else if (op == 1) {
                cma::Account &a = pool.accounts[int(rng.bounded(int(pool.accounts.size())))];
                a.lastUsed += 1;
                a.accountLabel = u"touched by %1 at %2"_s.arg(name).arg(k);
            } else {
                cma::Account &a = pool.accounts[int(rng.bounded(int(pool.accounts.size())))];
                a.enabled = !a.isEnabled();
                pool.select(int(rng.bounded(int(pool.accounts.size()))));
            }
            return cma::success();
        });
        if (!r) {
            std::fprintf(stderr, "pool-mutator %s: %s\n", qPrintable(name), qPrintable(r.error().message));
            return 1;
        }
        std::printf("done %d %s\n", k, qPrintable(added));
        std::fflush(stdout);
    }
    return 0;
}
