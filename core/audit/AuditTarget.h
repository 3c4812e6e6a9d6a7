#pragma once

#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

namespace rediscope {

class SharedProbes;

// One thing to audit: a profile (from the profiles file, or made from a URL and options), the
// secrets resolved for it, and the policy of its environment. The secrets are used for the
// connection only and never copied into the result.
struct AuditTarget
{
    Profile profile;
    QByteArray password;
    QByteArray keyPassphrase;
    EnvironmentPolicy policy;
    QString sourceFile; // the profiles file it came from (SARIF locations); empty for a URL
    int sourceLine = 0; // 1-based line of the profile in that file, when known
    bool fromUrl = false;
};

struct AuditOptions
{
    bool probe = true;         // the active TLS probe (--no-probe skips it)
    int probeParallelism = 0;  // probe connections in flight per server; 0: automatic (see
                               // ProbeOptions::parallelism)
    int targetConcurrency = 8; // targets audited at once
    // Set by Auditor::auditAll: the targets of one run share the probe of an endpoint.
    SharedProbes* sharedProbes = nullptr;
};

} // namespace rediscope
