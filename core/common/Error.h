#pragma once

#include <QString>
#include <expected>

namespace rediscope {

// The stages of one connection, in the order they run.
enum class Stage
{
    None,
    Resolve,
    Tcp,
    Tls,
    Verify,
    Hostname,
    Auth,
    Ping,
    Info,
};

QString stageName(Stage stage);  // "resolve", "tcp", ... as in the audit JSON
QString stageTitle(Stage stage); // "TLS handshake", ... for people

enum class ErrorCode
{
    InvalidArgument,     // bad usage or unparsable input
    ResolveFailed,       // name does not resolve
    ConnectRefused,      // RST on connect
    Unreachable,         // no route / network down
    Timeout,             // a stage ran past its deadline
    Cancelled,           // the caller cancelled
    ConnectionClosed,    // peer closed or reset
    IoError,             // other socket error
    PlaintextOnTlsPort,  // TLS expected, server answered in plaintext
    TlsExpectedByServer, // plaintext sent, server speaks TLS
    TlsHandshakeFailed,
    ClientCertRequired,
    ClientCertInvalid, // our own certificate/key could not be loaded
    VerifyFailed,
    HostnameMismatch,
    AuthFailed,
    ProtocolError, // malformed RESP or an unexpected reply
    ServerError,   // a -ERR reply where a value was expected
    FileError,
};

// An error crossing a core boundary: what failed, where, in words for people, and the details
// for those who want them. Never holds a secret.
struct Error
{
    ErrorCode code = ErrorCode::IoError;
    Stage stage = Stage::None;
    QString message; // one sentence: what happened and what to do next
    QString detail;  // technical detail (errno text, OpenSSL error queue, alert name)

    QString toString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, Stage stage, QString message,
                                   QString detail = {})
{
    return std::unexpected(Error{code, stage, std::move(message), std::move(detail)});
}

} // namespace rediscope
