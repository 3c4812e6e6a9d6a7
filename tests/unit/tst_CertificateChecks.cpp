// cert.* checks on chains built from the lab's generated certificates and on certificates made
// in memory for each check (fires with each severity variant / stays silent on a close row), and
// conn.* mapping.

#include "LabPki.h"
#include "TestCertificates.h"
#include "audit/CertificateChecks.h"
#include "audit/CheckRegistry.h"
#include "audit/ConnectionChecks.h"

#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testcert;

Q_DECLARE_METATYPE(rediscope::ErrorCode)
Q_DECLARE_METATYPE(rediscope::Stage)
Q_DECLARE_METATYPE(rediscope::TlsFacts)
Q_DECLARE_METATYPE(rediscope::EnvironmentPolicy)

namespace {

QStringList idsOf(const QList<Finding>& findings)
{
    QStringList ids;
    for (const Finding& finding : findings)
        ids << finding.id + QLatin1Char('/') + severityName(finding.severity);
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// The moment the in-memory certificates are judged at: two weeks into the default leaf's year.
const QDateTime Now(QDate(2027, 6, 15), QTime(12, 0), Qt::UTC);

} // namespace

class tst_CertificateChecks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    rediscope::lab::LabPki m_pki;

    // In-memory PKI: root → intermediate → leaves (RSA 2048, SHA-256 unless a row says otherwise).
    QHash<QString, Key> m_keys;
    Key m_rootKey;
    Cert m_root;
    Key m_intermediateKey;
    Cert m_intermediate;

    // Keys are made once per kind ("rsa:1024", "ec:P-224", "dsa:2048", "ed25519").
    Key key(const QString& kind)
    {
        if (const auto found = m_keys.constFind(kind); found != m_keys.cend())
            return *found;
        const QString type = kind.section(QLatin1Char(':'), 0, 0);
        const QString parameter = kind.section(QLatin1Char(':'), 1);
        Key made;
        if (type == QLatin1String("rsa"))
            made = rsaKey(parameter.toUInt());
        else if (type == QLatin1String("ec"))
            made = ecKey(parameter.toLatin1().constData());
        else if (type == QLatin1String("dsa"))
            made = dsaKey(parameter.toInt());
        else if (type == QLatin1String("ed25519"))
            made = ed25519Key();
        m_keys.insert(kind, made);
        return made;
    }

    // A leaf issued by the intermediate.
    CertificateInfo leaf(const CertificateSpec& spec = CertificateSpec(),
                         const QString& keyKind = QStringLiteral("rsa:2048"))
    {
        return infoOf(makeCertificate(spec, key(keyKind).get(), m_intermediate.get(),
                                      m_intermediateKey.get()));
    }

    CertificateSpec specWithDigest(const EVP_MD* digest)
    {
        CertificateSpec spec;
        spec.digest = digest;
        return spec;
    }

    // What a verifying client sees when the server sends `sent` (leaf first) and verification
    // built leaf → intermediate → root.
    TlsFacts verifiedFacts(const QList<CertificateInfo>& sent)
    {
        TlsFacts facts;
        facts.chainSent = sent;
        facts.chainVerified = {sent.constFirst(), infoOf(m_intermediate), infoOf(m_root)};
        facts.verified = true;
        facts.hostnameChecked = QStringLiteral("redis.example");
        facts.hostnameMatch = true;
        return facts;
    }

    TlsFacts leafFacts(const CertificateInfo& leafInfo)
    {
        return verifiedFacts({leafInfo, infoOf(m_intermediate)});
    }

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

        m_rootKey = rsaKey(2048);
        m_root = makeCertificate(caSpec(QStringLiteral("Test Root CA")), m_rootKey.get());
        m_intermediateKey = rsaKey(2048);
        m_intermediate = makeCertificate(caSpec(QStringLiteral("Test Intermediate CA")),
                                         m_intermediateKey.get(), m_root.get(), m_rootKey.get());
        QVERIFY(m_root && m_intermediate);
        QVERIFY(infoOf(m_root).selfSigned && infoOf(m_root).isCa);
        QVERIFY(!infoOf(m_intermediate).selfSigned && infoOf(m_intermediate).isCa);
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

