#include "DevSetup.h"

#include <QDir>

namespace rediscope {

QString DevSetup::directory(const DevPkiArguments& arguments)
{
    return QDir::cleanPath(QDir(arguments.pki.directory).absolutePath());
}

DevServerSettings DevSetup::serverSettings(const DevPkiArguments& arguments,
                                           const QString& passwordHash)
{
    const QString root = directory(arguments);
    const auto pathOf = [&root](const QString& name) -> QString {
        return root + QLatin1Char('/') + name;
    };
    DevServerSettings settings;
    settings.caFile = pathOf(DevPki::caCertName());
    settings.certFile = pathOf(DevPki::serverCertName());
    settings.keyFile = pathOf(DevPki::serverKeyName());
    if (arguments.pki.clientCertificate) {
        settings.clientCertFile = pathOf(DevPki::clientCertName());
        settings.clientKeyFile = pathOf(DevPki::clientKeyName());
    }
    settings.hosts = arguments.pki.hosts;
    settings.port = arguments.port;
    settings.clientAuth = arguments.clientAuth;
    settings.tlsReplication = arguments.tlsReplication;
    settings.tlsCluster = arguments.tlsCluster;
    settings.passwordHash = passwordHash;
    settings.passwordVariable = arguments.passwordVariable;
    if (settings.passwordVariable.isEmpty() && arguments.generatePassword)
        settings.passwordVariable = QStringLiteral("REDIS_PASSWORD");
    settings.aclFile = pathOf(aclName());
    return settings;
}

QList<DevPkiExtraFile> DevSetup::extraFiles(const DevServerSettings& settings)
{
    QList<DevPkiExtraFile> extra{
        {redisConfName(), ServerConfigEmitter::redisConf(settings), true},
        {dragonflyFlagsName(), ServerConfigEmitter::dragonflyFlags(settings), true},
    };
    if (!settings.passwordHash.isEmpty())
        extra << DevPkiExtraFile{aclName(), ServerConfigEmitter::dragonflyAcl(settings), true};
    return extra;
}

QStringList DevSetup::fileNames(const DevPkiArguments& arguments)
{
    QStringList names = DevPki::fileNames(arguments.pki);
    names << redisConfName() << dragonflyFlagsName();
    if (!arguments.passwordVariable.isEmpty() || arguments.generatePassword)
        names << aclName();
    if (arguments.generatePassword)
        names << passwordName();
    return names;
}

QString DevSetup::profileName(const DevPkiArguments& arguments)
{
    if (!arguments.profileName.isEmpty())
        return arguments.profileName;
    QString host = arguments.pki.hosts.value(0);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(arguments.port)
                                           : QStringLiteral("%1:%2").arg(host).arg(arguments.port);
}

Profile DevSetup::profile(const DevPkiArguments& arguments, const DevServerSettings& settings)
{
    return ServerConfigEmitter::profile(settings, profileName(arguments), arguments.service,
                                        arguments.environment);
}

QString DevSetup::describe(const QString& name, const DevPkiArguments& arguments)
{
    const QString days = QStringLiteral("valid %1 days").arg(arguments.pki.days);
    if (name == DevPki::caCertName())
        return QStringLiteral("root CA certificate: what clients trust");
    if (name == DevPki::caKeyName())
        return QStringLiteral("root CA key (0600): it can sign a certificate for any host, keep "
                              "it private");
    if (name == DevPki::serverCertName())
        return QStringLiteral("server certificate for %1 (%2, %3)")
            .arg(arguments.pki.hosts.join(QStringLiteral(", ")), days,
                 devKeyTypeName(arguments.pki.keyType));
    if (name == DevPki::serverKeyName())
        return QStringLiteral("server key (0600)");
    if (name == DevPki::clientCertName())
        return QStringLiteral("client certificate for mutual TLS (%1)").arg(days);
    if (name == DevPki::clientKeyName())
        return QStringLiteral("client key (0600)");
    if (name == redisConfName())
        return QStringLiteral("Redis/Valkey configuration: TLS only on port %1, "
                              "tls-auth-clients %2")
            .arg(arguments.port)
            .arg(clientAuthModeName(arguments.clientAuth));
    if (name == dragonflyFlagsName())
        return QStringLiteral("Dragonfly flags, the same settings");
    if (name == aclName())
        return QStringLiteral("Dragonfly ACL file: the password's SHA-256");
    if (name == passwordName())
        return QStringLiteral("the generated password (0600): clients read it, the server "
                              "configuration has only its SHA-256");
    return QString();
}

} // namespace rediscope
