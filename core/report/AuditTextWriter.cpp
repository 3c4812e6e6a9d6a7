#include "AuditTextWriter.h"

#include "audit/Grade.h"
#include "common/Plural.h"
#include "report/AuditReportSupport.h"
#include "report/InspectJsonWriter.h"
#include "report/TerminalPaint.h"

#include <QStringList>
#include <algorithm>

namespace rediscope {

namespace {

constexpr qsizetype kWidth = 100;
constexpr qsizetype kFieldIndent = 2;
constexpr qsizetype kLabelWidth = 10;    // "Connection" and a gap come to 11
constexpr qsizetype kSeverityWidth = 10; // "CRITICAL" and two spaces

// Lays words out in lines of at most `width` characters; a single word longer than a line stays
// whole.
QStringList wrap(const QString& text, qsizetype width)
{
    width = std::max<qsizetype>(width, 20);
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (line.isEmpty())
            line = word;
        else if (line.size() + 1 + word.size() <= width)
            line += QLatin1Char(' ') + word;
        else {
            lines << line;
            line = word;
        }
    }
    if (!line.isEmpty() || lines.isEmpty())
        lines << line;
    return lines;
}

Paint severityPaint(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return Paint::BoldRed;
    case Severity::High:
        return Paint::Red;
    case Severity::Medium:
        return Paint::Yellow;
    case Severity::Low:
        return Paint::Cyan;
    case Severity::Info:
        return Paint::Dim;
    }
    return Paint::None;
}

Paint gradePaint(const QString& grade)
{
    if (grade == QLatin1String("A+") || grade == QLatin1String("A"))
        return Paint::Green;
    if (grade == QLatin1String("A-") || grade == QLatin1String("B"))
        return Paint::Yellow;
    return grade.isEmpty() ? Paint::None : Paint::Red;
}

class Report
{
public:
    explicit Report(bool colour)
        : m_colour(colour)
    {}

    QString paint(const QString& text, Paint paint) const
    {
        return paintText(text, paint, m_colour);
    }

    void line(const QString& text = QString()) { m_lines << text; }

    // `prefix` (visible width `prefixWidth`) then `text` wrapped, continuation lines aligned
    // under the text's first character.
    void wrapped(const QString& prefix, qsizetype prefixWidth, const QString& text)
    {
        const QStringList parts = wrap(text, kWidth - prefixWidth);
        const QString indent(prefixWidth, QLatin1Char(' '));
        for (qsizetype i = 0; i < parts.size(); ++i)
            line((i == 0 ? prefix : indent) + parts.at(i));
    }

    // "  Label     value"
    void field(const QString& label, const QString& value)
    {
        const QString prefix = QString(kFieldIndent, QLatin1Char(' ')) +
                               label.leftJustified(kLabelWidth) + QLatin1Char(' ');
        wrapped(prefix, prefix.size(), value);
    }

    QString severity(Severity severity) const
    {
        return paint(severityWord(severity), severityPaint(severity));
    }

    QString text() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }

private:
    bool m_colour;
    QStringList m_lines;
};

QString gradeText(const Report& report, const AuditResult& result)
{
    if (result.grade.grade.isEmpty())
        return QStringLiteral("not graded");
    QString text =
        QStringLiteral("Grade ") + report.paint(result.grade.grade, gradePaint(result.grade.grade));
    if (!result.grade.ifTrustFixed.isEmpty())
        text += QStringLiteral(" (%1 if trust were fixed)").arg(result.grade.ifTrustFixed);
    return text;
}

// "Grade T (A if trust were fixed) · worst HIGH · 1 high, 2 low"; when the worst finding is one
// the grade does not rate (access, profile, connection), it says so: "Grade A · worst CRITICAL
// (server.nopass, not graded) · …" — a good grade next to a critical finding is no contradiction.
QString targetSummary(const Report& report, const AuditResult& result)
{
    const SeverityCounts counts(result.findings);
    const auto worst = counts.worst();
    QString worstText = worst ? report.severity(*worst) : QStringLiteral("none");
    // (At F there is nothing to explain: the grade is as bad as it gets.)
    if (worst && !result.grade.grade.isEmpty() && result.grade.grade != QLatin1String("F")) {
        const auto atWorst = [&worst](const Finding& finding) {
            return finding.severity == *worst;
        };
        const auto first = std::find_if(result.findings.cbegin(), result.findings.cend(), atWorst);
        const bool noneGraded = std::none_of(
            result.findings.cbegin(), result.findings.cend(),
            [&atWorst](const Finding& finding) { return atWorst(finding) && isGraded(finding); });
        if (first != result.findings.cend() && noneGraded)
            worstText += QStringLiteral(" (%1, not graded)").arg(first->id);
    }
    return QStringLiteral("%1 · worst %2 · %3")
        .arg(gradeText(report, result), worstText, counts.shortSummary());
}

