#pragma once

#include <QString>
#include <QTextStream>
#include <functional>

class QObject;

namespace cma::cli {

/// The standard streams of a command. Tests replace them with buffers (TestConsole) so commands
/// run in-process and their output is compared exactly.
class Console
{
public:
    virtual ~Console() = default;
    virtual QTextStream &out() = 0;
    virtual QTextStream &err() = 0;
    /// One line of input without its newline; a null QString at end of input.
    virtual QString readLine() = 0;
    /// A line read without echo (passphrases); a null QString at end of input.
    virtual QString readSecretLine() = 0;
    /// True when both stdin and stdout are terminals and no non-interactive marker is set (docs/cli.md §2).
    virtual bool isInteractive() const = 0;
    virtual bool colorEnabled() const = 0;
    /// Delivers input lines as they arrive, without blocking the event loop (login pastes).
    /// \a onEof runs once at end of input. Stops when \a context is destroyed.
    virtual void readLinesAsync(QObject *context, std::function<void(const QString &)> onLine,
                                std::function<void()> onEof) = 0;
};

/// The process's own stdin, stdout and stderr.
class StdConsole final : public Console
{
public:
    StdConsole();
    QTextStream &out() override { return m_out; }
    QTextStream &err() override { return m_err; }
    QString readLine() override;
    QString readSecretLine() override;
    bool isInteractive() const override;
    bool colorEnabled() const override;
    void readLinesAsync(QObject *context, std::function<void(const QString &)> onLine,
                        std::function<void()> onEof) override;

private:
    QTextStream m_out;
    QTextStream m_err;
    QTextStream m_in;
};

} // namespace cma::cli
