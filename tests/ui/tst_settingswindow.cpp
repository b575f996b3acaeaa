#include "testenv.h"
#include "windowtest.h"
#include "accounts/accountrepository.h"
#include "settings/settingswindow.h"
#include "theme/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The settings window (docs/ui.md §8): the live preview and Cancel restore the exact palette, OK writes
// only changed keys merged onto the file, environment overrides are shown disabled, and the
// security page lists plaintext files, named backups and project pools.
class TestSettingsWindow : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void settingsPreviewAndCancelRestoreTheExactPalette_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("cancel") << u"cancel"_s;
        QTest::newRow("escape") << u"escape"_s;
        QTest::newRow("close") << u"close"_s;
    }
    void settingsPreviewAndCancelRestoreTheExactPalette()
    {
        QFETCH(QString, how);
        auto ctx = f.app();
        QVERIFY(ctx->settings().setValue(u"desktop"_s, u"palette"_s, u"light"_s).ok());
        QVERIFY(ctx->settings().setValue(u"dashboardDisplaySettings"_s, u"uiAccentColor"_s, u"cyan"_s).ok());
        const QByteArray fileBefore = readBytes(f.root() + u"/settings.json"_s);
        ThemeSettings saved;
        saved.palette = u"light"_s;
        saved.accent = u"cyan"_s;
        Theme::instance().apply(saved);
        const QPalette before = QApplication::palette();

        auto s = f.session();
        SettingsWindow window(*s);
        window.show();
        window.showPage(u"Color theme"_s);
        auto *palette = qobject_cast<QComboBox *>(window.editorFor(u"desktop.palette"_s));
        auto *accent = qobject_cast<QComboBox *>(window.editorFor(u"dashboardDisplaySettings.uiAccentColor"_s));
        QVERIFY(palette && accent);
        QCOMPARE(palette->currentData().toString(), u"light"_s);
        palette->setCurrentIndex(palette->findData(u"dark"_s));
        accent->setCurrentIndex(accent->findData(u"yellow"_s));
        // Live: the application palette changed at once.
        QVERIFY(QApplication::palette() != before);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.5);
        QCOMPARE(Theme::instance().current().palette, u"dark"_s);

        if (how == "cancel"_L1) {
            for (QAbstractButton *b : window.findChildren<QAbstractButton *>())
                if (b->text().remove(u'&') == u"Cancel"_s)
                    b->click();
        } else if (how == "escape"_L1) {
            QTest::keyClick(&window, Qt::Key_Escape);
        } else {
            window.close();
        }
        QCOMPARE(QApplication::palette(), before);
        QCOMPARE(Theme::instance().current(), saved);
        QCOMPARE(readBytes(f.root() + u"/settings.json"_s), fileBefore); // nothing written
    }

    void settingsOkWritesOnlyChangedKeysMergedOntoTheFile()
    {
        auto ctx = f.app();
        writeJson(f.root() + u"/settings.json"_s,
                  {{u"version"_s, 1},
                   {u"desktop"_s, QJsonObject{{u"secretStorage"_s, u"file"_s}}},
                   {u"dashboardDisplaySettings"_s, QJsonObject{{u"menuFocusStyle"_s, u"row-invert"_s}}}});
        auto s = f.session();
        SettingsWindow window(*s);
        window.show();
        auto *hide = qobject_cast<QCheckBox *>(window.editorFor(u"desktop.hidePersonalInfo"_s));
        auto *interval = qobject_cast<QSpinBox *>(window.editorFor(u"pluginConfig.proactiveRefreshIntervalMs"_s));
        auto *thresholds = qobject_cast<QLineEdit *>(window.editorFor(u"desktop.notifications.thresholds"_s));
        QVERIFY(hide && interval && thresholds);
        QCOMPARE(interval->value(), 60); // shown in seconds
        hide->setChecked(true);
        interval->setValue(90);
        thresholds->setText(u"40, 10, 5"_s);
        Q_EMIT thresholds->textEdited(thresholds->text());
        // Another process changes the file meanwhile: its keys survive ours.
        {
            auto other = f.app();
            QVERIFY(other->settings().setValue(u"pluginConfig"_s, u"liveAccountSyncPollMs"_s, 4000).ok());
        }
        QCOMPARE(window.draft().changedKeys(),
                 (QStringList{u"desktop.hidePersonalInfo"_s, u"pluginConfig.proactiveRefreshIntervalMs"_s,
                              u"desktop.notifications.thresholds"_s}));
        QSignalSpy saved(&window, &SettingsWindow::settingsSaved);
        window.accept();
        QCOMPARE(saved.count(), 1);
        const QJsonObject file = readJson(f.root() + u"/settings.json"_s);
        QCOMPARE(file[u"desktop"_s][u"hidePersonalInfo"_s].toBool(), true);
        QCOMPARE(file[u"desktop"_s][u"notifications"_s][u"thresholds"_s].toArray(), (QJsonArray{40, 10}));
        QCOMPARE(file[u"pluginConfig"_s][u"proactiveRefreshIntervalMs"_s].toInt(), 90000);
        QCOMPARE(file[u"pluginConfig"_s][u"liveAccountSyncPollMs"_s].toInt(), 4000);
        QCOMPARE(file[u"dashboardDisplaySettings"_s][u"menuFocusStyle"_s].toString(), u"row-invert"_s);
        // Unchanged keys were not written.
        QVERIFY(!file[u"desktop"_s].toObject().contains(u"palette"_s));
        QVERIFY(!file[u"pluginConfig"_s].toObject().contains(u"proactiveRefreshGuardian"_s));
        QCOMPARE(file[u"desktop"_s].toObject().size(), 3);
    }

    void settingsShowEnvironmentOverridesDisabled()
    {
        qputenv("CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS", "30000");
        auto ctx = f.app();
        auto s = f.session();
        SettingsWindow window(*s);
        QWidget *editor = window.editorFor(u"pluginConfig.proactiveRefreshIntervalMs"_s);
        QVERIFY(!editor->isEnabled());
        QCOMPARE(editor->toolTip(), u"Set by CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS = 30000"_s);
        qunsetenv("CODEX_AUTH_PROACTIVE_GUARDIAN_INTERVAL_MS");
        // Restore defaults resets the page in the draft only.
        window.showPage(u"Color theme"_s);
        auto *accent = qobject_cast<QComboBox *>(window.editorFor(u"dashboardDisplaySettings.uiAccentColor"_s));
        accent->setCurrentIndex(accent->findData(u"blue"_s));
        window.restorePageDefaults();
        QCOMPARE(accent->currentData().toString(), u"green"_s);
        QVERIFY(window.draft().changedKeys().isEmpty());
        // The Account list page previews its keys on sample rows.
        QVERIFY(window.listPreviewText().contains(u"[active]"_s));
        qobject_cast<QCheckBox *>(window.editorFor(u"dashboardDisplaySettings.menuShowStatusBadge"_s))
            ->setChecked(false);
        QVERIFY(!window.listPreviewText().contains(u"[active]"_s));
    }

    void securityPageListsPlaintextFilesAndBackups()
    {
        f.seedPool(1);
        auto ctx = f.app();
        QDir().mkpath(ctx->paths().backupsDir());
        auto writeFile = [](const QString &path, const QByteArray &content) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        writeFile(ctx->paths().backupsDir() + u"/before-move.cma-backup"_s, "encrypted");
        writeFile(ctx->paths().backupsDir() + u"/for-node.json"_s,
                  R"({"accounts":[{"refreshToken":"rt_plain_token_value"}]})");
        writeFile(ctx->paths().backupsDir() + u"/markers-only.json"_s,
                  R"({"accounts":[{"refreshToken":"cma-keychain:v1:0123456789abcdef0123456789abcdef"}]})");
        // File mode: the pool holds its refresh tokens in plaintext, and so does the Node export.
        QCOMPARE(plaintextTokenFiles(ctx->paths()),
                 (QStringList{ctx->paths().poolPath(), ctx->paths().backupsDir() + u"/for-node.json"_s}));
        QDir().mkpath(f.root() + u"/projects/my-repo-0123456789ab"_s);
        QVERIFY(QFile::copy(ctx->paths().poolPath(),
                            f.root() + u"/projects/my-repo-0123456789ab/openai-codex-accounts.json"_s));
        auto s = f.session();
        SettingsWindow window(*s);
        auto *projects = window.findChild<QListWidget *>(u"projectPools"_s);
        QCOMPARE(projects->count(), 1);
        QCOMPARE(projects->item(0)->text(), u"my-repo-0123456789ab"_s);
        auto *backups = window.findChild<QListWidget *>(u"namedBackups"_s);
        QCOMPARE(backups->count(), 3);
        const QString plaintext = window.findChild<QLabel *>(u"plaintextFiles"_s)->text();
        QVERIFY2(plaintext.contains(u"openai-codex-accounts.json"_s) && plaintext.contains(u"for-node.json"_s) &&
                     !plaintext.contains(u"markers-only.json"_s),
                 qPrintable(plaintext));
    }
};

QTEST_MAIN(TestSettingsWindow)
#include "tst_settingswindow.moc"
