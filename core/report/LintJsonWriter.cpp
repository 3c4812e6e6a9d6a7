#include "LintJsonWriter.h"

#include "report/AuditJsonWriter.h"
#include "report/AuditReportSupport.h"
#include "report/InspectJsonWriter.h"

#include <QJsonArray>

namespace rediscope {

QJsonObject lintDocument(const ServerConfig& config, const QString& environment,
                         const QList<Finding>& findings, const QDateTime& generatedAt)
{
    QList<Finding> sorted = findings;
    sortFindings(sorted);
    QJsonArray list;
    for (const Finding& finding : std::as_const(sorted))
        list.append(auditFindingToJson(finding));

    const SeverityCounts counts(sorted);
    QJsonObject summary{{QStringLiteral("findings"), counts.total()}};
    for (Severity severity : SeverityCounts::allWorstFirst())
        summary.insert(severityName(severity), counts.count(severity));
    const auto worst = counts.worst();
    summary.insert(QStringLiteral("worst"),
                   worst ? QJsonValue(severityName(*worst)) : QJsonValue(QJsonValue::Null));

    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("rediscope-lint/1")},
        {QStringLiteral("tool"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("rediscope")},
             {QStringLiteral("version"), QStringLiteral(REDISCOPE_VERSION)},
         }},
        {QStringLiteral("generated_at"), rfc3339Utc(generatedAt)},
        {QStringLiteral("file"), config.source},
        {QStringLiteral("kind"), serverKindName(config.kind)},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("files"), QJsonArray::fromStringList(config.files)},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("findings"), list},
    };
}

} // namespace rediscope
