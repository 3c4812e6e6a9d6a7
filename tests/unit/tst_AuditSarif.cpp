// SARIF 2.1.0 output: the structure the standard requires, field by field, and what code-scanning
// services rely on (rules, rule indexes, levels, locations, fingerprints).

#include "AuditReportTestData.h"
#include "report/AuditSarifWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testdata;

namespace {

QJsonObject run(const QJsonObject& log)
{
    return log.value(QStringLiteral("runs")).toArray().at(0).toObject();
}

QJsonArray rules(const QJsonObject& log)
{
    return run(log)
        .value(QStringLiteral("tool"))
        .toObject()
        .value(QStringLiteral("driver"))
        .toObject()
        .value(QStringLiteral("rules"))
        .toArray();
}

QJsonArray results(const QJsonObject& log)
{
    return run(log).value(QStringLiteral("results")).toArray();
}

// The results whose ruleId is `id`.
QList<QJsonObject> resultsFor(const QJsonObject& log, const QString& id)
{
    QList<QJsonObject> found;
    for (const QJsonValue& value : results(log))
        if (value.toObject().value(QStringLiteral("ruleId")).toString() == id)
            found << value.toObject();
    return found;
}

QJsonObject firstLocation(const QJsonObject& result)
{
    return result.value(QStringLiteral("locations")).toArray().at(0).toObject();
}

QJsonObject physical(const QJsonObject& result)
{
    return firstLocation(result).value(QStringLiteral("physicalLocation")).toObject();
}

QJsonObject logical(const QJsonObject& result)
{
    return firstLocation(result)
        .value(QStringLiteral("logicalLocations"))
        .toArray()
        .at(0)
        .toObject();
}

QList<AuditResult> allTargets()
{
    return {goodTarget(), failedTarget(), urlTarget(), trustTarget()};
}

SarifOptions repoOptions()
{
    SarifOptions options;
    options.baseDirectory = QStringLiteral("/srv/repo");
    return options;
}

} // namespace

class TestAuditSarif : public QObject
{
    Q_OBJECT

private:
    // Every structural rule of SARIF 2.1.0 this writer is bound by.
    static void checkStructure(const QJsonObject& log)
    {
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        QCOMPARE(log.value(QStringLiteral("$schema")).toString(),
                 QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json"));
        const QJsonArray runs = log.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 1);

        const QJsonObject driver = run(log)
                                       .value(QStringLiteral("tool"))
                                       .toObject()
                                       .value(QStringLiteral("driver"))
                                       .toObject();
        QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("rediscope"));
        QCOMPARE(driver.value(QStringLiteral("version")).toString(),
                 QStringLiteral(REDISCOPE_VERSION));
        QVERIFY(driver.value(QStringLiteral("rules")).isArray());
        QVERIFY(run(log).value(QStringLiteral("results")).isArray());

        // Rules: unique ids, every field a code-scanning service shows.
        QSet<QString> ids;
        const QJsonArray ruleList = rules(log);
        for (const QJsonValue& value : ruleList) {
            const QJsonObject rule = value.toObject();
            const QString id = rule.value(QStringLiteral("id")).toString();
            QVERIFY2(!id.isEmpty(), "a rule without an id");
            QVERIFY2(!ids.contains(id), qPrintable(QStringLiteral("rule %1 twice").arg(id)));
            ids.insert(id);
            const CheckDefinition* definition = findCheck(id);
            QVERIFY2(definition, qPrintable(id));
            QVERIFY(!rule.value(QStringLiteral("name")).toString().isEmpty());
            QCOMPARE(rule.value(QStringLiteral("shortDescription"))
                         .toObject()
                         .value(QStringLiteral("text"))
                         .toString(),
                     definition->title);
            QCOMPARE(rule.value(QStringLiteral("fullDescription"))
                         .toObject()
                         .value(QStringLiteral("text"))
                         .toString(),
                     definition->help);
            QVERIFY(rule.value(QStringLiteral("help"))
                        .toObject()
                        .value(QStringLiteral("text"))
                        .toString()
                        .startsWith(definition->help));
            const QString level = rule.value(QStringLiteral("defaultConfiguration"))
                                      .toObject()
                                      .value(QStringLiteral("level"))
                                      .toString();
            QVERIFY2(QStringList({QStringLiteral("error"), QStringLiteral("warning"),
                                  QStringLiteral("note")})
                         .contains(level),
                     qPrintable(level));
            const QJsonObject properties = rule.value(QStringLiteral("properties")).toObject();
            QVERIFY(properties.value(QStringLiteral("tags"))
                        .toArray()
                        .contains(QJsonValue(definition->family)));
            bool numeric = false;
            const double score =
                properties.value(QStringLiteral("security-severity")).toString().toDouble(&numeric);
            QVERIFY(numeric);
            QVERIFY(score >= 0.0 && score <= 10.0);
        }

