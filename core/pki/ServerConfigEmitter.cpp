#include "ServerConfigEmitter.h"

#include "pki/DevPki.h"

#include <QDateTime>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace rediscope {

namespace {

// A redis.conf argument in double quotes (sdssplitargs: \" and \\ are escapes).
QString redisQuoted(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

bool loopbackOnly(const DevServerSettings& settings)
{
    if (settings.hosts.isEmpty())
        return false;
    for (const QString& host : settings.hosts)
        if (!DevPki::isLoopback(host))
            return false;
    return true;
}

QString generatedOn()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd"));
}

QString variableOrDefault(const DevServerSettings& settings)
{
    return settings.passwordVariable.isEmpty() ? QStringLiteral("REDIS_PASSWORD")
                                               : settings.passwordVariable;
}

} // namespace

QString clientAuthModeName(ClientAuthMode mode)
{
    switch (mode) {
    case ClientAuthMode::Yes:
        return QStringLiteral("yes");
    case ClientAuthMode::Optional:
        return QStringLiteral("optional");
    case ClientAuthMode::No:
        return QStringLiteral("no");
    }
    return QString();
}

std::optional<ClientAuthMode> clientAuthModeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("yes") || lower == QLatin1String("required"))
        return ClientAuthMode::Yes;
    if (lower == QLatin1String("optional"))
        return ClientAuthMode::Optional;
    if (lower == QLatin1String("no"))
        return ClientAuthMode::No;
    return std::nullopt;
}

QString ServerConfigEmitter::aclPasswordHash(const QByteArray& password)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(password.constData(), static_cast<size_t>(password.size()), digest, &size,
                   EVP_sha256(), nullptr) != 1)
        return QString();
    const QString hex = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(size)).toHex());
    OPENSSL_cleanse(digest, sizeof digest);
    return hex;
}

