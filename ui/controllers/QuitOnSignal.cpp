#include "QuitOnSignal.h"

#include <QSocketNotifier>
#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rediscope {

namespace {

constexpr std::array<int, 3> QuitSignals{SIGTERM, SIGINT, SIGHUP};
int g_sockets[2] = {-1, -1}; // [0] written by the handler, [1] read by the event loop

void onSignal(int signal)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_sockets[0], &byte, 1);
    errno = saved;
}

} // namespace

QuitOnSignal::QuitOnSignal(QObject* parent)
    : QObject(parent)
{
    if (g_sockets[0] >= 0)
        return; // one per process
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_sockets) != 0) {
        g_sockets[0] = g_sockets[1] = -1;
        return;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : QuitSignals)
        ::sigaction(signal, &action, nullptr);
    m_notifier = new QSocketNotifier(g_sockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitOnSignal::readSignal);
}

QuitOnSignal::~QuitOnSignal()
{
    if (!m_notifier)
        return;
    for (const int signal : QuitSignals)
        std::signal(signal, SIG_DFL);
    ::close(g_sockets[0]);
    ::close(g_sockets[1]);
    g_sockets[0] = g_sockets[1] = -1;
}

void QuitOnSignal::readSignal()
{
    unsigned char byte = 0;
    while (::read(g_sockets[1], &byte, 1) == 1) {
        // After the first request the app is quitting: the rest change nothing.
        if (m_notifier->isEnabled()) {
            m_notifier->setEnabled(false);
            Q_EMIT requested(byte);
            return;
        }
    }
}

} // namespace rediscope
