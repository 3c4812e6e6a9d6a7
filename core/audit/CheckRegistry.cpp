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