    // Each cert.* check judged on certificates made for it: the row where it fires (with each
    // severity variant) and a close row where it must not.
    void generatedCertificates_data()
    {
        QTest::addColumn<TlsFacts>("facts");
        QTest::addColumn<EnvironmentPolicy>("policy");
        QTest::addColumn<QStringList>("expected"); // exact "id/severity" set
        QTest::addColumn<QStringList>("absent");   // the ids this row is the close miss of
        const EnvironmentPolicy prod = EnvironmentPolicy::builtIn(PolicyKind::Production);
        const auto row = [&prod](const char* name, const TlsFacts& facts, QStringList expected,
                                 QStringList absent = {},
                                 const EnvironmentPolicy& policy = EnvironmentPolicy()) {
            QTest::newRow(name) << facts << (policy.name.isEmpty() ? prod : policy)
                                << sorted(expected) << absent;
        };
        const QDateTime start = CertificateSpec().notBefore;
        const auto lifetime = [&](const QDateTime& notBefore, const QDateTime& notAfter) {
            CertificateSpec spec;
            spec.notBefore = notBefore;
            spec.notAfter = notAfter;
            return leafFacts(leaf(spec));
        };

        row("good leaf", leafFacts(leaf()), {},
            {QStringLiteral("cert.long_lifetime"), QStringLiteral("cert.not_server_auth"),
             QStringLiteral("cert.weak_key"), QStringLiteral("cert.weak_signature"),
             QStringLiteral("cert.chain_incomplete"), QStringLiteral("cert.chain_order"),
             QStringLiteral("cert.untrusted")});

        // cert.long_lifetime: > 398 days low, > 5 years medium.
        row("lifetime 398 days", lifetime(start, start.addDays(398)), {},
            {QStringLiteral("cert.long_lifetime")});
        row("lifetime 398 days 22 hours",
            lifetime(start.addSecs(3600), start.addDays(398).addSecs(23 * 3600)),
            {QStringLiteral("cert.long_lifetime/low")});
        row("lifetime 399 days", lifetime(start, start.addDays(399)),
            {QStringLiteral("cert.long_lifetime/low")});
        row("lifetime 825 days", lifetime(start, start.addDays(825)),
            {QStringLiteral("cert.long_lifetime/low")});
        // 2027-06-01 → 2032-06-01 spans two leap days: 1827 days, and still five years.
        row("lifetime exactly 5 years", lifetime(start, start.addYears(5)),
            {QStringLiteral("cert.long_lifetime/low")});
        row("lifetime 5 years and a day", lifetime(start, start.addYears(5).addDays(1)),
            {QStringLiteral("cert.long_lifetime/medium")});
        row("lifetime 10 years", lifetime(start, start.addYears(10)),
            {QStringLiteral("cert.long_lifetime/medium")});

        // cert.not_server_auth: extendedKeyUsage without serverAuth, or keyUsage forbids it.
        const auto usages = [&](const char* keyUsage, const char* extendedKeyUsage,
                                const QString& keyKind = QStringLiteral("rsa:2048")) {
            CertificateSpec spec;
            spec.keyUsage = QString::fromLatin1(keyUsage);
            spec.extendedKeyUsage = QString::fromLatin1(extendedKeyUsage);
            return leafFacts(leaf(spec, keyKind));
        };
        const QString notServerAuth = QStringLiteral("cert.not_server_auth/medium");
        row("eku clientAuth only",
            usages("critical,digitalSignature,keyEncipherment", "clientAuth"), {notServerAuth});
        row("eku codeSigning, emailProtection",
            usages("digitalSignature,keyEncipherment", "codeSigning,emailProtection"),
            {notServerAuth});
        row("eku serverAuth and clientAuth",
            usages("critical,digitalSignature,keyEncipherment", "serverAuth,clientAuth"), {},
            {QStringLiteral("cert.not_server_auth")});
        row("eku anyExtendedKeyUsage",
            usages("critical,digitalSignature,keyEncipherment", "anyExtendedKeyUsage"), {},
            {QStringLiteral("cert.not_server_auth")});
        row("no eku", usages("critical,digitalSignature,keyEncipherment", ""), {},
            {QStringLiteral("cert.not_server_auth")});
        row("ku keyCertSign only", usages("critical,keyCertSign,cRLSign", "serverAuth"),
            {notServerAuth});
        row("ku nonRepudiation only", usages("critical,nonRepudiation", ""), {notServerAuth});
        row("ku digitalSignature only (EC)",
            usages("critical,digitalSignature", "serverAuth", QStringLiteral("ec:P-256")), {},
            {QStringLiteral("cert.not_server_auth")});
        row("no ku, no eku", usages("", ""), {}, {QStringLiteral("cert.not_server_auth")});

        // cert.weak_signature: SHA-1 medium, MD5/MD2 critical, below the root only.
        row("sha1 leaf", leafFacts(leaf(specWithDigest(EVP_sha1()))),
            {QStringLiteral("cert.weak_signature/medium")});
        row("md5 leaf", leafFacts(leaf(specWithDigest(EVP_md5()))),
            {QStringLiteral("cert.weak_signature/critical")});
        const CertificateInfo md2Leaf = infoOf(md5ToMd2(
            derOf(makeCertificate(specWithDigest(EVP_md5()), key(QStringLiteral("rsa:2048")).get(),
                                  m_intermediate.get(), m_intermediateKey.get())
                      .get())));
        row("md2 leaf", leafFacts(md2Leaf), {QStringLiteral("cert.weak_signature/critical")});
        row("sha384 leaf", leafFacts(leaf(specWithDigest(EVP_sha384()))), {},
            {QStringLiteral("cert.weak_signature")});
        row("ecdsa sha256 leaf", leafFacts(leaf(CertificateSpec(), QStringLiteral("ec:P-256"))), {},
            {QStringLiteral("cert.weak_signature")});
        const auto intermediateSignedWith = [&](const EVP_MD* digest, const Key& intermediateKey) {
            CertificateSpec spec = caSpec(QStringLiteral("Weak Intermediate CA"));
            spec.digest = digest;
            const Cert intermediate =
                makeCertificate(spec, intermediateKey.get(), m_root.get(), m_rootKey.get());
            const Cert leafCert =
                makeCertificate(CertificateSpec(), key(QStringLiteral("rsa:2048")).get(),
                                intermediate.get(), intermediateKey.get());
            TlsFacts facts = verifiedFacts({infoOf(leafCert), infoOf(intermediate)});
            facts.chainVerified = {infoOf(leafCert), infoOf(intermediate), infoOf(m_root)};
            return facts;
        };
        row("sha1 intermediate",
            intermediateSignedWith(EVP_sha1(), key(QStringLiteral("rsa:3072"))),
            {QStringLiteral("cert.weak_signature/medium")});
        row("md5 intermediate", intermediateSignedWith(EVP_md5(), key(QStringLiteral("rsa:3072"))),
            {QStringLiteral("cert.weak_signature/critical")});
        {
            // An old SHA-1 root sent along: its own signature protects nothing.
            CertificateSpec rootSpec = caSpec(QStringLiteral("Old SHA-1 Root CA"));
            rootSpec.digest = EVP_sha1();
            const Key rootKey = key(QStringLiteral("rsa:3072"));
            const Cert root = makeCertificate(rootSpec, rootKey.get());
            const Cert intermediate =
                makeCertificate(caSpec(QStringLiteral("Intermediate under SHA-1 root")),
                                m_intermediateKey.get(), root.get(), rootKey.get());
            const Cert leafCert =
                makeCertificate(CertificateSpec(), key(QStringLiteral("rsa:2048")).get(),
                                intermediate.get(), m_intermediateKey.get());
            TlsFacts facts = verifiedFacts({infoOf(leafCert), infoOf(intermediate), infoOf(root)});
            facts.chainVerified = {infoOf(leafCert), infoOf(intermediate), infoOf(root)};
            row("sha1 root sent along", facts, {}, {QStringLiteral("cert.weak_signature")});
        }
        {
            CertificateSpec spec = specWithDigest(EVP_sha1());
            const Cert selfSigned = makeCertificate(spec, key(QStringLiteral("rsa:2048")).get());
            TlsFacts facts = verifiedFacts({infoOf(selfSigned)});
            facts.chainVerified = {infoOf(selfSigned)};
            row("sha1 self-signed leaf", facts, {QStringLiteral("cert.self_signed/high")},
                {QStringLiteral("cert.weak_signature")});
        }

        // cert.weak_key: RSA < 2048 (<= 1024 high), EC < 256, DSA at all.
        const auto withKey = [&](const char* kind) {
            return leafFacts(leaf(CertificateSpec(), QString::fromLatin1(kind)));
        };
        row("rsa 512", withKey("rsa:512"), {QStringLiteral("cert.weak_key/high")});
        row("rsa 1024", withKey("rsa:1024"), {QStringLiteral("cert.weak_key/high")});
        row("rsa 1025", withKey("rsa:1025"), {QStringLiteral("cert.weak_key/medium")});
        row("rsa 1536", withKey("rsa:1536"), {QStringLiteral("cert.weak_key/medium")});
        row("rsa 2047", withKey("rsa:2047"), {QStringLiteral("cert.weak_key/medium")});
        row("rsa 2048", withKey("rsa:2048"), {}, {QStringLiteral("cert.weak_key")});
        row("ec P-224", withKey("ec:P-224"), {QStringLiteral("cert.weak_key/medium")});
        row("ec P-256", withKey("ec:P-256"), {}, {QStringLiteral("cert.weak_key")});
        row("ec P-384", withKey("ec:P-384"), {}, {QStringLiteral("cert.weak_key")});
        row("dsa 2048", withKey("dsa:2048"), {QStringLiteral("cert.weak_key/medium")});
        row("ed25519", withKey("ed25519"), {}, {QStringLiteral("cert.weak_key")});
        row("rsa 1024 intermediate",
            intermediateSignedWith(EVP_sha256(), key(QStringLiteral("rsa:1024"))),
            {QStringLiteral("cert.weak_key/high")});

        // cert.chain_incomplete, cert.chain_order, cert.untrusted.
        const CertificateInfo good = leaf();
        const CertificateInfo intermediate = infoOf(m_intermediate);
        const CertificateInfo root = infoOf(m_root);
        row("leaf only, intermediate found elsewhere", verifiedFacts({good}),
            {QStringLiteral("cert.chain_incomplete/medium")}, {QStringLiteral("cert.untrusted")});
        {
            TlsFacts facts = verifiedFacts({good});
            facts.verified = false;
            facts.chainVerified = {good};
            facts.verifyIssues = {VerifyIssue{
                0, 20, QStringLiteral("unable to get local issuer certificate"), good.sha256}};
            row("leaf only, issuer unknown", facts,
                {QStringLiteral("cert.chain_incomplete/medium"),
                 QStringLiteral("cert.untrusted/high")});
        }
        row("leaf, intermediate and root in order", verifiedFacts({good, intermediate, root}), {},
            {QStringLiteral("cert.chain_order"), QStringLiteral("cert.chain_incomplete")});
        row("root before the intermediate", verifiedFacts({good, root, intermediate}),
            {QStringLiteral("cert.chain_order/low")}, {QStringLiteral("cert.chain_incomplete")});
        row("unrelated certificate appended",
            verifiedFacts(
                {good, intermediate, leaf(CertificateSpec(), QStringLiteral("ec:P-256"))}),
            {QStringLiteral("cert.chain_order/low")}, {QStringLiteral("cert.chain_incomplete")});
        const auto untrusted = [&](int code, const char* message) {
            TlsFacts facts = leafFacts(good);
            facts.verified = false;
            facts.chainVerified = facts.chainSent;
            facts.verifyIssues = {
                VerifyIssue{1, code, QString::fromLatin1(message), intermediate.sha256}};
            return facts;
        };
        const TlsFacts noIssuer = untrusted(20, "unable to get local issuer certificate");
        row("untrusted, development", noIssuer, {QStringLiteral("cert.untrusted/medium")},
            {QStringLiteral("cert.chain_incomplete")},
            EnvironmentPolicy::builtIn(PolicyKind::Development));
        row("untrusted, staging", noIssuer, {QStringLiteral("cert.untrusted/high")}, {},
            EnvironmentPolicy::builtIn(PolicyKind::Staging));
        row("untrusted, production", noIssuer, {QStringLiteral("cert.untrusted/high")});
        row("untrusted, self-signed in chain", untrusted(19, "self-signed certificate in chain"),
            {QStringLiteral("cert.untrusted/high")});
        row("verify error that is not about trust",
            untrusted(26, "unsupported certificate purpose"), {},
            {QStringLiteral("cert.untrusted")});
    }

