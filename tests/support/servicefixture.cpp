#include "servicefixture.h"

#include "codex/codexauth.h"
#include "codex/codexlivestore.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace cma::test {

ServiceFixture::ServiceFixture()
    : m_env(QProcessEnvironment::systemEnvironment())
    , m_fake(new FakeOpenAiServer)
{
    m_fake->listen();
    m_env.insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake->issuerUrl());
    m_env.insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake->backendUrl());
}

ServiceFixture::~ServiceFixture()
{
    m_app.reset();
    delete m_fake;
}

void ServiceFixture::reset()
{
    m_app.reset();
    for (const char *name : {"CODEX_MULTI_AUTH_DIR", "CODEX_HOME"}) {
        QDir dir(m_env.value(QString::fromLatin1(name)));
        dir.removeRecursively();
        QDir().mkpath(dir.path());
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    m_fake->reset();
    QFile settings(m_env.value(u"CODEX_MULTI_AUTH_DIR"_s) + u"/settings.json"_s);
    if (settings.open(QIODevice::WriteOnly))
        settings.write(R"({"version":1,"desktop":{"secretStorage":"file"}})");
    settings.close();
    m_app = std::make_unique<AppContext>(m_env, Endpoints::fromEnvironment(m_env).value());
    m_app->setKeychain(std::make_unique<MemorySecretStore>());
}

AccountPool ServiceFixture::seed(int count, const QList<QJsonObject> &usage)
{
    AccountPool pool;
    const qint64 now = Clock::instance().nowMs();
    for (int i = 1; i <= count; ++i) {
        QJsonObject spec{{u"email"_s, u"user%1@example.org"_s.arg(i)},
                         {u"account_id"_s, u"acct-%1"_s.arg(i)},
                         {u"plan"_s, u"plus"_s}};
        if (i - 1 < usage.size())
            spec.insert(u"usage"_s, usage[i - 1]);
        Account a = FakeOpenAiServer::accountFromTokens(m_fake->mint(m_fake->addAccount(spec)));
        a.accountIdSource = u"token"_s;
        a.addedAt = now - 48 * 3600'000LL;
        a.lastUsed = now - qint64(i) * 3600'000LL;
        a.lastRefresh = now - 60'000;
        pool.accounts.append(a);
    }
    Result<LoadedPool> saved = m_app->repository(true).update([&](AccountPool &p) {
        p = pool;
        p.select(0);
        return success();
    });
    return saved ? saved->pool : AccountPool{};
}

AccountPool ServiceFixture::pool()
{
    Result<LoadedPool> loaded = m_app->repository().load();
    return loaded ? loaded->pool : AccountPool{};
}

void ServiceFixture::writeCodexAuth(const Account &a)
{
    QFile f(m_env.value(u"CODEX_HOME"_s) + u"/auth.json"_s);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(CodexLiveStore::authJson(LiveCredentials{a.idToken.value_or(QString()),
                                                         a.accessToken.value_or(QString()), a.refreshToken,
                                                         a.accountId.value_or(QString()), a.lastRefresh.value_or(0)}));
}

QString ServiceFixture::codexAccountId() const
{
    Result<CodexAuth> auth = CodexAuth::readFile(m_env.value(u"CODEX_HOME"_s) + u"/auth.json"_s);
    return auth ? auth->accountId : QString();
}

void ServiceFixture::pinCodexToFiles()
{
    QFile f(m_env.value(u"CODEX_HOME"_s) + u"/config.toml"_s);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write("cli_auth_credentials_store = \"file\"\n");
}

} // namespace cma::test
