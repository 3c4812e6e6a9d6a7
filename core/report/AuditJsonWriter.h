#pragma once

#include "audit/AuditResult.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace rediscope {

// The audit JSON (`rediscope audit --format json`, schema "rediscope-audit/1", PRODUCT.md
// "Audit JSON"; the JSON Schema is docs/audit-schema.json). A target object is the inspect
// writer's (inspectTargetToJson) with the audit's facts filled in. Beyond the documented fields a
// target carries: profile_id, policy (the built-in policy its environment is judged by), source
// ({file, line} of the profile in the profiles file, or null), ms (the whole audit of the
// target), grade_if_trust_fixed, grade_reasons; the probe carries server_cipher_order,
// secure_renegotiation, min_dhe_bits, min_ecdhe_bits, client_cert_requested,
// client_cert_required, handshakes, complete, errors, notes and protocol_notes; findings carry
// file and line when the finding has a location. The document has a top-level "summary".
// Absent values are JSON null, never an empty string. Nothing secret is written.

// One finding: id, severity, title, detail, evidence, remediation (+ file, line when set).
QJsonObject auditFindingToJson(const Finding& finding);

// The probe object: protocols (true / false / null = not testable), ciphers per accepted
// version, groups, ms and the extras above.
QJsonObject auditProbeToJson(const ProbeResult& probe);

// One `targets[i]` object. `now` is the reference time for certificates' `days_left`.
QJsonObject auditTargetToJson(const AuditResult& result,
                              const QDateTime& now = QDateTime::currentDateTimeUtc());

// {"targets": n, "findings": n, "critical": n, "high": n, "medium": n, "low": n, "info": n,
//  "worst": "high" | null}
QJsonObject auditSummaryToJson(const QList<AuditResult>& results);

// The whole document: schema, tool, generated_at (RFC 3339 UTC), summary and targets.
QJsonObject auditDocument(const QList<AuditResult>& results,
                          const QDateTime& generatedAt = QDateTime::currentDateTimeUtc());

} // namespace rediscope
