#include "console.h"

#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma::cli {

StdConsole::StdConsole()
    : m_out(stdout)
    , m_err(stderr)
    , m_in(stdin)
{}

QString StdConsole::readLine()
{
    m_out.flush();
    m_err.flush();
    if (m_in.atEnd())
        return {};
    QString line = m_in.readLine();
    return line.isNull() ? QString() : line;
}

QString StdConsole::readSecretLine()
{
    m_out.flush();
    m_err.flush();
    termios old{};
    const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    const QString line = readLine();
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        m_err << Qt::endl;
    }
    return line;
}

bool StdConsole::isInteractive() const
{
    if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO))
        return false;
    if (qEnvironmentVariable("CODEX_TUI") == "1"_L1 || qEnvironmentVariable("CODEX_DESKTOP") == "1"_L1 ||
        qEnvironmentVariable("TERM_PROGRAM") == "codex"_L1)
        return false;
    return true;
}

void StdConsole::readLinesAsync(QObject *context, std::function<void(const QString &)> onLine,
                                std::function<void()> onEof)
{
    const int flags = ::fcntl(STDIN_FILENO, F_GETFL);
    if (flags < 0) {
        onEof();
        return;
    }
    ::fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK);
    auto *notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, context);
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, buffer, onLine, onEof, flags] {
        char chunk[4096];
        while (true) {
            const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (n > 0) {
                buffer->append(chunk, n);
                qsizetype nl;
                while ((nl = buffer->indexOf('\n')) >= 0) {
                    const QByteArray line = buffer->left(nl);
                    buffer->remove(0, nl + 1);
                    onLine(QString::fromUtf8(line).remove(u'\r'));
                }
                continue;
            }
            if (n == 0) {
                notifier->setEnabled(false);
                ::fcntl(STDIN_FILENO, F_SETFL, flags);
                if (!buffer->isEmpty())
                    onLine(QString::fromUtf8(*buffer));
                onEof();
            }
            return; // EAGAIN: wait for more
        }
    });
}

bool StdConsole::colorEnabled() const
{
    return ::isatty(STDOUT_FILENO) && !qEnvironmentVariableIsSet("NO_COLOR");
}

} // namespace cma::cli
