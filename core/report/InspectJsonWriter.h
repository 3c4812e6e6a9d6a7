#pragma once

#include "inspect/InspectResult.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace rediscope {

// The audit JSON (schema "rediscope-audit/1", see PRODUCT.md "Audit JSON") for inspections.
// Beyond the documented fields a target carries: stages[].status, tls.peer_temp_key,
// tls.hostname_checked, tls.client_cert_requested, tls.client_cert_sent, tls.chain_sent_count,
// and per certificate sent_by_server, key_usage, extended_key_usage, days_left.
// Absent values are JSON null, never an empty string. Nothing secret is written: the result
// types hold no password, passphrase or key.

// One `targets[i]` object. `now` is the reference time for `days_left`.
QJsonObject inspectTargetToJson(const InspectResult& result,
                                const QDateTime& now = QDateTime::currentDateTimeUtc());

// The whole document: schema, tool name and version, generated_at (RFC 3339 UTC) and targets.
QJsonObject inspectDocument(const QList<InspectResult>& results,
                            const QDateTime& generatedAt = QDateTime::currentDateTimeUtc());

// The JSON name of a stage status: "ok", "warning", "failed", "skipped".
QString stageStatusName(StageResult::Status status);

// RFC 3339 in UTC with a "Z" suffix and whole seconds ("2025-01-31T12:00:00Z"); empty when
// the time is invalid.
QString rfc3339Utc(const QDateTime& time);

} // namespace rediscope
