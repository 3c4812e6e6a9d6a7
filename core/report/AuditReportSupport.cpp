#include "AuditReportSupport.h"

#include <algorithm>
#include <numeric>

namespace rediscope {

QStringList auditFamilies()
{
    return {QStringLiteral("profile"), QStringLiteral("conn"),   QStringLiteral("tls"),
            QStringLiteral("cert"),    QStringLiteral("server"), QStringLiteral("env")};
}

QString findingFamily(const QString& id)
{
    return id.section(QLatin1Char('.'), 0, 0);
}

QString auditEndpointUri(const AuditResult& result)
{
    QString host = result.inspect.endpoint.host;
    quint16 port = result.inspect.endpoint.port;
    bool tls = result.inspect.endpoint.tls;
    if (host.isEmpty()) {
        host = result.profile.host;
        port = result.profile.port;
        tls = result.profile.tls.enabled;
    }
    if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return (tls ? QStringLiteral("rediss://") : QStringLiteral("redis://")) + host +
           QLatin1Char(':') + QString::number(port);
}

QString auditTargetName(const AuditResult& result)
{
    if (result.fromUrl || result.profile.name.trimmed().isEmpty())
        return auditEndpointUri(result);
    return result.profile.name;
}

QString auditEnvironment(const AuditResult& result)
{
    if (!result.profile.environment.isEmpty())
        return result.profile.environment;
    if (!result.policy.name.isEmpty())
        return result.policy.name;
    return result.inspect.environment;
}

QString severityWord(Severity severity)
{
    return severityName(severity).toUpper();
}

SeverityCounts::SeverityCounts(const QList<Finding>& findings)
{
    for (const Finding& finding : findings)
        add(finding.severity);
}

SeverityCounts::SeverityCounts(const QList<AuditResult>& results)
{
    for (const AuditResult& result : results)
        for (const Finding& finding : result.findings)
            add(finding.severity);
}

int SeverityCounts::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), 0);
}

std::optional<Severity> SeverityCounts::worst() const
{
    for (Severity severity : allWorstFirst())
        if (count(severity) > 0)
            return severity;
    return std::nullopt;
}

QString SeverityCounts::summary() const
{
    QStringList parts;
    for (Severity severity : allWorstFirst())
        parts << QStringLiteral("%1 %2").arg(count(severity)).arg(severityName(severity));
    return parts.join(QStringLiteral(", "));
}

QString SeverityCounts::shortSummary() const
{
    QStringList parts;
    for (Severity severity : allWorstFirst())
        if (count(severity) > 0)
            parts << QStringLiteral("%1 %2").arg(count(severity)).arg(severityName(severity));
    return parts.isEmpty() ? QStringLiteral("no findings") : parts.join(QStringLiteral(", "));
}

int SeverityCounts::compareWorseFirst(const SeverityCounts& other) const
{
    for (Severity severity : allWorstFirst()) {
        if (count(severity) != other.count(severity))
            return count(severity) > other.count(severity) ? -1 : 1;
    }
    return 0;
}

std::array<Severity, 5> SeverityCounts::allWorstFirst()
{
    return {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};
}

QList<qsizetype> worstTargetsFirst(const QList<AuditResult>& results)
{
    QList<qsizetype> order(results.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    QList<SeverityCounts> counts;
    counts.reserve(results.size());
    for (const AuditResult& result : results)
        counts << SeverityCounts(result.findings);
    std::stable_sort(order.begin(), order.end(), [&counts](qsizetype a, qsizetype b) {
        return counts.at(a).compareWorseFirst(counts.at(b)) < 0;
    });
    return order;
}

QString reportSafeText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bidi = (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069);
        if (c.category() == QChar::Other_Control || bidi)
            out += QStringLiteral("\\x%1").arg(static_cast<uint>(u), u > 0xFF ? 4 : 2, 16,
                                               QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace rediscope
