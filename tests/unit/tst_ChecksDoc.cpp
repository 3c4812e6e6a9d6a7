// docs/checks.md and the check registry (core/audit/CheckRegistry.cpp) say the same: every
// registry id is documented, no stale id is, and the family, title, severity per environment and
// meaning of each agree. Every check has a remediation, naming Redis and Dragonfly for server and
// configuration checks. The environment-dependent profile.* severities are also checked against
// what the checks really report under each built-in policy.

#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace rediscope;

namespace {

// One row of the overview table.
struct DocRow
{
    QString id;
    QString family;
    QStringList severities; // development, staging, production
    QString title;
};

// One "### `id` — title" section and its "- Key: value" lines.
struct DocSection
{
    QString id;
    QString title;
    QHash<QString, QString> fields;
};

struct Doc
{
    QList<DocRow> rows;
    QList<DocSection> sections;
    QStringList problems; // lines that look like entries but cannot be read
};

Doc parseDoc(const QString& text)
{
    static const QRegularExpression heading(QStringLiteral("^### `([^`]+)` — (.+)$"));
    static const QRegularExpression field(QStringLiteral("^- ([A-Za-z]+): (.*)$"));
    Doc doc;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        if (line.startsWith(QLatin1String("| `"))) {
            QStringList cells = line.split(QLatin1Char('|'));
            // "| a | b |" splits into "", " a ", " b ", "".
            if (cells.size() != 8) {
                doc.problems << QStringLiteral("line %1: expected 6 cells").arg(i + 1);
                continue;
            }
            for (QString& cell : cells)
                cell = cell.trimmed();
            QString id = cells.at(1);
            id.remove(QLatin1Char('`'));
            doc.rows << DocRow{
                id, cells.at(2), {cells.at(3), cells.at(4), cells.at(5)}, cells.at(6)};
        } else if (line.startsWith(QLatin1String("### "))) {
            const QRegularExpressionMatch match = heading.match(line);
            if (!match.hasMatch()) {
                doc.problems << QStringLiteral("line %1: unreadable heading").arg(i + 1);
                continue;
            }
            doc.sections << DocSection{match.captured(1), match.captured(2), {}};
        } else if (line.startsWith(QLatin1String("- ")) && !doc.sections.isEmpty()) {
            const QRegularExpressionMatch match = field.match(line);
            if (!match.hasMatch()) {
                doc.problems << QStringLiteral("line %1: unreadable field").arg(i + 1);
                continue;
            }
            doc.sections.last().fields.insert(match.captured(1), match.captured(2));
        }
    }
    return doc;
}

// The severity cells the overview must show for a registry severity: the three values of
// "env (dev X, staging Y, prod Z)", else the same text (without spaces around '/') three times.
QStringList expectedCells(const QString& severity)
{
    static const QRegularExpression env(
        QStringLiteral("^env \\(dev (\\w+), staging (\\w+), prod (\\w+)\\)$"));
    const QRegularExpressionMatch match = env.match(severity);
    if (match.hasMatch())
        return {match.captured(1), match.captured(2), match.captured(3)};
    QString cell = severity;
    cell.replace(QRegularExpression(QStringLiteral("\\s*/\\s*")), QStringLiteral("/"));
    return {cell, cell, cell};
}

bool isGraded(const QString& severity)
{
    return !severity.startsWith(QLatin1String("env")) &&
           (severity.contains(QLatin1Char('/')) || severity.contains(QLatin1Char('(')));
}

