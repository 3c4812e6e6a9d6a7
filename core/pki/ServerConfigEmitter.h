#pragma once

#include "profile/Profile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope {

// Redis `tls-auth-clients`: whether TLS clients must present a certificate.
enum class ClientAuthMode
{
    Yes,      // required and verified (mutual TLS)
    Optional, // verified when sent
    No,       // not asked for
};

QString clientAuthModeName(ClientAuthMode mode); // "yes", "optional", "no"
std::optional<ClientAuthMode> clientAuthModeFromName(const QString& name);

// What the emitted server configuration says. Paths are absolute.
struct DevServerSettings
{
    QString caFile;
    QString certFile;
    QString keyFile;
    QString clientCertFile; // empty without a client certificate
    QString clientKeyFile;
    QStringList hosts; // the certificate's hosts: binds to loopback only when all are loopback
    quint16 port = 6380;
    ClientAuthMode clientAuth = ClientAuthMode::No;
    bool tlsReplication = false;
    bool tlsCluster = false;
    // The default user's password as the lowercase hex SHA-256 Redis ACLs take (`#<hash>`);
    // empty when no password was given. The password itself is never part of the output.
    QString passwordHash;
    QString passwordVariable; // the environment variable clients read the password from
    QString aclFile;          // Dragonfly: where its ACL file (aclFile()) is written
};

// The server configuration that goes with a development PKI: a redis.conf (TLS only, on
// `port`), a Dragonfly flag file, Dragonfly's ACL file, and the matching profile. The
// configuration passes `rediscope lint-config` without findings under the production policy when
// clients must present certificates (ClientAuthMode::Yes) and a password hash is given; without
// a password it says how to set one (and lint-config reports server.nopass).
class ServerConfigEmitter
{
public:
    // The recommended TLS 1.2 cipher list: forward secret AEAD suites only.
    static QString tls12Ciphers() { return QStringLiteral("ECDHE+AESGCM:ECDHE+CHACHA20"); }

    // The lowercase hex SHA-256 of `password` (a Redis/Dragonfly ACL `#` password).
    static QString aclPasswordHash(const QByteArray& password);

    static QByteArray redisConf(const DevServerSettings& settings);
    static QByteArray dragonflyFlags(const DevServerSettings& settings);
    // users.acl for Dragonfly's --aclfile; empty when there is no password hash.
    static QByteArray dragonflyAcl(const DevServerSettings& settings);

    // A profile for a client of this server: the first host, the port, TLS with the CA (and the
    // client certificate when there is one), chain and host name verified, TLS 1.2 or later,
    // the password from `settings.passwordVariable` (none without a password).
    static Profile profile(const DevServerSettings& settings, const QString& name,
                           const QString& service, const QString& environment);
};

} // namespace rediscope
