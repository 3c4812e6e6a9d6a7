#pragma once

#include "audit/AuditResult.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>

namespace rediscope {

// What every audit report writer shares: how a target is named, the check families, severity
// counts and the order targets are shown in.

// The families of the audit, in report order: profile, conn, tls, cert, server, env.
// (config.* belongs to `lint-config` only.)
QStringList auditFamilies();

// The family of a finding id: the part before the first dot ("cert.expired" → "cert").
QString findingFamily(const QString& id);

// "rediss://host:6380" (redis:// without TLS): scheme, host and port only, never user
// information or the database. IPv6 literals are bracketed. From what the connection used, or
// from the profile when the connection did not record an endpoint.
QString auditEndpointUri(const AuditResult& result);

// The name reports give a target: the profile's name, or the endpoint URI for a URL target or a
// profile without a name.
QString auditTargetName(const AuditResult& result);

// The target's environment: the profile's, else the policy's name, else the inspection's.
QString auditEnvironment(const AuditResult& result);

// "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO".
QString severityWord(Severity severity);

// Counts of findings per severity.
class SeverityCounts
{
public:
    SeverityCounts() = default;
    explicit SeverityCounts(const QList<Finding>& findings);
    explicit SeverityCounts(const QList<AuditResult>& results);

    void add(Severity severity) { ++m_counts[index(severity)]; }
    int count(Severity severity) const { return m_counts[index(severity)]; }
    int total() const;
    std::optional<Severity> worst() const;
    // "1 critical, 2 high, 0 medium, 0 low, 0 info"
    QString summary() const;
    // Only the severities that occur: "1 critical, 2 high"; "no findings" when there are none.
    QString shortSummary() const;

    // Worse first: by the worst severity, then by the number of findings at each severity from
    // critical down. Negative when this is worse than `other`, 0 when equal.
    int compareWorseFirst(const SeverityCounts& other) const;

    // Every severity, worst first.
    static std::array<Severity, 5> allWorstFirst();

private:
    static std::size_t index(Severity severity) { return static_cast<std::size_t>(severity); }
    std::array<int, 5> m_counts{};
};

// Indexes into `results`, worst target first (SeverityCounts::compareWorseFirst), ties kept in
// input order.
QList<qsizetype> worstTargetsFirst(const QList<AuditResult>& results);

// Text from the network or a file made safe for a terminal or a single-line field: control
// characters (ESC above all) and bidirectional overrides are shown as \xNN escapes.
QString reportSafeText(const QString& text);

} // namespace rediscope
