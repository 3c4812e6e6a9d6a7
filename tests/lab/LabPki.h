#pragma once

#include "common/Error.h"

#include <QString>

namespace rediscope::lab {

// The lab's throwaway PKI, generated with the OpenSSL API into a directory at run time (never
// committed): a root CA, an intermediate CA, server certificates good and bad, a client
// certificate. Every server certificate file holds the chain the server should send.
class LabPki
{
public:
    static Result<LabPki> generate(const QString& directory);

    QString directory() const { return m_directory; }
    QString rootCa() const { return path(QStringLiteral("root-ca.pem")); }
    QString intermediateCa() const { return path(QStringLiteral("intermediate-ca.pem")); }
    QString clientCert() const { return path(QStringLiteral("client.pem")); }
    QString clientKey() const { return path(QStringLiteral("client.key")); }
    // Client certificates (same key) that expire in 20 days / expired 2 days ago.
    QString clientCertExpiring() const { return path(QStringLiteral("client-expiring.pem")); }
    QString clientCertExpired() const { return path(QStringLiteral("client-expired.pem")); }
    // Server certificate kinds: good, expired, not-yet-valid, wrong-host, self-signed,
    // weak-key, sha1, no-san. The .pem holds leaf (+ intermediate), the .key its key.
    QString serverCert(const QString& kind) const { return path(kind + QStringLiteral(".pem")); }
    QString serverKey(const QString& kind) const { return path(kind + QStringLiteral(".key")); }

private:
    QString path(const QString& name) const { return m_directory + QLatin1Char('/') + name; }
    QString m_directory;
};

} // namespace rediscope::lab
