// env.* and cert.shared_across_envs: one service's environments must not drift apart.

#include "audit/EnvironmentChecks.h"

#include <QTest>

using namespace rediscope;

namespace {

EnvironmentTargetFacts target(const char* service, const char* environment, bool tls, bool verify,
                              QStringList protocols = {}, const char* leaf = "")
{
    EnvironmentTargetFacts facts;
    facts.service = QString::fromLatin1(service);
    facts.environment = QString::fromLatin1(environment);
    facts.profile = facts.service + QLatin1Char('-') + facts.environment;
    facts.tlsEnabled = tls;
    facts.verifyPeer = verify;
    facts.protocols = protocols;
    facts.leafSha256 = QString::fromLatin1(leaf);
    return facts;
}

QStringList summary(const QList<TargetFinding>& findings)
{
    QStringList lines;
    for (const TargetFinding& each : findings)
        lines << QStringLiteral("%1 %2/%3")
                     .arg(each.target)
                     .arg(each.finding.id, severityName(each.finding.severity));
    lines.sort();
    return lines;
}

} // namespace

class tst_EnvironmentChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drift_data()
    {
        QTest::addColumn<QList<EnvironmentTargetFacts>>("targets");
        QTest::addColumn<QStringList>("expected");
        const QStringList modern{QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")};
        const QStringList legacy{QStringLiteral("TLSv1"), QStringLiteral("TLSv1.1"),
                                 QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")};

        QTest::newRow("consistent")
            << QList<EnvironmentTargetFacts>{target("orders", "development", true, true, modern,
                                                    "a"),
                                             target("orders", "production", true, true, modern,
                                                    "b")}
            << QStringList();
        QTest::newRow("dev without TLS")
            << QList<EnvironmentTargetFacts>{target("orders", "development", false, false),
                                             target("orders", "staging", true, true, modern, "a"),
                                             target("orders", "production", true, true, modern,
                                                    "b")}
            << QStringList{QStringLiteral("0 env.tls_inconsistent/high")};
        QTest::newRow("staging not verifying")
            << QList<EnvironmentTargetFacts>{target("orders", "staging", true, false, modern, "a"),
                                             target("orders", "production", true, true, modern,
                                                    "b")}
            << QStringList{QStringLiteral("0 env.verify_inconsistent/medium")};
        QTest::newRow("protocols differ")
            << QList<EnvironmentTargetFacts>{target("orders", "staging", true, true, legacy, "a"),
                                             target("orders", "production", true, true, modern,
                                                    "b")}
            << QStringList{QStringLiteral("0 env.protocol_inconsistent/low"),
                           QStringLiteral("1 env.protocol_inconsistent/low")};
        QTest::newRow("shared certificate")
            << QList<EnvironmentTargetFacts>{target("orders", "staging", true, true, modern,
                                                    "same"),
                                             target("orders", "production", true, true, modern,
                                                    "same")}
            << QStringList{QStringLiteral("0 cert.shared_across_envs/medium"),
                           QStringLiteral("1 cert.shared_across_envs/medium")};
        QTest::newRow("same certificate, same environment is fine")
            << QList<EnvironmentTargetFacts>{target("orders", "production", true, true, modern,
                                                    "same"),
                                             target("orders", "production", true, true, modern,
                                                    "same")}
            << QStringList();
        QTest::newRow("different services are never compared")
            << QList<EnvironmentTargetFacts>{target("orders", "development", false, false),
                                             target("billing", "production", true, true, modern,
                                                    "x")}
            << QStringList();
        QTest::newRow("no service")
            << QList<EnvironmentTargetFacts>{target("", "development", false, false),
                                             target("", "production", true, true, modern, "x")}
            << QStringList();
    }

    void drift()
    {
        QFETCH(QList<EnvironmentTargetFacts>, targets);
        QFETCH(QStringList, expected);
        const auto findings = checkEnvironments(targets);
        QCOMPARE(summary(findings), expected);
        for (const TargetFinding& each : findings) {
            QVERIFY(!each.finding.title.isEmpty());
            QVERIFY(!each.finding.evidence.isEmpty());
            QVERIFY(!each.finding.remediation.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_EnvironmentChecks)
#include "tst_EnvironmentChecks.moc"
