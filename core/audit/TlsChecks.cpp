#include "TlsChecks.h"

#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"

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

QString suiteList(const QList<ProbedSuite>& suites, int limit = 6)
{
    QStringList names;
    for (const ProbedSuite& suite : suites) {
        const QString name = suite.protocol + QLatin1Char(' ') + suite.info.name;
        if (!names.contains(name))
            names << name;
    }
    QString text = names.mid(0, limit).join(QStringLiteral(", "));
    if (names.size() > limit)
        text += QStringLiteral(" and %1 more").arg(names.size() - limit);
    return text;
}

const QString ProtocolsRemedy = QStringLiteral(
    "Redis: tls-protocols \"TLSv1.2 TLSv1.3\". Dragonfly always requires TLS 1.2 or later "
    "(it sets the minimum itself): an endpoint that accepts less is a TLS proxy or load balancer "
    "in front of it — raise the minimum there.");
const QString CiphersRemedy = QStringLiteral(
    "Redis: tls-ciphers \"ECDHE+AESGCM:ECDHE+CHACHA20\" (TLS 1.2) and leave tls-ciphersuites at "
    "its default. Dragonfly: --tls_ciphers=\"ECDHE+AESGCM:ECDHE+CHACHA20\" (TLS 1.2; its "
    "default is DEFAULT:!MEDIUM) and --tls_cipher_suites for TLS 1.3.");

void checkProtocols(const ProbeResult& probe, QList<Finding>& out)
{
    if (probe.accepts(u"SSLv3").value_or(false))
        out << finding("tls.proto.sslv3", Severity::High,
                       QStringLiteral("The server accepts SSLv3."),
                       QStringLiteral("SSLv3 handshake completed"), ProtocolsRemedy);
    if (probe.accepts(u"TLSv1").value_or(false))
        out << finding("tls.proto.tls10", Severity::Medium,
                       QStringLiteral("The server accepts TLS 1.0."),
                       QStringLiteral("TLSv1 handshake completed: %1")
                           .arg(probe.cipherNames(u"TLSv1").mid(0, 4).join(QStringLiteral(", "))),
                       ProtocolsRemedy);
    if (probe.accepts(u"TLSv1.1").value_or(false))
        out << finding("tls.proto.tls11", Severity::Medium,
                       QStringLiteral("The server accepts TLS 1.1."),
                       QStringLiteral("TLSv1.1 handshake completed: %1")
                           .arg(probe.cipherNames(u"TLSv1.1").mid(0, 4).join(QStringLiteral(", "))),
                       ProtocolsRemedy);
    const auto tls12 = probe.accepts(u"TLSv1.2");
    const auto tls13 = probe.accepts(u"TLSv1.3");
    if (tls12 == false && tls13 == false)
        out << finding("tls.proto.no_tls12plus", Severity::High,
                       QStringLiteral("The server accepts neither TLS 1.2 nor TLS 1.3."),
                       QStringLiteral("accepted: %1")
                           .arg(probe.acceptedProtocols().join(QStringLiteral(", "))),
                       ProtocolsRemedy);
    if (tls13 == false && tls12 == true)
        out << finding("tls.proto.no_tls13", Severity::Low,
                       QStringLiteral("The server does not offer TLS 1.3."),
                       QStringLiteral("accepted: %1")
                           .arg(probe.acceptedProtocols().join(QStringLiteral(", "))),
                       QStringLiteral("Redis: add TLSv1.3 to tls-protocols (it needs OpenSSL "
                                      "1.1.1+). Dragonfly offers TLS 1.3 by default."));
}

