#include "testenv.h"
#include "windowtest.h"
#include "accounts/policystore.h"
#include "settings/settingswindow.h"
#include "theme/theme.h"
#include "theme/translation.h"
#include "windows/accountswindow.h"
#include "windows/forecastwindow.h"
#include "windows/logindialog.h"

#include <QDir>
#include <QTabWidget>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// Screenshots of every window in light and dark, English and German (under Xvfb: the e2e script
// tests/e2e/windows_screenshots.sh sets CMA_SCREENSHOT_DIR and QT_QPA_PLATFORM=xcb).
class TestScreenshots : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("CMA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("screenshots are taken by tests/e2e/windows_screenshots.sh");
        QDir().mkpath(dir);
        f.seedPool(4);
        {
            auto ctx = f.app();
            Result<LoadedPool> loaded = ctx->repository().load();
            PolicyStore policies(ctx->paths().policiesPath(), ctx->paths().root + u"/account-policies.lock"_s);
            QVERIFY(policies
                        .update(
                            loaded->pool.accounts[2],
                            [](AccountPolicy &p) {
                                p.tags = {u"ci"_s};
                                p.note = u"build box"_s;
                                return success();
                            },
                            Clock::instance().nowMs())
                        .ok());
        }
        for (const QString &language : {u"en"_s, u"de"_s}) {
            QVERIFY(useLanguage(language) == (language == "de"_L1));
            for (const QString &palette : {u"light"_s, u"dark"_s}) {
                ThemeSettings theme;
                theme.palette = palette;
                theme.accent = palette == "dark"_L1 ? u"cyan"_s : u"blue"_s;
                Theme::instance().apply(theme);
                const QString suffix = u"-%1-%2.png"_s.arg(language, palette);
                const PoolView v = f.view();
                auto save = [&](QWidget *w, const QString &name) {
                    w->show();
                    QVERIFY(QTest::qWaitForWindowExposed(w));
                    QTest::qWait(150);
                    QVERIFY(w->grab().save(dir + u'/' + name + suffix));
                };
                auto session = f.session();
                {
                    AccountsWindow w(*session);
                    w.setView(v);
                    w.selectIndex(2);
                    w.resize(1180, 620);
                    save(&w, u"accounts"_s);
                }
                {
                    ForecastWindow w(*session);
                    w.setView(v);
                    for (int tab = 0; tab < 3; ++tab) {
                        w.tabs()->setCurrentIndex(tab);
                        save(&w, QStringList{u"forecast"_s, u"quota"_s, u"runway"_s}[tab]);
                    }
                }
                {
                    SettingsWindow w(*session);
                    w.showPage(language == "de"_L1 ? u"Farbschema"_s : u"Color theme"_s);
                    save(&w, u"settings"_s);
                    w.reject();
                }
                {
                    LoginDialog d(*session);
                    d.setBrowserOpener([](const QUrl &) { return false; });
                    d.setMode(LoginDialog::Device);
                    QTRY_VERIFY(d.deviceCode().size() > 4);
                    save(&d, u"login"_s);
                }
            }
        }
        useLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
