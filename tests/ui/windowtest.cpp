#include "windowtest.h"

#include "models/poolview.h"
#include "quota/quotacache.h"
#include "theme/theme.h"
#include "theme/translation.h"
#include "util/clock.h"
#include "windows/logindialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace cma::test {

namespace {
constexpr qint64 kHour = 3600'000;

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}
} // namespace

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readBytes(path)).object();
}

void writeJson(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(o).toJson());
}

void answerNextDialog(const QString &button, bool tickCheckBox, const QString &typed)
{
    QTimer::singleShot(50, qApp, [=] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal) {
            answerNextDialog(button, tickCheckBox, typed);
            return;
        }
        if (tickCheckBox)
            if (auto *box = modal->findChild<QCheckBox *>())
                box->setChecked(true);
        if (!typed.isNull())
            if (auto *line = modal->findChild<QLineEdit *>())
                line->setText(typed);
        for (QAbstractButton *b : modal->findChildren<QAbstractButton *>())
            if (b->text().remove(u'&').contains(button)) {
                b->click();
                return;
            }
    });
}

WindowFixture::WindowFixture() = default;
WindowFixture::~WindowFixture() = default;

void WindowFixture::setUp()
{
    requireIsolatedEnvironment();
    m_fake = new FakeOpenAiServer(qApp);
    QVERIFY(m_fake->listen());
    qputenv("CODEX_MULTI_AUTH_ISSUER", m_fake->issuerUrl().toUtf8());
    qputenv("CODEX_MULTI_AUTH_CHATGPT_BASE_URL", m_fake->backendUrl().toUtf8());
    qputenv("CODEX_MULTI_AUTH_CALLBACK_PORT", QByteArray::number(freePort()));
    m_root = qEnvironmentVariable("CODEX_MULTI_AUTH_DIR");
    ui::useLanguage(u"en"_s); // the English plural forms
}

void WindowFixture::reset()
{
    QDir(m_root).removeRecursively();
    QDir().mkpath(m_root);
    QDir(qEnvironmentVariable("CODEX_HOME")).removeRecursively();
    QDir().mkpath(qEnvironmentVariable("CODEX_HOME"));
    writeJson(m_root + u"/settings.json"_s,
              {{u"version"_s, 1}, {u"desktop"_s, QJsonObject{{u"secretStorage"_s, u"file"_s}}}});
    m_fake->reset();
    ui::Theme::instance().apply(ui::ThemeSettings());
}

std::unique_ptr<AppContext> WindowFixture::app()
{
    return std::make_unique<AppContext>(QProcessEnvironment::systemEnvironment(), Endpoints::fromEnvironment().value());
}

std::unique_ptr<DesktopSession> WindowFixture::session()
{
    DesktopSession::Parts parts;
    parts.app = app();
    auto s = std::make_unique<DesktopSession>(std::move(parts));
    s->start();
    if (!QTest::qWaitFor([&] { return s->hasView(); }, 10000))
        qWarning("the session's first view did not arrive");
    return s;
}

void WindowFixture::seedPool(int n)
{
    auto ctx = app();
    AccountPool pool;
    QList<QPair<Account, QuotaEntry>> readings;
    const qint64 now = Clock::instance().nowMs();
    for (int i = 1; i <= n; ++i) {
        const QString key = m_fake->addAccount({{u"email"_s, u"user%1@example.org"_s.arg(i)},
                                                {u"account_id"_s, u"acct-%1"_s.arg(i)},
                                                {u"plan"_s, i == 3 ? u"pro"_s : u"plus"_s}});
        Account a = FakeOpenAiServer::accountFromTokens(m_fake->mint(key));
        a.addedAt = now - 48 * kHour;
        a.lastUsed = now - qint64(i) * 24 * kHour;
        pool.accounts.append(a);
        QuotaEntry e;
        e.updatedAt = now - 60'000;
        e.status = 200;
        e.model = u"codex"_s;
        e.planType = i == 3 ? u"pro"_s : u"plus"_s;
        e.primary.usedPercent = i == 1 ? 30.0 : i == 2 ? 100.0 : 5.0 * i;
        e.primary.windowMinutes = 300;
        e.primary.resetAtMs = now + (i == 2 ? 2 * kHour : 3 * kHour);
        e.secondary.usedPercent = 10.0 * i;
        e.secondary.windowMinutes = 10080;
        e.secondary.resetAtMs = now + 72 * kHour;
        readings.append({a, e});
    }
    Result<LoadedPool> saved = ctx->repository(true).update([&](AccountPool &p) {
        p = pool;
        p.select(0);
        return success();
    });
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    QVERIFY(ctx->quotaCache().store(readings, saved->pool).ok());
}

PoolView WindowFixture::view()
{
    auto ctx = app();
    return PoolView::gather(*ctx, Clock::instance().nowMs());
}

AccountPool WindowFixture::pool()
{
    auto ctx = app();
    return ctx->repository().load().value().pool;
}

void WindowFixture::signInAs(const QJsonObject &account)
{
    m_fake->setAuthorizeAs({{u"account"_s, m_fake->addAccount(account)}});
}

void WindowFixture::signInWithBrowser(ui::LoginDialog &dialog, const std::function<void()> &beforeBrowsing)
{
    m_opened.clear();
    dialog.setBrowserOpener([this](const QUrl &url) {
        m_opened = url;
        return true;
    });
    dialog.show();
    dialog.findChild<QPushButton *>(u"openBrowser"_s)->click();
    QTRY_VERIFY(!m_opened.isEmpty());
    if (beforeBrowsing)
        beforeBrowsing();
    browse(m_opened);
}

} // namespace cma::test
