// The audit JSON (rediscope-audit/1) against docs/audit-schema.json, validated by an independent
// validator: Debian's python3-jsonschema (`python3 -m jsonschema -i INSTANCE SCHEMA`). A missing
// validator fails the test with instructions; it never skips.

#include "AuditReportTestData.h"
#include "JsonSchemaValidator.h"
#include "report/AuditJsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testdata;

class TestAuditJsonSchema : public QObject
{
    Q_OBJECT

private:
    JsonSchemaValidator m_validator;
    QString m_schema;

    void expectValid(const QJsonObject& document)
    {
        const JsonSchemaValidator::Validation result =
            m_validator.validate(QJsonDocument(document).toJson(), m_schema);
        QVERIFY2(result.ran, "the validator did not run to completion");
        QVERIFY2(result.exitCode == 0,
                 qPrintable(
                     QStringLiteral("rejected by docs/audit-schema.json:\n%1\n%2")
                         .arg(result.output, QString::fromUtf8(QJsonDocument(document).toJson()))));
    }

    static QJsonObject document(const QList<AuditResult>& results)
    {
        return auditDocument(results, fixedNow());
    }

    // targets[0] of `document`, changed by `change`.
    template <typename Change>
    static QJsonObject withTarget(QJsonObject document, Change change)
    {
        QJsonArray targets = document.value(QStringLiteral("targets")).toArray();
        QJsonObject target = targets.at(0).toObject();
        change(target);
        targets.replace(0, target);
        document.insert(QStringLiteral("targets"), targets);
        return document;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_schema = QFINDTESTDATA("../../docs/audit-schema.json");
        QVERIFY2(!m_schema.isEmpty(), "docs/audit-schema.json not found");

        const QString missing = m_validator.find();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        qInfo("validator: %s -m jsonschema %s", qPrintable(m_validator.python()),
              qPrintable(m_validator.version()));
    }

