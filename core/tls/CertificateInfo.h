#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace rediscope {

// Everything Rediscope shows about one X.509 certificate. A plain value; built from DER or PEM.
struct CertificateInfo
{
    QString subject; // RFC 2253, e.g. "CN=localhost,O=Rediscope Lab"
    QString issuer;
    QString commonName;
    QString serial;      // hex, upper case, no separators; "-" prefix for a negative serial
    QDateTime notBefore; // UTC
    QDateTime notAfter;  // UTC
    QString sha256;      // hex fingerprint of the DER, lower case
    QString keyType;     // RSA, EC, Ed25519, Ed448, DSA, DH, unknown
    int keyBits = 0;
    QString curve;              // EC curve name, when keyType is EC
    QString signatureAlgorithm; // e.g. sha256WithRSAEncryption
    QStringList san;            // "DNS:localhost", "IP:127.0.0.1", "email:…", "URI:…"
    bool hasSanExtension = false;
    bool isCa = false;
    int pathLength = -1;          // basicConstraints pathlen, -1 when absent
    bool selfSigned = false;      // subject == issuer and the signature verifies with its own key
    QStringList keyUsage;         // digitalSignature, keyEncipherment, keyCertSign, …
    QStringList extendedKeyUsage; // serverAuth, clientAuth, …
    bool hasExtendedKeyUsage = false;
    QByteArray der;
    QStringList verifyErrors; // filled by the TLS session: what verification said about it

    QByteArray pem() const;
    int daysLeft(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    static Result<CertificateInfo> fromDer(const QByteArray& der);
    // All certificates in a PEM text, in order.
    static Result<QList<CertificateInfo>> fromPem(const QByteArray& pem);
};

} // namespace rediscope
