#include "AuditJsonWriter.h"

#include "report/AuditReportSupport.h"
#include "report/InspectJsonWriter.h"

#include <QJsonArray>
#include <cmath>

namespace rediscope {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue boolOrNull(const std::optional<bool>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue intOrNull(const std::optional<int>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

double roundedMs(double ms)
{
    return std::round(ms * 100.0) / 100.0;
}

} // namespace

QJsonObject auditFindingToJson(const Finding& finding)
{
    QJsonObject object{
        {QStringLiteral("id"), finding.id},
        {QStringLiteral("severity"), severityName(finding.severity)},
        {QStringLiteral("title"), finding.title},
        {QStringLiteral("detail"), finding.detail},
        {QStringLiteral("evidence"), finding.evidence},
        {QStringLiteral("remediation"), finding.remediation},
    };
    if (!finding.file.isEmpty())
        object.insert(QStringLiteral("file"), finding.file);
    if (finding.line > 0)
        object.insert(QStringLiteral("line"), finding.line);
    return object;
}

QJsonObject auditProbeToJson(const ProbeResult& probe)
{
    QJsonObject protocols;
    QJsonObject ciphers;
    QJsonObject protocolNotes;
    for (const ProbedProtocol& protocol : probe.protocols) {
        protocols.insert(protocol.name, boolOrNull(protocol.accepted));
        if (protocol.accepted.value_or(false))
            ciphers.insert(protocol.name, QJsonArray::fromStringList(protocol.suiteNames()));
        if (!protocol.note.isEmpty())
            protocolNotes.insert(protocol.name, protocol.note);
    }
    return QJsonObject{
        {QStringLiteral("protocols"), protocols},
        {QStringLiteral("ciphers"), ciphers},
        {QStringLiteral("groups"), QJsonArray::fromStringList(probe.groupNames())},
        {QStringLiteral("ms"), roundedMs(probe.ms)},
        {QStringLiteral("server_cipher_order"), boolOrNull(probe.serverCipherOrder)},
        {QStringLiteral("secure_renegotiation"), boolOrNull(probe.secureRenegotiation)},
        {QStringLiteral("min_dhe_bits"), intOrNull(probe.minDheBits)},
        {QStringLiteral("min_ecdhe_bits"), intOrNull(probe.minEcdheBits)},
        {QStringLiteral("client_cert_requested"), probe.clientCertRequested},
        {QStringLiteral("client_cert_required"), boolOrNull(probe.clientCertRequired)},
        {QStringLiteral("handshakes"), probe.handshakes},
        {QStringLiteral("complete"), probe.complete()},
        {QStringLiteral("errors"), QJsonArray::fromStringList(probe.errors)},
        {QStringLiteral("notes"), QJsonArray::fromStringList(probe.notes)},
        {QStringLiteral("protocol_notes"), protocolNotes},
    };
}

QJsonObject auditTargetToJson(const AuditResult& result, const QDateTime& now)
{
    const QJsonValue null(QJsonValue::Null);
    QJsonObject target = inspectTargetToJson(result.inspect, now);

    const bool named = !result.fromUrl && !result.profile.name.isEmpty();
    target.insert(QStringLiteral("profile"), named ? QJsonValue(result.profile.name) : null);
    target.insert(QStringLiteral("profile_id"),
                  !result.fromUrl && !result.profile.id.isNull()
                      ? QJsonValue(result.profile.id.toString(QUuid::WithoutBraces))
                      : null);
    target.insert(QStringLiteral("environment"), stringOrNull(auditEnvironment(result)));
    target.insert(QStringLiteral("policy"), policyKindName(result.policy.kind));
    target.insert(QStringLiteral("service"), stringOrNull(result.profile.service));
    target.insert(QStringLiteral("source"),
                  result.sourceFile.isEmpty()
                      ? null
                      : QJsonValue(QJsonObject{
                            {QStringLiteral("file"), result.sourceFile},
                            {QStringLiteral("line"),
                             result.sourceLine > 0 ? QJsonValue(result.sourceLine) : null},
                        }));
    target.insert(QStringLiteral("probe"),
                  result.probe ? QJsonValue(auditProbeToJson(*result.probe)) : null);

    QJsonArray findings;
    for (const Finding& finding : result.findings)
        findings.append(auditFindingToJson(finding));
    target.insert(QStringLiteral("findings"), findings);

    target.insert(QStringLiteral("grade"), stringOrNull(result.grade.grade));
    target.insert(QStringLiteral("grade_if_trust_fixed"), stringOrNull(result.grade.ifTrustFixed));
    target.insert(QStringLiteral("grade_reasons"),
                  QJsonArray::fromStringList(result.grade.reasons));
    target.insert(QStringLiteral("ms"), roundedMs(result.ms));
    return target;
}

QJsonObject auditSummaryToJson(const QList<AuditResult>& results)
{
    const SeverityCounts counts(results);
    QJsonObject summary{
        {QStringLiteral("targets"), static_cast<int>(results.size())},
        {QStringLiteral("findings"), counts.total()},
    };
    for (Severity severity : SeverityCounts::allWorstFirst())
        summary.insert(severityName(severity), counts.count(severity));
    const auto worst = counts.worst();
    summary.insert(QStringLiteral("worst"),
                   worst ? QJsonValue(severityName(*worst)) : QJsonValue(QJsonValue::Null));
    return summary;
}

QJsonObject auditDocument(const QList<AuditResult>& results, const QDateTime& generatedAt)
{
    QJsonArray targets;
    for (const AuditResult& result : results)
        targets.append(auditTargetToJson(result, generatedAt));
    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("rediscope-audit/1")},
        {QStringLiteral("tool"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("rediscope")},
             {QStringLiteral("version"), QStringLiteral(REDISCOPE_VERSION)},
         }},
        {QStringLiteral("generated_at"), rfc3339Utc(generatedAt)},
        {QStringLiteral("summary"), auditSummaryToJson(results)},
        {QStringLiteral("targets"), targets},
    };
}

} // namespace rediscope
