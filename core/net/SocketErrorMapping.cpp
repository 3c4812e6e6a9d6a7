#include "SocketErrorMapping.h"

#include <cerrno>
#include <cstring>

namespace rediscope {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

} // namespace

Error socketConnectError(int error, const SocketAddress& address)
{
    const QString where = address.toString();
    switch (error) {
    case ECONNREFUSED:
        return Error{ErrorCode::ConnectRefused, Stage::Tcp,
                     QStringLiteral("Connection to %1 was refused: nothing listens on that port, "
                                    "or a firewall rejects it.")
                         .arg(where),
                     errnoText(error)};
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EADDRNOTAVAIL:
    case EAFNOSUPPORT:
        return Error{ErrorCode::Unreachable, Stage::Tcp,
                     QStringLiteral("%1 is unreachable from this machine; check the address, "
                                    "routing and VPN.")
                         .arg(where),
                     errnoText(error)};
    case EACCES:
    case EPERM:
        return Error{ErrorCode::Unreachable, Stage::Tcp,
                     QStringLiteral("This machine does not allow connecting to %1: a local "
                                    "firewall rule or security policy blocks it.")
                         .arg(where),
                     errnoText(error)};
    case ETIMEDOUT:
        return Error{ErrorCode::Timeout, Stage::Tcp,
                     QStringLiteral("No answer from %1 within the timeout: the host is down, or a "
                                    "firewall drops the packets.")
                         .arg(where),
                     errnoText(error)};
    case ECONNRESET:
    case ECONNABORTED:
        return Error{
            ErrorCode::ConnectionClosed, Stage::Tcp,
            QStringLiteral("%1 reset the connection while it was being set up.").arg(where),
            errnoText(error)};
    case EMFILE:
    case ENFILE:
        return Error{ErrorCode::IoError, Stage::Tcp,
                     QStringLiteral("Could not connect to %1: too many files are open.").arg(where),
                     errnoText(error)};
    default:
        return Error{ErrorCode::IoError, Stage::Tcp,
                     QStringLiteral("Could not connect to %1.").arg(where), errnoText(error)};
    }
}

Error socketTransferError(int error, bool sending)
{
    switch (error) {
    case ECONNRESET:
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     sending ? QStringLiteral("The server closed the connection.")
                             : QStringLiteral("The server reset the connection."),
                     errnoText(error)};
    case EPIPE:
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     QStringLiteral("The server closed the connection."), errnoText(error)};
    case ETIMEDOUT:
        return Error{ErrorCode::ConnectionClosed, Stage::None,
                     QStringLiteral("The connection to the server was lost: the network stopped "
                                    "carrying its packets."),
                     errnoText(error)};
    default:
        return Error{ErrorCode::IoError, Stage::None,
                     sending ? QStringLiteral("Sending to the server failed.")
                             : QStringLiteral("Reading from the server failed."),
                     errnoText(error)};
    }
}

} // namespace rediscope
