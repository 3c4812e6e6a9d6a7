#include "ProfileChecks.h"

#include "audit/CheckRegistry.h"
#include "common/Plural.h"
#include "tls/CertificateInfo.h"
#include "tls/CipherPolicy.h"
#include "tls/TlsOptions.h"

#include <QFile>
#include <QFileInfo>

namespace rediscope {

namespace {

Finding finding(const char* id, Severity severity, QString detail, QString evidence,
                QString remediation)
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    Q_ASSERT(definition); // every id used here has a catalogue row
    return Finding{name,
                   severity,
                   definition ? definition->title : name,
                   std::move(detail),
                   std::move(evidence),
                   std::move(remediation),
                   QString(),
                   0};
}

void checkTlsDisabled(const Profile& profile, const EnvironmentPolicy& policy, QList<Finding>& out)
{
    if (profile.tls.enabled)
        return;
    out << finding("profile.tls_disabled",
                   environmentSeverity(policy, &EnvironmentPolicy::tls, Severity::High,
                                       Severity::High, Severity::Critical),
                   QStringLiteral("The %1 profile \"%2\" connects without TLS.")
                       .arg(policy.name, profile.name),
                   QStringLiteral("tls.enabled = false"),
                   QStringLiteral("Turn TLS on in the profile (rediss://) and give the server a "
                                  "TLS port: Redis tls-port with tls-cert-file/tls-key-file; "
                                  "Dragonfly --tls with --tls_cert_file/--tls_key_file."));
}

void checkVerifyDisabled(const Profile& profile, const EnvironmentPolicy& policy,
                         QList<Finding>& out)
{
    if (!profile.tls.enabled || profile.tls.verifyPeer)
        return;
    out << finding("profile.verify_disabled",
                   environmentSeverity(policy, &EnvironmentPolicy::verification, Severity::Medium,
                                       Severity::High, Severity::Critical),
                   QStringLiteral("The profile accepts any certificate the server presents."),
                   QStringLiteral("tls.verify_peer = false"),
                   QStringLiteral("Turn verification on and give the profile the CA that issued "
                                  "the server certificate (tls.ca_file); for a local CA, "
                                  "`rediscope dev-pki` creates one."));
}

void checkHostnameDisabled(const Profile& profile, const EnvironmentPolicy& policy,
                           QList<Finding>& out)
{
    if (!profile.tls.enabled || profile.tls.verifyHostname)
        return;
    out << finding("profile.hostname_check_disabled",
                   environmentSeverity(policy, &EnvironmentPolicy::hostnameCheck, Severity::Medium,
                                       Severity::High, Severity::High),
                   QStringLiteral("The profile does not check that the certificate names %1.")
                       .arg(profile.tls.sni.isEmpty() ? profile.host : profile.tls.sni),
                   QStringLiteral("tls.verify_hostname = false"),
                   QStringLiteral("Turn the hostname check on; if the certificate names another "
                                  "host, connect by that name or set tls.sni to it, or reissue "
                                  "the certificate with the right subjectAltName."));
}

void checkLegacyProtocol(const Profile& profile, const EnvironmentPolicy& policy,
                         QList<Finding>& out)
{
    if (!profile.tls.enabled)
        return;
    const int floor = protocolVersionFromName(
        policy.minProtocol.isEmpty() ? QStringLiteral("TLSv1.2") : policy.minProtocol);
    const int minimum = protocolVersionFromName(
        profile.tls.minProtocol.isEmpty() ? QStringLiteral("TLSv1.2") : profile.tls.minProtocol);
    if (minimum == 0 || minimum >= floor)
        return;
    out << finding(
        "profile.legacy_protocol_allowed", Severity::Medium,
        QStringLiteral("The profile allows %1, below the %2 minimum of the %3 policy.")
            .arg(canonicalProtocolName(profile.tls.minProtocol), policy.minProtocol, policy.name),
        QStringLiteral("tls.min_protocol = %1").arg(profile.tls.minProtocol),
        QStringLiteral("Set tls.min_protocol to %1 (and the server's tls-protocols to "
                       "\"TLSv1.2 TLSv1.3\").")
            .arg(policy.minProtocol));
}

void checkWeakCiphers(const Profile& profile, QList<Finding>& out)
{
    if (!profile.tls.enabled || profile.tls.ciphers.trimmed().isEmpty())
        return;
    const WeakCipherReport report = weakCiphersIn(profile.tls.ciphers);
    if (!report.isWeak())
        return;
    QStringList evidence;
    if (!report.tokens.isEmpty())
        evidence << QStringLiteral("names %1").arg(report.tokens.join(QStringLiteral(", ")));
    if (!report.admitted.isEmpty())
        evidence << QStringLiteral("admits %1")
                            .arg(report.admitted.mid(0, 8).join(QStringLiteral(", "))) +
                        (report.admitted.size() > 8
                             ? QStringLiteral(" and %1 more").arg(report.admitted.size() - 8)
                             : QString());
    out << finding(
        "profile.weak_cipher_config", Severity::High,
        QStringLiteral("The cipher list \"%1\" lets weak suites through.").arg(profile.tls.ciphers),
        evidence.join(QStringLiteral("; ")),
        QStringLiteral("Clear tls.ciphers to use OpenSSL's defaults, or use a modern "
                       "list such as \"ECDHE+AESGCM:ECDHE+CHACHA20\"."));
}

// Empty when the file can be read; otherwise why not.
QString unreadableReason(const QString& path, bool directory)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("does not exist");
    if (directory && !info.isDir())
        return QStringLiteral("is not a directory");
    if (!directory && info.isDir())
        return QStringLiteral("is a directory");
    if (!info.isReadable())
        return QStringLiteral("is not readable by this user");
    return QString();
}

