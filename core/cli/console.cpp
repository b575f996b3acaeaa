#include "console.h"

#include <cstdio>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cma::cli {

StdConsole::StdConsole()
    : m_out(stdout)
    , m_err(stderr)
    , m_in(stdin)
{
}

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
    if (qEnvironmentVariable("CODEX_TUI") == "1"_L1 || qEnvironmentVariable("CODEX_DESKTOP") == "1"_L1
        || qEnvironmentVariable("TERM_PROGRAM") == "codex"_L1)
        return false;
    return true;
}

bool StdConsole::colorEnabled() const
{
    return ::isatty(STDOUT_FILENO) && !qEnvironmentVariableIsSet("NO_COLOR");
}

} // namespace cma::cli