        // Results: a known rule, the right index, a level, a message, a fingerprint.
        static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
        for (const QJsonValue& value : results(log)) {
            const QJsonObject result = value.toObject();
            const QString ruleId = result.value(QStringLiteral("ruleId")).toString();
            QVERIFY2(ids.contains(ruleId), qPrintable(ruleId));
            const int index = result.value(QStringLiteral("ruleIndex")).toInt(-1);
            QVERIFY(index >= 0 && index < ruleList.size());
            QCOMPARE(ruleList.at(index).toObject().value(QStringLiteral("id")).toString(), ruleId);
            const QString severity = result.value(QStringLiteral("properties"))
                                         .toObject()
                                         .value(QStringLiteral("severity"))
                                         .toString();
            const auto parsed = severityFromName(severity);
            QVERIFY2(parsed, qPrintable(severity));
            QCOMPARE(result.value(QStringLiteral("level")).toString(), sarifLevel(*parsed));
            QVERIFY(!result.value(QStringLiteral("message"))
                         .toObject()
                         .value(QStringLiteral("text"))
                         .toString()
                         .isEmpty());
            QVERIFY(sha256
                        .match(result.value(QStringLiteral("partialFingerprints"))
                                   .toObject()
                                   .value(QStringLiteral("rediscope/v1"))
                                   .toString())
                        .hasMatch());
            for (const QJsonValue& location : result.value(QStringLiteral("locations")).toArray()) {
                const QJsonObject place = location.toObject();
                QVERIFY(place.contains(QStringLiteral("physicalLocation")) ||
                        place.contains(QStringLiteral("logicalLocations")));
                if (place.contains(QStringLiteral("physicalLocation"))) {
                    const QJsonObject where =
                        place.value(QStringLiteral("physicalLocation")).toObject();
                    QVERIFY(!where.value(QStringLiteral("artifactLocation"))
                                 .toObject()
                                 .value(QStringLiteral("uri"))
                                 .toString()
                                 .isEmpty());
                    if (where.contains(QStringLiteral("region")))
                        QVERIFY(where.value(QStringLiteral("region"))
                                    .toObject()
                                    .value(QStringLiteral("startLine"))
                                    .toInt() >= 1);
                }
            }
        }
    }

