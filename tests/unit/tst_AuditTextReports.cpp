// The human-readable audit reports: the terminal text (order, severity words, summaries, colour
// only when asked, no injected escapes) and Markdown for tickets (structure and escaping).

#include "AuditReportTestData.h"
#include "report/AuditMarkdownWriter.h"
#include "report/AuditTextWriter.h"

#include <QRegularExpression>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testdata;

namespace {

QList<AuditResult> allTargets()
{
    return {goodTarget(), failedTarget(), urlTarget(), trustTarget()};
}

// `|` characters that separate table cells: not escaped with a backslash.
int cellSeparators(const QString& line)
{
    int count = 0;
    for (qsizetype i = 0; i < line.size(); ++i)
        if (line.at(i) == QLatin1Char('|') && (i == 0 || line.at(i - 1) != QLatin1Char('\\')))
            ++count;
    return count;
}

} // namespace

class TestAuditTextReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --- text -----------------------------------------------------------------------------

    void textWithoutColourHasNoEscape()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        QVERIFY(!text.contains(QChar(0x1b)));
        // The escape a server sent in a finding's detail is shown, not obeyed.
        QVERIFY(text.contains(QStringLiteral("authenticated \\x1b[31mred\\x1b[0m.")));
    }

    void textWithColour()
    {
        const QString text = auditToText(allTargets(), true, fixedNow());
        QVERIFY(text.contains(QStringLiteral("\x1b[1;31mCRITICAL\x1b[0m")));
        QVERIFY(text.contains(QStringLiteral("\x1b[31mHIGH\x1b[0m")));
        QVERIFY(text.contains(QStringLiteral("\x1b[33mMEDIUM\x1b[0m")));
        // Still only our own escapes: the server's is shown as text.
        QVERIFY(text.contains(QStringLiteral("\\x1b[31mred")));
    }

    void worstTargetFirst()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        const qsizetype url = text.indexOf(QStringLiteral("== redis://10.0.0.7:6379"));
        const qsizetype failed =
            text.indexOf(QStringLiteral("== staging-cache  rediss://staging.example.com:6380"));
        const qsizetype good = text.indexOf(QStringLiteral("== prod-cache  rediss://"));
        const qsizetype trust = text.indexOf(QStringLiteral("== dev-cache  rediss://"));
        QVERIFY(url >= 0 && failed >= 0 && good >= 0 && trust >= 0);
        QVERIFY(url < failed);
        QVERIFY(failed < good);
        QVERIFY(good < trust); // same worst severity, more findings
    }

    void findingsWorstFirstWithSeverityWords()
    {
        AuditResult result = goodTarget();
        std::reverse(result.findings.begin(), result.findings.end()); // unsorted input
        const QString text = auditToText({result}, false, fixedNow());
        const qsizetype medium = text.indexOf(QStringLiteral("  MEDIUM    cert.expires_soon — "
                                                             "Certificate expires soon"));
        const qsizetype low = text.indexOf(QStringLiteral("  LOW       tls.cipher.cbc — "));
        QVERIFY2(medium >= 0, qPrintable(text));
        QVERIFY(low > medium);
        QVERIFY(text.contains(QStringLiteral("Evidence: leaf | CN=`redis`: notAfter 2025-07-16")));
        QVERIFY(text.contains(QStringLiteral("Fix: Renew the certificate")));
    }

    void targetSummaries()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        QVERIFY(text.contains(QStringLiteral("  Grade F · worst CRITICAL · 3 critical\n")));
        QVERIFY(text.contains(QStringLiteral("  not graded · worst HIGH · 1 high, 1 medium\n")));
        QVERIFY(text.contains(QStringLiteral("Grade T (A if trust were fixed) · worst MEDIUM")));
        QVERIFY(
            text.contains(QStringLiteral("  Capped     T — cert.untrusted: Chain not trusted")));
    }

    void worstFindingOutsideTheGradeIsNamed()
    {
        AuditResult result = goodTarget();
        result.findings << makeFinding("server.nopass", Severity::Critical,
                                       QStringLiteral("No password."),
                                       QStringLiteral("requirepass"));
        const QString text = auditToText({result}, false, fixedNow());
        QVERIFY2(text.contains(QStringLiteral("· worst CRITICAL (server.nopass, not graded) ·")),
                 qPrintable(text));
        // A graded finding just as bad: the grade already shows it.
        result.findings << makeFinding("cert.expired", Severity::Critical,
                                       QStringLiteral("Expired."), QStringLiteral("notAfter"));
        const QString both = auditToText({result}, false, fixedNow());
        QVERIFY2(both.contains(QStringLiteral("· worst CRITICAL · ")), qPrintable(both));
        QVERIFY(!both.contains(QStringLiteral("not graded)")));
    }

    void overallSummaryAtTheEnd()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        const QString last = text.trimmed().section(QLatin1Char('\n'), -1);
        QCOMPARE(last, QStringLiteral("4 targets, 10 findings: 3 critical, 1 high, 3 medium, "
                                      "3 low, 0 info; worst CRITICAL."));
        QVERIFY(text.contains(QStringLiteral("\nSummary\n  redis://10.0.0.7:6379: Grade F")));
        QVERIFY(
            text.startsWith(QStringLiteral("Rediscope audit — 4 targets, 2025-06-01T12:00:00Z\n")));
    }

    void connectionTlsAndProbeFacts()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        QVERIFY(
            text.contains(QStringLiteral("  TLS        TLSv1.3, TLS_AES_256_GCM_SHA384, X25519; "
                                         "chain verified; hostname matches")));
        QVERIFY(text.contains(QStringLiteral("  Probe      accepts TLSv1.2, TLSv1.3; 4 suites; "
                                             "groups X25519, P-256; not testable here: SSLv3")));
        QVERIFY(text.contains(QStringLiteral("  Leaf       CN=redis.example.com,O=Rediscope Lab, "
                                             "expires 2025-07-16T12:00:00Z (45 days left)")));
        QVERIFY(text.contains(QStringLiteral("  Server     Redis 7.0.15")));
        QVERIFY(text.contains(QStringLiteral("  Connection FAILED — ")));
        QVERIFY(text.contains(QStringLiteral("  TLS        off: the connection is plaintext")));
        QVERIFY(text.contains(QStringLiteral("  TLS        no handshake completed")));
        QVERIFY(text.contains(QStringLiteral("  Probe      not run")));
        QVERIFY(text.contains(QStringLiteral("chain NOT verified (self-signed certificate)")));
    }

    void linesStayWithinOneHundredColumns()
    {
        const QString text = auditToText(allTargets(), false, fixedNow());
        for (const QString& line : text.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 100, qPrintable(line));
    }

    void noFindings()
    {
        AuditResult result = goodTarget();
        result.findings.clear();
        result.grade.grade = QStringLiteral("A+");
        result.grade.reasons.clear();
        const QString text = auditToText({result}, false, fixedNow());
        QVERIFY(text.contains(QStringLiteral("  No findings.")));
        QVERIFY(text.contains(QStringLiteral("Grade A+ · worst none · no findings")));
        QVERIFY(text.contains(QStringLiteral("; worst none.")));
        const QString empty = auditToText({}, false, fixedNow());
        QVERIFY(empty.contains(QStringLiteral("0 targets, 0 findings")));
    }

    // --- Markdown escaping ----------------------------------------------------------------

    void markdownTextEscaping_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("TLS 1.3, fine.")
                               << QStringLiteral("TLS 1.3, fine.");
        QTest::newRow("pipe") << QStringLiteral("a|b") << QStringLiteral("a\\|b");
        QTest::newRow("backtick") << QStringLiteral("`x`") << QStringLiteral("\\`x\\`");
        QTest::newRow("emphasis") << QStringLiteral("*a* _b_ ~c~")
                                  << QStringLiteral("\\*a\\* \\_b\\_ \\~c\\~");
        QTest::newRow("link") << QStringLiteral("[x](y)") << QStringLiteral("\\[x\\](y)");
        QTest::newRow("html") << QStringLiteral("<img src=x> &amp;")
                              << QStringLiteral("\\<img src=x\\> \\&amp;");
        QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a\\\\b");
        QTest::newRow("heading") << QStringLiteral("# not a heading")
                                 << QStringLiteral("\\# not a heading");
        QTest::newRow("newline") << QStringLiteral("one\ntwo\r\nthree")
                                 << QStringLiteral("one two three");
        QTest::newRow("control") << QStringLiteral("a\x1b[2Jb") << QStringLiteral("a\\\\x1b\\[2Jb");
    }

    void markdownTextEscaping()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(markdownText(input), expected);
    }

    void markdownCodeSpans_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("inTable");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("port 0") << false << QStringLiteral("`port 0`");
        QTest::newRow("inner backtick")
            << QStringLiteral("a`b") << false << QStringLiteral("``a`b``");
        QTest::newRow("double backticks")
            << QStringLiteral("a``b`c") << false << QStringLiteral("```a``b`c```");
        QTest::newRow("leading backtick")
            << QStringLiteral("`a") << false << QStringLiteral("`` `a ``");
        QTest::newRow("pipe outside a table")
            << QStringLiteral("a|b") << false << QStringLiteral("`a|b`");
        QTest::newRow("pipe in a table")
            << QStringLiteral("a|b") << true << QStringLiteral("`a\\|b`");
        QTest::newRow("newline") << QStringLiteral("a\nb") << false << QStringLiteral("`a b`");
        QTest::newRow("empty") << QString() << false << QString();
    }

    void markdownCodeSpans()
    {
        QFETCH(QString, input);
        QFETCH(bool, inTable);
        QFETCH(QString, expected);
        QCOMPARE(markdownCode(input, inTable), expected);
    }

    // --- Markdown report ------------------------------------------------------------------

    void markdownStructure()
    {
        const QString md = auditToMarkdown(allTargets(), fixedNow());
        QVERIFY(md.startsWith(QStringLiteral("# Rediscope audit\n\nGenerated 2025-06-01T12:00:00Z "
                                             "by rediscope ")));
        QVERIFY(md.contains(QStringLiteral("4 targets, 10 findings (3 critical, 1 high, "
                                           "3 medium, 3 low, 0 info); worst: CRITICAL.")));
        QVERIFY(md.contains(QStringLiteral("| redis://10.0.0.7:6379 | production | "
                                           "`redis://10.0.0.7:6379` | F | CRITICAL | 3 |")));
        QVERIFY(md.contains(
            QStringLiteral("## prod-cache — grade A- — `rediss://redis.example.com:6380`")));
        QVERIFY(md.contains(QStringLiteral("## dev-cache — grade T (A if trust were fixed) — ")));
        QVERIFY(md.contains(QStringLiteral("## staging-cache — not graded — ")));
        QVERIFY(md.contains(QStringLiteral("| Stage | Result | Time | Message |")));
        QVERIFY(md.contains(QStringLiteral("| TLS handshake | failed | 4.2 ms | handshake failed: "
                                           "alert handshake\\_failure |")));
        QVERIFY(md.contains(QStringLiteral("- **Protocol:** TLSv1.3")));
        QVERIFY(md.contains(QStringLiteral("- **Cipher:** `TLS_AES_256_GCM_SHA384`")));
        QVERIFY(md.contains(QStringLiteral("- **Probe, protocols:** SSLv3 not testable, TLSv1 "
                                           "refused, TLSv1.1 refused, TLSv1.2 accepted, TLSv1.3 "
                                           "accepted")));
        QVERIFY(md.contains(QStringLiteral("| Severity | Id | Title |")));
        QVERIFY(md.contains(
            QStringLiteral("| MEDIUM | `cert.expires_soon` | Certificate expires soon |")));
        QVERIFY(md.contains(
            QStringLiteral("#### MEDIUM `cert.expires_soon` — Certificate expires soon")));
        QVERIFY(md.contains(QStringLiteral("- **Remediation:** Renew the certificate")));
        QVERIFY(md.contains(QStringLiteral("**Connection failed:** ")));
        // Worst target first.
        QVERIFY(md.indexOf(QStringLiteral("## redis://10.0.0.7:6379")) <
                md.indexOf(QStringLiteral("## staging-cache")));
        QVERIFY(md.indexOf(QStringLiteral("## staging-cache")) <
                md.indexOf(QStringLiteral("## prod-cache")));
    }

    void markdownEscapesHostileValues()
    {
        const QString md = auditToMarkdown(allTargets(), fixedNow());
        QVERIFY(!md.contains(QChar(0x1b)));
        // Evidence with a pipe and backticks: a code span fenced with two backticks.
        QVERIFY2(md.contains(
                     QStringLiteral("- **Evidence:** ``leaf | CN=`redis`: notAfter 2025-07-16``")),
                 qPrintable(md));
        // Detail with HTML and an ampersand.
        QVERIFY(md.contains(QStringLiteral(
            "- **Detail:** The TLS handshake failed: alert \\<handshake\\_failure\\> \\& "
            "\"more\".")));
        QVERIFY(!md.contains(QStringLiteral("<handshake_failure>")));
    }

    void markdownTablesKeepTheirShape()
    {
        AuditResult hostile = goodTarget();
        hostile.findings.first().title = QStringLiteral("a | b ` c");
        hostile.inspect.stages.first().message = QStringLiteral("x|y|z\nnext line");
        hostile.profile.name = QStringLiteral("team|cache`1");
        const QString md = auditToMarkdown({hostile, failedTarget(), urlTarget()}, fixedNow());
        int columns = -1;
        for (const QString& line : md.split(QLatin1Char('\n'))) {
            if (!line.startsWith(QLatin1Char('|'))) {
                columns = -1; // a table ended
                continue;
            }
            if (columns < 0) {
                columns = cellSeparators(line);
                continue;
            }
            QVERIFY2(cellSeparators(line) == columns, qPrintable(line));
        }
        QVERIFY(md.contains(QStringLiteral("| team\\|cache\\`1 |")));
        QVERIFY(md.contains(QStringLiteral("| a \\| b \\` c |")));
        QVERIFY(md.contains(QStringLiteral("x\\|y\\|z next line")));
    }

    void noSecretIsWritten()
    {
        AuditResult result = goodTarget();
        result.profile.inlinePassword = "hunter2-inline-secret";
        QVERIFY(!auditToText({result}, true, fixedNow()).contains(QStringLiteral("hunter2")));
        QVERIFY(!auditToMarkdown({result}, fixedNow()).contains(QStringLiteral("hunter2")));
    }
};

QTEST_GUILESS_MAIN(TestAuditTextReports)
#include "tst_AuditTextReports.moc"
