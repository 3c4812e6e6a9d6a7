#pragma once

#include <QByteArray>
#include <QString>

namespace rediscope {

// Client-side TLS settings for one connection.
struct TlsOptions
{
    bool verifyPeer = true;     // chain must verify against the CA (file/dir or system store)
    bool verifyHostname = true; // leaf must match the host (or SNI name) connected to
    QString sni;                // server name to send; empty: the host when it is a DNS name
    QString caFile;
    QString caDir;
    QString certFile;                                // client certificate (PEM), for mTLS
    QString keyFile;                                 // client private key (PEM)
    QByteArray keyPassphrase;                        // secret: never logged or shown
    QString minProtocol = QStringLiteral("TLSv1.2"); // TLSv1, TLSv1.1, TLSv1.2, TLSv1.3
    QString maxProtocol;                             // empty: the highest supported
    QString ciphers;        // OpenSSL cipher list for TLS <= 1.2; empty: OpenSSL's default
    QString ciphersuites;   // TLS 1.3 suites; empty: OpenSSL's default
    int securityLevel = -1; // OpenSSL security level; -1: default (0 when TLS < 1.2 is allowed)
};

// OpenSSL's protocol version constant for "TLSv1.2" and friends (also accepts "1.2"); 0 if unknown.
int protocolVersionFromName(const QString& name);
// Canonical OpenSSL spelling ("TLSv1.2") for a user-supplied version, or an empty string.
QString canonicalProtocolName(const QString& name);

} // namespace rediscope