QString tlsLine(const AuditResult& result)
{
    if (!result.inspect.tls) {
        if (!result.inspect.endpoint.tls && !result.profile.tls.enabled)
            return QStringLiteral("off: the connection is plaintext");
        return QStringLiteral("no handshake completed");
    }
    const TlsFacts& tls = *result.inspect.tls;
    QStringList parts;
    parts << reportSafeText(tls.protocol);
    parts << reportSafeText(tls.cipherIana.isEmpty() ? tls.cipherOpenssl : tls.cipherIana);
    if (!tls.group.isEmpty())
        parts << reportSafeText(tls.group);
    QString text = parts.join(QStringLiteral(", "));
    text +=
        tls.verified
            ? QStringLiteral("; chain verified")
            : QStringLiteral("; chain NOT verified") +
                  (tls.verifyError.isEmpty()
                       ? QString()
                       : QStringLiteral(" (") + reportSafeText(tls.verifyError) + QLatin1Char(')'));
    if (!tls.hostnameChecked.isEmpty())
        text += tls.hostnameMatch ? QStringLiteral("; hostname matches")
                                  : QStringLiteral("; hostname %1 does NOT match")
                                        .arg(reportSafeText(tls.hostnameChecked));
    return text;
}

QString leafLine(const AuditResult& result, const QDateTime& now)
{
    if (!result.inspect.tls || result.inspect.tls->chainSent.isEmpty())
        return QString();
    const CertificateInfo& leaf = result.inspect.tls->chainSent.constFirst();
    QString text = reportSafeText(leaf.subject);
    if (leaf.notAfter.isValid()) {
        const int days = leaf.daysLeft(now);
        text +=
            QStringLiteral(", expires %1 (%2)")
                .arg(rfc3339Utc(leaf.notAfter),
                     days < 0 ? QStringLiteral("expired %1 ago").arg(countOf(-days, "day", "days"))
                              : QStringLiteral("%1 left").arg(countOf(days, "day", "days")));
    }
    return text;
}

QString probeLine(const ProbeResult& probe)
{
    QStringList accepted;
    QStringList untestable;
    int suites = 0;
    for (const ProbedProtocol& protocol : probe.protocols) {
        if (!protocol.accepted)
            untestable << protocol.name;
        else if (*protocol.accepted)
            accepted << protocol.name;
        suites += static_cast<int>(protocol.suites.size());
    }
    QString text = accepted.isEmpty()
                       ? QStringLiteral("no protocol version accepted")
                       : QStringLiteral("accepts %1").arg(accepted.join(QStringLiteral(", ")));
    text += QStringLiteral("; %1").arg(countOf(suites, "suite", "suites"));
    const QStringList groups = probe.groupNames();
    if (!groups.isEmpty())
        text += QStringLiteral("; groups %1").arg(groups.join(QStringLiteral(", ")));
    if (!untestable.isEmpty())
        text +=
            QStringLiteral("; not testable here: %1").arg(untestable.join(QStringLiteral(", ")));
    if (!probe.complete())
        text += QStringLiteral("; INCOMPLETE (%1 without an answer)")
                    .arg(countOf(probe.errors.size(), "test", "tests"));
    return text;
}

void writeFinding(Report& report, const Finding& finding)
{
    const QString indent(kFieldIndent, QLatin1Char(' '));
    const QString word = severityWord(finding.severity);
    const QString pad(std::max<qsizetype>(1, kSeverityWidth - word.size()), QLatin1Char(' '));
    const qsizetype textColumn = kFieldIndent + std::max(kSeverityWidth, word.size() + 1);
    const QString prefix = indent + report.severity(finding.severity) + pad;
    report.wrapped(prefix, textColumn,
                   reportSafeText(finding.id) + QStringLiteral(" — ") +
                       reportSafeText(finding.title));
    const QString hanging(textColumn, QLatin1Char(' '));
    if (!finding.detail.isEmpty())
        report.wrapped(hanging, textColumn, reportSafeText(finding.detail));
    if (!finding.evidence.isEmpty())
        report.wrapped(hanging, textColumn,
                       QStringLiteral("Evidence: ") + reportSafeText(finding.evidence));
    if (!finding.file.isEmpty())
        report.wrapped(
            hanging, textColumn,
            QStringLiteral("At: ") + reportSafeText(finding.file) +
                (finding.line > 0 ? QLatin1Char(':') + QString::number(finding.line) : QString()));
    if (!finding.remediation.isEmpty())
        report.wrapped(hanging, textColumn,
                       QStringLiteral("Fix: ") + reportSafeText(finding.remediation));
}

