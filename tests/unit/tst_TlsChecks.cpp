// The tls.* checks on probe results built by hand: every id of the catalogue fires with its
// severity (each variant, each environment) on one row and stays silent on a close row next to
// it; unknown probe results (nullopt) never produce a finding.

#include "audit/CheckRegistry.h"
#include "audit/TlsChecks.h"

#include <QSet>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::ProbeResult)
Q_DECLARE_METATYPE(rediscope::EnvironmentPolicy)

namespace {

ProbedProtocol& protocolOf(ProbeResult& result, const char* name)
{
    return result.protocols[ProbeResult::protocolNames().indexOf(QString::fromLatin1(name))];
}

// Sets what the probe saw at one version: accepted (true/false/unknown) and the suites, by
// OpenSSL or IANA name.
void setProtocol(ProbeResult& result, const char* name, std::optional<bool> accepted,
                 const QStringList& suites = {})
{
    ProbedProtocol& protocol = protocolOf(result, name);
    protocol.accepted = accepted;
    protocol.suites.clear();
    for (const QString& suite : suites) {
        ProbedSuite probed;
        probed.protocol = protocol.name;
        probed.info = cipherSuiteInfo(suite);
        if (!probed.info.isValid())
            probed.info.name = suite; // the test function reports it
        protocol.suites << probed;
    }
}

// A server no tls.* check objects to: TLS 1.2 (ECDHE + AEAD only) and TLS 1.3, nothing older,
// secure renegotiation, X25519, client certificates required.
ProbeResult modernServer()
{
    ProbeResult result = ProbeResult::empty();
    result.host = QStringLiteral("redis.example");
    result.port = 6380;
    setProtocol(result, "SSLv3", std::nullopt);
    protocolOf(result, "SSLv3").note = QStringLiteral("this OpenSSL cannot offer SSLv3");
    setProtocol(result, "TLSv1", false);
    setProtocol(result, "TLSv1.1", false);
    setProtocol(result, "TLSv1.2", true,
                {QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
                 QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305")});
    setProtocol(
        result, "TLSv1.3", true,
        {QStringLiteral("TLS_AES_256_GCM_SHA384"), QStringLiteral("TLS_AES_128_GCM_SHA256")});
    result.groups = {
        {QStringLiteral("X25519"), QStringLiteral("TLSv1.3"), ProbedGroup::Kind::Ecdhe, 253},
        {QStringLiteral("P-256"), QStringLiteral("TLSv1.2"), ProbedGroup::Kind::Ecdhe, 256},
    };
    result.secureRenegotiation = true;
    result.minEcdheBits = 253;
    result.clientCertRequested = true;
    result.clientCertRequired = true;
    return result;
}

template <typename Change>
ProbeResult modernServerWith(Change change)
{
    ProbeResult result = modernServer();
    change(result);
    return result;
}

EnvironmentPolicy policyFor(PolicyKind kind)
{
    return EnvironmentPolicy::builtIn(kind);
}

// "id/severity", sorted.
QStringList idsOf(const QList<Finding>& findings)
{
    QStringList ids;
    for (const Finding& finding : findings)
        ids << finding.id + QLatin1Char('/') + severityName(finding.severity);
    ids.sort();
    return ids;
}

struct TlsRow
{
    const char* name;
    ProbeResult probe;
    EnvironmentPolicy policy;
    QStringList expected; // exact "id/severity" set
    QStringList absent;   // ids this row is the close miss of: they must not fire
};

QStringList list(std::initializer_list<const char*> items)
{
    QStringList result;
    for (const char* item : items)
        result << QString::fromLatin1(item);
    result.sort();
    return result;
}

QList<TlsRow> tlsRows()
{
    const EnvironmentPolicy prod = policyFor(PolicyKind::Production);
    const EnvironmentPolicy staging = policyFor(PolicyKind::Staging);
    const EnvironmentPolicy dev = policyFor(PolicyKind::Development);
    QList<TlsRow> rows;
    const auto row = [&rows](const char* name, ProbeResult probe, const EnvironmentPolicy& policy,
                             std::initializer_list<const char*> expected,
                             std::initializer_list<const char*> absent) {
        rows << TlsRow{name, std::move(probe), policy, list(expected), list(absent)};
    };

    row("modern server", modernServer(), prod, {},
        {"tls.proto.no_tls13", "tls.client_auth.not_required"});

    // --- protocols ---
    row("sslv3 accepted", modernServerWith([](ProbeResult& r) { setProtocol(r, "SSLv3", true); }),
        prod, {"tls.proto.sslv3/high"}, {});
    row("sslv3 refused", modernServerWith([](ProbeResult& r) { setProtocol(r, "SSLv3", false); }),
        prod, {}, {"tls.proto.sslv3"});
    row("sslv3 untestable", modernServer(), prod, {}, {"tls.proto.sslv3"});
    row("tls10 accepted", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1", true, {QStringLiteral("ECDHE-RSA-AES128-SHA")});
        }),
        prod, {"tls.proto.tls10/medium", "tls.cipher.cbc/low"}, {"tls.proto.tls11"});
    row("tls10 unknown", modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1", {}); }),
        prod, {}, {"tls.proto.tls10"});
    row("tls11 accepted", modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1.1", true); }),
        prod, {"tls.proto.tls11/medium"}, {"tls.proto.tls10"});
    row("tls11 unknown", modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1.1", {}); }),
        prod, {}, {"tls.proto.tls11"});
    row("tls10 only", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1", true);
            setProtocol(r, "TLSv1.2", false);
            setProtocol(r, "TLSv1.3", false);
        }),
        prod, {"tls.proto.no_tls12plus/high", "tls.proto.tls10/medium"}, {});
    row("tls12 unknown, tls13 refused", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1", true);
            setProtocol(r, "TLSv1.2", {});
            setProtocol(r, "TLSv1.3", false);
        }),
        prod, {"tls.proto.tls10/medium"}, {"tls.proto.no_tls12plus", "tls.proto.no_tls13"});
    row("tls13 only", modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1.2", false); }),
        prod, {}, {"tls.proto.no_tls12plus", "tls.proto.no_tls13"});
    row("tls12 without tls13",
        modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1.3", false); }), prod,
        {"tls.proto.no_tls13/low"}, {"tls.proto.no_tls12plus"});
    row("tls13 unknown", modernServerWith([](ProbeResult& r) { setProtocol(r, "TLSv1.3", {}); }),
        prod, {}, {"tls.proto.no_tls13"});

    // --- cipher suites ---
    const auto withTls12Suite = [](const char* suite) {
        return modernServerWith([suite](ProbeResult& r) {
            protocolOf(r, "TLSv1.2").suites << ProbedSuite{
                QStringLiteral("TLSv1.2"), cipherSuiteInfo(QString::fromLatin1(suite)), {}, 0};
        });
    };
    row("anonymous suite", withTls12Suite("ADH-AES128-GCM-SHA256"), prod,
        {"tls.cipher.null_anon_export/critical"}, {"tls.cipher.low"});
    row("null suite", withTls12Suite("ECDHE-RSA-NULL-SHA"), prod,
        {"tls.cipher.null_anon_export/critical"}, {"tls.cipher.low"});
    row("export suite", withTls12Suite("EXP-DES-CBC-SHA"), prod,
        {"tls.cipher.null_anon_export/critical", "tls.cipher.cbc/low", "tls.cipher.static_rsa/low"},
        {"tls.cipher.low"});
    row("authenticated dhe suite", withTls12Suite("DHE-RSA-AES128-GCM-SHA256"), prod, {},
        {"tls.cipher.null_anon_export"});
    row("rc4 suite", withTls12Suite("ECDHE-RSA-RC4-SHA"), prod, {"tls.cipher.low/high"},
        {"tls.cipher.null_anon_export", "tls.cipher.cbc"});
    row("3des suite", withTls12Suite("ECDHE-RSA-DES-CBC3-SHA"), prod,
        {"tls.cipher.low/high", "tls.cipher.cbc/low"}, {});
    row("single des suite", withTls12Suite("EDH-RSA-DES-CBC-SHA"), prod,
        {"tls.cipher.low/high", "tls.cipher.cbc/low"}, {});
    row("idea suite", withTls12Suite("IDEA-CBC-SHA"), prod,
        {"tls.cipher.low/high", "tls.cipher.cbc/low", "tls.cipher.static_rsa/low"}, {});
    row("128-bit cbc suite is not low", withTls12Suite("ECDHE-RSA-AES128-SHA256"), prod,
        {"tls.cipher.cbc/low"}, {"tls.cipher.low"});
    row("camellia cbc suite", withTls12Suite("ECDHE-RSA-CAMELLIA128-SHA256"), prod,
        {"tls.cipher.cbc/low"}, {"tls.cipher.low"});
    row("static rsa next to fs", withTls12Suite("AES128-GCM-SHA256"), prod,
        {"tls.cipher.static_rsa/low"}, {"tls.cipher.no_fs"});
    row("static rsa only", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true,
                        {QStringLiteral("AES128-GCM-SHA256"), QStringLiteral("AES256-GCM-SHA384")});
            setProtocol(r, "TLSv1.3", false);
        }),
        prod, {"tls.cipher.no_fs/medium", "tls.proto.no_tls13/low"},
        {"tls.cipher.static_rsa", "tls.cipher.no_aead"});
    row("dhe only is forward secret", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true, {QStringLiteral("DHE-RSA-AES128-GCM-SHA256")});
            setProtocol(r, "TLSv1.3", false);
            r.minDheBits = 2048;
        }),
        prod, {"tls.proto.no_tls13/low"}, {"tls.cipher.no_fs", "tls.kex.weak_dh"});
    row("cbc only", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true,
                        {QStringLiteral("ECDHE-RSA-AES128-SHA256"),
                         QStringLiteral("ECDHE-RSA-AES256-SHA")});
            setProtocol(r, "TLSv1.3", false);
        }),
        prod, {"tls.cipher.no_aead/medium", "tls.cipher.cbc/low", "tls.proto.no_tls13/low"},
        {"tls.cipher.no_fs"});
    row("cbc at tls12, aead at tls13", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true, {QStringLiteral("ECDHE-RSA-AES128-SHA256")});
        }),
        prod, {"tls.cipher.cbc/low"}, {"tls.cipher.no_aead"});
    row("ccm only is aead", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true, {QStringLiteral("ECDHE-ECDSA-AES128-CCM")});
            setProtocol(r, "TLSv1.3", false);
        }),
        prod, {"tls.proto.no_tls13/low"}, {"tls.cipher.no_aead", "tls.cipher.cbc"});
    row("no suites known", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "TLSv1.2", true);
            setProtocol(r, "TLSv1.3", true);
            r.clientCertRequired = false;
        }),
        prod, {}, {"tls.cipher.no_fs", "tls.cipher.no_aead", "tls.client_auth.not_required"});

    // --- key exchange ---
    const auto withDh = [](int bits) {
        return modernServerWith([bits](ProbeResult& r) {
            protocolOf(r, "TLSv1.2").suites
                << ProbedSuite{QStringLiteral("TLSv1.2"),
                               cipherSuiteInfo(QStringLiteral("DHE-RSA-AES256-GCM-SHA384")),
                               QStringLiteral("DH"), bits};
            r.minDheBits = bits;
        });
    };
    row("dh 512", withDh(512), prod, {"tls.kex.weak_dh/high"}, {});
    row("dh 1024", withDh(1024), prod, {"tls.kex.weak_dh/high"}, {});
    row("dh 1025", withDh(1025), prod, {"tls.kex.weak_dh/medium"}, {});
    row("dh 1536", withDh(1536), prod, {"tls.kex.weak_dh/medium"}, {});
    row("dh 2047", withDh(2047), prod, {"tls.kex.weak_dh/medium"}, {});
    row("dh 2048", withDh(2048), prod, {}, {"tls.kex.weak_dh"});
    row("dh unknown", modernServerWith([](ProbeResult& r) { r.minDheBits.reset(); }), prod, {},
        {"tls.kex.weak_dh"});
    const auto withCurve = [](int bits, const char* name) {
        return modernServerWith([bits, name](ProbeResult& r) {
            r.groups << ProbedGroup{QString::fromLatin1(name), QStringLiteral("TLSv1.2"),
                                    ProbedGroup::Kind::Ecdhe, bits};
            r.minEcdheBits = bits;
        });
    };
    row("curve 192", withCurve(192, "prime192v1"), prod, {"tls.kex.weak_curve/medium"}, {});
    row("curve 223", withCurve(223, "prime192v1"), prod, {"tls.kex.weak_curve/medium"}, {});
    row("curve 224", withCurve(224, "secp224r1"), prod, {}, {"tls.kex.weak_curve"});
    row("curve unknown", modernServerWith([](ProbeResult& r) { r.minEcdheBits.reset(); }), prod, {},
        {"tls.kex.weak_curve"});
    row("insecure renegotiation",
        modernServerWith([](ProbeResult& r) { r.secureRenegotiation = false; }), prod,
        {"tls.reneg.insecure/high"}, {});
    row("renegotiation unknown",
        modernServerWith([](ProbeResult& r) { r.secureRenegotiation.reset(); }), prod, {},
        {"tls.reneg.insecure"});

    // --- client authentication (environment-dependent) ---
    const ProbeResult optionalClientCert = modernServerWith([](ProbeResult& r) {
        r.clientCertRequested = false;
        r.clientCertRequired = false;
    });
    row("client cert not required, production", optionalClientCert, prod,
        {"tls.client_auth.not_required/low"}, {});
    row("client cert not required, staging", optionalClientCert, staging,
        {"tls.client_auth.not_required/info"}, {});
    row("client cert not required, development", optionalClientCert, dev,
        {"tls.client_auth.not_required/info"}, {});
    EnvironmentPolicy relaxedProd = prod;
    relaxedProd.clientCertificate = Requirement::Optional;
    row("client cert optional by policy, production", optionalClientCert, relaxedProd,
        {"tls.client_auth.not_required/info"}, {});
    row("client cert requested but optional",
        modernServerWith([](ProbeResult& r) { r.clientCertRequired = false; }), prod,
        {"tls.client_auth.not_required/low"}, {});
    row("client cert required, production", modernServer(), prod, {},
        {"tls.client_auth.not_required"});
    row("client cert requirement unknown",
        modernServerWith([](ProbeResult& r) { r.clientCertRequired.reset(); }), prod, {},
        {"tls.client_auth.not_required"});

    // --- a legacy server: many at once ---
    row("legacy server", modernServerWith([](ProbeResult& r) {
            setProtocol(r, "SSLv3", true, {QStringLiteral("RC4-MD5")});
            setProtocol(r, "TLSv1", true,
                        {QStringLiteral("DES-CBC3-SHA"), QStringLiteral("AES128-SHA")});
            setProtocol(r, "TLSv1.1", true, {QStringLiteral("AES128-SHA")});
            setProtocol(r, "TLSv1.2", false);
            setProtocol(r, "TLSv1.3", false);
            r.groups.clear();
            r.minEcdheBits.reset();
            r.secureRenegotiation = false;
            r.clientCertRequested = false;
            r.clientCertRequired = false;
        }),
        prod,
        {"tls.proto.sslv3/high", "tls.proto.tls10/medium", "tls.proto.tls11/medium",
         "tls.proto.no_tls12plus/high", "tls.cipher.low/high", "tls.cipher.cbc/low",
         "tls.cipher.no_fs/medium", "tls.cipher.no_aead/medium", "tls.reneg.insecure/high",
         "tls.client_auth.not_required/low"},
        {"tls.cipher.static_rsa", "tls.proto.no_tls13"});
    return rows;
}

} // namespace