    void generatedCertificates()
    {
        QFETCH(TlsFacts, facts);
        QFETCH(EnvironmentPolicy, policy);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, absent);
        for (const CertificateInfo& certificate : facts.chainSent)
            QVERIFY2(!certificate.sha256.isEmpty(), "a certificate could not be made");
        const auto findings = checkCertificates(facts, policy, true, Now);
        QCOMPARE(idsOf(findings).join(QStringLiteral(", ")), expected.join(QStringLiteral(", ")));
        for (const Finding& finding : findings) {
            QVERIFY2(!absent.contains(finding.id), qPrintable(finding.id));
            QCOMPARE(finding.title, findCheck(finding.id)->title);
            QVERIFY(!finding.detail.isEmpty() && !finding.evidence.isEmpty() &&
                    !finding.remediation.isEmpty());
        }
    }

    // The certificates are what the rows say they are.
    void generatedCertificatesAreWhatTheySeem()
    {
        QCOMPARE(leaf(CertificateSpec(), QStringLiteral("rsa:1025")).keyBits, 1025);
        const CertificateInfo ec = leaf(CertificateSpec(), QStringLiteral("ec:P-224"));
        QCOMPARE(ec.keyType, QStringLiteral("EC"));
        QCOMPARE(ec.keyBits, 224);
        QCOMPARE(leaf(CertificateSpec(), QStringLiteral("dsa:2048")).keyType,
                 QStringLiteral("DSA"));
        QCOMPARE(leaf(specWithDigest(EVP_md5())).signatureAlgorithm,
                 QStringLiteral("md5WithRSAEncryption"));
        const CertificateInfo md2 = infoOf(md5ToMd2(
            derOf(makeCertificate(specWithDigest(EVP_md5()), key(QStringLiteral("rsa:2048")).get(),
                                  m_intermediate.get(), m_intermediateKey.get())
                      .get())));
        QCOMPARE(md2.signatureAlgorithm, QStringLiteral("md2WithRSAEncryption"));
        CertificateSpec clientOnly;
        clientOnly.extendedKeyUsage = QStringLiteral("clientAuth");
        const CertificateInfo client = leaf(clientOnly);
        QVERIFY(client.hasExtendedKeyUsage);
        QCOMPARE(client.extendedKeyUsage, QStringList{QStringLiteral("clientAuth")});
    }

    void trustErrors_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("trust");
        for (int code : {2, 7, 18, 19, 20, 21, 24, 27, 28})
            QTest::addRow("code %d", code) << code << true;
        for (int code : {0, 9, 10, 23, 26, 62})
            QTest::addRow("code %d", code) << code << false;
    }

    void trustErrors()
    {
        QFETCH(int, code);
        QFETCH(bool, trust);
        QCOMPARE(isTrustError(code), trust);
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
