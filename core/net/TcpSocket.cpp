#include "TcpSocket.h"

#include "net/SocketErrorMapping.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rediscope {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

} // namespace

TcpSocket::TcpSocket(CancelToken cancel)
    : m_cancel(std::move(cancel))
{}

TcpSocket::~TcpSocket()
{
    close();
}

void TcpSocket::close()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

Result<void> TcpSocket::waitFor(bool writable, const Deadline& deadline) const
{
    pollfd entry{m_fd, static_cast<short>(writable ? POLLOUT : POLLIN), 0};
    for (;;) {
        if (m_cancel.isCancelled())
            return fail(ErrorCode::Cancelled, Stage::None, QStringLiteral("Cancelled."));
        const int left = deadline.remainingMs();
        if (left == 0)
            return fail(ErrorCode::Timeout, Stage::None,
                        writable ? QStringLiteral("Timed out waiting to send.")
                                 : QStringLiteral("Timed out waiting for the server to answer."));
        const int slice = left < 0 ? 50 : std::min(left, 50);
        const int ready = ::poll(&entry, 1, slice);
        if (ready > 0)
            return {};
        if (ready < 0 && errno != EINTR)
            return fail(ErrorCode::IoError, Stage::None, QStringLiteral("Socket wait failed."),
                        errnoText(errno));
    }
}

Result<void> TcpSocket::connectOne(const SocketAddress& address, const Deadline& deadline)
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    const QByteArray ip = address.ip.toLatin1();
    if (address.ipv6) {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(address.port);
        if (inet_pton(AF_INET6, ip.constData(), &in6->sin6_addr) != 1)
            return fail(ErrorCode::InvalidArgument, Stage::Tcp,
                        QStringLiteral("%1 is not an IPv6 address.").arg(address.ip));
        length = sizeof(sockaddr_in6);
    } else {
        auto* in4 = reinterpret_cast<sockaddr_in*>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(address.port);
        if (inet_pton(AF_INET, ip.constData(), &in4->sin_addr) != 1)
            return fail(ErrorCode::InvalidArgument, Stage::Tcp,
                        QStringLiteral("%1 is not an IPv4 address.").arg(address.ip));
        length = sizeof(sockaddr_in);
    }

    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::unexpected(socketConnectError(errno, address));
    m_fd = fd;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif

    if (::connect(fd, reinterpret_cast<sockaddr*>(&storage), length) == 0)
        return {};
    if (errno != EINPROGRESS) {
        const int error = errno;
        close();
        return std::unexpected(socketConnectError(error, address));
    }
    if (auto waited = waitFor(true, deadline); !waited) {
        close();
        Error error = waited.error();
        error.stage = Stage::Tcp;
        if (error.code == ErrorCode::Timeout) // the deadline's, as the kernel's would read
            error.message = socketConnectError(ETIMEDOUT, address).message;
        return std::unexpected(error);
    }
    int error = 0;
    socklen_t errorLength = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &errorLength);
    if (error != 0) {
        close();
        return std::unexpected(socketConnectError(error, address));
    }
    return {};
}

Result<void> TcpSocket::connect(const QList<SocketAddress>& addresses, const Deadline& deadline)
{
    close();
    if (addresses.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::Tcp, QStringLiteral("No address to try."));
    Error last;
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        // Leave later addresses a share of the time: a dead first address must not eat it all.
        Deadline attempt = deadline;
        const qsizetype remaining = addresses.size() - i;
        if (remaining > 1 && !deadline.isNever())
            attempt = deadline.capped(std::chrono::milliseconds(
                std::max(deadline.remainingMs() / static_cast<int>(remaining), 250)));
        auto result = connectOne(addresses.at(i), attempt);
        if (result) {
            m_peer = addresses.at(i);
            return {};
        }
        last = result.error();
        if (last.code == ErrorCode::Cancelled || deadline.expired())
            break;
    }
    return std::unexpected(last);
}

Result<qsizetype> TcpSocket::readSome(char* buffer, qsizetype capacity, const Deadline& deadline)
{
    for (;;) {
        const ssize_t got = ::recv(m_fd, buffer, static_cast<size_t>(capacity), 0);
        if (got > 0)
            return static_cast<qsizetype>(got);
        if (got == 0)
            return fail(ErrorCode::ConnectionClosed, Stage::None,
                        QStringLiteral("The server closed the connection."));
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (auto waited = waitFor(false, deadline); !waited)
                return std::unexpected(waited.error());
            continue;
        }
        return std::unexpected(socketTransferError(errno, false));
    }
}

Result<void> TcpSocket::writeAll(const char* data, qsizetype size, const Deadline& deadline)
{
    qsizetype written = 0;
    while (written < size) {
        const ssize_t sent =
            ::send(m_fd, data + written, static_cast<size_t>(size - written), MSG_NOSIGNAL);
        if (sent > 0) {
            written += sent;
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (auto waited = waitFor(true, deadline); !waited)
                return std::unexpected(waited.error());
            continue;
        }
        return std::unexpected(socketTransferError(errno, true));
    }
    return {};
}

} // namespace rediscope