private Q_SLOTS:
    void structureOfAnAudit()
    {
        const QJsonObject log = auditSarif(allTargets(), repoOptions());
        checkStructure(log);
        int findings = 0;
        for (const AuditResult& result : allTargets())
            findings += static_cast<int>(result.findings.size());
        QCOMPARE(results(log).size(), findings);
    }

    void structureWithoutFindings()
    {
        const QJsonObject log = auditSarif({});
        checkStructure(log);
        QVERIFY(rules(log).isEmpty());
        QVERIFY(results(log).isEmpty());
        QVERIFY(!run(log).contains(QStringLiteral("originalUriBaseIds")));
    }

    void rulesOnlyForOccurringIdsInCatalogueOrder()
    {
        const QJsonObject log = auditSarif(allTargets());
        QStringList expected;
        for (const CheckDefinition& definition : checkCatalogue())
            for (const AuditResult& result : allTargets())
                for (const Finding& finding : result.findings)
                    if (finding.id == definition.id && !expected.contains(definition.id))
                        expected << definition.id;
        QStringList actual;
        for (const QJsonValue& rule : rules(log))
            actual << rule.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(actual, expected);
    }

    void ruleSeverity()
    {
        const QJsonObject log = auditSarif(allTargets());
        for (const QJsonValue& value : rules(log)) {
            const QJsonObject rule = value.toObject();
            const QString id = rule.value(QStringLiteral("id")).toString();
            const QJsonObject properties = rule.value(QStringLiteral("properties")).toObject();
            const QString level = rule.value(QStringLiteral("defaultConfiguration"))
                                      .toObject()
                                      .value(QStringLiteral("level"))
                                      .toString();
            const QString score = properties.value(QStringLiteral("security-severity")).toString();
            if (id == QLatin1String("profile.tls_disabled")) { // env (…, prod critical)
                QCOMPARE(level, QStringLiteral("error"));
                QCOMPARE(score, QStringLiteral("9.5"));
            } else if (id == QLatin1String("cert.expires_soon")) { // high/medium
                QCOMPARE(level, QStringLiteral("error"));
                QCOMPARE(score, QStringLiteral("8.0"));
            } else if (id == QLatin1String("tls.cipher.cbc")) { // low
                QCOMPARE(level, QStringLiteral("note"));
                QCOMPARE(score, QStringLiteral("3.0"));
            } else if (id == QLatin1String("profile.no_auth")) { // env (…, prod medium)
                QCOMPARE(level, QStringLiteral("warning"));
                QCOMPARE(score, QStringLiteral("5.5"));
            }
        }
    }

    void levels_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("level");
        QTest::addColumn<double>("score");
        QTest::newRow("critical") << int(Severity::Critical) << QStringLiteral("error") << 9.5;
        QTest::newRow("high") << int(Severity::High) << QStringLiteral("error") << 8.0;
        QTest::newRow("medium") << int(Severity::Medium) << QStringLiteral("warning") << 5.5;
        QTest::newRow("low") << int(Severity::Low) << QStringLiteral("note") << 3.0;
        QTest::newRow("info") << int(Severity::Info) << QStringLiteral("note") << 0.0;
    }

    void levels()
    {
        QFETCH(int, severity);
        QFETCH(QString, level);
        QFETCH(double, score);
        QCOMPARE(sarifLevel(static_cast<Severity>(severity)), level);
        QCOMPARE(sarifSecuritySeverity(static_cast<Severity>(severity)), score);
    }

    void catalogueDefaults_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("severity"); // -1: none
        QTest::newRow("plain") << QStringLiteral("medium") << int(Severity::Medium);
        QTest::newRow("env prod critical")
            << QStringLiteral("env (dev high, staging high, prod critical)")
            << int(Severity::Critical);
        QTest::newRow("env prod low")
            << QStringLiteral("env (dev info, staging info, prod low)") << int(Severity::Low);
        QTest::newRow("high / medium") << QStringLiteral("high / medium") << int(Severity::High);
        QTest::newRow("medium/high") << QStringLiteral("medium/high") << int(Severity::Medium);
        QTest::newRow("with a note")
            << QStringLiteral("low (critical with server.nopass)") << int(Severity::Low);
        QTest::newRow("info") << QStringLiteral("info") << int(Severity::Info);
        QTest::newRow("none") << QStringLiteral("depends") << -1;
    }

    void catalogueDefaults()
    {
        QFETCH(QString, text);
        QFETCH(int, severity);
        const auto parsed = catalogueDefaultSeverity(text);
        if (severity < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(int(parsed.value_or(Severity::Info)), severity);
        QVERIFY(!parsed || severity >= 0);
    }

    void everyCatalogueRowHasADefaultSeverity()
    {
        for (const CheckDefinition& definition : checkCatalogue())
            QVERIFY2(catalogueDefaultSeverity(definition.severity).has_value(),
                     qPrintable(definition.id + QStringLiteral(": ") + definition.severity));
    }

    void profilesFileLocationRelativeToBase()
    {
        const QJsonObject log = auditSarif({goodTarget()}, repoOptions());
        const QJsonObject result = resultsFor(log, QStringLiteral("cert.expires_soon")).at(0);
        const QJsonObject where = physical(result);
        const QJsonObject artifact = where.value(QStringLiteral("artifactLocation")).toObject();
        QCOMPARE(artifact.value(QStringLiteral("uri")).toString(),
                 QStringLiteral("config/rediscope-profiles.json"));
        QCOMPARE(artifact.value(QStringLiteral("uriBaseId")).toString(), QStringLiteral("SRCROOT"));
        QCOMPARE(where.value(QStringLiteral("region"))
                     .toObject()
                     .value(QStringLiteral("startLine"))
                     .toInt(),
                 12);
        QCOMPARE(run(log)
                     .value(QStringLiteral("originalUriBaseIds"))
                     .toObject()
                     .value(QStringLiteral("SRCROOT"))
                     .toObject()
                     .value(QStringLiteral("uri"))
                     .toString(),
                 QStringLiteral("file:///srv/repo/"));
        // The endpoint goes along as a logical location.
        const QJsonObject resource = logical(result);
        QCOMPARE(resource.value(QStringLiteral("fullyQualifiedName")).toString(),
                 QStringLiteral("rediss://redis.example.com:6380"));
        QCOMPARE(resource.value(QStringLiteral("kind")).toString(), QStringLiteral("resource"));
        QCOMPARE(resource.value(QStringLiteral("name")).toString(), QStringLiteral("prod-cache"));
    }

    void profilesFileOutsideBaseIsAFileUri()
    {
        SarifOptions options;
        options.baseDirectory = QStringLiteral("/somewhere/else");
        const QJsonObject log = auditSarif({goodTarget()}, options);
        const QJsonObject artifact = physical(results(log).at(0).toObject())
                                         .value(QStringLiteral("artifactLocation"))
                                         .toObject();
        QCOMPARE(artifact.value(QStringLiteral("uri")).toString(),
                 QStringLiteral("file:///srv/repo/config/rediscope-profiles.json"));
        QVERIFY(!artifact.contains(QStringLiteral("uriBaseId")));
        QVERIFY(!run(log).contains(QStringLiteral("originalUriBaseIds")));

        // No base directory at all: absolute too.
        const QJsonObject noBase = auditSarif({goodTarget()});
        QCOMPARE(physical(results(noBase).at(0).toObject())
                     .value(QStringLiteral("artifactLocation"))
                     .toObject()
                     .value(QStringLiteral("uri"))
                     .toString(),
                 QStringLiteral("file:///srv/repo/config/rediscope-profiles.json"));
    }

    void fileUrisArePercentEncoded()
    {
        AuditResult result = goodTarget();
        result.sourceFile = QStringLiteral("/srv/repo/my profiles#1.json");
        const QJsonObject log = auditSarif({result}, repoOptions());
        QCOMPARE(physical(results(log).at(0).toObject())
                     .value(QStringLiteral("artifactLocation"))
                     .toObject()
                     .value(QStringLiteral("uri"))
                     .toString(),
                 QStringLiteral("my%20profiles%231.json"));
    }

    void urlTargetHasOnlyALogicalLocation()
    {
        const QJsonObject log = auditSarif({urlTarget()}, repoOptions());
        for (const QJsonValue& value : results(log)) {
            const QJsonObject result = value.toObject();
            const QJsonArray locations = result.value(QStringLiteral("locations")).toArray();
            QCOMPARE(locations.size(), 1);
            QVERIFY(!locations.at(0).toObject().contains(QStringLiteral("physicalLocation")));
            QCOMPARE(logical(result).value(QStringLiteral("fullyQualifiedName")).toString(),
                     QStringLiteral("redis://10.0.0.7:6379"));
            QCOMPARE(logical(result).value(QStringLiteral("name")).toString(),
                     QStringLiteral("redis://10.0.0.7:6379"));
        }
    }

    void findingsOwnLocationWins()
    {
        AuditResult result = goodTarget();
        result.findings.first().file = QStringLiteral("/srv/repo/redis/redis.conf");
        result.findings.first().line = 7;
        const QJsonObject log = auditSarif({result}, repoOptions());
        const QJsonObject where = physical(results(log).at(0).toObject());
        QCOMPARE(where.value(QStringLiteral("artifactLocation"))
                     .toObject()
                     .value(QStringLiteral("uri"))
                     .toString(),
                 QStringLiteral("redis/redis.conf"));
        QCOMPARE(where.value(QStringLiteral("region"))
                     .toObject()
                     .value(QStringLiteral("startLine"))
                     .toInt(),
                 7);
    }

    void messageNamesTargetTitleDetailAndEvidence()
    {
        const QJsonObject log = auditSarif({failedTarget()});
        const QString text = resultsFor(log, QStringLiteral("conn.tls_handshake_failed"))
                                 .at(0)
                                 .value(QStringLiteral("message"))
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        QVERIFY2(text.startsWith(QStringLiteral("[staging-cache] TLS handshake failed.")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("alert <handshake_failure>")));
        QVERIFY(text.contains(QStringLiteral("Evidence: stage tls: tls_handshake_failed")));
    }

    void fingerprintsAreStableAndDistinct()
    {
        const auto fingerprints = [](const QJsonObject& log) {
            QStringList list;
            for (const QJsonValue& value : results(log))
                list << value.toObject()
                            .value(QStringLiteral("partialFingerprints"))
                            .toObject()
                            .value(QStringLiteral("rediscope/v1"))
                            .toString();
            return list;
        };
        const QStringList first = fingerprints(auditSarif(allTargets()));
        const QStringList second = fingerprints(auditSarif(allTargets()));
        QCOMPARE(first, second);
        QCOMPARE(QSet<QString>(first.begin(), first.end()).size(), first.size());

        // Independent of the detail (which changes daily for an expiring certificate) …
        AuditResult changed = goodTarget();
        changed.findings.first().detail = QStringLiteral("expires in 44 days");
        QCOMPARE(fingerprints(auditSarif({changed})).at(0),
                 fingerprints(auditSarif({goodTarget()})).at(0));
        // … but not of the endpoint.
        changed.inspect.endpoint.port = 6381;
        QVERIFY(fingerprints(auditSarif({changed})).at(0) !=
                fingerprints(auditSarif({goodTarget()})).at(0));

        // The same check twice for one target: two fingerprints.
        AuditResult twice = goodTarget();
        twice.findings << twice.findings.first();
        const QStringList both = fingerprints(auditSarif({twice}));
        QCOMPARE(QSet<QString>(both.begin(), both.end()).size(), both.size());
    }

    void lintFindings()
    {
        Finding nopass = makeFinding("server.nopass", Severity::Critical,
                                     QStringLiteral("The default user needs no password."),
                                     QStringLiteral("no requirepass"));
        nopass.file = QStringLiteral("/srv/repo/redis/redis.conf");
        nopass.line = 3;
        Finding tls = makeFinding("config.tls_not_configured", Severity::High,
                                  QStringLiteral("The server has no TLS port."),
                                  QStringLiteral("no tls-port directive"));
        tls.file = QStringLiteral("/srv/repo/redis/redis.conf");
        Finding passphrase = makeFinding("config.key_passphrase_in_file", Severity::Low,
                                         QStringLiteral("The passphrase is in the file."),
                                         QStringLiteral("tls-key-file-pass is set"));
        passphrase.file = QStringLiteral("/srv/repo/redis/tls.conf");
        passphrase.line = 9;

        const QJsonObject log = findingsSarif({nopass, tls, passphrase}, repoOptions());
        checkStructure(log);
        QCOMPARE(results(log).size(), 3);
        QCOMPARE(rules(log).size(), 3);
        for (const QJsonValue& value : results(log)) {
            const QJsonObject result = value.toObject();
            QVERIFY(!firstLocation(result).contains(QStringLiteral("logicalLocations")));
            QVERIFY(!result.value(QStringLiteral("message"))
                         .toObject()
                         .value(QStringLiteral("text"))
                         .toString()
                         .startsWith(QLatin1Char('[')));
        }
        const QJsonObject first = resultsFor(log, QStringLiteral("server.nopass")).at(0);
        QCOMPARE(first.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QCOMPARE(physical(first)
                     .value(QStringLiteral("artifactLocation"))
                     .toObject()
                     .value(QStringLiteral("uri"))
                     .toString(),
                 QStringLiteral("redis/redis.conf"));
        QCOMPARE(physical(first)
                     .value(QStringLiteral("region"))
                     .toObject()
                     .value(QStringLiteral("startLine"))
                     .toInt(),
                 3);
        // No line: the file alone, no region.
        const QJsonObject noLine =
            resultsFor(log, QStringLiteral("config.tls_not_configured")).at(0);
        QVERIFY(!physical(noLine).contains(QStringLiteral("region")));
        QCOMPARE(resultsFor(log, QStringLiteral("config.key_passphrase_in_file"))
                     .at(0)
                     .value(QStringLiteral("level"))
                     .toString(),
                 QStringLiteral("note"));
    }

    void toolOptions()
    {
        SarifOptions options;
        options.toolVersion = QStringLiteral("9.9.9");
        options.informationUri = QStringLiteral("https://example.org/rediscope");
        const QJsonObject driver = run(auditSarif({goodTarget()}, options))
                                       .value(QStringLiteral("tool"))
                                       .toObject()
                                       .value(QStringLiteral("driver"))
                                       .toObject();
        QCOMPARE(driver.value(QStringLiteral("version")).toString(), QStringLiteral("9.9.9"));
        QCOMPARE(driver.value(QStringLiteral("informationUri")).toString(),
                 QStringLiteral("https://example.org/rediscope"));
        // Without one, the optional property is left out rather than written empty.
        QVERIFY(!run(auditSarif({goodTarget()}))
                     .value(QStringLiteral("tool"))
                     .toObject()
                     .value(QStringLiteral("driver"))
                     .toObject()
                     .contains(QStringLiteral("informationUri")));
    }

    void noSecretIsWritten()
    {
        AuditResult result = goodTarget();
        result.profile.inlinePassword = "hunter2-inline-secret";
        const QByteArray sarif = QJsonDocument(auditSarif({result})).toJson();
        QVERIFY(!sarif.contains("hunter2-inline-secret"));
    }
};

QTEST_GUILESS_MAIN(TestAuditSarif)
#include "tst_AuditSarif.moc"