void checkFiles(const Profile& profile, QList<Finding>& out)
{
    if (!profile.tls.enabled)
        return;
    const struct
    {
        const char* field;
        QString path;
        bool directory;
    } files[] = {{"tls.ca_file", profile.tls.caFile, false},
                 {"tls.ca_dir", profile.tls.caDir, true},
                 {"tls.cert_file", profile.tls.certFile, false},
                 {"tls.key_file", profile.tls.keyFile, false}};
    for (const auto& file : files) {
        if (file.path.isEmpty())
            continue;
        const QString reason = unreadableReason(file.path, file.directory);
        if (reason.isEmpty())
            continue;
        out << finding(
            "profile.file_missing", Severity::High,
            QStringLiteral("%1 %2 %3.").arg(QLatin1String(file.field), file.path, reason),
            QStringLiteral("%1 = %2").arg(QLatin1String(file.field), file.path),
            QStringLiteral("Fix the path in the profile, or restore the file."));
    }
}

void checkKeyPermissions(const Profile& profile, QList<Finding>& out)
{
    if (!profile.tls.enabled || profile.tls.keyFile.isEmpty())
        return;
    const QFileInfo info(profile.tls.keyFile);
    if (!info.exists() || info.isDir())
        return;
    const QFileDevice::Permissions permissions = info.permissions();
    const bool exposed = permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                        QFileDevice::WriteGroup | QFileDevice::WriteOther);
    if (!exposed)
        return;
    const unsigned mode = ((permissions & QFileDevice::ReadOwner) ? 0400u : 0u) |
                          ((permissions & QFileDevice::WriteOwner) ? 0200u : 0u) |
                          ((permissions & QFileDevice::ExeOwner) ? 0100u : 0u) |
                          ((permissions & QFileDevice::ReadGroup) ? 040u : 0u) |
                          ((permissions & QFileDevice::WriteGroup) ? 020u : 0u) |
                          ((permissions & QFileDevice::ExeGroup) ? 010u : 0u) |
                          ((permissions & QFileDevice::ReadOther) ? 04u : 0u) |
                          ((permissions & QFileDevice::WriteOther) ? 02u : 0u) |
                          ((permissions & QFileDevice::ExeOther) ? 01u : 0u);
    out << finding("profile.key_permissions", Severity::High,
                   QStringLiteral("The client key %1 can be read or changed by other users.")
                       .arg(profile.tls.keyFile),
                   QStringLiteral("mode %1").arg(mode, 4, 8, QLatin1Char('0')),
                   QStringLiteral("chmod 600 %1").arg(profile.tls.keyFile));
}

