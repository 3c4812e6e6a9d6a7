#include "ErrorNames.h"

#include <array>
#include <utility>

namespace rediscope {

namespace {

constexpr std::array kAllCodes{
    ErrorCode::InvalidArgument,
    ErrorCode::ResolveFailed,
    ErrorCode::ConnectRefused,
    ErrorCode::Unreachable,
    ErrorCode::Timeout,
    ErrorCode::Cancelled,
    ErrorCode::ConnectionClosed,
    ErrorCode::IoError,
    ErrorCode::PlaintextOnTlsPort,
    ErrorCode::TlsExpectedByServer,
    ErrorCode::TlsHandshakeFailed,
    ErrorCode::ClientCertRequired,
    ErrorCode::ClientCertInvalid,
    ErrorCode::VerifyFailed,
    ErrorCode::HostnameMismatch,
    ErrorCode::AuthFailed,
    ErrorCode::ProtocolError,
    ErrorCode::ServerError,
    ErrorCode::FileError,
};

} // namespace

QString errorCodeName(ErrorCode code)
{
    // No default: a new ErrorCode without a name here is a compiler warning (-Werror).
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid_argument");
    case ErrorCode::ResolveFailed:
        return QStringLiteral("resolve_failed");
    case ErrorCode::ConnectRefused:
        return QStringLiteral("connect_refused");
    case ErrorCode::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::ConnectionClosed:
        return QStringLiteral("connection_closed");
    case ErrorCode::IoError:
        return QStringLiteral("io_error");
    case ErrorCode::PlaintextOnTlsPort:
        return QStringLiteral("plaintext_on_tls_port");
    case ErrorCode::TlsExpectedByServer:
        return QStringLiteral("tls_expected_by_server");
    case ErrorCode::TlsHandshakeFailed:
        return QStringLiteral("tls_handshake_failed");
    case ErrorCode::ClientCertRequired:
        return QStringLiteral("client_cert_required");
    case ErrorCode::ClientCertInvalid:
        return QStringLiteral("client_cert_invalid");
    case ErrorCode::VerifyFailed:
        return QStringLiteral("verify_failed");
    case ErrorCode::HostnameMismatch:
        return QStringLiteral("hostname_mismatch");
    case ErrorCode::AuthFailed:
        return QStringLiteral("auth_failed");
    case ErrorCode::ProtocolError:
        return QStringLiteral("protocol_error");
    case ErrorCode::ServerError:
        return QStringLiteral("server_error");
    case ErrorCode::FileError:
        return QStringLiteral("file_error");
    }
    return QStringLiteral("unknown");
}

std::optional<ErrorCode> errorCodeFromName(const QString& name)
{
    for (const ErrorCode code : kAllCodes)
        if (errorCodeName(code) == name)
            return code;
    return std::nullopt;
}

} // namespace rediscope