void writeTarget(Report& report, const AuditResult& result, const QDateTime& now)
{
    QStringList context;
    const QString environment = auditEnvironment(result);
    if (!environment.isEmpty())
        context << reportSafeText(environment);
    if (!result.profile.service.isEmpty())
        context << QStringLiteral("service ") + reportSafeText(result.profile.service);
    QString heading = reportSafeText(auditTargetName(result));
    if (auditTargetName(result) != auditEndpointUri(result))
        heading += QStringLiteral("  ") + reportSafeText(auditEndpointUri(result));
    if (!context.isEmpty())
        heading += QStringLiteral("  (") + context.join(QStringLiteral(", ")) + QLatin1Char(')');
    report.line(report.paint(QStringLiteral("== ") + heading, Paint::Bold));
    report.line(QString(kFieldIndent, QLatin1Char(' ')) + targetSummary(report, result));

    if (result.inspect.error)
        report.field(QStringLiteral("Connection"),
                     QStringLiteral("FAILED — ") +
                         reportSafeText(result.inspect.error->toString()));
    else if (!result.inspect.stages.isEmpty())
        report.field(QStringLiteral("Connection"),
                     QStringLiteral("ok in %1 ms").arg(result.inspect.totalMs, 0, 'f', 1));
    report.field(QStringLiteral("TLS"), tlsLine(result));
    const QString leaf = leafLine(result, now);
    if (!leaf.isEmpty())
        report.field(QStringLiteral("Leaf"), leaf);
    report.field(QStringLiteral("Probe"),
                 result.probe ? probeLine(*result.probe) : QStringLiteral("not run"));
    if (result.inspect.server)
        report.field(QStringLiteral("Server"),
                     reportSafeText(result.inspect.server->displayName()));
    for (const QString& reason : result.grade.reasons)
        report.field(QStringLiteral("Capped"), reportSafeText(reason));

    report.line();
    if (result.findings.isEmpty()) {
        report.line(QString(kFieldIndent, QLatin1Char(' ')) + QStringLiteral("No findings."));
        return;
    }
    QList<Finding> findings = result.findings;
    sortFindings(findings);
    for (const Finding& finding : std::as_const(findings))
        writeFinding(report, finding);
}

} // namespace

QString findingsToText(const QList<Finding>& findings, bool colour)
{
    Report report(colour);
    if (findings.isEmpty()) {
        report.line(QString(kFieldIndent, QLatin1Char(' ')) + QStringLiteral("No findings."));
        return report.text();
    }
    QList<Finding> sorted = findings;
    sortFindings(sorted);
    for (const Finding& finding : std::as_const(sorted))
        writeFinding(report, finding);
    report.line();
    report.line(QStringLiteral("%1: %2.").arg(countOf(sorted.size(), "finding", "findings"),
                                              SeverityCounts(sorted).shortSummary()));
    return report.text();
}

QString auditToText(const QList<AuditResult>& results, bool colour, const QDateTime& now)
{
    Report report(colour);
    report.line(
        report.paint(QStringLiteral("Rediscope audit — %1, %2")
                         .arg(countOf(results.size(), "target", "targets"), rfc3339Utc(now)),
                     Paint::Bold));

    const QList<qsizetype> order = worstTargetsFirst(results);
    for (qsizetype index : order) {
        report.line();
        writeTarget(report, results.at(index), now);
    }

    const SeverityCounts counts(results);
    const auto worst = counts.worst();
    report.line();
    report.line(report.paint(QStringLiteral("Summary"), Paint::Bold));
    for (qsizetype index : order) {
        const AuditResult& result = results.at(index);
        report.wrapped(QStringLiteral("  "), 2,
                       reportSafeText(auditTargetName(result)) + QStringLiteral(": ") +
                           targetSummary(report, result));
    }
    report.wrapped(
        QString(), 0,
        QStringLiteral("%1, %2: %3; worst %4.")
            .arg(countOf(results.size(), "target", "targets"))
            .arg(countOf(counts.total(), "finding", "findings"))
            .arg(counts.summary(), worst ? report.severity(*worst) : QStringLiteral("none")));
    return report.text();
}

} // namespace rediscope
