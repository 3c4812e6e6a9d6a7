#include "Session.h"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace rediscope {

namespace {

// A peer that closed the connection must not kill the process: a TLS write goes through
// write(2), which raises SIGPIPE. Blocks it on this thread for the duration of one call and
// swallows one that became pending meanwhile, so the write just fails with EPIPE.
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

} // namespace

Session::Session(std::unique_ptr<Transport> transport, CancelToken cancel)
    : m_transport(std::move(transport))
    , m_connection(m_transport ? std::make_unique<RespConnection>(*m_transport) : nullptr)
    , m_cancel(std::move(cancel))
{}

Session::~Session()
{
    close();
}

void Session::close()
{
    m_connection.reset();
    if (m_transport)
        m_transport->close();
    m_transport.reset();
}

template <typename T>
Result<T> Session::checked(Result<T> result)
{
    // A command that could not be encoded never reached the stream; anything else leaves it in
    // an unknown state.
    if ((!result && result.error().code != ErrorCode::InvalidArgument) || m_cancel.isCancelled())
        close();
    if (result && m_cancel.isCancelled())
        return fail(ErrorCode::Cancelled, Stage::None, QStringLiteral("Cancelled."));
    return result;
}

Result<RespValue> Session::command(const QList<QByteArray>& arguments, const Deadline& deadline)
{
    if (!isOpen())
        return fail(ErrorCode::ConnectionClosed, Stage::None,
                    QStringLiteral("The connection is closed."));
    const SigpipeGuard guard;
    return checked(m_connection->command(arguments, deadline));
}

Result<QList<RespValue>> Session::pipeline(const QList<QList<QByteArray>>& commands,
                                           const Deadline& deadline)
{
    if (!isOpen())
        return fail(ErrorCode::ConnectionClosed, Stage::None,
                    QStringLiteral("The connection is closed."));
    const SigpipeGuard guard;
    return checked(m_connection->pipeline(commands, deadline));
}

} // namespace rediscope