class tst_TlsChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkTlsFindings_data()
    {
        QTest::addColumn<ProbeResult>("probe");
        QTest::addColumn<EnvironmentPolicy>("policy");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("absent");
        for (const TlsRow& row : tlsRows())
            QTest::newRow(row.name) << row.probe << row.policy << row.expected << row.absent;
    }

    void checkTlsFindings()
    {
        QFETCH(ProbeResult, probe);
        QFETCH(EnvironmentPolicy, policy);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, absent);
        for (const ProbedSuite& suite : probe.allSuites())
            QVERIFY2(suite.info.isValid(), qPrintable(suite.info.name));
        const QList<Finding> findings = checkTls(probe, policy);
        QCOMPARE(idsOf(findings).join(QStringLiteral(", ")), expected.join(QStringLiteral(", ")));
        for (const QString& id : absent)
            for (const Finding& finding : findings)
                QVERIFY2(finding.id != id, qPrintable(id + QStringLiteral(" must not fire")));
        for (const Finding& finding : findings) {
            const CheckDefinition* definition = findCheck(finding.id);
            QVERIFY2(definition, qPrintable(finding.id));
            QCOMPARE(definition->family, QStringLiteral("tls"));
            QCOMPARE(finding.title, definition->title);
            QVERIFY2(!finding.detail.isEmpty() && !finding.evidence.isEmpty() &&
                         !finding.remediation.isEmpty(),
                     qPrintable(finding.id));
        }
    }

    // Every tls.* id of the catalogue fires on some row, with each severity the catalogue gives
    // it, and is the close miss of another row.
    void everyTlsCheckIsCovered()
    {
        QHash<QString, QSet<QString>> firedSeverities;
        QSet<QString> missed;
        for (const TlsRow& row : tlsRows()) {
            for (const QString& entry : row.expected) {
                const qsizetype slash = entry.indexOf(QLatin1Char('/'));
                firedSeverities[entry.left(slash)].insert(entry.mid(slash + 1));
            }
            for (const QString& id : row.absent)
                missed.insert(id);
        }
        // Rows for checkClientAuthFromHandshake() cover that id too; the env severities are
        // held against the catalogue's text below.
        const QHash<QString, QSet<QString>> variants{
            {QStringLiteral("tls.kex.weak_dh"), {QStringLiteral("medium"), QStringLiteral("high")}},
            {QStringLiteral("tls.client_auth.not_required"),
             {QStringLiteral("info"), QStringLiteral("low")}},
        };
        int tlsChecks = 0;
        for (const CheckDefinition& definition : checkCatalogue()) {
            if (definition.family != QLatin1String("tls"))
                continue;
            ++tlsChecks;
            QVERIFY2(firedSeverities.contains(definition.id),
                     qPrintable(definition.id + QStringLiteral(" never fires")));
            QVERIFY2(missed.contains(definition.id),
                     qPrintable(definition.id + QStringLiteral(" has no close row")));
            const QSet<QString> wanted = variants.value(
                definition.id, QSet<QString>{definition.severity.section(QLatin1Char(' '), 0, 0)});
            QCOMPARE(firedSeverities.value(definition.id), wanted);
        }
        QCOMPARE(tlsChecks, 15);
    }

    void clientAuthFromHandshake_data()
    {
        QTest::addColumn<bool>("completed");
        QTest::addColumn<bool>("certSent");
        QTest::addColumn<EnvironmentPolicy>("policy");
        QTest::addColumn<QString>("expected");
        const EnvironmentPolicy prod = policyFor(PolicyKind::Production);
        QTest::newRow("production, no cert")
            << true << false << prod << QStringLiteral("tls.client_auth.not_required/low");
        QTest::newRow("staging, no cert") << true << false << policyFor(PolicyKind::Staging)
                                          << QStringLiteral("tls.client_auth.not_required/info");
        QTest::newRow("development, no cert")
            << true << false << policyFor(PolicyKind::Development)
            << QStringLiteral("tls.client_auth.not_required/info");
        QTest::newRow("production, cert sent") << true << true << prod << QString();
        QTest::newRow("production, handshake failed") << false << false << prod << QString();
        QTest::newRow("production, failed with cert") << false << true << prod << QString();
    }

    void clientAuthFromHandshake()
    {
        QFETCH(bool, completed);
        QFETCH(bool, certSent);
        QFETCH(EnvironmentPolicy, policy);
        QFETCH(QString, expected);
        const auto findings = checkClientAuthFromHandshake(completed, certSent, policy);
        QCOMPARE(idsOf(findings).join(QLatin1Char(',')), expected);
        for (const Finding& finding : findings) {
            QCOMPARE(finding.title, findCheck(finding.id)->title);
            QVERIFY(!finding.detail.isEmpty() && !finding.remediation.isEmpty());
        }
    }

    // The probe and the plain handshake judge client authentication alike.
    void clientAuthAgreesWithProbe()
    {
        for (PolicyKind kind :
             {PolicyKind::Development, PolicyKind::Staging, PolicyKind::Production}) {
            ProbeResult probe = modernServer();
            probe.clientCertRequired = false;
            QCOMPARE(idsOf(checkTls(probe, policyFor(kind))),
                     idsOf(checkClientAuthFromHandshake(true, false, policyFor(kind))));
        }
    }
};

QTEST_GUILESS_MAIN(tst_TlsChecks)
#include "tst_TlsChecks.moc"
