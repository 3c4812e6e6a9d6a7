#pragma once

#include <QString>

namespace rediscope {

// A TLS alert description (RFC 8446 §6) in words, with the likely cause in a client's view.
struct TlsAlert
{
    enum : int
    {
        CloseNotify = 0,
        UnexpectedMessage = 10,
        BadRecordMac = 20,
        HandshakeFailure = 40,
        BadCertificate = 42,
        UnsupportedCertificate = 43,
        CertificateRevoked = 44,
        CertificateExpired = 45,
        CertificateUnknown = 46,
        IllegalParameter = 47,
        UnknownCa = 48,
        AccessDenied = 49,
        DecodeError = 50,
        DecryptError = 51,
        ProtocolVersion = 70,
        InsufficientSecurity = 71,
        InternalError = 80,
        InappropriateFallback = 86,
        UserCanceled = 90,
        MissingExtension = 109,
        UnsupportedExtension = 110,
        UnrecognizedName = 112,
        BadCertificateStatusResponse = 113,
        UnknownPskIdentity = 115,
        CertificateRequired = 116,
        NoApplicationProtocol = 120,
    };

    int description = -1;

    QString name() const;        // "protocol version"
    QString likelyCause() const; // a sentence: what probably went wrong and what to try
    // Alerts a server sends when it does not accept the client's certificate (or its absence).
    bool meansClientCertificateProblem() const;
};

} // namespace rediscope
