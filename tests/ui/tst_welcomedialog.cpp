#include "testenv.h"
#include "windowtest.h"
#include "windows/welcomedialog.h"

#include <QPushButton>
#include <QSignalSpy>

#include <QtTest>

using namespace cma;
using namespace cma::test;
using namespace cma::ui;
using namespace Qt::StringLiterals;

// The first-run welcome (docs/ui.md §11) says what the session found.
class TestWelcomeDialog : public QObject
{
    Q_OBJECT
private:
    WindowFixture f;

private Q_SLOTS:
    void initTestCase() { f.setUp(); }
    void init() { f.reset(); }

    void welcomeSaysWhatWasFound()
    {
        f.seedPool(2);
        auto s = f.session();
        WelcomeDialog welcome(*s);
        const QString text = welcome.summaryText();
        QVERIFY2(text.contains(u"Found 2 accounts in "_s), qPrintable(text));
        // File mode chosen in settings.json, with plaintext accounts: the reason names them.
        QVERIFY2(text.contains(u"Refresh tokens stay in the account file (readable only by you), because the "
                               u"existing accounts keep theirs there."_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"The official Codex CLI was not found on PATH."_s) ||
                     text.contains(u"The official Codex CLI was found at "_s),
                 qPrintable(text));
        QVERIFY(welcome.startAtLogin());
        QSignalSpy add(&welcome, &WelcomeDialog::addAccountRequested);
        for (QPushButton *b : welcome.findChildren<QPushButton *>())
            if (b->text() == u"&Add account"_s)
                b->click();
        QCOMPARE(add.count(), 1);
    }
};

QTEST_MAIN(TestWelcomeDialog)
#include "tst_welcomedialog.moc"
