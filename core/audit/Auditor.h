#pragma once

#include "audit/AuditResult.h"
#include "common/CancelToken.h"

#include <functional>

namespace rediscope {

// Runs audits: connection (staged inspect) → server configuration reads on the same
// connection → the active TLS probe → every check → the grade. Blocking; call it off the GUI
// thread. Checks never do I/O; I/O never decides severity.
class Auditor
{
public:
    using Progress = std::function<void(int done, int total)>;

    // `progress`, on the calling thread, counts steps: the connection, each probe handshake
    // (the total grows as the probe plans more) and the checks; done == total at the end.
    static AuditResult auditOne(const AuditTarget& target, const AuditOptions& options,
                                const CancelToken& cancel = {}, const Progress& progress = {});

    // All targets concurrently (bounded), then the cross-environment checks. Results come back
    // in the order of `targets`.
    static QList<AuditResult> auditAll(const QList<AuditTarget>& targets,
                                       const AuditOptions& options, const CancelToken& cancel = {},
                                       const Progress& progress = {});
};

} // namespace rediscope
