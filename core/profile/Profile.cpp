#include "Profile.h"

namespace rediscope {

Profile Profile::create(const QString& name)
{
    Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = name;
    return profile;
}

InspectRequest Profile::toRequest(const QByteArray& secret, const QByteArray& keyPassphrase) const
{
    InspectRequest request;
    request.endpoint.host = host;
    request.endpoint.port = port;
    request.endpoint.db = db;
    request.endpoint.tls = tls.enabled;
    request.username = username;
    request.password = secret.isEmpty() ? inlinePassword : secret;
    request.tls.verifyPeer = tls.verifyPeer;
    request.tls.verifyHostname = tls.verifyHostname;
    request.tls.sni = tls.sni;
    request.tls.caFile = tls.caFile;
    request.tls.caDir = tls.caDir;
    request.tls.certFile = tls.certFile;
    request.tls.keyFile = tls.keyFile;
    request.tls.keyPassphrase = keyPassphrase.isEmpty() ? inlineKeyPassphrase : keyPassphrase;
    request.tls.minProtocol =
        tls.minProtocol.isEmpty() ? QStringLiteral("TLSv1.2") : tls.minProtocol;
    request.tls.ciphers = tls.ciphers;
    request.tls.ciphersuites = tls.ciphersuites;
    request.timeout = std::chrono::seconds(timeoutSeconds > 0 ? timeoutSeconds : 10);
    request.environment = environment;
    return request;
}

} // namespace rediscope
