// The audit of every lab scenario: the exact set of finding ids (present and absent), the grade,
// and the audit's probe against sslscan on the same server (accepted protocols and suites), from
// real servers.

#include "LabEnvironment.h"
#include "SslscanReport.h"
#include "audit/Auditor.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace rediscope;
using namespace rediscope::lab;

namespace {

AuditTarget targetFor(const QString& scenario,
                      const QString& environment = QStringLiteral("production"))
{
    auto& lab = LabEnvironment::shared();
    QString error;
    LabServer* server = lab.server(scenario, &error);
    if (!server)
        qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
    AuditTarget target;
    target.profile = Profile::create(scenario);
    target.profile.service = QStringLiteral("lab");
    target.profile.environment = environment;
    target.profile.host = QStringLiteral("127.0.0.1");
    target.profile.tls.enabled = server->scenario().tls;
    target.profile.port = server->scenario().tls ? server->tlsPort() : server->plaintextPort();
    target.profile.tls.caFile = lab.pki().rootCa();
    target.profile.timeoutSeconds = 5;
    if (server->scenario().password) {
        target.profile.password = SecretRef::env(QStringLiteral("LAB_PASSWORD"));
        target.password = QByteArray(LabPassword);
    }
    target.policy = EnvironmentPolicies().forEnvironment(environment);
    return target;
}

QStringList idsOf(const AuditResult& result)
{
    QStringList ids;
    for (const Finding& finding : result.findings)
        ids << finding.id + QLatin1Char('/') + severityName(finding.severity);
    ids.sort();
    ids.removeDuplicates();
    return ids;
}

// "TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256", … for every accepted protocol and suite.
QStringList acceptedPairs(const ProbeResult& probe)
{
    QStringList pairs;
    for (const ProbedProtocol& protocol : probe.protocols)
        for (const QString& suite : protocol.suiteNames())
            pairs << protocol.name + QLatin1Char(' ') + suite;
    return pairs;
}

} // namespace

class tst_AuditLab : public QObject
{
    Q_OBJECT

