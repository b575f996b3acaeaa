#include "accounts/policystore.h"
#include "accounts/poolstore.h"
#include "appcontext.h"
#include "cliharness.h"
#include "codex/codexlivestore.h"
#include "fakeopenaiserver.h"
#include "quota/quotacache.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace cma;

namespace {

constexpr qint64 kT0 = 1795700000000; // a fixed "now": 2026-11-26 09:33:20 UTC
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

/// One step of a case: the arguments, and the lines a user types (an interactive terminal then).
struct Step
{
    QStringList args;
    QStringList input = {};
};

} // namespace

Q_DECLARE_METATYPE(QList<Step>)

// The command line's exact output, byte for byte: every command's text and `--json` on fixed
// pools, a fixed clock and the fake OpenAI server, compared with tests/data/golden/<case>.txt.
// These files pin the CLI contract while its code moves; a change in them is a change users see.
// CMA_GOLDEN_UPDATE=1 rewrites them (then review the diff).
class TestCliGolden : public QObject
{
    Q_OBJECT
private:
    test::FakeOpenAiServer *m_fake = nullptr;
    test::FakeClock m_clock{kT0};
    test::CliHarness h;

    QString home() { return h.env().value(u"HOME"_s); }

    /// Four accounts signed in at the fake issuer: alice (pro, current, 12 % of the 5-hour window
    /// used), bob (plus, at his limit), carol (free, no reading yet), dave (plus, disabled by the
    /// user). Codex holds alice in auth.json and keeps its sign-in in files.
    void seedStandard()
    {
        struct Spec
        {
            QString name, plan;
            QJsonObject usage;
        };
        const QList<Spec> specs{
            {u"alice"_s, u"pro"_s, {{u"primary_used"_s, 12}, {u"secondary_used"_s, 40}}},
            {u"bob"_s, u"plus"_s, {{u"primary_used"_s, 100}, {u"limit_reached"_s, true}}},
            {u"carol"_s, u"free"_s, {{u"primary_absent"_s, true}, {u"secondary_used"_s, 7}}},
            {u"dave"_s, u"plus"_s, {{u"primary_used"_s, 3}}},
        };
        AccountPool pool;
        QList<QJsonObject> tokens;
        for (int i = 0; i < specs.size(); ++i) {
            const Spec &s = specs[i];
            const QString key = m_fake->addAccount({{u"key"_s, s.name},
                                                    {u"email"_s, QString(s.name + u"@example.com"_s)},
                                                    {u"user_id"_s, QString(u"user-"_s + s.name)},
                                                    {u"account_id"_s, QString(u"acct-"_s + s.name)},
                                                    {u"plan"_s, s.plan},
                                                    {u"usage"_s, s.usage}});
            const QJsonObject t = m_fake->mint(key);
            tokens.append(t);
            Account a = test::FakeOpenAiServer::accountFromTokens(t);
            a.accountIdSource = u"token"_s;
            a.addedAt = kT0 - 10 * kDay;
            a.lastUsed = kT0 - qint64(i) * kHour - 5 * kMinute;
            a.lastRefresh = kT0 - 30 * kMinute;
            if (s.name == "dave"_L1) {
                a.enabled = false;
                a.disabledReason = u"user"_s;
            }
            pool.accounts.append(a);
        }
        pool.select(0);
        writePool(pool);

        // Readings: alice and bob fresh from a minute ago; carol and dave have none.
        QList<QPair<Account, QuotaEntry>> readings;
        auto entry = [](double primary, double secondary, qint64 primaryReset, int status) {
            QuotaEntry e;
            e.updatedAt = kT0 - kMinute;
            e.status = status;
            e.model = u"codex"_s;
            e.primary.usedPercent = primary;
            e.primary.windowMinutes = 300;
            e.primary.resetAtMs = primaryReset;
            e.secondary.usedPercent = secondary;
            e.secondary.windowMinutes = 10080;
            e.secondary.resetAtMs = kT0 + 4 * kDay;
            return e;
        };
        QuotaEntry alice = entry(12, 40, kT0 + 3 * kHour, 200);
        alice.planType = u"pro"_s;
        QuotaEntry bob = entry(100, 55, kT0 + 2 * kHour, 429);
        bob.planType = u"plus"_s;
        readings.append({pool.accounts[0], alice});
        readings.append({pool.accounts[1], bob});
        AppContext app(h.env());
        QVERIFY(app.quotaCache().store(readings, pool).ok());

        // Codex holds alice, in files.
        writeFile(h.codexHome() + u"/config.toml"_s, "cli_auth_credentials_store = \"file\"\n");
        const QJsonObject &t = tokens.first();
        writeFile(h.codexHome() + u"/auth.json"_s,
                  CodexLiveStore::authJson(LiveCredentials{t[u"id_token"_s].toString(), t[u"access_token"_s].toString(),
                                                           t[u"refresh_token"_s].toString(), u"acct-alice"_s,
                                                           kT0 - 30 * kMinute}));
    }

