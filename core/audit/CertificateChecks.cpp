#include "CertificateChecks.h"

#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"
#include "common/Plural.h"

#include <QSet>

namespace rediscope {

namespace {

Finding finding(const char* id, Severity severity, QString detail, QString evidence,
                QString remediation)
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    return Finding{name,
                   severity,
                   definition ? definition->title : name,
                   std::move(detail),
                   std::move(evidence),
                   std::move(remediation),
                   QString(),
                   0};
}

QString label(const CertificateInfo& certificate, int depth)
{
    const QString name =
        certificate.commonName.isEmpty() ? certificate.subject : certificate.commonName;
    return depth == 0 ? QStringLiteral("leaf %1").arg(name)
                      : QStringLiteral("certificate %1 (depth %2)").arg(name).arg(depth);
}

// The certificates that matter for validity and strength: what the server sent, except a
// self-signed root it may have appended (its own signature and dates are not checked by
// clients that trust it).
QList<std::pair<int, const CertificateInfo*>> presented(const TlsFacts& facts)
{
    QList<std::pair<int, const CertificateInfo*>> list;
    for (int i = 0; i < facts.chainSent.size(); ++i) {
        const CertificateInfo& certificate = facts.chainSent.at(i);
        if (i > 0 && certificate.selfSigned && certificate.isCa)
            continue;
        list.append({i, &certificate});
    }
    return list;
}

void checkValidity(const TlsFacts& facts, const EnvironmentPolicy& policy, const QDateTime& now,
                   QList<Finding>& out)
{
    for (const auto& [depth, certificate] : presented(facts)) {
        const QString evidence =
            QStringLiteral("%1: notBefore %2, notAfter %3")
                .arg(label(*certificate, depth), certificate->notBefore.toString(Qt::ISODate),
                     certificate->notAfter.toString(Qt::ISODate));
        const int days = certificate->daysLeft(now);
        if (certificate->notAfter.isValid() && certificate->notAfter <= now) {
            out << finding("cert.expired", Severity::Critical,
                           QStringLiteral("The %1 expired %2 ago.")
                               .arg(label(*certificate, depth), countOf(-days, "day", "days")),
                           evidence,
                           QStringLiteral("Install a renewed certificate (Redis tls-cert-file; "
                                          "Dragonfly --tls_cert_file) and reload the server."));
        } else if (certificate->notBefore.isValid() && certificate->notBefore > now) {
            out << finding(
                "cert.not_yet_valid", Severity::Critical,
                QStringLiteral("The %1 is not valid before %2.")
                    .arg(label(*certificate, depth), certificate->notBefore.toString(Qt::ISODate)),
                evidence,
                QStringLiteral("Check the clocks of the server, the CA and this "
                               "machine; reissue the certificate if its dates are "
                               "wrong."));
        } else if (days < policy.expiryWarningDays ||
                   (policy.kind == PolicyKind::Production && days < 60)) {
            const bool urgent = days < policy.expiryWarningDays;
            out << finding("cert.expires_soon", urgent ? Severity::High : Severity::Medium,
                           QStringLiteral("The %1 expires in %2.")
                               .arg(label(*certificate, depth), countOf(days, "day", "days")),
                           evidence,
                           QStringLiteral("Renew the certificate now and deploy it before %1.")
                               .arg(certificate->notAfter.toString(Qt::ISODate)));
        }
    }
}

void checkLeaf(const TlsFacts& facts, QList<Finding>& out)
{
    if (facts.chainSent.isEmpty())
        return;
    const CertificateInfo& leaf = facts.chainSent.constFirst();
    if (!facts.hostnameMatch)
        out << finding(
            "cert.hostname_mismatch", Severity::High,
            QStringLiteral("The leaf certificate is not valid for %1.").arg(facts.hostnameChecked),
            leaf.san.isEmpty()
                ? QStringLiteral("no subjectAltName; CN=%1").arg(leaf.commonName)
                : QStringLiteral("subjectAltName: %1").arg(leaf.san.join(QStringLiteral(", "))),
            QStringLiteral("Reissue the certificate with %1 in its subjectAltName, "
                           "or connect by a name it lists.")
                .arg(facts.hostnameChecked));
    if (!leaf.hasSanExtension)
        out << finding("cert.no_san", Severity::Medium,
                       QStringLiteral("The leaf certificate has no subjectAltName; clients that "
                                      "ignore the CN cannot match it."),
                       QStringLiteral("subject %1").arg(leaf.subject),
                       QStringLiteral("Reissue the certificate with subjectAltName entries "
                                      "(DNS: and IP:) for every name clients use."));
    if (leaf.notBefore.isValid() && leaf.notAfter.isValid()) {
        const qint64 lifetime = leaf.notBefore.daysTo(leaf.notAfter);
        // Calendar years and exact seconds: five years may hold two leap days, and 398 days and
        // some hours is over 398 days.
        if (leaf.notAfter > leaf.notBefore.addYears(5))
            out << finding("cert.long_lifetime", Severity::Medium,
                           QStringLiteral("The leaf certificate is valid for %1 days (over five "
                                          "years).")
                               .arg(lifetime),
                           QStringLiteral("%1 → %2").arg(leaf.notBefore.toString(Qt::ISODate),
                                                         leaf.notAfter.toString(Qt::ISODate)),
                           QStringLiteral("Issue leaf certificates for 398 days or less and "
                                          "automate their renewal."));
        else if (leaf.notBefore.secsTo(leaf.notAfter) > 398LL * 24 * 60 * 60)
            out << finding("cert.long_lifetime", Severity::Low,
                           QStringLiteral("The leaf certificate is valid for %1 days (over 398).")
                               .arg(lifetime),
                           QStringLiteral("%1 → %2").arg(leaf.notBefore.toString(Qt::ISODate),
                                                         leaf.notAfter.toString(Qt::ISODate)),
                           QStringLiteral("Issue leaf certificates for 398 days or less."));
    }
    const bool ekuForbids = leaf.hasExtendedKeyUsage &&
                            !leaf.extendedKeyUsage.contains(QStringLiteral("serverAuth")) &&
                            !leaf.extendedKeyUsage.contains(QStringLiteral("anyExtendedKeyUsage"));
    const bool kuForbids = !leaf.keyUsage.isEmpty() &&
                           !leaf.keyUsage.contains(QStringLiteral("digitalSignature")) &&
                           !leaf.keyUsage.contains(QStringLiteral("keyEncipherment")) &&
                           !leaf.keyUsage.contains(QStringLiteral("keyAgreement"));
    if (ekuForbids || kuForbids)
        out << finding(
            "cert.not_server_auth", Severity::Medium,
            QStringLiteral("The leaf certificate is not meant for TLS servers."),
            ekuForbids
                ? QStringLiteral("extendedKeyUsage: %1")
                      .arg(leaf.extendedKeyUsage.join(QStringLiteral(", ")))
                : QStringLiteral("keyUsage: %1").arg(leaf.keyUsage.join(QStringLiteral(", "))),
            QStringLiteral("Reissue it with extendedKeyUsage serverAuth and keyUsage "
                           "digitalSignature (plus keyEncipherment for RSA)."));
}

void checkTrust(const TlsFacts& facts, const EnvironmentPolicy& policy, bool caPinned,
                QList<Finding>& out)
{
    if (facts.chainSent.isEmpty())
        return;
    const CertificateInfo& leaf = facts.chainSent.constFirst();
    QStringList trustErrors;
    for (const VerifyIssue& issue : facts.verifyIssues)
        if (isTrustError(issue.code))
            trustErrors << QStringLiteral("depth %1: %2").arg(issue.depth).arg(issue.message);
    if (!trustErrors.isEmpty())
        out << finding(
            "cert.untrusted",
            severityForKind(policy.kind, Severity::Medium, Severity::High, Severity::High),
            QStringLiteral("The chain does not lead to a trusted CA%1.")
                .arg(caPinned ? QStringLiteral(" (the profile's CA)")
                              : QStringLiteral(" (the system store)")),
            trustErrors.join(QStringLiteral("; ")),
            QStringLiteral("Give the profile the CA that issued the server "
                           "certificate (tls.ca_file), or have the server present a "
                           "chain to a CA clients trust."));
    if (leaf.selfSigned)
        out << finding(
            "cert.self_signed",
            severityForKind(policy.kind, Severity::Low, Severity::Medium, Severity::High),
            QStringLiteral("The server certificate is self-signed%1.")
                .arg(facts.verified ? QStringLiteral(" (pinned by the profile's CA)") : QString()),
            QStringLiteral("subject = issuer = %1").arg(leaf.subject),
            QStringLiteral("Issue the server certificate from a CA (a private one is "
                           "fine: `rediscope dev-pki`) and trust that CA instead."));
}

void checkChainShape(const TlsFacts& facts, QList<Finding>& out)
{
    if (facts.chainSent.size() > 1) {
        QStringList problems;
        for (int i = 0; i + 1 < facts.chainSent.size(); ++i)
            if (facts.chainSent.at(i).issuer != facts.chainSent.at(i + 1).subject)
                problems << QStringLiteral("certificate %1 is not issued by certificate %2")
                                .arg(i)
                                .arg(i + 1);
        if (!problems.isEmpty())
            out << finding("cert.chain_order", Severity::Low,
                           QStringLiteral("The chain the server sends is out of order or holds "
                                          "unrelated certificates."),
                           problems.join(QStringLiteral("; ")),
                           QStringLiteral("Put the leaf first, then each issuer in turn, in the "
                                          "server's certificate file."));
    }
    // Intermediates that verification needed but the server did not send.
    QSet<QString> sent;
    for (const CertificateInfo& certificate : facts.chainSent)
        sent.insert(certificate.sha256);
    QStringList missing;
    for (int i = 1; i < facts.chainVerified.size(); ++i) {
        const CertificateInfo& certificate = facts.chainVerified.at(i);
        const bool anchor = i == facts.chainVerified.size() - 1;
        if (!anchor && !sent.contains(certificate.sha256))
            missing << certificate.subject;
    }
    bool leafIssuerUnknown = false;
    for (const VerifyIssue& issue : facts.verifyIssues)
        leafIssuerUnknown =
            leafIssuerUnknown ||
            (issue.depth == 0 && (issue.code == 20 || issue.code == 21) &&
             facts.chainSent.size() == 1 && !facts.chainSent.constFirst().selfSigned);
    if (!missing.isEmpty() || leafIssuerUnknown)
        out << finding("cert.chain_incomplete", Severity::Medium,
                       QStringLiteral("The server does not send the intermediate certificate(s) "
                                      "needed to reach the trust anchor."),
                       missing.isEmpty()
                           ? QStringLiteral("only the leaf was sent; its issuer %1 is unknown")
                                 .arg(facts.chainSent.constFirst().issuer)
                           : QStringLiteral("not sent: %1").arg(missing.join(QStringLiteral("; "))),
                       QStringLiteral("Append the intermediate(s) to the server's certificate "
                                      "file (Redis tls-cert-file; Dragonfly --tls_cert_file)."));
}

void checkStrength(const TlsFacts& facts, QList<Finding>& out)
{
    for (const auto& [depth, certificate] : presented(facts)) {
        const QString who = label(*certificate, depth);
        if (certificate->keyType == QLatin1String("RSA") && certificate->keyBits < 2048)
            out << finding(
                "cert.weak_key", certificate->keyBits <= 1024 ? Severity::High : Severity::Medium,
                QStringLiteral("The %1 has a %2-bit RSA key.").arg(who).arg(certificate->keyBits),
                QStringLiteral("RSA %1 bits").arg(certificate->keyBits),
                QStringLiteral("Reissue it with RSA 2048+ or ECDSA P-256."));
        else if (certificate->keyType == QLatin1String("EC") && certificate->keyBits < 256)
            out << finding(
                "cert.weak_key", Severity::Medium,
                QStringLiteral("The %1 has a %2-bit EC key.").arg(who).arg(certificate->keyBits),
                QStringLiteral("EC %1 bits %2").arg(certificate->keyBits).arg(certificate->curve),
                QStringLiteral("Reissue it with ECDSA P-256 or stronger."));
        else if (certificate->keyType == QLatin1String("DSA"))
            out << finding("cert.weak_key", Severity::Medium,
                           QStringLiteral("The %1 has a DSA key.").arg(who),
                           QStringLiteral("DSA %1 bits").arg(certificate->keyBits),
                           QStringLiteral("Reissue it with RSA 2048+ or ECDSA P-256."));
        if (certificate->selfSigned)
            continue; // a self-signed signature protects nothing either way
        const QString algorithm = certificate->signatureAlgorithm.toLower();
        if (algorithm.contains(QLatin1String("md5")) || algorithm.contains(QLatin1String("md2")))
            out << finding("cert.weak_signature", Severity::Critical,
                           QStringLiteral("The %1 is signed with %2.")
                               .arg(who, certificate->signatureAlgorithm),
                           certificate->signatureAlgorithm,
                           QStringLiteral("Reissue it with a SHA-256 signature."));
        else if (algorithm.contains(QLatin1String("sha1")))
            out << finding("cert.weak_signature", Severity::Medium,
                           QStringLiteral("The %1 is signed with SHA-1.").arg(who),
                           certificate->signatureAlgorithm,
                           QStringLiteral("Reissue it with a SHA-256 signature."));
    }
}

} // namespace

bool isTrustError(int verifyCode)
{
    switch (verifyCode) {
    case 2:  // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
    case 7:  // X509_V_ERR_CERT_SIGNATURE_FAILURE
    case 18: // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    case 19: // X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
    case 20: // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    case 21: // X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
    case 24: // X509_V_ERR_INVALID_CA
    case 27: // X509_V_ERR_CERT_UNTRUSTED
    case 28: // X509_V_ERR_CERT_REJECTED
        return true;
    default:
        return false;
    }
}

QList<Finding> checkCertificates(const TlsFacts& facts, const EnvironmentPolicy& policy,
                                 bool caPinned, const QDateTime& now)
{
    QList<Finding> findings;
    checkValidity(facts, policy, now, findings);
    checkLeaf(facts, findings);
    checkTrust(facts, policy, caPinned, findings);
    checkChainShape(facts, findings);
    checkStrength(facts, findings);
    return findings;
}

} // namespace rediscope
