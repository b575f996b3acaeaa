#include "cliharness.h"

#include "appcontext.h"

#include <QFile>

namespace cma::test {

namespace {
/// Lets every AppContext use the harness's one keychain without owning it.
class SharedKeychain final : public SecretStore
{
public:
    explicit SharedKeychain(std::shared_ptr<MemorySecretStore> s)
        : m_s(std::move(s))
    {}
    QString backendName() const override { return m_s->backendName(); }
    Result<QByteArray> read(const QString &key) override { return m_s->read(key); }
    Status write(const QString &key, const QByteArray &value) override { return m_s->write(key, value); }
    Status remove(const QString &key) override { return m_s->remove(key); }

private:
    std::shared_ptr<MemorySecretStore> m_s;
};
} // namespace

CliHarness::CliHarness()
    : m_env(QProcessEnvironment::systemEnvironment())
    , m_keychain(std::make_shared<MemorySecretStore>())
{}

CliHarness::Run CliHarness::run(const QStringList &args, const QStringList &input, bool interactive)
{
    TestConsole console(input, interactive);
    // As app/main.cpp does: the endpoints resolved once, one AppContext for the command.
    const Result<Endpoints> endpoints = Endpoints::fromEnvironment(m_env);
    std::unique_ptr<AppContext> context;
    if (endpoints) {
        context = std::make_unique<AppContext>(m_env, endpoints.value());
        context->setKeychain(std::make_unique<SharedKeychain>(m_keychain));
    }
    cli::CliApp app(console, m_env, endpoints, context.get());
    Run r;
    r.code = app.run(args);
    r.out = console.stdOut();
    r.err = console.stdErr();
    return r;
}

void CliHarness::wipe()
{
    for (const QString &d : {dir(), codexHome()}) {
        QDir q(d);
        q.removeRecursively();
        QDir().mkpath(d);
        QFile::setPermissions(d, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    m_keychain = std::make_shared<MemorySecretStore>();
}

void CliHarness::writePool(const QByteArray &bytes)
{
    QFile f(poolPath());
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(bytes);
}

QByteArray CliHarness::readPool() const
{
    QFile f(poolPath());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace cma::test
