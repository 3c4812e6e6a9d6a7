#pragma once

#include "common/Error.h"

#include <QString>

namespace rediscope::hostile {

// The certificates the hostile servers present, generated with the OpenSSL API into a directory
// at run time (never committed). One CA signs them all; every NAME.pem holds the chain the
// server sends, NAME.key its key (EC P-256, shared: key generation is not what is tested).
//  - good:        a sane leaf for 127.0.0.1 and localhost
//  - chain-100:   that leaf followed by 99 intermediate CAs, a 100-certificate chain
//  - cert-1mib:   a leaf of more than 1 MiB (a huge comment extension)
//  - absurd-cert: a leaf with absurd fields: a 10,000-character CN, 100 OUs, 1,000 SANs, a
//                 negative serial number, valid from 1950 to 9999
class HostilePki
{
public:
    static Result<HostilePki> generate(const QString& directory);

    QString directory() const { return m_directory; }
    QString caFile() const { return m_directory + QStringLiteral("/ca.pem"); }

private:
    QString m_directory;
};

} // namespace rediscope::hostile
