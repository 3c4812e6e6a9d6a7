// cert.* checks on chains built from the lab's generated certificates, and conn.* mapping.

#include "LabPki.h"
#include "audit/CertificateChecks.h"
#include "audit/ConnectionChecks.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::ErrorCode)
Q_DECLARE_METATYPE(rediscope::Stage)

namespace {

QStringList idsOf(const QList<Finding>& findings)
{
    QStringList ids;
    for (const Finding& finding : findings)
        ids << finding.id + QLatin1Char('/') + severityName(finding.severity);
    ids.sort();
    return ids;
}

} // namespace

class tst_CertificateChecks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    rediscope::lab::LabPki m_pki;

    QList<CertificateInfo> chainOf(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        auto chain = CertificateInfo::fromPem(file.readAll());
        return chain ? *chain : QList<CertificateInfo>();
    }

    // Facts as a verifying client sees them for a lab certificate kind.
    TlsFacts factsFor(const QString& kind)
    {
        TlsFacts facts;
        facts.chainSent = chainOf(m_pki.serverCert(kind));
        facts.chainVerified = facts.chainSent;
        if (kind != QLatin1String("self-signed"))
            facts.chainVerified << chainOf(m_pki.rootCa());
        facts.hostnameChecked = QStringLiteral("127.0.0.1");
        facts.hostnameMatch =
            facts.chainSent.constFirst().san.contains(QStringLiteral("IP:127.0.0.1"));
        facts.verified = true;
        return facts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto pki = rediscope::lab::LabPki::generate(m_directory.path());
        QVERIFY(pki.has_value());
        m_pki = *pki;
    }

    void labChains_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QStringList>("expected");
        const auto row = [](const char* name, const char* kind, const char* environment,
                            QStringList expected) {
            expected.sort();
            QTest::newRow(name) << QString::fromLatin1(kind) << QString::fromLatin1(environment)
                                << expected;
        };
        row("good", "good", "production", {});
        row("expired", "expired", "production", {QStringLiteral("cert.expired/critical")});
        row("not yet valid", "not-yet-valid", "production",
            {QStringLiteral("cert.not_yet_valid/critical")});
        row("wrong host", "wrong-host", "production",
            {QStringLiteral("cert.hostname_mismatch/high")});
        row("self-signed prod", "self-signed", "production",
            {QStringLiteral("cert.self_signed/high")});
        row("self-signed staging", "self-signed", "staging",
            {QStringLiteral("cert.self_signed/medium")});
        row("self-signed dev", "self-signed", "development",
            {QStringLiteral("cert.self_signed/low")});
        row("weak key", "weak-key", "production", {QStringLiteral("cert.weak_key/high")});
        row("sha1", "sha1", "production", {QStringLiteral("cert.weak_signature/medium")});
        row("no san", "no-san", "production",
            {QStringLiteral("cert.no_san/medium"), QStringLiteral("cert.hostname_mismatch/high")});
    }

    void labChains()
    {
        QFETCH(QString, kind);
        QFETCH(QString, environment);
        QFETCH(QStringList, expected);
        const TlsFacts facts = factsFor(kind);
        QVERIFY(!facts.chainSent.isEmpty());
        const auto findings =
            checkCertificates(facts, EnvironmentPolicies().forEnvironment(environment), true);
        QCOMPARE(idsOf(findings), expected);
        for (const Finding& finding : findings) {
            QVERIFY(!finding.title.isEmpty() && !finding.detail.isEmpty());
            QVERIFY(!finding.evidence.isEmpty() && !finding.remediation.isEmpty());
        }
    }

    void expiresSoonFollowsPolicy_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<int>("daysAhead"); // how far "now" is moved before the leaf's end
        QTest::addColumn<QString>("expected");
        QTest::newRow("prod 20 days")
            << QStringLiteral("production") << 20 << QStringLiteral("cert.expires_soon/high");
        QTest::newRow("prod 45 days")
            << QStringLiteral("production") << 45 << QStringLiteral("cert.expires_soon/medium");
        QTest::newRow("prod 90 days") << QStringLiteral("production") << 90 << QString();
        QTest::newRow("dev 20 days") << QStringLiteral("development") << 20 << QString();
        QTest::newRow("dev 10 days")
            << QStringLiteral("development") << 10 << QStringLiteral("cert.expires_soon/high");
        QTest::newRow("staging 45 days") << QStringLiteral("staging") << 45 << QString();
    }

    void expiresSoonFollowsPolicy()
    {
        QFETCH(QString, environment);
        QFETCH(int, daysAhead);
        QFETCH(QString, expected);
        const TlsFacts facts = factsFor(QStringLiteral("good"));
        const QDateTime now =
            facts.chainSent.constFirst().notAfter.addDays(-daysAhead).addSecs(-60);
        const auto findings =
            checkCertificates(facts, EnvironmentPolicies().forEnvironment(environment), true, now);
        QCOMPARE(idsOf(findings).join(QLatin1Char(',')), expected);
    }

    void incompleteAndDisorderedChains()
    {
        TlsFacts facts = factsFor(QStringLiteral("good"));
        // Server sends only the leaf; verification found the intermediate elsewhere.
        TlsFacts leafOnly = facts;
        leafOnly.chainSent = {facts.chainSent.constFirst()};
        QVERIFY(idsOf(checkCertificates(leafOnly,
                                        EnvironmentPolicy::builtIn(PolicyKind::Production), true))
                    .contains(QStringLiteral("cert.chain_incomplete/medium")));
        // Intermediate first, leaf second.
        TlsFacts reversed = facts;
        std::swap(reversed.chainSent[0], reversed.chainSent[1]);
        QVERIFY(idsOf(checkCertificates(reversed,
                                        EnvironmentPolicy::builtIn(PolicyKind::Production), true))
                    .contains(QStringLiteral("cert.chain_order/low")));
    }

    void untrustedChain()
    {
        TlsFacts facts = factsFor(QStringLiteral("good"));
        facts.verified = false;
        facts.chainVerified = facts.chainSent;
        facts.verifyIssues = {VerifyIssue{1, 20,
                                          QStringLiteral("unable to get local issuer certificate"),
                                          facts.chainSent.at(1).sha256}};
        const auto ids = idsOf(
            checkCertificates(facts, EnvironmentPolicy::builtIn(PolicyKind::Development), false));
        QCOMPARE(ids, QStringList{QStringLiteral("cert.untrusted/medium")});
        QVERIFY(isTrustError(18) && isTrustError(20) && !isTrustError(10));
    }

    void connectionFindings_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<Stage>("stage");
        QTest::addColumn<QString>("id");
        QTest::newRow("resolve") << ErrorCode::ResolveFailed << Stage::Resolve
                                 << QStringLiteral("conn.resolve_failed");
        QTest::newRow("refused") << ErrorCode::ConnectRefused << Stage::Tcp
                                 << QStringLiteral("conn.tcp_failed");
        QTest::newRow("tcp timeout")
            << ErrorCode::Timeout << Stage::Tcp << QStringLiteral("conn.tcp_failed");
        QTest::newRow("tls timeout")
            << ErrorCode::Timeout << Stage::Tls << QStringLiteral("conn.timeout");
        QTest::newRow("plaintext") << ErrorCode::PlaintextOnTlsPort << Stage::Tls
                                   << QStringLiteral("conn.plaintext_on_tls_port");
        QTest::newRow("tls expected") << ErrorCode::TlsExpectedByServer << Stage::Auth
                                      << QStringLiteral("conn.tls_expected_by_server");
        QTest::newRow("alert") << ErrorCode::TlsHandshakeFailed << Stage::Tls
                               << QStringLiteral("conn.tls_handshake_failed");
        QTest::newRow("mtls") << ErrorCode::ClientCertRequired << Stage::Tls
                              << QStringLiteral("conn.client_cert_required");
        QTest::newRow("auth") << ErrorCode::AuthFailed << Stage::Auth
                              << QStringLiteral("conn.auth_failed");
        QTest::newRow("closed after the handshake") << ErrorCode::ConnectionClosed << Stage::Auth
                                                    << QStringLiteral("conn.closed_by_server");
        QTest::newRow("closed during the handshake") << ErrorCode::ConnectionClosed << Stage::Tls
                                                     << QStringLiteral("conn.tls_handshake_failed");
        QTest::newRow("not RESP") << ErrorCode::ProtocolError << Stage::Ping
                                  << QStringLiteral("conn.protocol_error");
        QTest::newRow("verify is a cert finding")
            << ErrorCode::VerifyFailed << Stage::Verify << QString();
    }

    void connectionFindings()
    {
        QFETCH(ErrorCode, code);
        QFETCH(Stage, stage);
        QFETCH(QString, id);
        InspectResult result;
        result.error =
            Error{code, stage, QStringLiteral("what happened"), QStringLiteral("detail")};
        const auto findings = checkConnection(result);
        if (id.isEmpty()) {
            QVERIFY(findings.isEmpty());
            return;
        }
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.constFirst().id, id);
        QCOMPARE(findings.constFirst().severity, Severity::High);
        QCOMPARE(findings.constFirst().detail, QStringLiteral("what happened"));
        QVERIFY(findings.constFirst().evidence.contains(stageName(stage)));
        QVERIFY(checkConnection(InspectResult()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_CertificateChecks)
#include "tst_CertificateChecks.moc"
