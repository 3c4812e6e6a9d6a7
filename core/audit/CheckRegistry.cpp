#include "CheckRegistry.h"

namespace rediscope {

namespace {

CheckDefinition row(const char* id, const char* title, const char* severity, const char* help)
{
    const QString name = QString::fromLatin1(id);
    return CheckDefinition{name, name.section(QLatin1Char('.'), 0, 0), QString::fromUtf8(title),
                           QString::fromLatin1(severity), QString::fromUtf8(help)};
}

QList<CheckDefinition> buildCatalogue()
{
    return {
        row("profile.tls_disabled", "TLS is off", "env (dev high, staging high, prod critical)",
            "Without TLS, passwords, commands and data cross the network in clear text."),
        row("profile.verify_disabled", "Certificate verification is off",
            "env (dev medium, staging high, prod critical)",
            "Without chain verification anyone on the path can impersonate the server and read "
            "the password."),
        row("profile.hostname_check_disabled", "Hostname check is off",
            "env (dev medium, staging high, prod high)",
            "A valid certificate for another host would be accepted, so a machine-in-the-middle "
            "with any certificate from the same CA can impersonate the server."),
        row("profile.legacy_protocol_allowed", "TLS below 1.2 allowed", "medium",
            "TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow downgrade to weak ciphers."),
        row("profile.weak_cipher_config", "Weak ciphers allowed", "high",
            "The configured cipher list admits NULL, anonymous, export, RC4, DES, 3DES or MD5 "
            "suites, which offer no or broken protection."),
        row("profile.file_missing", "Certificate or key file missing", "high",
            "A CA, certificate or key path is set but cannot be read, so the connection fails or "
            "falls back to weaker settings."),
        row("profile.key_permissions", "Private key readable by others", "high",
            "Any local user who can read the client key can impersonate this client."),
        row("profile.secret_plaintext", "Password stored in the profile file", "high",
            "Profile files are meant to be shared and committed; a password in them leaks with "
            "them. Secrets belong in the keychain."),
        row("profile.no_auth", "No credentials configured",
            "env (dev low, staging medium, prod medium)",
            "A server that accepts clients without credentials lets anyone who reaches it read "
            "and change every key."),
        row("profile.client_cert_expiring", "Client certificate expired or expiring",
            "high / medium",
            "An expired client certificate makes mutual-TLS servers refuse the connection."),
        row("conn.resolve_failed", "Host name does not resolve", "high",
            "The profile's host name has no address, so nothing can be checked."),
        row("conn.tcp_failed", "TCP connection failed", "high",
            "The port refused, was unreachable, or did not answer within the timeout."),
        row("conn.plaintext_on_tls_port", "Plaintext server on the TLS port", "high",
            "The profile expects TLS but the server answered in plaintext RESP."),
        row("conn.tls_expected_by_server", "Server expects TLS", "high",
            "The profile connects without TLS to a port that speaks TLS."),
        row("conn.tls_handshake_failed", "TLS handshake failed", "high",
            "The server and the profile could not agree on a TLS session."),
        row("conn.client_cert_required", "Client certificate required", "high",
            "The server requires mutual TLS and no acceptable client certificate was sent."),
        row("conn.timeout", "Stage timed out", "high",
            "A stage of the connection did not finish within the profile's timeout."),
        row("conn.auth_failed", "Authentication failed", "high",
            "AUTH or HELLO was rejected (WRONGPASS, NOAUTH)."),
        row("cert.expired", "Certificate expired", "critical",
            "Clients that verify refuse an expired leaf or intermediate."),
        row("cert.not_yet_valid", "Certificate not yet valid", "critical",
            "The certificate's notBefore lies in the future: a clock problem or a premature "
            "deployment."),
        row("cert.expires_soon", "Certificate expires soon", "high/medium",
            "Renew before the expiry takes the service down for verifying clients."),
        row("cert.hostname_mismatch", "Certificate does not match the host", "high",
            "The leaf does not name the host or IP connected to, so verifying clients refuse it "
            "and non-verifying ones can be fooled."),
        row("cert.no_san", "Certificate without subjectAltName", "medium",
            "Modern clients ignore the CN and match only subjectAltName entries."),
        row("cert.untrusted", "Chain not trusted", "env (dev medium, staging high, prod high)",
            "The chain does not verify against the profile's CA or the system store."),
        row("cert.self_signed", "Self-signed certificate",
            "env (dev low, staging medium, prod high)",
            "A self-signed leaf can only be trusted by pinning it; it cannot be revoked or "
            "rotated through a CA."),
        row("cert.chain_incomplete", "Intermediate certificate missing", "medium",
            "The server does not send an intermediate needed to reach the trust anchor; clients "
            "without it cached fail."),
        row("cert.chain_order", "Chain out of order", "low",
            "The chain as sent is out of order or holds unrelated certificates."),
        row("cert.weak_key", "Weak certificate key", "medium/high",
            "RSA below 2048 bits, EC below 256 bits or DSA keys can be broken or are deprecated."),
        row("cert.weak_signature", "Weak certificate signature", "medium/critical",
            "SHA-1 signatures are forgeable with chosen-prefix collisions; MD5/MD2 are broken."),
        row("cert.long_lifetime", "Certificate lifetime too long", "low/medium",
            "Long-lived certificates outlast key compromise and policy changes (CA/B limit: 398 "
            "days)."),
        row("cert.not_server_auth", "Certificate not for TLS servers", "medium",
            "extendedKeyUsage without serverAuth, or a keyUsage that forbids TLS server use."),
        row("cert.changed", "Certificate changed", "high",
            "The leaf fingerprint differs from the one remembered for this profile."),
        row("env.tls_inconsistent", "TLS differs across environments", "high",
            "One environment of a service uses TLS and another does not: what is tested is not "
            "what runs in production."),
        row("env.verify_inconsistent", "Verification differs across environments", "medium",
            "Verification is on in one environment and off in another."),
        row("env.protocol_inconsistent", "TLS versions differ across environments", "low",
            "The environments of a service negotiate or accept different TLS versions."),
        row("cert.shared_across_envs", "Certificate shared across environments", "medium",
            "The same leaf serves two environments of one service: a key compromise in one is a "
            "compromise of both."),
    };
}

} // namespace

const QList<CheckDefinition>& checkCatalogue()
{
    static const QList<CheckDefinition> catalogue = buildCatalogue();
    return catalogue;
}

const CheckDefinition* findCheck(const QString& id)
{
    for (const CheckDefinition& definition : checkCatalogue())
        if (definition.id == id)
            return &definition;
    return nullptr;
}

} // namespace rediscope
