#include "AuditJunitWriter.h"

#include "report/AuditReportSupport.h"

#include <QXmlStreamWriter>
#include <algorithm>

namespace rediscope {

namespace {

// XML 1.0 cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF: show them as
// \xNN escapes. Tabs and line breaks stay.
QString xmlSafe(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        const bool allowed = u == 0x9 || u == 0xA || u == 0xD ||
                             (u >= 0x20 && u != 0xFFFE && u != 0xFFFF && !c.isSurrogate());
        if (allowed)
            out += c;
        else
            out += QStringLiteral("\\x%1").arg(static_cast<uint>(u), u > 0xFF ? 4 : 2, 16,
                                               QLatin1Char('0'));
    }
    return out;
}

QString seconds(double ms)
{
    return QString::number(std::max(0.0, ms) / 1000.0, 'f', 3);
}

QString describe(const Finding& finding)
{
    QString text =
        QStringLiteral("%1 %2 — %3").arg(severityWord(finding.severity), finding.id, finding.title);
    if (!finding.detail.isEmpty())
        text += QStringLiteral("\n  ") + finding.detail;
    if (!finding.evidence.isEmpty())
        text += QStringLiteral("\n  Evidence: ") + finding.evidence;
    if (!finding.remediation.isEmpty())
        text += QStringLiteral("\n  Remediation: ") + finding.remediation;
    if (!finding.file.isEmpty())
        text += QStringLiteral("\n  At: ") + finding.file +
                (finding.line > 0 ? QLatin1Char(':') + QString::number(finding.line) : QString());
    return text;
}

// Why a family without findings could not be checked; empty when it was checked.
QString skipReason(const AuditResult& result, const QString& family)
{
    if (family == QLatin1String("tls") && !result.probe) {
        if (!result.profile.tls.enabled && !result.inspect.endpoint.tls)
            return QStringLiteral("TLS is off in the profile: there is nothing to probe");
        return QStringLiteral("the TLS probe did not run (--no-probe, or the server could not "
                              "be reached)");
    }
    if (family == QLatin1String("cert") && !result.inspect.tls)
        return QStringLiteral("no TLS handshake completed: there is no certificate to check");
    if (family == QLatin1String("server") && !result.serverConfig &&
        !result.runtime.configUnreadable)
        return QStringLiteral("the server's configuration was not read (the connection did not "
                              "get that far)");
    if (family == QLatin1String("env") && result.profile.service.isEmpty())
        return QStringLiteral("the target belongs to no service: nothing to compare across "
                              "environments");
    return QString();
}

struct FamilyCase
{
    QString family;
    QList<Finding> failing;
    QList<Finding> passing;
    QString skipped;
    double ms = 0.0;
};

QList<FamilyCase> familyCases(const AuditResult& result, std::optional<Severity> failAt)
{
    QStringList families = auditFamilies();
    for (const Finding& finding : result.findings)
        if (!families.contains(findingFamily(finding.id)))
            families << findingFamily(finding.id);

    QList<FamilyCase> cases;
    for (const QString& family : std::as_const(families)) {
        FamilyCase entry;
        entry.family = family;
        for (const Finding& finding : result.findings) {
            if (findingFamily(finding.id) != family)
                continue;
            if (failAt && finding.severity >= *failAt)
                entry.failing << finding;
            else
                entry.passing << finding;
        }
        if (entry.failing.isEmpty() && entry.passing.isEmpty())
            entry.skipped = skipReason(result, family);
        if (family == QLatin1String("conn"))
            entry.ms = result.inspect.totalMs;
        else if (family == QLatin1String("tls") && result.probe)
            entry.ms = result.probe->ms;
        cases << entry;
    }
    return cases;
}

void writeCase(QXmlStreamWriter& xml, const QString& target, const FamilyCase& entry,
               std::optional<Severity> failAt)
{
    xml.writeStartElement(QStringLiteral("testcase"));
    xml.writeAttribute(QStringLiteral("classname"), xmlSafe(target));
    xml.writeAttribute(QStringLiteral("name"), entry.family);
    xml.writeAttribute(QStringLiteral("time"), seconds(entry.ms));
    if (!entry.skipped.isEmpty()) {
        xml.writeStartElement(QStringLiteral("skipped"));
        xml.writeAttribute(QStringLiteral("message"), entry.skipped);
        xml.writeEndElement();
    }
    if (!entry.failing.isEmpty()) {
        QStringList ids;
        QStringList bodies;
        for (const Finding& finding : entry.failing) {
            ids << QStringLiteral("%1 (%2)").arg(finding.id, severityName(finding.severity));
            bodies << describe(finding);
        }
        xml.writeStartElement(QStringLiteral("failure"));
        xml.writeAttribute(
            QStringLiteral("message"),
            xmlSafe(QStringLiteral("%1 finding%2 at or above %3: %4")
                        .arg(entry.failing.size())
                        .arg(entry.failing.size() == 1 ? QString() : QStringLiteral("s"))
                        .arg(severityName(*failAt), ids.join(QStringLiteral(", ")))));
        const auto worst = std::max_element(
            entry.failing.begin(), entry.failing.end(),
            [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
        xml.writeAttribute(QStringLiteral("type"), xmlSafe(worst->id));
        xml.writeCharacters(xmlSafe(bodies.join(QStringLiteral("\n\n"))));
        xml.writeEndElement();
    }
    if (!entry.passing.isEmpty()) {
        QStringList bodies;
        for (const Finding& finding : entry.passing)
            bodies << describe(finding);
        xml.writeTextElement(QStringLiteral("system-out"),
                             xmlSafe(bodies.join(QStringLiteral("\n\n"))));
    }
    xml.writeEndElement();
}

void writeProperty(QXmlStreamWriter& xml, const QString& name, const QString& value)
{
    xml.writeStartElement(QStringLiteral("property"));
    xml.writeAttribute(QStringLiteral("name"), name);
    xml.writeAttribute(QStringLiteral("value"), xmlSafe(value));
    xml.writeEndElement();
}

} // namespace

QByteArray auditJunit(const QList<AuditResult>& results, std::optional<Severity> failAt,
                      const QDateTime& timestamp)
{
    struct Suite
    {
        QString name;
        const AuditResult* result;
        QList<FamilyCase> cases;
        int failures = 0;
        int skipped = 0;
    };
    QList<Suite> suites;
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    double ms = 0.0;
    for (const AuditResult& result : results) {
        Suite suite{auditTargetName(result), &result, familyCases(result, failAt)};
        for (const FamilyCase& entry : std::as_const(suite.cases)) {
            suite.failures += entry.failing.isEmpty() ? 0 : 1;
            suite.skipped += entry.skipped.isEmpty() ? 0 : 1;
        }
        tests += static_cast<int>(suite.cases.size());
        failures += suite.failures;
        skipped += suite.skipped;
        ms += result.ms;
        suites << suite;
    }

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("rediscope audit"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    xml.writeAttribute(QStringLiteral("time"), seconds(ms));

    const QString stamp = timestamp.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    for (const Suite& suite : std::as_const(suites)) {
        const AuditResult& result = *suite.result;
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), xmlSafe(suite.name));
        xml.writeAttribute(QStringLiteral("tests"), QString::number(suite.cases.size()));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(suite.failures));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("skipped"), QString::number(suite.skipped));
        xml.writeAttribute(QStringLiteral("time"), seconds(result.ms));
        if (timestamp.isValid())
            xml.writeAttribute(QStringLiteral("timestamp"), stamp);

        xml.writeStartElement(QStringLiteral("properties"));
        writeProperty(xml, QStringLiteral("endpoint"), auditEndpointUri(result));
        writeProperty(xml, QStringLiteral("environment"), auditEnvironment(result));
        if (!result.fromUrl && !result.profile.name.isEmpty())
            writeProperty(xml, QStringLiteral("profile"), result.profile.name);
        if (!result.profile.service.isEmpty())
            writeProperty(xml, QStringLiteral("service"), result.profile.service);
        writeProperty(xml, QStringLiteral("grade"),
                      result.grade.grade.isEmpty() ? QStringLiteral("none") : result.grade.grade);
        writeProperty(xml, QStringLiteral("fail_on"),
                      failAt ? severityName(*failAt) : QStringLiteral("never"));
        xml.writeEndElement();

        for (const FamilyCase& entry : suite.cases)
            writeCase(xml, suite.name, entry, failAt);
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace rediscope