    /// The reference's own V3 pool (tests/data): workspaces, rate limits, a cooldown, an
    /// invalidated token, a pin; tokens the fake issuer does not know.
    void seedReference()
    {
        QFile f(qEnvironmentVariable("CMA_SOURCE_DIR") + u"/tests/data/reference-pool-v3.json"_s);
        QVERIFY(f.open(QIODevice::ReadOnly));
        h.writePool(f.readAll());
    }

    void writePool(const AccountPool &pool)
    {
        PoolStore store(h.poolPath());
        QVERIFY(store
                    .update([&](AccountPool &p) {
                        p = pool;
                        return success();
                    })
                    .ok());
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    /// What differs between two runs of the same case (folders, the fake server's port, wall-clock
    /// and build facts) becomes a fixed placeholder.
    QString normalize(QString text)
    {
        const QList<QPair<QString, QString>> paths{
            {QCoreApplication::applicationFilePath(), u"<SELF>"_s},
            {h.dir(), u"<DIR>"_s},
            {h.codexHome(), u"<CODEX_HOME>"_s},
            {home(), u"<HOME>"_s},
            {m_fake->issuerUrl(), u"<FAKE>"_s},
        };
        for (const auto &[from, to] : paths)
            text.replace(from, to);
        static const QList<QPair<QRegularExpression, QString>> patterns{
            {QRegularExpression(u"\"generatedAt\": \"[^\"]*\""_s), u"\"generatedAt\": \"<NOW>\""_s},
            {QRegularExpression(u"\"lastAccountsSaveTimestamp\": [0-9]+"_s),
             u"\"lastAccountsSaveTimestamp\": <MTIME>"_s},
            {QRegularExpression(u"\"qtVersion\": \"[^\"]*\""_s), u"\"qtVersion\": \"<QT>\""_s},
            {QRegularExpression(u"\"os\": \"[^\"]*\""_s), u"\"os\": \"<OS>\""_s},
        };
        for (const auto &[re, to] : patterns)
            text.replace(re, to);
        return text;
    }

    void setup(const QString &kind)
    {
        Clock::setInstance(&m_clock);
        m_clock.setMs(kT0);
        m_fake->reset();
        h.wipe();
        QDir(home() + u"/out"_s).removeRecursively();
        QDir().mkpath(home() + u"/out"_s);
        writeFile(h.dir() + u"/settings.json"_s, R"({"version":1,"desktop":{"secretStorage":"file"}})");
        writeFile(home() + u"/out/pass.txt"_s, "correct horse battery staple\n");
        if (kind == "standard"_L1)
            seedStandard();
        else if (kind == "reference"_L1)
            seedReference();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::requireIsolatedEnvironment();
        QCOMPARE(qgetenv("TZ"), QByteArray("UTC")); // clock times in the files are UTC
        m_fake = new test::FakeOpenAiServer(this);
        QVERIFY(m_fake->listen());
        h.env().insert(u"CODEX_MULTI_AUTH_ISSUER"_s, m_fake->issuerUrl());
        h.env().insert(u"CODEX_MULTI_AUTH_CHATGPT_BASE_URL"_s, m_fake->backendUrl());
        // No official Codex CLI, whatever this machine has installed.
        h.env().insert(u"PATH"_s, u"/nonexistent"_s);
        h.env().insert(u"CODEX_MULTI_AUTH_REAL_CODEX"_s, home() + u"/no-codex-here"_s);
    }
    void cleanupTestCase() { Clock::setInstance(nullptr); }

    void golden_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QList<Step>>("steps");
        const QString pass = u"<HOME>/out/pass.txt"_s;
        const QString out = u"<HOME>/out"_s;
        auto add = [](const char *name, const QString &fixture, const QList<Step> &steps) {
            QTest::newRow(name) << fixture << steps;
        };
        add("status", u"standard"_s,
            {{{u"status"_s}},
             {{u"status"_s, u"--json"_s}},
             {{u"list"_s, u"--redact"_s}},
             {{u"list"_s, u"--json"_s, u"--redact"_s}},
             {{u"version"_s, u"--json"_s}}});
        add("status-reference", u"reference"_s, {{{u"status"_s}}, {{u"status"_s, u"--json"_s}}});
        add("empty", u"empty"_s,
            {{{u"status"_s}},
             {{u"status"_s, u"--json"_s}},
             {{u"switch"_s, u"1"_s}},
             {{u"best"_s, u"--json"_s}},
             {{u"quota"_s}},
             {{u"forecast"_s}},
             {{u"report"_s}},
             {{u"export"_s, out + u"/x.cma"_s, u"--json"_s}}});
        add("unpin", u"reference"_s,
            {{{u"unpin"_s, u"--json"_s}}, {{u"unpin"_s}}, {{u"unpin"_s, u"extra"_s}}, {{u"unpin"_s, u"--json"_s}}});
        add("policy", u"standard"_s,
            {{{u"account"_s, u"tag"_s, u"2"_s, u"Night Shift!"_s, u"--json"_s}},
             {{u"account"_s, u"tag"_s, u"bob@example.com"_s, u"ci"_s}},
             {{u"account"_s, u"untag"_s, u"2"_s, u"night shift!"_s}},
             {{u"account"_s, u"pause"_s, u"2"_s}},
             {{u"account"_s, u"weight"_s, u"2"_s, u"7"_s, u"--json"_s}},
             {{u"account"_s, u"note"_s, u"2"_s, u"shared"_s, u"with"_s, u"Ana"_s}},
             {{u"account"_s, u"drain"_s, u"acct-carol"_s}},
             {{u"account"_s, u"policy"_s, u"list"_s}},
             {{u"account"_s, u"policy"_s, u"list"_s, u"--json"_s}},
             {{u"status"_s}},
             {{u"account"_s, u"undrain"_s, u"3"_s, u"--json"_s}},
             {{u"account"_s, u"unpause"_s, u"2"_s}},
             {{u"account"_s, u"note"_s, u"2"_s}},
             {{u"account"_s, u"weight"_s, u"2"_s, u"11"_s}},
             {{u"account"_s, u"tag"_s, u"2"_s, u"--"_s, u"!!"_s}},
             {{u"account"_s, u"tag"_s, u"9"_s, u"x"_s, u"--json"_s}},
             {{u"account"_s, u"tag"_s, u"nobody@x.io"_s, u"x"_s, u"--json"_s}},
             {{u"account"_s, u"tag"_s, u"2"_s}}});
        add("enable", u"standard"_s,
            {{{u"account"_s, u"disable"_s, u"3"_s, u"--json"_s}},
             {{u"account"_s, u"enable"_s, u"3"_s}},
             {{u"account"_s, u"enable"_s, u"4"_s, u"--json"_s}},
             {{u"account"_s, u"disable"_s, u"1"_s}},
             {{u"status"_s}}});
        add("remove", u"standard"_s,
            {{{u"remove"_s, u"3"_s}},
             {{u"remove"_s, u"3"_s}, {u"n"_s}},
             {{u"remove"_s, u"3"_s, u"--yes"_s, u"--json"_s}},
             {{u"remove"_s, u"1"_s}, {u"y"_s}},
             {{u"status"_s, u"--json"_s}},
             {{u"remove"_s, u"1"_s, u"2"_s, u"--yes"_s, u"--no-switch"_s}},
             {{u"status"_s}}});
        add("remove-revoke", u"standard"_s,
            {{{u"remove"_s, u"bob@example.com"_s, u"--yes"_s, u"--revoke"_s, u"--json"_s}}, {{u"status"_s}}});
        add("remove-all", u"reference"_s,
            {{{u"remove"_s}},
             {{u"remove"_s, u"--all"_s, u"2"_s}},
             {{u"remove"_s, u"--all"_s}},
             {{u"remove"_s, u"--all"_s}, {u"delete"_s}},
             {{u"remove"_s, u"--all"_s, u"--yes"_s, u"--json"_s}},
             {{u"status"_s}},
             {{u"status"_s, u"--json"_s}}});
        add("secrets", u"standard"_s,
            {{{u"secrets"_s, u"status"_s}},
             {{u"secrets"_s, u"status"_s, u"--json"_s}},
             {{u"secrets"_s, u"use"_s, u"keychain"_s, u"--json"_s}},
             {{u"secrets"_s, u"status"_s}},
             {{u"status"_s}},
             {{u"secrets"_s, u"use"_s, u"file"_s}},
             {{u"secrets"_s, u"status"_s, u"--json"_s}},
             {{u"secrets"_s, u"use"_s, u"paper"_s}}});
        add("transfer", u"standard"_s,
            {{{u"account"_s, u"tag"_s, u"1"_s, u"main"_s}},
             {{u"export"_s, out + u"/pool.cma"_s, u"--passphrase-file"_s, pass, u"--json"_s}},
             {{u"export"_s, out + u"/pool.cma"_s, u"--passphrase-file"_s, pass}},
             {{u"remove"_s, u"2"_s, u"--yes"_s}},
             {{u"import"_s, out + u"/pool.cma"_s, u"--passphrase-file"_s, pass, u"--dry-run"_s}},
             {{u"import"_s, out + u"/pool.cma"_s, u"--passphrase-file"_s, pass, u"--json"_s}},
             {{u"import"_s, out + u"/pool.cma"_s}},
             {{u"export"_s, u"--name"_s, u"handover"_s, u"--format"_s, u"reference"_s}},
             {{u"export"_s, u"--name"_s, u"handover"_s, u"--format"_s, u"reference"_s, u"--yes"_s, u"--json"_s}},
             {{u"import"_s, u"<DIR>/backups/handover.json"_s, u"--json"_s}},
             {{u"export"_s, u"--name"_s, u"../evil"_s, u"--yes"_s}},
             {{u"export"_s}},
             {{u"export"_s, out + u"/x.cma"_s, u"--format"_s, u"zip"_s}},
             {{u"import"_s, out + u"/pass.txt"_s, u"--json"_s}},
             {{u"import"_s, out + u"/missing.json"_s}},
             {{u"import"_s}},
             {{u"import"_s, u"--from-codex"_s, u"--json"_s}},
             {{u"account"_s, u"policy"_s, u"list"_s}}});
        add("import-reference", u"empty"_s,
            {{{u"import"_s, u"<SRC>/tests/data/reference-pool-v1.json"_s, u"--dry-run"_s}},
             {{u"import"_s, u"<SRC>/tests/data/reference-pool-v3.json"_s, u"--json"_s}},
             {{u"import"_s, u"--from-codex"_s}},
             {{u"status"_s}}});
        add("switch", u"standard"_s,
            {{{u"switch"_s, u"2"_s, u"--json"_s}},
             {{u"switch"_s, u"carol@example.com"_s}},
             {{u"switch"_s, u"4"_s, u"--no-pin"_s, u"--json"_s}},
             {{u"status"_s}},
             {{u"switch"_s, u"9"_s}},
             {{u"switch"_s}},
             {{u"unpin"_s}}});
        add("switch-reference", u"reference"_s, {{{u"switch"_s, u"2"_s}}, {{u"switch"_s, u"3"_s, u"--json"_s}}});
        add("forecast", u"standard"_s,
            {{{u"forecast"_s}},
             {{u"forecast"_s, u"--json"_s}},
             {{u"forecast"_s, u"--explain"_s}},
             {{u"forecast"_s, u"--model"_s, u"gpt-5"_s}},
             {{u"forecast"_s, u"--live"_s, u"--json"_s}},
             {{u"best"_s, u"--dry-run"_s, u"--json"_s}},
             {{u"best"_s, u"--live"_s, u"--dry-run"_s}},
             {{u"switch"_s, u"2"_s}},
             {{u"best"_s}},
             {{u"best"_s, u"--json"_s}},
             {{u"report"_s, u"--json"_s}},
             {{u"report"_s, u"--out"_s, out + u"/report.json"_s}}});
        add("forecast-reference", u"reference"_s, {{{u"forecast"_s}}, {{u"best"_s, u"--dry-run"_s}}, {{u"report"_s}}});
        add("quota", u"standard"_s,
            {{{u"quota"_s}},
             {{u"quota"_s, u"--json"_s}},
             {{u"quota"_s, u"4"_s}},
             {{u"quota"_s, u"--refresh"_s}},
             {{u"quota"_s, u"--refresh"_s, u"--json"_s}},
             {{u"quota"_s, u"7"_s}}});
        add("refresh", u"standard"_s,
            {{{u"refresh"_s, u"--if-needed"_s}},
             {{u"refresh"_s, u"--json"_s}},
             {{u"refresh"_s, u"1"_s}},
             {{u"refresh"_s, u"2"_s, u"--if-needed"_s, u"--json"_s}}});
        add("refresh-reference", u"reference"_s, {{{u"refresh"_s}}, {{u"refresh"_s, u"--json"_s}}});
        add("check", u"standard"_s,
            {{{u"check"_s}}, {{u"check"_s, u"--json"_s}}, {{u"check"_s, u"--no-probe"_s, u"1"_s}}});
        add("check-reference", u"reference"_s, {{{u"check"_s}}, {{u"check"_s, u"--json"_s}}});
        add("fix", u"standard"_s,
            {{{u"fix"_s, u"--dry-run"_s}},
             {{u"fix"_s, u"--json"_s}},
             {{u"fix"_s, u"--live"_s}},
             {{u"fix"_s, u"--model"_s, u"gpt-5"_s}}});
        add("fix-reference", u"reference"_s,
            {{{u"fix"_s, u"--dry-run"_s, u"--json"_s}}, {{u"fix"_s}}, {{u"status"_s}}});
        add("doctor", u"standard"_s,
            {{{u"doctor"_s}},
             {{u"doctor"_s, u"--json"_s}},
             {{u"doctor"_s, u"--dry-run"_s}},
             {{u"doctor"_s, u"--fix"_s, u"--dry-run"_s}}});
        add("doctor-reference", u"reference"_s,
            {{{u"doctor"_s}}, {{u"doctor"_s, u"--fix"_s, u"--json"_s}}, {{u"doctor"_s}}});
        add("doctor-empty", u"empty"_s, {{{u"doctor"_s}}});
        add("config", u"standard"_s,
            {{{u"config"_s, u"explain"_s}},
             {{u"config"_s, u"explain"_s, u"--json"_s}},
             {{u"config"_s, u"get"_s, u"desktop.hidePersonalInfo"_s}},
             {{u"config"_s, u"set"_s, u"desktop.hidePersonalInfo"_s, u"true"_s, u"--json"_s}},
             {{u"config"_s, u"get"_s, u"desktop.hidePersonalInfo"_s, u"--json"_s}},
             {{u"config"_s, u"reset"_s, u"desktop.hidePersonalInfo"_s}},
             {{u"config"_s, u"set"_s, u"desktop.secretStorage"_s, u"keychain"_s}},
             {{u"config"_s, u"set"_s, u"nope.nothing"_s, u"1"_s}},
             {{u"config"_s, u"get"_s}}});
        add("debug-bundle", u"standard"_s,
            {{{u"debug"_s, u"bundle"_s}},
             {{u"debug"_s, u"bundle"_s, u"--json"_s}},
             {{u"debug"_s, u"bundle"_s, u"--out"_s, out + u"/bundle.json"_s, u"--json"_s}}});
        add("workspace", u"reference"_s,
            {{{u"workspace"_s, u"1"_s}},
             {{u"workspace"_s, u"1"_s, u"--json"_s}},
             {{u"workspace"_s, u"1"_s, u"2"_s}},
             {{u"workspace"_s, u"1"_s, u"1"_s, u"--json"_s}},
             {{u"workspace"_s, u"1"_s, u"3"_s}},
             {{u"workspace"_s, u"3"_s}},
             {{u"workspace"_s}}});
        add("uninstall", u"standard"_s,
            {{{u"uninstall"_s, u"--dry-run"_s, u"--json"_s}},
             {{u"uninstall"_s, u"--dry-run"_s, u"--clear-accounts"_s}},
             {{u"uninstall"_s}},
             {{u"uninstall"_s, u"--yes"_s, u"--clear-accounts"_s, u"--json"_s}},
             {{u"status"_s}}});
        add("rate-limits", u"reference"_s,
            {{{u"rotation"_s, u"reset-rate-limits"_s}},
             {{u"rotation"_s, u"reset-rate-limits"_s, u"--all"_s, u"--dry-run"_s, u"--json"_s}},
             {{u"rotation"_s, u"reset-rate-limits"_s, u"--account"_s, u"1"_s}},
             {{u"rotation"_s, u"reset-rate-limits"_s, u"--all"_s, u"--json"_s}},
             {{u"status"_s}}});
        add("verify-flagged", u"flagged"_s,
            {{{u"verify-flagged"_s, u"--dry-run"_s, u"--json"_s}},
             {{u"verify-flagged"_s, u"--no-restore"_s}},
             {{u"verify-flagged"_s, u"--json"_s}},
             {{u"verify-flagged"_s}},
             {{u"status"_s}}});
        add("codex-store", u"standard"_s,
            {{{u"codex-store"_s, u"status"_s}},
             {{u"codex-store"_s, u"pin-file"_s, u"--json"_s}},
             {{u"codex-store"_s, u"status"_s, u"--json"_s}}});
        add("codex-store-unset", u"codex-unset"_s,
            {{{u"codex-store"_s, u"status"_s, u"--json"_s}},
             {{u"codex-store"_s, u"pin-file"_s}},
             {{u"codex-store"_s, u"status"_s}}});
        add("shim", u"empty"_s,
            {{{u"shim"_s, u"status"_s, u"--dir"_s, out + u"/bin"_s}},
             {{u"shim"_s, u"install"_s, u"--dir"_s, out + u"/bin"_s, u"--json"_s}},
             {{u"shim"_s, u"status"_s, u"--dir"_s, out + u"/bin"_s, u"--json"_s}},
             {{u"shim"_s, u"remove"_s, u"--dir"_s, out + u"/bin"_s}},
             {{u"shim"_s, u"remove"_s, u"--dir"_s, out + u"/bin"_s, u"--json"_s}}});
    }

