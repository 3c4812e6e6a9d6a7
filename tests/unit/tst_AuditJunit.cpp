// JUnit XML: well-formed, one suite per target, one case per target × family, failures at the
// threshold, the rest in system-out, skipped families, counts that add up.

#include "AuditReportTestData.h"
#include "report/AuditJunitWriter.h"

#include <QHash>
#include <QTest>
#include <QXmlStreamReader>

using namespace rediscope;
using namespace rediscope::testdata;

namespace {

struct Case
{
    QString classname;
    QString name;
    bool skipped = false;
    QString skipMessage;
    bool failed = false;
    QString failureMessage;
    QString failureType;
    QString failureText;
    QString systemOut;
};

struct Suite
{
    QHash<QString, QString> attributes;
    QHash<QString, QString> properties;
    QList<Case> cases;

    const Case* find(const QString& family) const
    {
        for (const Case& entry : cases)
            if (entry.name == family)
                return &entry;
        return nullptr;
    }
};

struct Parsed
{
    QString error; // empty when the XML is well-formed
    QHash<QString, QString> root;
    QList<Suite> suites;

    const Suite* suite(const QString& name) const
    {
        for (const Suite& each : suites)
            if (each.attributes.value(QStringLiteral("name")) == name)
                return &each;
        return nullptr;
    }
};

QHash<QString, QString> attributesOf(const QXmlStreamReader& xml)
{
    QHash<QString, QString> map;
    for (const QXmlStreamAttribute& attribute : xml.attributes())
        map.insert(attribute.name().toString(), attribute.value().toString());
    return map;
}

Parsed parse(const QByteArray& data)
{
    Parsed parsed;
    QXmlStreamReader xml(data);
    Suite* suite = nullptr;
    Case* entry = nullptr;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == u"testsuites") {
            parsed.root = attributesOf(xml);
        } else if (name == u"testsuite") {
            parsed.suites.append(Suite{attributesOf(xml), {}, {}});
            suite = &parsed.suites.last();
            entry = nullptr;
        } else if (name == u"property" && suite) {
            const auto attributes = attributesOf(xml);
            suite->properties.insert(attributes.value(QStringLiteral("name")),
                                     attributes.value(QStringLiteral("value")));
        } else if (name == u"testcase" && suite) {
            const auto attributes = attributesOf(xml);
            Case added;
            added.classname = attributes.value(QStringLiteral("classname"));
            added.name = attributes.value(QStringLiteral("name"));
            suite->cases.append(added);
            entry = &suite->cases.last();
        } else if (name == u"skipped" && entry) {
            entry->skipped = true;
            entry->skipMessage = attributesOf(xml).value(QStringLiteral("message"));
        } else if (name == u"failure" && entry) {
            const auto attributes = attributesOf(xml);
            entry->failed = true;
            entry->failureMessage = attributes.value(QStringLiteral("message"));
            entry->failureType = attributes.value(QStringLiteral("type"));
            entry->failureText = xml.readElementText();
        } else if (name == u"system-out" && entry) {
            entry->systemOut = xml.readElementText();
        }
    }
    if (xml.hasError())
        parsed.error =
            xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber());
    return parsed;
}

QList<AuditResult> allTargets()
{
    return {goodTarget(), failedTarget(), urlTarget(), trustTarget()};
}

const QString kUrl = QStringLiteral("redis://10.0.0.7:6379");

} // namespace