// Everything on which the document and the registry disagree, in words.
QStringList differences(const Doc& doc, const QList<CheckDefinition>& registry)
{
    QStringList out = doc.problems;
    QHash<QString, const DocRow*> rows;
    for (const DocRow& row : doc.rows) {
        if (rows.contains(row.id))
            out << QStringLiteral("%1: listed twice in the overview").arg(row.id);
        rows.insert(row.id, &row);
    }
    QHash<QString, const DocSection*> sections;
    for (const DocSection& section : doc.sections) {
        if (sections.contains(section.id))
            out << QStringLiteral("%1: two sections").arg(section.id);
        sections.insert(section.id, &section);
    }
    QSet<QString> known;
    for (const CheckDefinition& check : registry) {
        known.insert(check.id);
        const DocRow* row = rows.value(check.id);
        const DocSection* section = sections.value(check.id);
        if (!row)
            out << QStringLiteral("%1: missing from the overview").arg(check.id);
        if (!section)
            out << QStringLiteral("%1: has no section").arg(check.id);
        if (row) {
            if (row->family != check.family)
                out << QStringLiteral("%1: family %2, registry %3")
                           .arg(check.id, row->family, check.family);
            if (row->title != check.title)
                out << QStringLiteral("%1: overview title differs").arg(check.id);
            if (row->severities != expectedCells(check.severity))
                out << QStringLiteral("%1: severities %2, registry \"%3\"")
                           .arg(check.id, row->severities.join(QStringLiteral(", ")),
                                check.severity);
        }
        if (section) {
            if (section->title != check.title)
                out << QStringLiteral("%1: section title differs").arg(check.id);
            if (section->fields.value(QStringLiteral("Family")) != check.family)
                out << QStringLiteral("%1: section family differs").arg(check.id);
            if (section->fields.value(QStringLiteral("Severity")) != check.severity)
                out << QStringLiteral("%1: section severity \"%2\", registry \"%3\"")
                           .arg(check.id, section->fields.value(QStringLiteral("Severity")),
                                check.severity);
            if (section->fields.value(QStringLiteral("Meaning")) != check.help)
                out << QStringLiteral("%1: meaning differs from the registry's help").arg(check.id);
            const QString remediation = section->fields.value(QStringLiteral("Remediation"));
            if (remediation.size() < 20)
                out << QStringLiteral("%1: no remediation").arg(check.id);
            if ((check.family == QLatin1String("server") ||
                 check.family == QLatin1String("config")) &&
                !(remediation.contains(QLatin1String("Redis")) &&
                  remediation.contains(QLatin1String("Dragonfly"))))
                out << QStringLiteral("%1: the remediation must name Redis and Dragonfly")
                           .arg(check.id);
            if (isGraded(check.severity) != section->fields.contains(QStringLiteral("Grading")))
                out << QStringLiteral("%1: a Grading line belongs to checks with several "
                                      "severities, and only to them")
                           .arg(check.id);
        }
    }
    for (const DocRow& row : doc.rows)
        if (!known.contains(row.id))
            out << QStringLiteral("%1: stale overview row (not in the registry)").arg(row.id);
    for (const DocSection& section : doc.sections)
        if (!known.contains(section.id))
            out << QStringLiteral("%1: stale section (not in the registry)").arg(section.id);
    return out;
}

QString documentText()
{
    const QString path = QFINDTESTDATA("../../docs/checks.md");
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

Severity severityOf(const QString& name)
{
    return severityFromName(name).value_or(Severity::Info);
}

} // namespace

