#pragma once

#include "audit/Finding.h"
#include "server/ServerConfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace rediscope {

// The JSON report of `rediscope lint-config --format json`:
//   {"schema": "rediscope-lint/1", "tool": {"name", "version"}, "generated_at": RFC 3339 UTC,
//    "file": main file, "kind": "redis" | "dragonfly", "environment": policy name,
//    "files": [every file read], "summary": {"findings", "critical", …, "worst"},
//    "findings": [ {id, severity, title, detail, evidence, remediation, file, line} ]}
// Findings worst first. No secret: the configuration's secrets are never read into it.
QJsonObject lintDocument(const ServerConfig& config, const QString& environment,
                         const QList<Finding>& findings,
                         const QDateTime& generatedAt = QDateTime::currentDateTimeUtc());

} // namespace rediscope