    void schemaFileIsJson()
    {
        QFile file(m_schema);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument schema = QJsonDocument::fromJson(file.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(schema.object().value(QStringLiteral("$schema")).toString(),
                 QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    }

    void goodTargetWithProbeIsValid() { expectValid(document({goodTarget()})); }
    void failedTargetWithoutTlsFactsIsValid() { expectValid(document({failedTarget()})); }
    void urlTargetIsValid() { expectValid(document({urlTarget()})); }
    void trustCappedTargetIsValid() { expectValid(document({trustTarget()})); }
    void severalTargetsAreValid()
    {
        expectValid(document({goodTarget(), failedTarget(), urlTarget(), trustTarget()}));
    }
    void noTargetIsValid() { expectValid(document({})); }

    void lintLocatedFindingIsValid()
    {
        AuditResult result = goodTarget();
        result.findings.first().file = QStringLiteral("/etc/redis/redis.conf");
        result.findings.first().line = 7;
        expectValid(document({result}));
    }

    void brokenDocumentsAreRejected_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("port is a string") << QStringLiteral("port");
        QTest::newRow("findings missing") << QStringLiteral("findings");
        QTest::newRow("unknown severity") << QStringLiteral("severity");
        QTest::newRow("protocol verdict is a string") << QStringLiteral("protocols");
        QTest::newRow("unknown grade") << QStringLiteral("grade");
        QTest::newRow("server mode outside the contract") << QStringLiteral("mode");
        QTest::newRow("server role outside the contract") << QStringLiteral("role");
        QTest::newRow("unknown stage") << QStringLiteral("stage");
        QTest::newRow("summary count is negative") << QStringLiteral("summary");
        QTest::newRow("wrong schema name") << QStringLiteral("schema");
        QTest::newRow("unknown target key") << QStringLiteral("extra");
        QTest::newRow("probe ciphers for an unknown version") << QStringLiteral("ciphers");
    }

    void brokenDocumentsAreRejected()
    {
        QFETCH(QString, change);
        QJsonObject broken = document({goodTarget()});
        if (change == QLatin1String("port")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                QJsonObject endpoint = target.value(QStringLiteral("endpoint")).toObject();
                endpoint.insert(QStringLiteral("port"), QStringLiteral("6380"));
                target.insert(QStringLiteral("endpoint"), endpoint);
            });
        } else if (change == QLatin1String("findings")) {
            broken = withTarget(
                broken, [](QJsonObject& target) { target.remove(QStringLiteral("findings")); });
        } else if (change == QLatin1String("severity")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                QJsonArray findings = target.value(QStringLiteral("findings")).toArray();
                QJsonObject first = findings.at(0).toObject();
                first.insert(QStringLiteral("severity"), QStringLiteral("severe"));
                findings.replace(0, first);
                target.insert(QStringLiteral("findings"), findings);
            });
        } else if (change == QLatin1String("protocols")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                QJsonObject probe = target.value(QStringLiteral("probe")).toObject();
                QJsonObject protocols = probe.value(QStringLiteral("protocols")).toObject();
                protocols.insert(QStringLiteral("TLSv1"), QStringLiteral("no"));
                probe.insert(QStringLiteral("protocols"), protocols);
                target.insert(QStringLiteral("probe"), probe);
            });
        } else if (change == QLatin1String("grade")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                target.insert(QStringLiteral("grade"), QStringLiteral("Z"));
            });
        } else if (change == QLatin1String("mode") || change == QLatin1String("role")) {
            broken = withTarget(broken, [&change](QJsonObject& target) {
                QJsonObject server = target.value(QStringLiteral("server")).toObject();
                server.insert(change, QStringLiteral("slave"));
                target.insert(QStringLiteral("server"), server);
            });
        } else if (change == QLatin1String("stage")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                QJsonArray stages = target.value(QStringLiteral("stages")).toArray();
                QJsonObject first = stages.at(0).toObject();
                first.insert(QStringLiteral("name"), QStringLiteral("dns"));
                stages.replace(0, first);
                target.insert(QStringLiteral("stages"), stages);
            });
        } else if (change == QLatin1String("summary")) {
            QJsonObject summary = broken.value(QStringLiteral("summary")).toObject();
            summary.insert(QStringLiteral("high"), -1);
            broken.insert(QStringLiteral("summary"), summary);
        } else if (change == QLatin1String("schema")) {
            broken.insert(QStringLiteral("schema"), QStringLiteral("rediscope-audit/2"));
        } else if (change == QLatin1String("extra")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                target.insert(QStringLiteral("password"), QStringLiteral("hunter2"));
            });
        } else if (change == QLatin1String("ciphers")) {
            broken = withTarget(broken, [](QJsonObject& target) {
                QJsonObject probe = target.value(QStringLiteral("probe")).toObject();
                QJsonObject ciphers = probe.value(QStringLiteral("ciphers")).toObject();
                ciphers.insert(QStringLiteral("TLSv1.4"), QJsonArray{QStringLiteral("X")});
                probe.insert(QStringLiteral("ciphers"), ciphers);
                target.insert(QStringLiteral("probe"), probe);
            });
        }
        QVERIFY(broken != document({goodTarget()}));

        const JsonSchemaValidator::Validation result =
            m_validator.validate(QJsonDocument(broken).toJson(), m_schema);
        QVERIFY2(result.ran, "the validator did not run to completion");
        QVERIFY2(result.exitCode != 0,
                 qPrintable(QStringLiteral("accepted a broken document (%1)").arg(change)));
        // A validation error, not a crash of the validator.
        QVERIFY2(!result.output.contains(QLatin1String("Traceback")), qPrintable(result.output));
        const QString firstLine = result.output.trimmed().section(QLatin1Char('\n'), -1);
        QVERIFY2(!firstLine.isEmpty(), "the validator said nothing about the error");
        qInfo("%s", qPrintable(firstLine.left(160)));
    }

    // The shape the schema cannot express on its own, checked directly.
    void targetShape()
    {
        const QJsonObject doc = document({goodTarget(), failedTarget(), urlTarget()});
        QCOMPARE(doc.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("rediscope-audit/1"));
        QCOMPARE(doc.value(QStringLiteral("generated_at")).toString(),
                 QStringLiteral("2025-06-01T12:00:00Z"));
        const QJsonArray targets = doc.value(QStringLiteral("targets")).toArray();
        QCOMPARE(targets.size(), 3);

        const QJsonObject good = targets.at(0).toObject();
        QCOMPARE(good.value(QStringLiteral("profile")).toString(), QStringLiteral("prod-cache"));
        QCOMPARE(good.value(QStringLiteral("service")).toString(), QStringLiteral("cache"));
        QCOMPARE(good.value(QStringLiteral("environment")).toString(),
                 QStringLiteral("production"));
        QCOMPARE(good.value(QStringLiteral("grade")).toString(), QStringLiteral("A-"));
        QVERIFY(good.value(QStringLiteral("grade_if_trust_fixed")).isNull());
        QCOMPARE(
            good.value(QStringLiteral("source")).toObject().value(QStringLiteral("line")).toInt(),
            12);
        const QJsonObject probe = good.value(QStringLiteral("probe")).toObject();
        const QJsonObject protocols = probe.value(QStringLiteral("protocols")).toObject();
        QCOMPARE(protocols.size(), 5);
        QVERIFY(protocols.value(QStringLiteral("SSLv3")).isNull()); // not testable, not "false"
        QCOMPARE(protocols.value(QStringLiteral("TLSv1")), QJsonValue(false));
        QCOMPARE(protocols.value(QStringLiteral("TLSv1.3")), QJsonValue(true));
        const QJsonObject ciphers = probe.value(QStringLiteral("ciphers")).toObject();
        QCOMPARE(ciphers.keys(),
                 (QStringList{QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")}));
        QCOMPARE(ciphers.value(QStringLiteral("TLSv1.3")).toArray().at(0).toString(),
                 QStringLiteral("TLS_AES_256_GCM_SHA384"));
        QCOMPARE(probe.value(QStringLiteral("groups")).toArray(),
                 (QJsonArray{QStringLiteral("X25519"), QStringLiteral("P-256")}));
        QCOMPARE(probe.value(QStringLiteral("ms")).toDouble(), 181.46);
        QCOMPARE(probe.value(QStringLiteral("protocol_notes"))
                     .toObject()
                     .value(QStringLiteral("SSLv3"))
                     .toString(),
                 QStringLiteral("this OpenSSL cannot offer SSLv3"));
        QCOMPARE(probe.value(QStringLiteral("min_ecdhe_bits")).toInt(), 253);
        QVERIFY(probe.value(QStringLiteral("min_dhe_bits")).isNull());
        QCOMPARE(probe.value(QStringLiteral("complete")), QJsonValue(true));
        const QJsonObject finding =
            good.value(QStringLiteral("findings")).toArray().at(0).toObject();
        QCOMPARE(finding.value(QStringLiteral("id")).toString(),
                 QStringLiteral("cert.expires_soon"));
        QCOMPARE(finding.value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
        QCOMPARE(finding.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Certificate expires soon"));
        QVERIFY(!finding.contains(QStringLiteral("file")));
        QVERIFY(!finding.contains(QStringLiteral("line")));

        const QJsonObject failed = targets.at(1).toObject();
        QVERIFY(failed.value(QStringLiteral("tls")).isNull());
        QVERIFY(failed.value(QStringLiteral("probe")).isNull());
        QVERIFY(failed.value(QStringLiteral("server")).isNull());
        QVERIFY(failed.value(QStringLiteral("grade")).isNull());
        QCOMPARE(failed.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("tls_handshake_failed"));

        const QJsonObject url = targets.at(2).toObject();
        QVERIFY(url.value(QStringLiteral("profile")).isNull());
        QVERIFY(url.value(QStringLiteral("profile_id")).isNull());
        QVERIFY(url.value(QStringLiteral("service")).isNull());
        QVERIFY(url.value(QStringLiteral("source")).isNull());
        QCOMPARE(url.value(QStringLiteral("endpoint"))
                     .toObject()
                     .value(QStringLiteral("tls"))
                     .toBool(true),
                 false);
        QCOMPARE(
            url.value(QStringLiteral("server")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("valkey"));

        const QJsonObject trust = auditTargetToJson(trustTarget(), fixedNow());
        QCOMPARE(trust.value(QStringLiteral("grade")).toString(), QStringLiteral("T"));
        QCOMPARE(trust.value(QStringLiteral("grade_if_trust_fixed")).toString(),
                 QStringLiteral("A"));
    }

    void findingLocation()
    {
        Finding finding = makeFinding("server.nopass", Severity::Critical, QStringLiteral("d"),
                                      QStringLiteral("e"));
        finding.file = QStringLiteral("/etc/redis/redis.conf");
        finding.line = 42;
        const QJsonObject object = auditFindingToJson(finding);
        QCOMPARE(object.value(QStringLiteral("file")).toString(),
                 QStringLiteral("/etc/redis/redis.conf"));
        QCOMPARE(object.value(QStringLiteral("line")).toInt(), 42);
    }

    void summaryCounts()
    {
        const QJsonObject summary = document({goodTarget(), failedTarget(), urlTarget()})
                                        .value(QStringLiteral("summary"))
                                        .toObject();
        QCOMPARE(summary.value(QStringLiteral("targets")).toInt(), 3);
        QCOMPARE(summary.value(QStringLiteral("findings")).toInt(), 8);
        QCOMPARE(summary.value(QStringLiteral("critical")).toInt(), 3);
        QCOMPARE(summary.value(QStringLiteral("high")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("medium")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("low")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("info")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("worst")).toString(), QStringLiteral("critical"));

        const QJsonObject empty = document({}).value(QStringLiteral("summary")).toObject();
        QCOMPARE(empty.value(QStringLiteral("findings")).toInt(), 0);
        QVERIFY(empty.value(QStringLiteral("worst")).isNull());
    }

    void noSecretIsWritten()
    {
        AuditResult result = goodTarget();
        result.profile.inlinePassword = "hunter2-inline-secret";
        result.profile.inlineKeyPassphrase = "passphrase-inline-secret";
        const QByteArray json = QJsonDocument(document({result})).toJson();
        QVERIFY(!json.contains("hunter2-inline-secret"));
        QVERIFY(!json.contains("passphrase-inline-secret"));
    }
};

QTEST_GUILESS_MAIN(TestAuditJsonSchema)
#include "tst_AuditJsonSchema.moc"
