#pragma once

// The configuration lint fuzz targets: the input is written to a scratch file (the readers take
// a path, for includes) in a directory of its own, read as the given kind, and linted as
// `rediscope lint-config` does, JSON report included.

#include "FuzzSupport.h"
#include "audit/ConfigChecks.h"
#include "report/LintJsonWriter.h"
#include "server/ConfigLoader.h"

#include <QDateTime>

namespace rediscope::fuzz {

inline int lintOne(const uint8_t* data, size_t size, ServerKind kind)
{
    static const bool quiet = (quietQt(), true);
    Q_UNUSED(quiet);
    static ScratchFile file(QStringLiteral("server.conf"));
    const QByteArray input = bytes(data, size);
    (void)detectConfigKind(input);
    if (!file.write(input))
        return 0;
    auto config = loadServerConfig(file.path(), kind);
    if (!config)
        return 0;
    const EnvironmentPolicy policy =
        EnvironmentPolicies().forEnvironment(QStringLiteral("production"));
    const QList<Finding> findings = lintConfig(*config, policy);
    (void)lintDocument(*config, policy.name, findings,
                       QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    return 0;
}

} // namespace rediscope::fuzz
