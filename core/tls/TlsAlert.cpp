#include "TlsAlert.h"

namespace rediscope {

QString TlsAlert::name() const
{
    switch (description) {
    case CloseNotify:
        return QStringLiteral("close notify");
    case UnexpectedMessage:
        return QStringLiteral("unexpected message");
    case BadRecordMac:
        return QStringLiteral("bad record MAC");
    case HandshakeFailure:
        return QStringLiteral("handshake failure");
    case BadCertificate:
        return QStringLiteral("bad certificate");
    case UnsupportedCertificate:
        return QStringLiteral("unsupported certificate");
    case CertificateRevoked:
        return QStringLiteral("certificate revoked");
    case CertificateExpired:
        return QStringLiteral("certificate expired");
    case CertificateUnknown:
        return QStringLiteral("certificate unknown");
    case IllegalParameter:
        return QStringLiteral("illegal parameter");
    case UnknownCa:
        return QStringLiteral("unknown CA");
    case AccessDenied:
        return QStringLiteral("access denied");
    case DecodeError:
        return QStringLiteral("decode error");
    case DecryptError:
        return QStringLiteral("decrypt error");
    case ProtocolVersion:
        return QStringLiteral("protocol version");
    case InsufficientSecurity:
        return QStringLiteral("insufficient security");
    case InternalError:
        return QStringLiteral("internal error");
    case InappropriateFallback:
        return QStringLiteral("inappropriate fallback");
    case UserCanceled:
        return QStringLiteral("user canceled");
    case MissingExtension:
        return QStringLiteral("missing extension");
    case UnsupportedExtension:
        return QStringLiteral("unsupported extension");
    case UnrecognizedName:
        return QStringLiteral("unrecognized name");
    case BadCertificateStatusResponse:
        return QStringLiteral("bad certificate status response");
    case UnknownPskIdentity:
        return QStringLiteral("unknown PSK identity");
    case CertificateRequired:
        return QStringLiteral("certificate required");
    case NoApplicationProtocol:
        return QStringLiteral("no application protocol");
    default:
        return QStringLiteral("alert %1").arg(description);
    }
}

QString TlsAlert::likelyCause() const
{
    switch (description) {
    case ProtocolVersion:
        return QStringLiteral("the server and this profile have no TLS version in common; check "
                              "the profile's minimum/maximum version against the server's "
                              "tls-protocols.");
    case HandshakeFailure:
        return QStringLiteral("no cipher suite or key-exchange group in common, or the server "
                              "requires a client certificate; compare the cipher settings on "
                              "both sides.");
    case InsufficientSecurity:
        return QStringLiteral("the server requires stronger ciphers than this profile offers.");
    case UnrecognizedName:
        return QStringLiteral("the server does not know the SNI name sent; set the profile's SNI "
                              "to a name the server serves.");
    case BadCertificate:
    case UnsupportedCertificate:
    case CertificateUnknown:
    case UnknownCa:
    case CertificateExpired:
    case CertificateRevoked:
    case AccessDenied:
        return QStringLiteral("the server did not accept the client certificate; check that it is "
                              "signed by a CA the server trusts and is still valid.");
    case CertificateRequired:
        return QStringLiteral("the server requires a client certificate (mutual TLS); configure "
                              "one in the profile.");
    case InternalError:
        return QStringLiteral("the server hit an internal error; check its log and its "
                              "certificate and key configuration.");
    case DecodeError:
    case IllegalParameter:
    case UnexpectedMessage:
        return QStringLiteral("the server could not parse our handshake; a middlebox or a "
                              "non-TLS service may sit on this port.");
    default:
        return QStringLiteral("see the server's log for the reason.");
    }
}

bool TlsAlert::meansClientCertificateProblem() const
{
    switch (description) {
    case HandshakeFailure:
    case BadCertificate:
    case UnsupportedCertificate:
    case CertificateUnknown:
    case UnknownCa:
    case CertificateExpired:
    case CertificateRevoked:
    case AccessDenied:
    case CertificateRequired:
        return true;
    default:
        return false;
    }
}

} // namespace rediscope
