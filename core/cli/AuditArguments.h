#pragma once

#include "audit/Severity.h"
#include "common/Error.h"
#include "inspect/InspectRequest.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <optional>

namespace rediscope {

// The arguments of `rediscope audit`:
//     rediscope audit [<url>...] [--profiles FILE] [--profile NAME]... [--env ENV]...
//                     [--format text|json|sarif|junit|markdown] [--output FILE]
//                     [--fail-on critical|high|medium|low|never] [--no-probe]
//                     [--probe-connections N] [connection options]
// Connection options (those of `inspect`) apply to every URL target.
struct AuditArguments
{
    QList<InspectRequest> urlTargets; // one per URL, connection options applied
    QString profilesFile;             // empty: no profiles file (unless no URL: the default file)
    bool profilesFileGiven = false;
    QStringList profileNames; // --profile filters (exact names)
    QStringList environments; // --env filters
    QString format = QStringLiteral("text");
    QString output;                                  // empty: standard output
    std::optional<Severity> failOn = Severity::High; // nullopt: never
    bool probe = true;
    int probeConnections = 0; // --probe-connections: 1 … MaxProbeConnections; 0: automatic
    bool askPassword = false;
    bool help = false;

    static constexpr int MaxProbeConnections = 32; // ProbeOptions::MaxParallelism

    static Result<AuditArguments> parse(const QStringList& arguments,
                                        const QProcessEnvironment& environment);
    static QString usage();
};

} // namespace rediscope
