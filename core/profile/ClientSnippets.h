#pragma once

#include "common/Error.h"
#include "profile/Profile.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope {

// Client configuration for a profile, in the languages of the common Redis clients: TLS with
// the certificate chain and the host name verified (whatever the profile says; a profile with
// verification off gets a note, not an insecure snippet), the profile's CA, client certificate
// and key, and the password read from an environment variable: never a secret in the text.
//
// Each client's defaults differ, so each snippet spells out what it needs:
//   redis-cli   --tls --cacert: it verifies the chain but never checks host names (said so)
//   redis-py    ssl_cert_reqs="required", ssl_check_hostname=True (off by default before 6.0)
//   node-redis  socket.tls with ca/cert/key, rejectUnauthorized: true, servername
//   ioredis     tls: {ca, cert, key, servername, rejectUnauthorized: true}
//   go-redis    TLSConfig{ServerName, RootCAs, Certificates, MinVersion}
//   Jedis       sslSocketFactory with the CA, SSLParameters endpoint identification "HTTPS"
//               (Jedis checks no host name without it)
//   Lettuce     RedisURI withSsl(true).withVerifyPeer(SslVerifyMode.FULL), SslOptions
//   hiredis     1.x with hiredis_ssl: its own SSL_CTX with SSL_set1_host (redisCreateSSLContext
//               verifies the chain only) handed over with redisInitiateSSL
class ClientSnippets
{
public:
    enum class Client
    {
        RedisCli,
        RedisPy,
        NodeRedis,
        Ioredis,
        GoRedis,
        Jedis,
        Lettuce,
        Hiredis,
    };

    static QList<Client> clients();
    static QString name(Client client);     // "redis-cli", "redis-py", "node-redis", ...
    static QString title(Client client);    // "redis-py (Python)", ...
    static QString language(Client client); // "shell", "python", "javascript", "go", "java", "c"
    static QString names();                 // "redis-cli, redis-py, ..." for messages
    // By name, case-insensitive; also "cli", "python", "py", "node", "go", "java-jedis", "c".
    static std::optional<Client> fromName(const QString& name);
    // False for redis-cli, which cannot check host names.
    static bool checksHostname(Client client);

    // The environment variable the snippets read the password from: the profile's own
    // (env:VARIABLE), else REDIS_PASSWORD when the profile has a password elsewhere (keychain,
    // prompt); empty when the profile has none.
    static QString passwordVariable(const Profile& profile);
    // The same for the client key's passphrase (REDIS_KEY_PASSPHRASE by default).
    static QString keyPassphraseVariable(const Profile& profile);

    // What every snippet of this profile says about it in its comments, one sentence each:
    // where the password comes from when it is not an environment variable already, settings
    // of the profile the snippets do not follow (verification off, no CA, …).
    static QStringList notes(const Profile& profile);

    // The snippet. InvalidArgument when the profile does not use TLS.
    static Result<QString> snippet(const Profile& profile, Client client);
};

} // namespace rediscope