QByteArray ServerConfigEmitter::redisConf(const DevServerSettings& settings)
{
    const QString variable = variableOrDefault(settings);
    QStringList lines{
        QStringLiteral("# Redis TLS configuration written by rediscope dev-pki on %1.")
            .arg(generatedOn()),
        QStringLiteral("# Start the server with:  redis-server <this file>"),
        QStringLiteral("# (Valkey and KeyDB read the same file.) Check it with:  rediscope "
                       "lint-config <this file>"),
        QString(),
        QStringLiteral("# TLS only: no plaintext port."),
        QStringLiteral("port 0"),
        QStringLiteral("tls-port %1").arg(settings.port),
    };
    if (loopbackOnly(settings))
        lines << QStringLiteral("bind 127.0.0.1 -::1");
    else
        lines << QStringLiteral("# Listens on every interface: the certificate names hosts "
                                "beyond this machine.")
              << QStringLiteral("# To restrict it: bind ADDRESS ...");
    lines << QString() << QStringLiteral("tls-cert-file %1").arg(redisQuoted(settings.certFile))
          << QStringLiteral("tls-key-file %1").arg(redisQuoted(settings.keyFile))
          << QStringLiteral("tls-ca-cert-file %1").arg(redisQuoted(settings.caFile));
    switch (settings.clientAuth) {
    case ClientAuthMode::Yes:
        lines << QStringLiteral("# Clients must present a certificate issued by the CA above "
                                "(mutual TLS).");
        break;
    case ClientAuthMode::Optional:
        lines << QStringLiteral("# A client certificate is verified when one is sent, but not "
                                "required.");
        break;
    case ClientAuthMode::No:
        lines << QStringLiteral("# Clients are not asked for a certificate. For mutual TLS: "
                                "tls-auth-clients yes.");
        break;
    }
    lines << QStringLiteral("tls-auth-clients %1").arg(clientAuthModeName(settings.clientAuth))
          << QStringLiteral("tls-protocols \"TLSv1.2 TLSv1.3\"")
          << QStringLiteral("tls-ciphers \"%1\"").arg(tls12Ciphers())
          << QStringLiteral("tls-prefer-server-ciphers yes");
    if (settings.tlsReplication)
        lines << QStringLiteral("# Replication over TLS: set this on the master and its "
                                "replicas; replicas also need masterauth.")
              << QStringLiteral("tls-replication yes");
    if (settings.tlsCluster)
        lines << QStringLiteral("# Cluster bus over TLS (with cluster-enabled yes on every "
                                "node).")
              << QStringLiteral("tls-cluster yes");
    if (settings.tlsReplication || settings.tlsCluster)
        lines << QStringLiteral("# The server certificate is also issued for TLS clients: "
                                "Redis presents it to its")
              << QStringLiteral("# master and to the other nodes.");

    lines << QString();
    if (!settings.passwordHash.isEmpty()) {
        lines << QStringLiteral("# The default user's password, as its SHA-256: the password "
                                "itself is not in this")
              << QStringLiteral("# file. Clients read it from the environment variable %1, e.g.")
                     .arg(variable)
              << QStringLiteral("#   REDISCLI_AUTH=\"$%1\" redis-cli --tls ...").arg(variable)
              << QStringLiteral("# No requirepass: the ACL line below is the password. Keep "
                                "this file readable by the")
              << QStringLiteral("# server's user only (chmod 600).")
              << QStringLiteral("user default on #%1 ~* &* +@all").arg(settings.passwordHash);
    } else {
        lines << QStringLiteral("# No password is set: anyone who reaches the TLS port can use "
                                "the server, and")
              << QStringLiteral("# `rediscope lint-config` reports server.nopass. To set one "
                                "without writing it here:")
              << QStringLiteral("#   export %1=\"$(openssl rand -base64 32)\"").arg(variable)
              << QStringLiteral("#   rediscope dev-pki --out DIR --password-env %1 --force "
                                "(writes its SHA-256 as an ACL line)")
                     .arg(variable)
              << QStringLiteral("# or add `requirepass <a long random password>` and keep "
                                "this file chmod 600.");
    }
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QByteArray ServerConfigEmitter::dragonflyFlags(const DevServerSettings& settings)
{
    const QString variable = variableOrDefault(settings);
    QStringList lines{
        QStringLiteral("# Dragonfly flags written by rediscope dev-pki on %1.").arg(generatedOn()),
        QStringLiteral("# Start the server with:  dragonfly --flagfile=<this file>"),
        QStringLiteral("# With --tls the main port serves TLS only (TLS 1.2 or later, always)."),
        QStringLiteral("--port=%1").arg(settings.port),
    };
    if (loopbackOnly(settings))
        lines << QStringLiteral("--bind=127.0.0.1");
    lines << QStringLiteral("--tls") << QStringLiteral("--tls_cert_file=%1").arg(settings.certFile)
          << QStringLiteral("--tls_key_file=%1").arg(settings.keyFile);
    if (settings.clientAuth == ClientAuthMode::Yes) {
        lines << QStringLiteral("# With a CA, Dragonfly requires and verifies client "
                                "certificates (mutual TLS).")
              << QStringLiteral("--tls_ca_cert_file=%1").arg(settings.caFile);
    } else {
        lines << QStringLiteral("# No --tls_ca_cert_file: Dragonfly then asks no client for a "
                                "certificate (it has no")
              << QStringLiteral("# \"optional\" mode). For mutual TLS: --tls_ca_cert_file=%1")
                     .arg(settings.caFile);
    }
    lines << QStringLiteral("# TLS 1.2 suites: forward secret AEAD only (Dragonfly's default "
                            "is DEFAULT:!MEDIUM);")
          << QStringLiteral("# TLS 1.3 suites (--tls_cipher_suites) keep OpenSSL's defaults.")
          << QStringLiteral("--tls_ciphers=%1").arg(tls12Ciphers());
    if (settings.tlsReplication)
        lines << QStringLiteral("# On a replica: connect to the master over TLS.")
              << QStringLiteral("--tls_replication=true");
    lines << QStringLiteral("# DEBUG only on the admin port (which is off).")
          << QStringLiteral("--restricted_commands=DEBUG");
    if (!settings.passwordHash.isEmpty()) {
        lines << QStringLiteral("# The default user's password lives in the ACL file as its "
                                "SHA-256; clients read it")
              << QStringLiteral("# from the environment variable %1. No --requirepass: it "
                                "would hold the password itself.")
                     .arg(variable)
              << QStringLiteral("--aclfile=%1").arg(settings.aclFile);
    } else {
        lines << QStringLiteral("# No password is set (lint-config reports server.nopass). Set "
                                "one with --password-env")
              << QStringLiteral("# when running rediscope dev-pki, or start Dragonfly with the "
                                "DFLY_requirepass environment")
              << QStringLiteral("# variable rather than --requirepass (which shows in the "
                                "process list).");
    }
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QByteArray ServerConfigEmitter::dragonflyAcl(const DevServerSettings& settings)
{
    if (settings.passwordHash.isEmpty())
        return {};
    return QStringLiteral("user default on #%1 ~* +@all\n").arg(settings.passwordHash).toUtf8();
}

Profile ServerConfigEmitter::profile(const DevServerSettings& settings, const QString& name,
                                     const QString& service, const QString& environment)
{
    Profile profile = Profile::create(name);
    profile.service = service;
    if (!environment.isEmpty())
        profile.environment = environment;
    QString host = settings.hosts.value(0, QStringLiteral("localhost")).trimmed();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    profile.host = host;
    profile.port = settings.port;
    profile.tls.enabled = true;
    profile.tls.verifyPeer = true;
    profile.tls.verifyHostname = true;
    profile.tls.caFile = settings.caFile;
    profile.tls.minProtocol = QStringLiteral("TLSv1.2");
    if (!settings.clientCertFile.isEmpty()) {
        profile.tls.certFile = settings.clientCertFile;
        profile.tls.keyFile = settings.clientKeyFile;
    }
    profile.password = settings.passwordHash.isEmpty()
                           ? SecretRef::none()
                           : SecretRef::env(variableOrDefault(settings));
    profile.notes = QStringLiteral("Development server set up by rediscope dev-pki.");
    return profile;
}

} // namespace rediscope
