#pragma once

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace rediscope {

// A peer that closed the connection must not kill the process: OpenSSL writes through write(2),
// which raises SIGPIPE. Blocks SIGPIPE on this thread for the guard's lifetime and swallows one
// that became pending meanwhile, so the write just fails with EPIPE. Whatever the host program
// does with SIGPIPE (the core is a library), a dead peer is an error, never a crash.
class SigpipeGuard
{
public:
    SigpipeGuard()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_previous);
        sigset_t pending;
        sigemptyset(&pending);
        m_wasPending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    }
    ~SigpipeGuard()
    {
        if (!m_wasPending) {
            sigset_t pending;
            sigemptyset(&pending);
            if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
                const timespec none{0, 0};
                while (sigtimedwait(&m_pipe, nullptr, &none) == SIGPIPE) {
                }
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    sigset_t m_pipe;
    sigset_t m_previous;
    bool m_wasPending = false;
};

} // namespace rediscope
