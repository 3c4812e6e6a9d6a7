#include "LabManifest.h"

#include <QJsonArray>

namespace rediscope::lab {

QString manifestPath(const QString& directory)
{
    return directory + QStringLiteral("/manifest.json");
}

QJsonObject manifestFor(const LabPki& pki, const QList<const LabServer*>& servers)
{
    QJsonArray scenarios;
    for (const LabServer* server : servers) {
        const LabScenario& scenario = server->scenario();
        const quint16 port = scenario.tls ? server->tlsPort() : server->plaintextPort();
        QJsonObject entry{
            {QStringLiteral("name"), scenario.name},
            {QStringLiteral("description"), scenario.description},
            {QStringLiteral("pid"), server->pid()},
            {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("tls"), scenario.tls},
            {QStringLiteral("tls_port"),
             scenario.tls ? QJsonValue(server->tlsPort()) : QJsonValue()},
            {QStringLiteral("plaintext_port"),
             server->plaintextPort() ? QJsonValue(server->plaintextPort()) : QJsonValue()},
            {QStringLiteral("url"),
             QStringLiteral("%1://127.0.0.1:%2")
                 .arg(scenario.tls ? QStringLiteral("rediss") : QStringLiteral("redis"))
                 .arg(port)},
            {QStringLiteral("password"), scenario.password},
            {QStringLiteral("client_auth"), scenario.clientAuth},
            {QStringLiteral("log"), server->logFile()},
        };
        scenarios.append(entry);
    }
    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("rediscope-lab/1")},
        {QStringLiteral("directory"), pki.directory()},
        {QStringLiteral("ca_file"), pki.rootCa()},
        {QStringLiteral("client_cert"), pki.clientCert()},
        {QStringLiteral("client_key"), pki.clientKey()},
        {QStringLiteral("password"), QString::fromLatin1(LabPassword)},
        {QStringLiteral("scenarios"), scenarios},
    };
}

} // namespace rediscope::lab
