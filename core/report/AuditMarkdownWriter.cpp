#include "AuditMarkdownWriter.h"

#include "common/Plural.h"
#include "report/AuditReportSupport.h"
#include "report/InspectJsonWriter.h"

#include <QStringList>
#include <algorithm>

namespace rediscope {

namespace {

// Line breaks and other control characters as they may appear in one Markdown line.
QString oneLine(const QString& text)
{
    QString flat = text;
    flat.replace(QLatin1String("\r\n"), QLatin1String(" "));
    flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
    flat.replace(QLatin1Char('\r'), QLatin1Char(' '));
    flat.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return reportSafeText(flat);
}

QString orDash(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString gradeText(const AuditResult& result)
{
    if (result.grade.grade.isEmpty())
        return QStringLiteral("not graded");
    QString text = QStringLiteral("grade ") + markdownText(result.grade.grade);
    if (!result.grade.ifTrustFixed.isEmpty())
        text += QStringLiteral(" (%1 if trust were fixed)")
                    .arg(markdownText(result.grade.ifTrustFixed));
    return text;
}

void overview(QStringList& out, const QList<AuditResult>& results, const QList<qsizetype>& order)
{
    out << QStringLiteral("| Target | Environment | Endpoint | Grade | Worst | Findings |");
    out << QStringLiteral("|---|---|---|---|---|---|");
    for (qsizetype index : order) {
        const AuditResult& result = results.at(index);
        const SeverityCounts counts(result.findings);
        const auto worst = counts.worst();
        out << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                   .arg(markdownText(auditTargetName(result)),
                        orDash(markdownText(auditEnvironment(result))),
                        markdownCode(auditEndpointUri(result), true),
                        orDash(markdownText(result.grade.grade)),
                        worst ? severityWord(*worst) : QStringLiteral("—"),
                        QString::number(counts.total()));
    }
}

void stages(QStringList& out, const InspectResult& inspect)
{
    out << QStringLiteral("### Connection") << QString();
    if (inspect.stages.isEmpty()) {
        out << QStringLiteral("No stage ran.") << QString();
        return;
    }
    out << QStringLiteral("| Stage | Result | Time | Message |");
    out << QStringLiteral("|---|---|---:|---|");
    for (const StageResult& stage : inspect.stages)
        out << QStringLiteral("| %1 | %2 | %3 ms | %4 |")
                   .arg(markdownText(stageTitle(stage.stage)),
                        markdownText(stageStatusName(stage.status)),
                        QString::number(stage.ms, 'f', 1), orDash(markdownText(stage.message)));
    out << QString();
    if (inspect.error)
        out << QStringLiteral("**Connection failed:** ") + markdownText(inspect.error->toString())
            << QString();
}

void tlsFacts(QStringList& out, const AuditResult& result, const QDateTime& now)
{
    out << QStringLiteral("### TLS and server") << QString();
    if (!result.inspect.tls) {
        out << (!result.inspect.endpoint.tls && !result.profile.tls.enabled
                    ? QStringLiteral("- TLS is off: the connection is plaintext.")
                    : QStringLiteral("- No TLS handshake completed."));
    } else {
        const TlsFacts& tls = *result.inspect.tls;
        out << QStringLiteral("- **Protocol:** ") + orDash(markdownText(tls.protocol));
        QString cipher =
            markdownCode(tls.cipherIana.isEmpty() ? tls.cipherOpenssl : tls.cipherIana);
        if (!tls.cipherIana.isEmpty() && !tls.cipherOpenssl.isEmpty() &&
            tls.cipherIana != tls.cipherOpenssl)
            cipher += QStringLiteral(" (OpenSSL: %1)").arg(markdownCode(tls.cipherOpenssl));
        out << QStringLiteral("- **Cipher:** ") + orDash(cipher);
        out << QStringLiteral("- **Group:** ") + orDash(markdownText(tls.group));
        out << QStringLiteral("- **Chain verified:** ") +
                   (tls.verified
                        ? QStringLiteral("yes")
                        : QStringLiteral("no") +
                              (tls.verifyError.isEmpty()
                                   ? QString()
                                   : QStringLiteral(" — ") + markdownText(tls.verifyError)));
        if (!tls.hostnameChecked.isEmpty())
            out << QStringLiteral("- **Hostname match:** %1 (%2)")
                       .arg(yesNo(tls.hostnameMatch), markdownCode(tls.hostnameChecked));
        out << QStringLiteral("- **SNI sent:** ") + orDash(markdownCode(tls.sniSent));
        out << QStringLiteral("- **Session resumed:** %1; **OCSP stapled:** %2")
                   .arg(yesNo(tls.resumed), yesNo(tls.ocspStapled));
        if (!tls.chainSent.isEmpty()) {
            const CertificateInfo& leaf = tls.chainSent.constFirst();
            QString text = markdownText(leaf.subject) + QStringLiteral(", issued by ") +
                           markdownText(leaf.issuer);
            if (leaf.notAfter.isValid())
                text +=
                    QStringLiteral(", expires %1 (%2 left)")
                        .arg(rfc3339Utc(leaf.notAfter), countOf(leaf.daysLeft(now), "day", "days"));
            out << QStringLiteral("- **Leaf certificate:** ") + text;
            out << QStringLiteral("- **Chain sent:** %1")
                       .arg(countOf(tls.chainSent.size(), "certificate", "certificates"));
        }
    }
    if (result.probe) {
        const ProbeResult& probe = *result.probe;
        QStringList protocols;
        for (const ProbedProtocol& protocol : probe.protocols)
            protocols << QStringLiteral("%1 %2").arg(
                markdownText(protocol.name),
                !protocol.accepted ? QStringLiteral("not testable")
                                   : (*protocol.accepted ? QStringLiteral("accepted")
                                                         : QStringLiteral("refused")));
        out << QStringLiteral("- **Probe, protocols:** ") + protocols.join(QStringLiteral(", "));
        for (const ProbedProtocol& protocol : probe.protocols)
            if (protocol.accepted.value_or(false) && !protocol.suites.isEmpty()) {
                QStringList names;
                for (const QString& name : protocol.suiteNames())
                    names << markdownCode(name);
                out << QStringLiteral("- **Probe, %1 suites:** %2")
                           .arg(markdownText(protocol.name), names.join(QStringLiteral(", ")));
            }
        QStringList groups;
        for (const QString& group : probe.groupNames())
            groups << markdownText(group);
        out << QStringLiteral("- **Probe, groups:** ") + orDash(groups.join(QStringLiteral(", ")));
        if (!probe.complete())
            out << QStringLiteral("- **Probe incomplete:** ") +
                       markdownText(probe.errors.join(QStringLiteral("; ")));
    } else {
        out << QStringLiteral("- **Probe:** not run");
    }
    if (result.inspect.server)
        out << QStringLiteral("- **Server:** ") +
                   markdownText(result.inspect.server->displayName());
    out << QString();
}

void findingList(QStringList& out, const QList<Finding>& unsorted, const QString& heading)
{
    if (unsorted.isEmpty()) {
        out << QStringLiteral("No findings.") << QString();
        return;
    }
    QList<Finding> sorted = unsorted;
    sortFindings(sorted);
    out << QStringLiteral("| Severity | Id | Title |");
    out << QStringLiteral("|---|---|---|");
    for (const Finding& finding : std::as_const(sorted))
        out << QStringLiteral("| %1 | %2 | %3 |")
                   .arg(severityWord(finding.severity), markdownCode(finding.id, true),
                        markdownText(finding.title));
    out << QString();
    for (const Finding& finding : std::as_const(sorted)) {
        out << QStringLiteral("%1 %2 %3 — %4")
                   .arg(heading, severityWord(finding.severity), markdownCode(finding.id),
                        markdownText(finding.title))
            << QString();
        if (!finding.detail.isEmpty())
            out << QStringLiteral("- **Detail:** ") + markdownText(finding.detail);
        if (!finding.evidence.isEmpty())
            out << QStringLiteral("- **Evidence:** ") + markdownCode(finding.evidence);
        if (!finding.file.isEmpty())
            out << QStringLiteral("- **Location:** ") +
                       markdownCode(finding.file +
                                    (finding.line > 0
                                         ? QLatin1Char(':') + QString::number(finding.line)
                                         : QString()));
        if (!finding.remediation.isEmpty())
            out << QStringLiteral("- **Remediation:** ") + markdownText(finding.remediation);
        out << QString();
    }
}

void findings(QStringList& out, const AuditResult& result)
{
    out << QStringLiteral("### Findings") << QString();
    findingList(out, result.findings, QStringLiteral("####"));
}

void target(QStringList& out, const AuditResult& result, const QDateTime& now)
{
    out << QStringLiteral("## %1 — %2 — %3")
               .arg(markdownText(auditTargetName(result)), gradeText(result),
                    markdownCode(auditEndpointUri(result)))
        << QString();
    QStringList facts;
    const QString environment = auditEnvironment(result);
    if (!environment.isEmpty())
        facts << QStringLiteral("**Environment:** ") + markdownText(environment);
    if (!result.profile.service.isEmpty())
        facts << QStringLiteral("**Service:** ") + markdownText(result.profile.service);
    const SeverityCounts counts(result.findings);
    facts << QStringLiteral("**Findings:** ") + counts.shortSummary();
    out << facts.join(QStringLiteral(" · ")) << QString();
    if (!result.grade.reasons.isEmpty()) {
        out << QStringLiteral("Grade capped by:") << QString();
        for (const QString& reason : result.grade.reasons)
            out << QStringLiteral("- ") + markdownText(reason);
        out << QString();
    }
    stages(out, result.inspect);
    tlsFacts(out, result, now);
    findings(out, result);
}

} // namespace

QString markdownText(const QString& text)
{
    static const QString special = QStringLiteral("\\`*_[]<>|~#&");
    const QString flat = oneLine(text);
    QString out;
    out.reserve(flat.size() + 8);
    for (const QChar c : flat) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString markdownCode(const QString& text, bool inTable)
{
    QString flat = oneLine(text);
    if (flat.isEmpty())
        return QString();
    if (inTable)
        flat.replace(QLatin1Char('|'), QLatin1String("\\|"));
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : std::as_const(flat)) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(longest + 1, QLatin1Char('`'));
    const bool pad = flat.startsWith(QLatin1Char('`')) || flat.endsWith(QLatin1Char('`'));
    const QString space = pad ? QStringLiteral(" ") : QString();
    return fence + space + flat + space + fence;
}

QString findingsToMarkdown(const QString& title, const QList<Finding>& list)
{
    QStringList out;
    out << QStringLiteral("# ") + markdownText(title) << QString();
    findingList(out, list, QStringLiteral("##"));
    return out.join(QLatin1Char('\n'));
}

QString auditToMarkdown(const QList<AuditResult>& results, const QDateTime& now)
{
    QStringList out;
    const SeverityCounts counts(results);
    const auto worst = counts.worst();
    out << QStringLiteral("# Rediscope audit") << QString();
    out << QStringLiteral("Generated %1 by rediscope %2 — %3, %4 (%5); worst: %6.")
               .arg(rfc3339Utc(now), QStringLiteral(REDISCOPE_VERSION),
                    countOf(results.size(), "target", "targets"),
                    countOf(counts.total(), "finding", "findings"), counts.summary(),
                    worst ? severityWord(*worst) : QStringLiteral("none"))
        << QString();
    const QList<qsizetype> order = worstTargetsFirst(results);
    overview(out, results, order);
    out << QString();
    for (qsizetype index : order)
        target(out, results.at(index), now);
    while (!out.isEmpty() && out.constLast().isEmpty())
        out.removeLast();
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace rediscope