void checkCiphers(const ProbeResult& probe, QList<Finding>& out)
{
    const QList<ProbedSuite> all = probe.allSuites();
    if (all.isEmpty())
        return;
    const auto broken =
        probe.suitesWhere([](const CipherSuiteInfo& s) { return s.nullAnonOrExport(); });
    if (!broken.isEmpty())
        out << finding("tls.cipher.null_anon_export", Severity::Critical,
                       QStringLiteral("The server accepts suites without encryption, without "
                                      "authentication, or of export grade."),
                       suiteList(broken), CiphersRemedy);
    const auto low = probe.suitesWhere(
        [](const CipherSuiteInfo& s) { return !s.nullAnonOrExport() && s.low(); });
    if (!low.isEmpty())
        out << finding("tls.cipher.low", Severity::High,
                       QStringLiteral("The server accepts weak suites (RC4, DES, 3DES, IDEA or "
                                      "under 112 bits)."),
                       suiteList(low), CiphersRemedy);
    const auto cbc = probe.suitesWhere([](const CipherSuiteInfo& s) { return s.cbc(); });
    if (!cbc.isEmpty())
        out << finding("tls.cipher.cbc", Severity::Low,
                       QStringLiteral("The server accepts CBC-mode suites, prone to padding-oracle "
                                      "attacks (Lucky13)."),
                       suiteList(cbc), CiphersRemedy);
    const bool forwardSecret =
        probe.anySuite([](const CipherSuiteInfo& s) { return s.forwardSecrecy(); });
    if (!forwardSecret)
        out << finding("tls.cipher.no_fs", Severity::Medium,
                       QStringLiteral("No accepted suite has forward secrecy (ECDHE/DHE): a "
                                      "stolen server key decrypts recorded traffic."),
                       suiteList(all), CiphersRemedy);
    const auto staticRsa =
        probe.suitesWhere([](const CipherSuiteInfo& s) { return s.staticRsa(); });
    if (forwardSecret && !staticRsa.isEmpty())
        out << finding("tls.cipher.static_rsa", Severity::Low,
                       QStringLiteral("The server accepts static-RSA key exchange next to "
                                      "forward-secret suites."),
                       suiteList(staticRsa), CiphersRemedy);
    if (!probe.anySuite([](const CipherSuiteInfo& s) { return s.aead(); }))
        out << finding("tls.cipher.no_aead", Severity::Medium,
                       QStringLiteral("No accepted suite uses authenticated encryption (GCM, "
                                      "ChaCha20-Poly1305, CCM)."),
                       suiteList(all), CiphersRemedy);
}

void checkKeyExchange(const ProbeResult& probe, QList<Finding>& out)
{
    if (probe.minDheBits && *probe.minDheBits < 2048)
        out << finding(
            "tls.kex.weak_dh", *probe.minDheBits <= 1024 ? Severity::High : Severity::Medium,
            QStringLiteral("The server uses a %1-bit Diffie-Hellman group.").arg(*probe.minDheBits),
            QStringLiteral("DHE group %1 bits").arg(*probe.minDheBits),
            QStringLiteral("Disable DHE suites or use a 2048-bit+ group (Redis "
                           "tls-dh-params-file); prefer ECDHE."));
    if (probe.minEcdheBits && *probe.minEcdheBits < 224)
        out << finding(
            "tls.kex.weak_curve", Severity::Medium,
            QStringLiteral("The server accepts a %1-bit elliptic curve.").arg(*probe.minEcdheBits),
            QStringLiteral("ECDHE curve %1 bits; groups %2")
                .arg(*probe.minEcdheBits)
                .arg(probe.groupNames().join(QStringLiteral(", "))),
            QStringLiteral("Limit the groups to X25519, P-256 and P-384 in the "
                           "server's OpenSSL configuration (Groups = …)."));
    if (probe.secureRenegotiation == false)
        out << finding("tls.reneg.insecure", Severity::High,
                       QStringLiteral("The server does not support secure renegotiation (RFC "
                                      "5746)."),
                       QStringLiteral("no renegotiation_info in the ServerHello"),
                       QStringLiteral("Upgrade the server's TLS library; every maintained "
                                      "OpenSSL supports RFC 5746."));
}

} // namespace

QList<Finding> checkClientAuthFromHandshake(bool handshakeCompleted, bool clientCertSent,
                                            const EnvironmentPolicy& policy)
{
    if (!handshakeCompleted || clientCertSent)
        return {};
    return {finding("tls.client_auth.not_required",
                    environmentSeverity(policy, &EnvironmentPolicy::clientCertificate,
                                        Severity::Info, Severity::Info, Severity::Low),
                    QStringLiteral("The server completes a handshake without a client "
                                   "certificate: only the password protects it."),
                    QStringLiteral("handshake completed with no client certificate"),
                    QStringLiteral("Require client certificates: Redis tls-auth-clients yes with "
                                   "tls-ca-cert-file; Dragonfly --tls_ca_cert_file."))};
}

QList<Finding> checkTls(const ProbeResult& probe, const EnvironmentPolicy& policy)
{
    QList<Finding> findings;
    checkProtocols(probe, findings);
    checkCiphers(probe, findings);
    checkKeyExchange(probe, findings);
    if (probe.clientCertRequired == false && !probe.allSuites().isEmpty())
        findings << checkClientAuthFromHandshake(true, false, policy);
    return findings;
}

} // namespace rediscope