class tst_ChecksDoc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_text = documentText();
        QVERIFY2(!m_text.isEmpty(), "docs/checks.md not found or empty");
        m_doc = parseDoc(m_text);
        QVERIFY(!checkCatalogue().isEmpty());
    }

    void documentAgreesWithTheRegistry()
    {
        const QStringList found = differences(m_doc, checkCatalogue());
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(m_doc.rows.size(), checkCatalogue().size());
        QCOMPARE(m_doc.sections.size(), checkCatalogue().size());
    }

    void everySeverityCellIsASeverity()
    {
        static const QRegularExpression word(QStringLiteral("^(critical|high|medium|low|info)"));
        for (const DocRow& row : std::as_const(m_doc.rows))
            for (const QString& cell : row.severities)
                for (const QString& part : cell.split(QLatin1Char('/')))
                    QVERIFY2(word.match(part).hasMatch(),
                             qPrintable(row.id + QStringLiteral(": ") + cell));
    }

    void differencesAreFound_data()
    {
        // The comparison above must be able to fail: break the document in each way it can
        // drift from the registry.
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("stale id") << QStringLiteral("| `tls.proto.tls11` |")
                                  << QStringLiteral("| `tls.proto.tls12` |")
                                  << QStringLiteral("tls.proto.tls12: stale overview row");
        QTest::newRow("missing section")
            << QStringLiteral("### `cert.no_san` —") << QStringLiteral("#### `cert.no_san` —")
            << QStringLiteral("cert.no_san: has no section");
        QTest::newRow("severity per environment")
            << QStringLiteral("| `profile.no_auth` | profile | low | medium | medium |")
            << QStringLiteral("| `profile.no_auth` | profile | low | low | medium |")
            << QStringLiteral("profile.no_auth: severities");
        QTest::newRow("fixed severity")
            << QStringLiteral("| `cert.expired` | cert | critical | critical | critical |")
            << QStringLiteral("| `cert.expired` | cert | high | critical | critical |")
            << QStringLiteral("cert.expired: severities");
        QTest::newRow("section severity")
            << QStringLiteral("- Severity: low (critical with server.nopass)")
            << QStringLiteral("- Severity: low")
            << QStringLiteral("server.protected_mode_off: section severity");
        QTest::newRow("meaning") << QStringLiteral("- Meaning: SSLv3 is broken")
                                 << QStringLiteral("- Meaning: SSLv3 is fine")
                                 << QStringLiteral("tls.proto.sslv3: meaning differs");
        QTest::newRow("remediation without Dragonfly")
            << QStringLiteral("Dragonfly: `--tls_replication=true` on the replica.") << QString()
            << QStringLiteral("server.replication_plaintext: the remediation must name");
        QTest::newRow("family") << QStringLiteral("| `env.tls_inconsistent` | env |")
                                << QStringLiteral("| `env.tls_inconsistent` | tls |")
                                << QStringLiteral("env.tls_inconsistent: family tls");
        QTest::newRow("listed twice")
            << QStringLiteral("| `conn.timeout` |")
            << QStringLiteral("| `conn.auth_failed` | conn | high | high | high | Authentication "
                              "failed |\n| `conn.timeout` |")
            << QStringLiteral("conn.auth_failed: listed twice");
    }

    void differencesAreFound()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        QVERIFY2(m_text.contains(from), qPrintable(from));
        const QString broken = QString(m_text).replace(from, to);
        const QStringList found = differences(parseDoc(broken), checkCatalogue());
        QVERIFY2(!found.isEmpty(), "the change went unnoticed");
        QVERIFY2(found.join(QLatin1Char('\n')).contains(expected),
                 qPrintable(found.join(QLatin1Char('\n'))));
    }

    void profileSeveritiesMatchTheChecks_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("kind");
        for (const char* id : {"profile.tls_disabled", "profile.verify_disabled",
                               "profile.hostname_check_disabled", "profile.no_auth"})
            for (const PolicyKind kind :
                 {PolicyKind::Development, PolicyKind::Staging, PolicyKind::Production})
                QTest::addRow("%s %s", id, qPrintable(policyKindName(kind)))
                    << QString::fromLatin1(id) << static_cast<int>(kind);
    }

    void profileSeveritiesMatchTheChecks()
    {
        QFETCH(QString, id);
        QFETCH(int, kind);
        Profile profile = Profile::create(QStringLiteral("p"));
        profile.host = QStringLiteral("h.example");
        profile.password = SecretRef::keychain();
        if (id == QLatin1String("profile.tls_disabled"))
            profile.tls.enabled = false;
        else if (id == QLatin1String("profile.verify_disabled"))
            profile.tls.verifyPeer = false;
        else if (id == QLatin1String("profile.hostname_check_disabled"))
            profile.tls.verifyHostname = false;
        else
            profile.password = SecretRef::none();
        const EnvironmentPolicy policy = EnvironmentPolicy::builtIn(static_cast<PolicyKind>(kind));
        const QList<Finding> findings = lintProfile(profile, policy);
        const auto finding = std::find_if(findings.cbegin(), findings.cend(),
                                          [&](const Finding& f) { return f.id == id; });
        QVERIFY2(finding != findings.cend(), qPrintable(id));
        const auto row = std::find_if(m_doc.rows.cbegin(), m_doc.rows.cend(),
                                      [&](const DocRow& r) { return r.id == id; });
        QVERIFY(row != m_doc.rows.cend());
        QCOMPARE(severityName(finding->severity),
                 severityName(severityOf(row->severities.at(kind))));
    }

private:
    QString m_text;
    Doc m_doc;
};

QTEST_APPLESS_MAIN(tst_ChecksDoc)
#include "tst_ChecksDoc.moc"
