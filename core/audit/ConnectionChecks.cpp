#include "ConnectionChecks.h"

#include "audit/CheckRegistry.h"
#include "common/ErrorNames.h"

namespace rediscope {

namespace {

// The stages after the connection is up: the server has accepted us and should speak RESP.
bool commandStage(Stage stage)
{
    return stage == Stage::Auth || stage == Stage::Ping || stage == Stage::Info;
}

const char* findingIdFor(const Error& error)
{
    switch (error.code) {
    case ErrorCode::ResolveFailed:
        return "conn.resolve_failed";
    case ErrorCode::ConnectRefused:
    case ErrorCode::Unreachable:
        return "conn.tcp_failed";
    case ErrorCode::PlaintextOnTlsPort:
        return "conn.plaintext_on_tls_port";
    case ErrorCode::TlsExpectedByServer:
        return "conn.tls_expected_by_server";
    case ErrorCode::ClientCertRequired:
        return "conn.client_cert_required";
    case ErrorCode::AuthFailed:
        return "conn.auth_failed";
    case ErrorCode::Timeout:
        return error.stage == Stage::Tcp ? "conn.tcp_failed" : "conn.timeout";
    case ErrorCode::TlsHandshakeFailed:
    case ErrorCode::ClientCertInvalid:
        return "conn.tls_handshake_failed";
    case ErrorCode::ConnectionClosed:
    case ErrorCode::IoError:
        if (error.stage == Stage::Tcp)
            return "conn.tcp_failed";
        if (error.stage == Stage::Tls)
            return "conn.tls_handshake_failed";
        if (commandStage(error.stage))
            return "conn.closed_by_server";
        return nullptr;
    case ErrorCode::ProtocolError:
        if (commandStage(error.stage))
            return "conn.protocol_error";
        return nullptr;
    case ErrorCode::VerifyFailed:     // cert.* findings say why
    case ErrorCode::HostnameMismatch: // cert.hostname_mismatch
    case ErrorCode::Cancelled:
    case ErrorCode::InvalidArgument:
    case ErrorCode::ServerError:
    case ErrorCode::FileError:
        return nullptr;
    }
    return nullptr;
}

QString remediationFor(const Error& error)
{
    if (commandStage(error.stage) &&
        (error.code == ErrorCode::ConnectionClosed || error.code == ErrorCode::IoError))
        return QStringLiteral("Check the server's log and its connection limit (Redis maxclients, "
                              "Dragonfly --maxclients); if a TLS proxy terminates TLS in front of "
                              "the server, check that its backend is up.");
    if (commandStage(error.stage) && error.code == ErrorCode::ProtocolError)
        return QStringLiteral("Check that the port belongs to a Redis-protocol server, not to "
                              "another service or a proxy that speaks something else.");
    switch (error.code) {
    case ErrorCode::ResolveFailed:
        return QStringLiteral("Check the host name in the profile and this machine's DNS.");
    case ErrorCode::ConnectRefused:
    case ErrorCode::Unreachable:
        return QStringLiteral("Check the port, that the server runs, and firewalls on the way.");
    case ErrorCode::PlaintextOnTlsPort:
        return QStringLiteral("Point the profile at the server's TLS port (Redis tls-port; "
                              "Dragonfly serves TLS on --port when --tls is set), or enable TLS "
                              "on the server.");
    case ErrorCode::TlsExpectedByServer:
        return QStringLiteral("Turn TLS on in the profile (rediss://).");
    case ErrorCode::ClientCertRequired:
        return QStringLiteral("Configure a client certificate and key signed by a CA the server "
                              "trusts (Redis tls-ca-cert-file; Dragonfly --tls_ca_cert_file).");
    case ErrorCode::AuthFailed:
        return QStringLiteral("Check the username and the password reference of the profile.");
    case ErrorCode::Timeout:
        return QStringLiteral("Raise the profile's timeout if the network is slow; otherwise "
                              "check what holds the connection at this stage.");
    default:
        return QStringLiteral("Read the diagnosis and fix the cause; the stage list shows where "
                              "the connection stopped.");
    }
}

} // namespace

QList<Finding> checkConnection(const InspectResult& result)
{
    if (!result.error)
        return {};
    const Error& error = *result.error;
    const char* id = findingIdFor(error);
    if (!id)
        return {};
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    QString evidence =
        QStringLiteral("stage %1: %2").arg(stageName(error.stage), errorCodeName(error.code));
    if (!error.detail.isEmpty())
        evidence += QStringLiteral(" (") + error.detail + QLatin1Char(')');
    return {Finding{name, Severity::High, definition ? definition->title : name, error.message,
                    evidence, remediationFor(error), QString(), 0}};
}

} // namespace rediscope