class TestAuditJunit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wellFormedWithCountsThatAddUp()
    {
        const QByteArray xml = auditJunit(allTargets(), Severity::High, fixedNow());
        QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        const Parsed parsed = parse(xml);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.suites.size(), 4);
        QCOMPARE(parsed.root.value(QStringLiteral("tests")), QStringLiteral("24"));
        QCOMPARE(parsed.root.value(QStringLiteral("failures")), QStringLiteral("3"));
        QCOMPARE(parsed.root.value(QStringLiteral("errors")), QStringLiteral("0"));
        QCOMPARE(parsed.root.value(QStringLiteral("skipped")), QStringLiteral("6"));

        int tests = 0, failures = 0, skipped = 0;
        for (const Suite& suite : parsed.suites) {
            QCOMPARE(suite.cases.size(), 6);
            QCOMPARE(suite.attributes.value(QStringLiteral("tests")).toInt(), 6);
            int suiteFailures = 0, suiteSkipped = 0;
            for (const Case& entry : suite.cases) {
                QCOMPARE(entry.classname, suite.attributes.value(QStringLiteral("name")));
                suiteFailures += entry.failed ? 1 : 0;
                suiteSkipped += entry.skipped ? 1 : 0;
                QVERIFY(!(entry.failed && entry.skipped));
            }
            QCOMPARE(suite.attributes.value(QStringLiteral("failures")).toInt(), suiteFailures);
            QCOMPARE(suite.attributes.value(QStringLiteral("skipped")).toInt(), suiteSkipped);
            QCOMPARE(suite.attributes.value(QStringLiteral("timestamp")),
                     QStringLiteral("2025-06-01T12:00:00"));
            tests += static_cast<int>(suite.cases.size());
            failures += suiteFailures;
            skipped += suiteSkipped;
        }
        QCOMPARE(tests, 24);
        QCOMPARE(failures, 3);
        QCOMPARE(skipped, 6);
    }

    void oneCasePerFamilyInOrder()
    {
        const Parsed parsed = parse(auditJunit({goodTarget()}));
        QStringList families;
        for (const Case& entry : parsed.suites.at(0).cases)
            families << entry.name;
        QCOMPARE(families, (QStringList{QStringLiteral("profile"), QStringLiteral("conn"),
                                        QStringLiteral("tls"), QStringLiteral("cert"),
                                        QStringLiteral("server"), QStringLiteral("env")}));
    }

    void suitesAreNamedAfterProfileOrEndpoint()
    {
        const Parsed parsed = parse(auditJunit(allTargets()));
        QVERIFY(parsed.suite(QStringLiteral("prod-cache")));
        QVERIFY(parsed.suite(QStringLiteral("staging-cache")));
        QVERIFY(parsed.suite(QStringLiteral("dev-cache")));
        const Suite* url = parsed.suite(kUrl);
        QVERIFY(url);
        QCOMPARE(url->cases.at(0).classname, kUrl);
        QCOMPARE(url->properties.value(QStringLiteral("endpoint")), kUrl);
        QCOMPARE(url->properties.value(QStringLiteral("grade")), QStringLiteral("F"));
        QVERIFY(!url->properties.contains(QStringLiteral("profile")));
        const Suite* good = parsed.suite(QStringLiteral("prod-cache"));
        QCOMPARE(good->properties.value(QStringLiteral("profile")), QStringLiteral("prod-cache"));
        QCOMPARE(good->properties.value(QStringLiteral("environment")),
                 QStringLiteral("production"));
        QCOMPARE(good->properties.value(QStringLiteral("fail_on")), QStringLiteral("high"));
    }

    void failuresAtTheThreshold()
    {
        const Parsed parsed = parse(auditJunit(allTargets()));
        const Suite* url = parsed.suite(kUrl);
        const Case* server = url->find(QStringLiteral("server"));
        QVERIFY(server && server->failed);
        QCOMPARE(server->failureType, QStringLiteral("server.nopass"));
        QCOMPARE(server->failureMessage,
                 QStringLiteral("2 findings at or above high: server.nopass (critical), "
                                "server.protected_mode_off (critical)"));
        QVERIFY(server->failureText.contains(QStringLiteral("CRITICAL server.nopass — ")));
        QVERIFY(server->failureText.contains(QStringLiteral("Evidence: a command succeeded")));
        QVERIFY(server->failureText.contains(QStringLiteral("Remediation: ")));
        QVERIFY(url->find(QStringLiteral("profile"))->failed);
        QVERIFY(!url->find(QStringLiteral("conn"))->failed);

        const Suite* failed = parsed.suite(QStringLiteral("staging-cache"));
        const Case* conn = failed->find(QStringLiteral("conn"));
        QVERIFY(conn->failed);
        QCOMPARE(conn->failureType, QStringLiteral("conn.tls_handshake_failed"));
        QCOMPARE(conn->failureMessage,
                 QStringLiteral("1 finding at or above high: conn.tls_handshake_failed (high)"));
        // XML specials survive the round trip.
        QVERIFY2(conn->failureText.contains(QStringLiteral("alert <handshake_failure> & \"more\"")),
                 qPrintable(conn->failureText));
    }

    void belowThresholdGoesToSystemOut()
    {
        const Parsed parsed = parse(auditJunit(allTargets()));
        const Suite* good = parsed.suite(QStringLiteral("prod-cache"));
        const Case* cert = good->find(QStringLiteral("cert"));
        QVERIFY(!cert->failed);
        QVERIFY(!cert->skipped);
        QVERIFY(cert->systemOut.contains(QStringLiteral("MEDIUM cert.expires_soon")));
        const Case* tls = good->find(QStringLiteral("tls"));
        QVERIFY(tls->systemOut.contains(QStringLiteral("LOW tls.cipher.cbc")));
        QVERIFY(tls->systemOut.contains(QStringLiteral("LOW tls.client_auth.not_required")));
        const Case* profile =
            parsed.suite(QStringLiteral("staging-cache"))->find(QStringLiteral("profile"));
        QVERIFY(!profile->failed);
        QVERIFY(profile->systemOut.contains(QStringLiteral("profile.no_auth")));
    }

    void skippedFamilies()
    {
        const Parsed parsed = parse(auditJunit(allTargets()));
        const Suite* failed = parsed.suite(QStringLiteral("staging-cache"));
        QVERIFY(failed->find(QStringLiteral("tls"))->skipped);
        QVERIFY(failed->find(QStringLiteral("tls"))
                    ->skipMessage.contains(QStringLiteral("probe did not run")));
        QVERIFY(failed->find(QStringLiteral("cert"))->skipped);
        QVERIFY(failed->find(QStringLiteral("server"))->skipped);
        QVERIFY(!failed->find(QStringLiteral("env"))->skipped); // it has a service

        const Suite* url = parsed.suite(kUrl);
        QVERIFY(
            url->find(QStringLiteral("tls"))->skipMessage.contains(QStringLiteral("TLS is off")));
        QVERIFY(url->find(QStringLiteral("env"))->skipped); // no service
        QVERIFY(!url->find(QStringLiteral("server"))->skipped);

        const Suite* good = parsed.suite(QStringLiteral("prod-cache"));
        for (const Case& entry : good->cases)
            QVERIFY2(!entry.skipped, qPrintable(entry.name));
    }

    void thresholds_data()
    {
        QTest::addColumn<int>("threshold"); // -1: never
        QTest::addColumn<int>("failures");
        QTest::newRow("critical") << int(Severity::Critical) << 2;
        QTest::newRow("high") << int(Severity::High) << 3;
        QTest::newRow("medium") << int(Severity::Medium) << 6;
        QTest::newRow("low") << int(Severity::Low) << 7;
        QTest::newRow("info") << int(Severity::Info) << 7;
        QTest::newRow("never") << -1 << 0;
    }

    void thresholds()
    {
        QFETCH(int, threshold);
        QFETCH(int, failures);
        const std::optional<Severity> failAt =
            threshold < 0 ? std::nullopt : std::optional(static_cast<Severity>(threshold));
        const Parsed parsed = parse(auditJunit(allTargets(), failAt));
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.root.value(QStringLiteral("failures")).toInt(), failures);
        if (!failAt)
            QCOMPARE(parsed.suites.at(0).properties.value(QStringLiteral("fail_on")),
                     QStringLiteral("never"));
    }

    void controlCharactersKeepTheXmlWellFormed()
    {
        AuditResult result = urlTarget();
        result.findings.first().detail =
            QStringLiteral("bell \x07 escape \x1b[2J nul ") + QChar(0) + QStringLiteral(" end");
        result.profile.name = QStringLiteral("weird\x01name");
        result.fromUrl = false;
        const QByteArray xml = auditJunit({result});
        const Parsed parsed = parse(xml);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QVERIFY(!xml.contains('\x1b'));
        QVERIFY(!xml.contains('\x07'));
        QCOMPARE(parsed.suites.at(0).attributes.value(QStringLiteral("name")),
                 QStringLiteral("weird\\x01name"));
        QVERIFY(parsed.suites.at(0)
                    .find(QStringLiteral("profile"))
                    ->failureText.contains(QStringLiteral("escape \\x1b[2J")));
    }

    void emptyAudit()
    {
        const Parsed parsed = parse(auditJunit({}));
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.root.value(QStringLiteral("tests")), QStringLiteral("0"));
        QVERIFY(parsed.suites.isEmpty());
    }

    void noSecretIsWritten()
    {
        AuditResult result = goodTarget();
        result.profile.inlinePassword = "hunter2-inline-secret";
        QVERIFY(!auditJunit({result}).contains("hunter2-inline-secret"));
    }
};

QTEST_GUILESS_MAIN(TestAuditJunit)
#include "tst_AuditJunit.moc"
