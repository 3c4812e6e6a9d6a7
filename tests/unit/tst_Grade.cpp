// Grade caps (CHECKS.md "Grade"): the lowest cap wins; A+ only when exemplary; the grade if
// trust were fixed.

#include "audit/Grade.h"

#include <QTest>

using namespace rediscope;

namespace {

Finding make(const char* id, Severity severity)
{
    return Finding{QString::fromLatin1(id), severity, QStringLiteral("title"), {}, {}, {}, {}, 0};
}

GradeInputs exemplaryInputs()
{
    GradeInputs inputs;
    inputs.tlsObserved = true;
    inputs.onlyTls12Plus = true;
    inputs.onlyForwardSecret = true;
    inputs.onlyAead = true;
    inputs.chainVerified = true;
    inputs.hostnameMatch = true;
    return inputs;
}

} // namespace

class tst_Grade : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caps_data()
    {
        QTest::addColumn<QList<Finding>>("findings");
        QTest::addColumn<QString>("grade");
        QTest::addColumn<QString>("ifTrustFixed");
        QTest::addColumn<bool>("suiteUnder112Bits");
        QTest::addColumn<bool>("rsaKeyUnder2048");
        // `facts`: "des" — a suite under 112 bits is accepted; "rsa" — an RSA key under 2048.
        const auto row = [](const char* name, QList<Finding> findings, const char* grade,
                            const char* fixed, const char* facts = "") {
            const QByteArray given(facts);
            QTest::newRow(name) << findings << QString::fromLatin1(grade)
                                << QString::fromLatin1(fixed) << given.contains("des")
                                << given.contains("rsa");
        };
        row("exemplary", {}, "A+", "");
        row("low finding keeps A+", {make("tls.proto.no_tls13", Severity::Low)}, "A+", "");
        row("medium → A-", {make("cert.no_san", Severity::Medium)}, "A-", "");
        row("TLS 1.0 → B", {make("tls.proto.tls10", Severity::Medium)}, "B", "");
        row("TLS 1.1 → B", {make("tls.proto.tls11", Severity::Medium)}, "B", "");
        row("no FS → B", {make("tls.cipher.no_fs", Severity::Medium)}, "B", "");
        row("no AEAD → B", {make("tls.cipher.no_aead", Severity::Medium)}, "B", "");
        row("RSA 1024 → B", {make("cert.weak_key", Severity::High)}, "B", "", "rsa");
        row("RSA 1536 → B", {make("cert.weak_key", Severity::Medium)}, "B", "", "rsa");
        row("EC 224 → A-", {make("cert.weak_key", Severity::Medium)}, "A-", "");
        row("SHA-1 → B", {make("cert.weak_signature", Severity::Medium)}, "B", "");
        row("MD5 → F", {make("cert.weak_signature", Severity::Critical)}, "F", "");
        row("no TLS 1.2+ → C", {make("tls.proto.no_tls12plus", Severity::High)}, "C", "");
        row("mismatch → M", {make("cert.hostname_mismatch", Severity::High)}, "M", "");
        row("untrusted → T", {make("cert.untrusted", Severity::High)}, "T", "A");
        row("expired → T", {make("cert.expired", Severity::Critical)}, "T", "A");
        row("not yet valid → T", {make("cert.not_yet_valid", Severity::Critical)}, "T", "A");
        row("self-signed unpinned → T",
            {make("cert.self_signed", Severity::High), make("cert.untrusted", Severity::High)}, "T",
            "A");
        row("T with a medium → T only (not the only cap)",
            {make("cert.untrusted", Severity::High), make("cert.no_san", Severity::Medium)}, "T",
            "");
        row("T with a low → T, A",
            {make("cert.untrusted", Severity::High), make("tls.proto.no_tls13", Severity::Low)},
            "T", "A");
        row("T and B → T, no trust-fixed grade",
            {make("cert.untrusted", Severity::High), make("tls.proto.tls10", Severity::Medium)},
            "T", "");
        row("null suites → F", {make("tls.cipher.null_anon_export", Severity::Critical)}, "F", "");
        row("DES (56 bits) → F", {make("tls.cipher.low", Severity::High)}, "F", "", "des");
        row("3DES / RC4 (112+ bits) → B", {make("tls.cipher.low", Severity::High)}, "B", "");
        row("insecure renegotiation → F", {make("tls.reneg.insecure", Severity::High)}, "F", "");
        row("F beats T",
            {make("cert.untrusted", Severity::High), make("tls.cipher.low", Severity::High)}, "F",
            "", "des");
        row("T beats M",
            {make("cert.hostname_mismatch", Severity::High),
             make("cert.expired", Severity::Critical)},
            "T", "");
        row("M beats C",
            {make("cert.hostname_mismatch", Severity::High),
             make("tls.proto.no_tls12plus", Severity::High)},
            "M", "");
        row("access findings are not graded",
            {make("server.nopass", Severity::Critical), make("profile.no_auth", Severity::Medium),
             make("conn.auth_failed", Severity::High)},
            "A+", "");
    }

    void caps()
    {
        QFETCH(QList<Finding>, findings);
        QFETCH(QString, grade);
        QFETCH(QString, ifTrustFixed);
        QFETCH(bool, suiteUnder112Bits);
        QFETCH(bool, rsaKeyUnder2048);
        GradeInputs inputs = exemplaryInputs();
        inputs.suiteUnder112Bits = suiteUnder112Bits;
        inputs.rsaKeyUnder2048 = rsaKeyUnder2048;
        const GradeResult result = computeGrade(findings, inputs);
        QCOMPARE(result.grade, grade);
        QCOMPARE(result.ifTrustFixed, ifTrustFixed);
        if (grade != QLatin1String("A+") && grade != QLatin1String("A"))
            QVERIFY(!result.reasons.isEmpty());
    }

    void aPlusNeedsTheProbeAndAVerifiedChain()
    {
        GradeInputs inputs = exemplaryInputs();
        inputs.onlyTls12Plus.reset(); // --no-probe
        QCOMPARE(computeGrade({}, inputs).grade, QStringLiteral("A"));
        inputs = exemplaryInputs();
        inputs.onlyAead = false;
        QCOMPARE(computeGrade({}, inputs).grade, QStringLiteral("A"));
        inputs = exemplaryInputs();
        inputs.chainVerified = false;
        QCOMPARE(computeGrade({}, inputs).grade, QStringLiteral("A"));
    }

    void pinnedSelfSignedIsNotATrustCap()
    {
        GradeInputs inputs = exemplaryInputs(); // chain verified: the profile pins the certificate
        const GradeResult result = computeGrade({make("cert.self_signed", Severity::High)}, inputs);
        QCOMPARE(result.grade, QStringLiteral("A"));
    }

    void withoutTls()
    {
        GradeInputs inputs;
        QCOMPARE(computeGrade({}, inputs).grade, QString()); // nothing observed: no grade
        inputs.plaintextObserved = true;
        QCOMPARE(computeGrade({}, inputs).grade, QStringLiteral("F"));
    }
};

QTEST_GUILESS_MAIN(tst_Grade)
#include "tst_Grade.moc"
