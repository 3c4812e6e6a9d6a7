#include "TerminalPassword.h"

#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace rediscope {

std::optional<QByteArray> readPasswordFromTerminal(const QString& prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    const QByteArray promptText = prompt.toLocal8Bit();
    if (::write(fd, promptText.constData(), static_cast<size_t>(promptText.size())) < 0) {
        ::close(fd);
        return std::nullopt;
    }
    termios saved{};
    const bool isTerminal = ::tcgetattr(fd, &saved) == 0;
    if (isTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &silent);
    }
    QByteArray secret;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
        secret.append(c);
    if (isTerminal)
        ::tcsetattr(fd, TCSAFLUSH, &saved);
    if (::write(fd, "\n", 1) < 0) {
        // nothing to do: the newline is cosmetic
    }
    ::close(fd);
    return secret;
}

} // namespace rediscope