    QString m_sslscan;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
        m_sslscan = QStandardPaths::findExecutable(QStringLiteral("sslscan"));
        QVERIFY2(!m_sslscan.isEmpty(), "sslscan is not installed: the audit's probe is compared "
                                       "with it (apt-get install sslscan).");
    }

    void scenario_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("grade");
        QTest::addColumn<QString>("ifTrustFixed");

        // What every TLS scenario shares: Redis' default cipher list admits CBC and static-RSA
        // suites, and no client certificate is required.
        const QStringList defaults{QStringLiteral("tls.cipher.cbc/low"),
                                   QStringLiteral("tls.cipher.static_rsa/low"),
                                   QStringLiteral("tls.client_auth.not_required/low")};
        const auto row = [](const char* name, const char* scenario, const char* environment,
                            QStringList expected, const char* grade, const char* fixed) {
            expected.sort();
            QTest::newRow(name) << QString::fromLatin1(scenario) << QString::fromLatin1(environment)
                                << expected << QString::fromLatin1(grade)
                                << QString::fromLatin1(fixed);
        };
        // Connections that stop at the verify or hostname stage never read the server's config.
        row("good", "good", "production",
            defaults + QStringList{QStringLiteral("server.client_auth_off/medium")}, "A", "");
        row("good in development", "good", "development",
            QStringList{QStringLiteral("tls.cipher.cbc/low"),
                        QStringLiteral("tls.cipher.static_rsa/low"),
                        QStringLiteral("tls.client_auth.not_required/info"),
                        QStringLiteral("server.client_auth_off/info")},
            "A", "");
        row("legacy", "legacy", "production",
            defaults + QStringList{QStringLiteral("server.client_auth_off/medium"),
                                   QStringLiteral("server.legacy_protocols_configured/medium"),
                                   QStringLiteral("tls.cipher.null_anon_export/critical"),
                                   QStringLiteral("tls.kex.weak_dh/high"),
                                   QStringLiteral("tls.proto.tls10/medium"),
                                   QStringLiteral("tls.proto.tls11/medium")},
            "F", "");
        row("tls13-only", "tls13-only", "production",
            {QStringLiteral("server.client_auth_off/medium"),
             QStringLiteral("tls.client_auth.not_required/low")},
            "A+", "");
        row("expired", "expired", "production",
            defaults + QStringList{QStringLiteral("cert.expired/critical")}, "T", "A");
        row("not-yet-valid", "not-yet-valid", "production",
            defaults + QStringList{QStringLiteral("cert.not_yet_valid/critical")}, "T", "A");
        row("wrong-host", "wrong-host", "production",
            defaults + QStringList{QStringLiteral("cert.hostname_mismatch/high")}, "M", "");
        row("self-signed", "self-signed", "production",
            defaults + QStringList{QStringLiteral("cert.self_signed/high"),
                                   QStringLiteral("cert.untrusted/high")},
            "T", "A");
        row("self-signed in development", "self-signed", "development",
            QStringList{
                QStringLiteral("tls.cipher.cbc/low"), QStringLiteral("tls.cipher.static_rsa/low"),
                QStringLiteral("tls.client_auth.not_required/info"),
                QStringLiteral("cert.self_signed/low"), QStringLiteral("cert.untrusted/medium")},
            "T", "A");
        // At security level 0 the server picks a DH group as weak as its 1024-bit key.
        row("weak-key", "weak-key", "production",
            defaults + QStringList{QStringLiteral("cert.weak_key/high"),
                                   QStringLiteral("tls.kex.weak_dh/high")},
            "B", "");
        row("sha1", "sha1", "production",
            defaults + QStringList{QStringLiteral("cert.weak_signature/medium")}, "B", "");
        row("no-san", "no-san", "production",
            defaults + QStringList{QStringLiteral("cert.hostname_mismatch/high"),
                                   QStringLiteral("cert.no_san/medium")},
            "M", "");
        row("mtls without a client certificate", "mtls", "production",
            {QStringLiteral("conn.client_cert_required/high"), QStringLiteral("tls.cipher.cbc/low"),
             QStringLiteral("tls.cipher.static_rsa/low")},
            "A", "");
        row("plaintext-too", "plaintext-too", "production",
            defaults + QStringList{QStringLiteral("server.client_auth_off/medium"),
                                   QStringLiteral("server.plaintext_port_open/high")},
            "A", "");
        row("nopass", "nopass", "production",
            defaults + QStringList{QStringLiteral("profile.no_auth/medium"),
                                   QStringLiteral("server.client_auth_off/medium"),
                                   QStringLiteral("server.nopass/critical")},
            "A", "");
        row("plaintext", "plaintext", "production",
            {QStringLiteral("profile.tls_disabled/critical")}, "F", "");
        row("no-fs", "no-fs", "production",
            {QStringLiteral("server.client_auth_off/medium"), QStringLiteral("tls.cipher.cbc/low"),
             QStringLiteral("tls.cipher.no_aead/medium"), QStringLiteral("tls.cipher.no_fs/medium"),
             QStringLiteral("tls.client_auth.not_required/low"),
             QStringLiteral("tls.proto.no_tls13/low")},
            "B", "");
    }

    void scenario()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, environment);
        QFETCH(QStringList, expected);
        QFETCH(QString, grade);
        QFETCH(QString, ifTrustFixed);
        const AuditResult result =
            Auditor::auditOne(targetFor(scenario, environment), AuditOptions());
        const QStringList ids = idsOf(result);
        QCOMPARE(ids, expected);
        QCOMPARE(result.grade.grade, grade);
        QCOMPARE(result.grade.ifTrustFixed, ifTrustFixed);
        if (result.profile.tls.enabled) {
            QVERIFY(result.probe.has_value());
            QVERIFY2(result.probe->complete(),
                     qPrintable(result.probe->errors.join(QLatin1Char(';'))));
            // sslscan counts a suite only when the whole handshake succeeds, and the mtls server
            // ends every one without a client certificate (tst_ProbeAccuracy compares it with
            // one).
            if (scenario != QLatin1String("mtls")) {
                const sslscan::SslscanReport theirs =
                    sslscan::runSslscan(m_sslscan, result.profile.port, {});
                QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
                QStringList theirPairs;
                for (auto it = theirs.ciphers.cbegin(); it != theirs.ciphers.cend(); ++it)
                    for (const QString& suite : it.value())
                        theirPairs << it.key() + QLatin1Char(' ') + suite;
                QStringList ourPairs = acceptedPairs(*result.probe);
                QVERIFY2(!theirPairs.isEmpty(), "sslscan saw no suite: nothing was compared");
                theirPairs.sort();
                ourPairs.sort();
                QCOMPARE(ourPairs, theirPairs);
                QStringList theirProtocols;
                for (auto it = theirs.protocols.cbegin(); it != theirs.protocols.cend(); ++it)
                    if (it.value() && it.key() != QLatin1String("SSLv3") &&
                        it.key() != QLatin1String("SSLv2"))
                        theirProtocols << it.key();
                QStringList ourProtocols = result.probe->acceptedProtocols();
                theirProtocols.sort();
                ourProtocols.sort();
                QCOMPARE(ourProtocols, theirProtocols);
            }
        }
        for (const Finding& finding : result.findings)
            for (const QString& text : {finding.detail, finding.evidence, finding.remediation})
                QVERIFY2(!text.contains(QLatin1String(LabPassword)), qPrintable(finding.id));
    }

    void environmentsOfOneService()
    {
        // One service: production on TLS, development in plaintext, staging not verifying.
        QList<AuditTarget> targets{
            targetFor(QStringLiteral("good"), QStringLiteral("production")),
            targetFor(QStringLiteral("plaintext"), QStringLiteral("development")),
            targetFor(QStringLiteral("legacy"), QStringLiteral("staging"))};
        targets[2].profile.tls.verifyPeer = false;
        AuditOptions options;
        int lastDone = 0;
        const QList<AuditResult> results =
            Auditor::auditAll(targets, options, {}, [&lastDone](int done, int total) {
                QVERIFY(done > lastDone && done <= total);
                lastDone = done;
            });
        QCOMPARE(lastDone, 3);
        QCOMPARE(results.size(), 3);
        QVERIFY(idsOf(results.at(1)).contains(QStringLiteral("env.tls_inconsistent/high")));
        QVERIFY(idsOf(results.at(2)).contains(QStringLiteral("env.verify_inconsistent/medium")));
        QVERIFY(idsOf(results.at(2)).contains(QStringLiteral("env.protocol_inconsistent/low")));
        QVERIFY(idsOf(results.at(0)).contains(QStringLiteral("env.protocol_inconsistent/low")));
        QVERIFY(!idsOf(results.at(0)).contains(QStringLiteral("env.tls_inconsistent/high")));
        // The same lab certificate serves production and staging.
        QVERIFY(idsOf(results.at(0)).contains(QStringLiteral("cert.shared_across_envs/medium")));
    }

    void oneProbePerEndpointInARun()
    {
        // Four profiles on the legacy server (one of them by the name "localhost", the probe's
        // endpoint then differs) and one on good: three probes in all, the results equal.
        QList<AuditTarget> targets;
        for (const char* environment : {"development", "staging", "production"})
            targets << targetFor(QStringLiteral("legacy"), QString::fromLatin1(environment));
        targets << targetFor(QStringLiteral("legacy"), QStringLiteral("production"));
        targets.last().profile.host = QStringLiteral("localhost");
        targets << targetFor(QStringLiteral("good"));
        for (int i = 0; i < targets.size(); ++i)
            targets[i].profile.name = QStringLiteral("p%1").arg(i);
        const QList<AuditResult> results = Auditor::auditAll(targets, AuditOptions(), {}, {});
        QCOMPARE(results.size(), 5);
        const auto shared = [&](int i) {
            return results.at(i).probe->notes.filter(QStringLiteral("Probed once")).size() == 1;
        };
        for (const AuditResult& result : results) {
            QVERIFY(result.probe);
            QVERIFY(result.probe->complete());
        }
        // Of the three on 127.0.0.1:<legacy>, exactly one probed; the others name it.
        int probed = 0;
        for (int i = 0; i < 3; ++i) {
            if (!shared(i)) {
                ++probed;
                continue;
            }
            const QString note =
                results.at(i).probe->notes.filter(QStringLiteral("Probed once")).first();
            QVERIFY2(QRegularExpression(QStringLiteral("for p[0-2]:")).match(note).hasMatch(),
                     qPrintable(note));
            QCOMPARE(acceptedPairs(*results.at(i).probe), acceptedPairs(*results.at(0).probe));
        }
        QCOMPARE(probed, 1);
        QVERIFY(!shared(3)); // another name, another endpoint
        QVERIFY(!shared(4)); // another server
        QCOMPARE(acceptedPairs(*results.at(3).probe), acceptedPairs(*results.at(0).probe));
        QVERIFY(acceptedPairs(*results.at(4).probe) != acceptedPairs(*results.at(0).probe));
        QVERIFY(acceptedPairs(*results.at(0).probe).size() > 40);
        // One run does not carry over to the next: each run probes afresh.
        const QList<AuditResult> again =
            Auditor::auditAll({targets.first()}, AuditOptions(), {}, {});
        QVERIFY(again.at(0).probe->notes.filter(QStringLiteral("Probed once")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AuditLab)
#include "tst_AuditLab.moc"