    void golden()
    {
        QFETCH(QString, fixture);
        QFETCH(QList<Step>, steps);
        setup(fixture == "flagged"_L1 || fixture == "codex-unset"_L1 ? u"standard"_s : fixture);
        if (fixture == "flagged"_L1)
            seedFlagged();
        if (fixture == "codex-unset"_L1)
            QFile::remove(h.codexHome() + u"/config.toml"_s);
        const QString source = qEnvironmentVariable("CMA_SOURCE_DIR");
        QString transcript;
        for (const Step &step : steps) {
            QStringList args;
            for (const QString &a : step.args)
                args.append(
                    QString(a).replace(u"<HOME>"_s, home()).replace(u"<DIR>"_s, h.dir()).replace(u"<SRC>"_s, source));
            const test::CliHarness::Run r = h.run(args, step.input, !step.input.isEmpty());
            transcript += u"$ codex-multi-auth --cli "_s + step.args.join(u' ');
            if (!step.input.isEmpty())
                transcript += u"   # typed: "_s + step.input.join(u", "_s);
            transcript += u"\nexit "_s + QString::number(r.code) + u"\n"_s;
            if (!r.out.isEmpty())
                transcript += u"--- stdout\n"_s + r.out + (r.out.endsWith(u'\n') ? u""_s : u"\n[no newline]\n"_s);
            if (!r.err.isEmpty())
                transcript += u"--- stderr\n"_s + r.err + (r.err.endsWith(u'\n') ? u""_s : u"\n[no newline]\n"_s);
            transcript += u"\n"_s;
        }
        transcript = normalize(transcript);

        const QString file =
            source + u"/tests/data/golden/"_s + QString::fromLatin1(QTest::currentDataTag()) + u".txt"_s;
        if (qEnvironmentVariable("CMA_GOLDEN_UPDATE") == "1"_L1) {
            writeFile(file, transcript.toUtf8());
            return;
        }
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file + u" is missing; run with CMA_GOLDEN_UPDATE=1"_s));
        const QString expected = QString::fromUtf8(f.readAll());
        if (expected != transcript) {
            // Name the first line that differs: the whole transcript would drown it.
            const QStringList want = expected.split(u'\n'), got = transcript.split(u'\n');
            for (qsizetype i = 0; i < std::max(want.size(), got.size()); ++i) {
                if (want.value(i) != got.value(i))
                    QFAIL(qPrintable(u"%1:%2\n  expected: %3\n  actual:   %4"_s.arg(file).arg(i + 1).arg(
                        want.value(i), got.value(i))));
            }
        }
    }

