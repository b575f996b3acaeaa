#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

#include "util/clock.h"

namespace cma::test {

/// Called at the start of every test: refuses to run unless HOME, CODEX_HOME and
/// CODEX_MULTI_AUTH_DIR point into a temporary folder (scripts/test-env sets them), enables
/// QStandardPaths test mode, and installs the redacting log handler.
void requireIsolatedEnvironment();

/// A clock a test moves by hand.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 startMs = 1795700000000)
        : m_now(startMs)
    {}
    qint64 nowMs() const override { return m_now; }
    void advanceMs(qint64 ms) { m_now += ms; }
    void setMs(qint64 ms) { m_now = ms; }

private:
    qint64 m_now;
};

/// Path of a built program in the build tree (CMA_BINARY_DIR).
QString builtProgram(const QString &relativePath);

} // namespace cma::test

#include "net/httpclient.h"

namespace cma::test {

/// A blocking GET (the event loop keeps running, so in-process servers answer).
HttpResult httpGet(const QString &url, QList<QPair<QByteArray, QByteArray>> headers = {});
/// What a browser does with a sign-in link: authorize → 302 to our callback → 302 to /success →
/// the page's text (or what went wrong).
QString browse(const QUrl &authorize);

} // namespace cma::test

#include "cli/console.h"

#include <QTimer>

namespace cma::test {

/// Console streams backed by buffers, with scripted input lines (KeePassXC's TestCli pattern).
class TestConsole final : public cli::Console
{
public:
    explicit TestConsole(QStringList input = {}, bool interactive = false)
        : m_outStream(&m_out)
        , m_errStream(&m_err)
        , m_input(std::move(input))
        , m_interactive(interactive)
    {}
    QTextStream &out() override { return m_outStream; }
    QTextStream &err() override { return m_errStream; }
    QString readLine() override { return m_input.isEmpty() ? QString() : m_input.takeFirst(); }
    QString readSecretLine() override { return readLine(); }
    bool isInteractive() const override { return m_interactive; }
    bool colorEnabled() const override { return false; }
    void readLinesAsync(QObject *context, std::function<void(const QString &)> onLine,
                        std::function<void()> onEof) override
    {
        // Scripted lines arrive one per event-loop turn, then end of input.
        QStringList lines = m_input;
        m_input.clear();
        QTimer::singleShot(0, context, [lines, onLine, onEof] {
            for (const QString &l : lines)
                onLine(l);
            onEof();
        });
    }
    QString stdOut()
    {
        m_outStream.flush();
        return m_out;
    }
    QString stdErr()
    {
        m_errStream.flush();
        return m_err;
    }

private:
    QString m_out;
    QString m_err;
    QTextStream m_outStream;
    QTextStream m_errStream;
    QStringList m_input;
    bool m_interactive;
};

} // namespace cma::test
