#pragma once

#include "audit/AuditTarget.h"
#include "audit/Finding.h"
#include "audit/Grade.h"
#include "audit/ServerChecks.h"
#include "inspect/InspectResult.h"
#include "tls/ProbeResult.h"

#include <optional>

namespace rediscope {

// Everything the audit of one target observed and concluded. Holds no secret.
struct AuditResult
{
    Profile profile; // inline secrets cleared
    EnvironmentPolicy policy;
    QString sourceFile;
    int sourceLine = 0;
    bool fromUrl = false;

    InspectResult inspect;
    std::optional<ProbeResult> probe;
    std::optional<ServerConfig> serverConfig; // what CONFIG GET returned (secrets never read)
    RuntimeFacts runtime;

    QList<Finding> findings; // worst first
    GradeResult grade;
    double ms = 0.0;

    // The worst severity among the findings; nullopt when there are none.
    std::optional<Severity> worstSeverity() const;
};

} // namespace rediscope
