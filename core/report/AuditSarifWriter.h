#pragma once

#include "audit/AuditResult.h"
#include "audit/CheckRegistry.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace rediscope {

// SARIF 2.1.0 (`--format sarif`) for code-scanning services: one run, tool.driver "rediscope"
// with one rule per finding id that occurs (catalogue title, help text, family tag, a default
// level and a security-severity), one result per finding.
//
// Locations: a finding's own file/line (lint-config) first; else, for a target from a profiles
// file, that file at the profile's line; the target's endpoint is always added as a logical
// location ("rediss://host:port", kind "resource"). Artifact URIs are relative to
// `baseDirectory` (uriBaseId "SRCROOT", declared in originalUriBaseIds) when the file lies below
// it, else absolute file:// URIs. Each result has a stable partialFingerprints entry
// "rediscope/v1": sha256 of id, endpoint and profile (lint: id, file and detail).

struct SarifOptions
{
    QString toolVersion = QStringLiteral(REDISCOPE_VERSION);
    QString informationUri; // tool.driver.informationUri; omitted when empty
    QString baseDirectory;  // where relative artifact URIs start (e.g. the repository root)
};

// "error" (critical, high), "warning" (medium), "note" (low, info).
QString sarifLevel(Severity severity);

// The CVSS-like number code-scanning services rank by: critical 9.5, high 8.0, medium 5.5,
// low 3.0, info 0.0.
double sarifSecuritySeverity(Severity severity);

// A rule's default severity from the catalogue's wording: the first severity named, or for an
// environment-dependent row ("env (dev low, staging medium, prod high)") the production one —
// an unknown environment is judged as production. Nullopt when the text names none.
std::optional<Severity> catalogueDefaultSeverity(const QString& severityText);

// The SARIF log for audit results.
QJsonObject auditSarif(const QList<AuditResult>& results, const SarifOptions& options = {});

// The SARIF log for findings without a target (lint-config): located by their file and line.
QJsonObject findingsSarif(const QList<Finding>& findings, const SarifOptions& options = {});

} // namespace rediscope
