#pragma once

#include "audit/Finding.h"
#include "profile/EnvironmentPolicy.h"
#include "tls/TlsFacts.h"

#include <QDateTime>

namespace rediscope {

// cert.*: the chain the server presented, as recorded by the TLS session (CHECKS.md).
// `caPinned`: the profile names its own CA (file or dir), so a self-signed leaf it trusts is
// pinned, not merely self-signed.
QList<Finding> checkCertificates(const TlsFacts& facts, const EnvironmentPolicy& policy,
                                 bool caPinned,
                                 const QDateTime& now = QDateTime::currentDateTimeUtc());

// X509_V_ERR codes that mean "no path to a trust anchor" (as opposed to time or policy errors).
bool isTrustError(int verifyCode);

} // namespace rediscope
