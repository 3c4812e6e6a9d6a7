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
        row("conn.closed_by_server", "Server closed the connection", "high",
            "The server accepted the connection, then closed or reset it before answering AUTH, "
            "PING or INFO."),
        row("conn.protocol_error", "Reply is not valid RESP", "high",
            "The server's reply to AUTH, PING or INFO is not valid RESP, or is larger than a "
            "reply may be: the port serves another protocol, or the server is broken."),
        row("tls.proto.sslv3", "SSLv3 accepted", "high",
            "SSLv3 is broken (POODLE). Not testable with OpenSSL builds without SSLv3: reported "
            "as null, never as not offered."),
        row("tls.proto.tls10", "TLS 1.0 accepted", "medium",
            "TLS 1.0 is deprecated (RFC 8996): CBC weaknesses, SHA-1 based handshake."),
        row("tls.proto.tls11", "TLS 1.1 accepted", "medium", "TLS 1.1 is deprecated (RFC 8996)."),
        row("tls.proto.no_tls12plus", "No TLS 1.2 or 1.3", "high",
            "Without TLS 1.2+ no modern cipher suite can be negotiated."),
        row("tls.proto.no_tls13", "TLS 1.3 not offered", "low",
            "TLS 1.3 is faster and removes legacy options; modern clients prefer it."),
        row("tls.cipher.null_anon_export", "NULL, anonymous or export suites", "critical",
            "These suites give no encryption, no authentication, or deliberately weak keys."),
        row("tls.cipher.low", "Weak cipher suites", "high",
            "RC4, DES, 3DES, IDEA and suites under 112 bits are broken or too weak."),
        row("tls.cipher.cbc", "CBC-mode suites", "low",
            "CBC suites in TLS <= 1.2 have a history of padding-oracle attacks."),
        row("tls.cipher.no_fs", "No forward secrecy", "medium",
            "Without ECDHE/DHE a stolen server key decrypts all recorded traffic."),
        row("tls.cipher.static_rsa", "Static RSA key exchange", "low",
            "Static-RSA suites lack forward secrecy even where better suites exist."),
        row("tls.cipher.no_aead", "No AEAD suites", "medium",
            "Without GCM/ChaCha20/CCM every suite is CBC or stream based."),
        row("tls.kex.weak_dh", "Weak Diffie-Hellman group", "medium/high",
            "DHE groups under 2048 bits are within reach of well-funded attackers (Logjam)."),
        row("tls.kex.weak_curve", "Weak elliptic curve", "medium",
            "ECDHE curves under 224 bits give less than 112 bits of security."),
        row("tls.reneg.insecure", "Insecure renegotiation", "high",
            "Without RFC 5746 an attacker can splice data into a session."),
        row("tls.client_auth.not_required", "Client certificate not required",
            "env (dev info, staging info, prod low)",
            "Any client that reaches the port can complete the handshake; only the password "
            "protects the server."),
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
        row("server.plaintext_port_open", "Plaintext port open next to TLS",
            "env (dev medium, staging high, prod high)",
            "A plaintext port next to the TLS one lets any client, or an attacker who downgrades "
            "it, skip TLS: passwords and data cross the network in clear text."),
        row("server.legacy_protocols_configured", "Server allows TLS 1.0 / 1.1", "medium",
            "tls-protocols lists TLSv1 or TLSv1.1, deprecated by RFC 8996 and open to downgrade "
            "to weak ciphers."),
        row("server.client_auth_off", "Client certificates not required",
            "env (dev info, staging low, prod medium)",
            "The server completes TLS without a client certificate (Redis tls-auth-clients "
            "no/optional; Dragonfly without --tls_ca_cert_file), so TLS alone does not say who "
            "the client is."),
        row("server.replication_plaintext", "Replication without TLS", "medium",
            "Clients use TLS but the replication link does not: the whole data set crosses the "
            "network in clear text."),
        row("server.cluster_plaintext", "Cluster bus without TLS", "medium",
            "Cluster mode is on but tls-cluster is off: node-to-node traffic, including keys "
            "being migrated, is not encrypted."),
        row("server.nopass", "No password required", "critical",
            "The default user is on with nopass, or commands work without AUTH: anyone who "
            "reaches the server can read and change every key."),
        row("server.protected_mode_off", "Protected mode off", "low (critical with server.nopass)",
            "With protected mode off a server without a password accepts clients on every "
            "interface instead of loopback only."),
        row("server.dangerous_commands", "DEBUG or MODULE enabled", "medium",
            "DEBUG can crash the server or reveal memory; MODULE LOAD runs native code in the "
            "server process."),
        row("server.config_unreadable", "Server configuration not readable", "info",
            "CONFIG GET was refused, so the server configuration checks were skipped."),
        row("server.admin_port_plaintext", "Dragonfly admin port without TLS", "high",
            "--no_tls_on_admin_port lets the admin port, which runs administrative commands, "
            "accept plaintext connections while the main port requires TLS."),
        row("config.tls_not_configured", "TLS not configured", "high",
            "The configuration has no TLS port (Redis tls-port) or does not turn TLS on "
            "(Dragonfly --tls), or lacks the certificate and key TLS needs."),
        row("config.key_permissions", "Server private key readable by others", "high",
            "Any local user who can read tls-key-file / --tls_key_file can impersonate the "
            "server."),
        row("config.key_passphrase_in_file", "Key passphrase in the configuration", "low",
            "tls-key-file-pass in the configuration lets whoever reads the file decrypt the key."),
        row("config.file_missing", "Certificate, key or CA file missing", "high",
            "A certificate, key or CA path in the configuration does not exist, so the server "
            "will not start TLS."),
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