void checkInlineSecrets(const Profile& profile, QList<Finding>& out)
{
    QStringList fields;
    if (!profile.inlinePassword.isEmpty())
        fields << QStringLiteral("password");
    if (!profile.inlineKeyPassphrase.isEmpty())
        fields << QStringLiteral("tls.key_passphrase");
    if (fields.isEmpty())
        return;
    out << finding(
        "profile.secret_plaintext", Severity::High,
        QStringLiteral("The profile file holds a secret in clear text (%1). It is used "
                       "for this session but never written back.")
            .arg(fields.join(QStringLiteral(", "))),
        QStringLiteral("inline %1 (value not shown)").arg(fields.join(QStringLiteral(", "))),
        QStringLiteral("Move the secret to the keychain (edit the profile and save), "
                       "or reference an environment variable (\"env:VAR\"); then "
                       "remove it from the file and from its history."));
}

void checkNoAuth(const Profile& profile, const EnvironmentPolicy& policy, QList<Finding>& out)
{
    const bool hasSecret =
        profile.password.source != SecretRef::Source::None || !profile.inlinePassword.isEmpty();
    if (hasSecret || !profile.username.isEmpty())
        return;
    out << finding("profile.no_auth",
                   severityForKind(policy.kind, Severity::Low, Severity::Medium, Severity::Medium),
                   QStringLiteral("The profile has neither a username nor a password."),
                   QStringLiteral("username empty, password source none"),
                   QStringLiteral("Give the server a password or ACL user (Redis requirepass / "
                                  "ACL SETUSER; Dragonfly --requirepass) and reference it in the "
                                  "profile."));
}

void checkClientCertificate(const Profile& profile, const QDateTime& now, QList<Finding>& out)
{
    if (!profile.tls.enabled || profile.tls.certFile.isEmpty())
        return;
    QFile file(profile.tls.certFile);
    if (!file.open(QIODevice::ReadOnly))
        return; // profile.file_missing says so
    const auto chain = CertificateInfo::fromPem(file.read(1024 * 1024));
    if (!chain || chain->isEmpty())
        return;
    const CertificateInfo& leaf = chain->constFirst();
    const int days = leaf.daysLeft(now);
    const QString evidence =
        QStringLiteral("%1, notAfter %2").arg(leaf.subject, leaf.notAfter.toString(Qt::ISODate));
    if (leaf.notAfter <= now)
        out << finding("profile.client_cert_expiring", Severity::High,
                       QStringLiteral("The client certificate %1 expired %2 ago.")
                           .arg(profile.tls.certFile, countOf(-days, "day", "days")),
                       evidence, QStringLiteral("Issue a new client certificate."));
    else if (days < 30)
        out << finding("profile.client_cert_expiring", Severity::Medium,
                       QStringLiteral("The client certificate %1 expires in %2.")
                           .arg(profile.tls.certFile, countOf(days, "day", "days")),
                       evidence, QStringLiteral("Renew the client certificate before it expires."));
}

} // namespace

Severity severityForKind(PolicyKind kind, Severity development, Severity staging,
                         Severity production)
{
    switch (kind) {
    case PolicyKind::Development:
        return development;
    case PolicyKind::Staging:
        return staging;
    case PolicyKind::Production:
        return production;
    }
    return production;
}

Severity environmentSeverity(const EnvironmentPolicy& policy,
                             Requirement EnvironmentPolicy::*requirement, Severity development,
                             Severity staging, Severity production)
{
    const Requirement wanted = policy.*requirement;
    const Requirement builtIn = EnvironmentPolicy::builtIn(policy.kind).*requirement;
    if (wanted < builtIn)
        return wanted == Requirement::Optional ? Severity::Info : Severity::Low;
    return severityForKind(policy.kind, development, staging, production);
}

QList<Finding> lintProfile(const Profile& profile, const EnvironmentPolicy& policy,
                           const QDateTime& now)
{
    QList<Finding> findings;
    checkTlsDisabled(profile, policy, findings);
    checkVerifyDisabled(profile, policy, findings);
    checkHostnameDisabled(profile, policy, findings);
    checkLegacyProtocol(profile, policy, findings);
    checkWeakCiphers(profile, findings);
    checkFiles(profile, findings);
    checkKeyPermissions(profile, findings);
    checkInlineSecrets(profile, findings);
    checkNoAuth(profile, policy, findings);
    checkClientCertificate(profile, now, findings);
    sortFindings(findings);
    return findings;
}

} // namespace rediscope
