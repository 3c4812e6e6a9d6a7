// `rediscope audit --format json` on real lab servers, validated against docs/audit-schema.json
// (the contract of PRODUCT.md): the fixtures of tst_AuditJsonSchema cannot show that what real
// servers, real certificates and real failures produce stays inside the schema.

#include "JsonSchemaValidator.h"
#include "LabEnvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace rediscope::lab;

class tst_AuditJsonLab : public QObject
{
    Q_OBJECT

private:
    JsonSchemaValidator m_validator;
    QString m_schema;

    static QString urlOf(const QString& scenario)
    {
        LabServer* server = LabEnvironment::shared().server(scenario);
        if (!server)
            return QString();
        return server->scenario().tls
                   ? QStringLiteral("rediss://127.0.0.1:%1").arg(server->tlsPort())
                   : QStringLiteral("redis://127.0.0.1:%1").arg(server->plaintextPort());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
        m_schema = QFINDTESTDATA("../../docs/audit-schema.json");
        QVERIFY2(!m_schema.isEmpty(), "docs/audit-schema.json not found");
        const QString missing = m_validator.find();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }

    void realAuditMatchesTheSchema_data()
    {
        QTest::addColumn<QStringList>("scenarios");
        QTest::addColumn<bool>("probe");
        // Sound, broken and failing targets together: every branch of the writer on real data.
        QTest::newRow("probed: good, legacy, expired, wrong-host, self-signed, plaintext-too")
            << QStringList{QStringLiteral("good"),        QStringLiteral("legacy"),
                           QStringLiteral("expired"),     QStringLiteral("wrong-host"),
                           QStringLiteral("self-signed"), QStringLiteral("plaintext-too")}
            << true;
        QTest::newRow("quick: mtls without a certificate, nopass, no-fs")
            << QStringList{QStringLiteral("mtls"), QStringLiteral("nopass"),
                           QStringLiteral("no-fs")}
            << false;
        QTest::newRow("plaintext") << QStringList{QStringLiteral("plaintext")} << true;
    }

    void realAuditMatchesTheSchema()
    {
        QFETCH(QStringList, scenarios);
        QFETCH(bool, probe);
        QStringList arguments{QStringLiteral("audit")};
        for (const QString& scenario : std::as_const(scenarios)) {
            const QString url = urlOf(scenario);
            QVERIFY2(!url.isEmpty(), qPrintable(scenario));
            arguments << url;
        }
        if (!arguments.last().startsWith(QLatin1String("redis://")))
            arguments << QStringLiteral("--cacert") << LabEnvironment::shared().pki().rootCa();
        arguments << QStringLiteral("--format") << QStringLiteral("json")
                  << QStringLiteral("--fail-on") << QStringLiteral("never");
        if (!probe)
            arguments << QStringLiteral("--no-probe");

        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("REDISCLI_AUTH"), QLatin1String(LabPassword));
        environment.remove(QStringLiteral("DISPLAY"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(REDISCOPE_BINARY), arguments);
        QVERIFY(process.waitForFinished(120000));
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

        const QJsonObject document = QJsonDocument::fromJson(out).object();
        QCOMPARE(document.value(QStringLiteral("targets")).toArray().size(), scenarios.size());
        const JsonSchemaValidator::Validation result = m_validator.validate(out, m_schema);
        QVERIFY2(result.ran, "the validator did not run to completion");
        QVERIFY2(result.exitCode == 0,
                 qPrintable(QStringLiteral("rejected by docs/audit-schema.json:\n%1")
                                .arg(result.output.left(2000))));
        QVERIFY(!out.contains(LabPassword));
    }
};

QTEST_GUILESS_MAIN(tst_AuditJsonLab)
#include "tst_AuditJsonLab.moc"