private:
    /// The standard pool plus a flagged file: carol's twin, still good at the issuer, and one whose
    /// refresh token the issuer rejects.
    void seedFlagged()
    {
        const QString key = m_fake->addAccount({{u"key"_s, u"erin"_s},
                                                {u"email"_s, u"erin@example.com"_s},
                                                {u"user_id"_s, u"user-erin"_s},
                                                {u"account_id"_s, u"acct-erin"_s},
                                                {u"plan"_s, u"plus"_s}});
        Account good = test::FakeOpenAiServer::accountFromTokens(m_fake->mint(key));
        good.addedAt = kT0 - 20 * kDay;
        good.extra.insert(u"flaggedAt"_s, double(kT0 - 2 * kDay));
        good.extra.insert(u"flaggedReason"_s, u"refresh-failed"_s);
        good.extra.insert(u"lastError"_s, u"HTTP 500"_s);
        Account bad;
        bad.email = u"frank@example.com"_s;
        bad.accountId = u"acct-frank"_s;
        bad.refreshToken = u"rt_frank_not_known_to_the_issuer"_s;
        bad.addedAt = kT0 - 30 * kDay;
        bad.extra.insert(u"flaggedAt"_s, double(kT0 - 3 * kDay));
        bad.extra.insert(u"flaggedReason"_s, u"token-invalid"_s);
        PoolStore flagged(AppContext(h.env()).paths().flaggedPath(), PoolStore::Kind::Flagged);
        QVERIFY(flagged
                    .update([&](AccountPool &p) {
                        p.accounts = {good, bad};
                        return success();
                    })
                    .ok());
    }
};

QTEST_GUILESS_MAIN(TestCliGolden)
#include "tst_cli_golden.moc"
