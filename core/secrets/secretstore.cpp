#include "secretstore.h"

#include "util/logging.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace cma {

Status SecretStore::probe()
{
    const QString key = u"probe:%1"_s.arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    const QByteArray value = "codex-multi-auth keychain probe";
    if (Status s = write(key, value); !s)
        return s;
    Result<QByteArray> back = read(key);
    remove(key);
    if (!back)
        return back.error();
    if (back.value() != value)
        return makeError(ErrorCode::SecretStoreUnavailable,
                         u"the keychain returned something other than what was stored"_s);
    return success();
}

namespace {

Error keychainError(QKeychain::Error code, const QString &detail, const QString &key)
{
    if (code == QKeychain::EntryNotFound)
        return makeError(ErrorCode::NotFound, u"the keychain has no item %1"_s.arg(key));
    QString why;
    switch (code) {
    case QKeychain::AccessDeniedByUser:
        why = u"access was denied"_s;
        break;
    case QKeychain::AccessDenied:
        why = u"access was refused"_s;
        break;
    case QKeychain::NoBackendAvailable:
        why = u"no keychain service is running (Secret Service or KWallet)"_s;
        break;
    default:
        why = detail.isEmpty() ? u"it did not answer"_s : detail;
    }
    return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable: %1"_s.arg(why));
}

/// QtKeychain keeps one global job queue (JobExecutor) that is not safe to use from several
/// threads, and the tray reads secrets on its GUI thread and its worker thread. Every job
/// therefore runs on this one thread; callers from other threads wait for it.
class KeychainThread
{
public:
    static KeychainThread &instance()
    {
        static KeychainThread *thread = new KeychainThread; // runs until the process ends
        return *thread;
    }
    template <typename F> void run(F &&f)
    {
        if (QThread::currentThread() == m_thread) {
            f();
            return;
        }
        QMetaObject::invokeMethod(m_context, std::forward<F>(f), Qt::BlockingQueuedConnection);
    }

private:
    KeychainThread()
        : m_thread(new QThread)
        , m_context(new QObject)
    {
        m_thread->setObjectName(u"keychain"_s);
        m_context->moveToThread(m_thread);
        m_thread->start();
    }
    QThread *m_thread;
    QObject *m_context;
};

/// Runs one QtKeychain job to completion in a local event loop, bounded in time. Called on the
/// keychain thread only.
template <typename Job> bool runJob(Job &job, int timeoutMs = 20000)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int maxItemBytes)
    : m_service(std::move(service))
    , m_maxItemBytes(maxItemBytes)
{}

Result<QByteArray> KeychainSecretStore::readItem(const QString &key)
{
    Result<QByteArray> result = makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
    KeychainThread::instance().run([&] { result = readItemHere(key); });
    return result;
}

Status KeychainSecretStore::writeItem(const QString &key, const QByteArray &value)
{
    Status result = makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
    KeychainThread::instance().run([&] { result = writeItemHere(key, value); });
    return result;
}

Status KeychainSecretStore::removeItem(const QString &key)
{
    Status result = makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
    KeychainThread::instance().run([&] { result = removeItemHere(key); });
    return result;
}

Result<QByteArray> KeychainSecretStore::readItemHere(const QString &key)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        QKeychain::ReadPasswordJob job(m_service);
        job.setKey(key);
        if (!runJob(job))
            return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain did not answer in time"_s);
        if (job.error() == QKeychain::NoError)
            return job.binaryData();
        // One retry for transient D-Bus hiccups, as Nextcloud's wrapper does.
        if (job.error() != QKeychain::OtherError || attempt == 1)
            return keychainError(job.error(), job.errorString(), key);
    }
    return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
}

Status KeychainSecretStore::writeItemHere(const QString &key, const QByteArray &value)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        QKeychain::WritePasswordJob job(m_service);
        job.setKey(key);
        job.setBinaryData(value);
        if (!runJob(job))
            return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain did not answer in time"_s);
        if (job.error() == QKeychain::NoError)
            return success();
        if (job.error() != QKeychain::OtherError || attempt == 1)
            return keychainError(job.error(), job.errorString(), key);
    }
    return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable"_s);
}

Status KeychainSecretStore::removeItemHere(const QString &key)
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    if (!runJob(job))
        return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain did not answer in time"_s);
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return success();
    return keychainError(job.error(), job.errorString(), key);
}

Result<QByteArray> KeychainSecretStore::read(const QString &key)
{
    Result<QByteArray> head = readItem(key);
    if (!head || m_maxItemBytes <= 0)
        return head;
    const QJsonObject o = QJsonDocument::fromJson(head.value()).object();
    const int chunks = o.value(u"chunks"_s).toInt(0);
    if (!o.contains(u"chunks"_s) || o.contains(u"refreshToken"_s))
        return head;
    QByteArray whole;
    for (int i = 1; i <= chunks; ++i) {
        Result<QByteArray> part = readItem(u"%1#%2"_s.arg(key).arg(i));
        if (!part)
            return part.error();
        whole += part.value();
    }
    return whole;
}

Status KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    if (m_maxItemBytes <= 0 || value.size() <= m_maxItemBytes)
        return writeItem(key, value);
    const int chunks = int((value.size() + m_maxItemBytes - 1) / m_maxItemBytes);
    for (int i = 0; i < chunks; ++i) {
        if (Status s =
                writeItem(u"%1#%2"_s.arg(key).arg(i + 1), value.mid(qsizetype(i) * m_maxItemBytes, m_maxItemBytes));
            !s)
            return s;
    }
    return writeItem(key,
                     QJsonDocument(QJsonObject{{u"v"_s, 1}, {u"chunks"_s, chunks}}).toJson(QJsonDocument::Compact));
}

Status KeychainSecretStore::remove(const QString &key)
{
    if (m_maxItemBytes > 0) {
        if (Result<QByteArray> head = readItem(key)) {
            const int chunks = QJsonDocument::fromJson(head.value()).object().value(u"chunks"_s).toInt(0);
            for (int i = 1; i <= chunks; ++i)
                removeItem(u"%1#%2"_s.arg(key).arg(i));
        }
    }
    return removeItem(key);
}

Result<QByteArray> MemorySecretStore::read(const QString &key)
{
    if (!m_reachable)
        return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable: it is locked"_s);
    const auto it = m_items.constFind(key);
    if (it == m_items.constEnd())
        return makeError(ErrorCode::NotFound, u"the keychain has no item %1"_s.arg(key));
    return *it;
}

Status MemorySecretStore::write(const QString &key, const QByteArray &value)
{
    if (!m_reachable)
        return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable: it is locked"_s);
    m_items.insert(key, value);
    return success();
}

Status MemorySecretStore::remove(const QString &key)
{
    if (!m_reachable)
        return makeError(ErrorCode::SecretStoreUnavailable, u"the keychain is unavailable: it is locked"_s);
    m_items.remove(key);
    return success();
}

} // namespace cma
