#include "RespAppImporter.h"

#include "ImportSupport.h"

#include <QJsonArray>

namespace rediscope {

using namespace importsupport;

namespace {

const QString kTitle = QStringLiteral("RESP.app");

const QStringList& knownKeys()
{
    static const QStringList keys = {
        // mapped
        QStringLiteral("name"),
        QStringLiteral("host"),
        QStringLiteral("port"),
        QStringLiteral("auth"),
        QStringLiteral("username"),
        QStringLiteral("ssl"),
        QStringLiteral("ssl_ca_cert_path"),
        QStringLiteral("ssl_local_cert_path"),
        QStringLiteral("ssl_private_key_path"),
        QStringLiteral("ssl_ignore_all_errors"),
        QStringLiteral("timeout_connect"),
        // SSH: one warning for all of them
        QStringLiteral("ssh_host"),
        QStringLiteral("ssh_port"),
        QStringLiteral("ssh_user"),
        QStringLiteral("ssh_password"),
        QStringLiteral("ssh_private_key_path"),
        QStringLiteral("ssh_public_key_path"),
        QStringLiteral("ssh_agent"),
        QStringLiteral("ssh_agent_path"),
        QStringLiteral("ask_ssh_password"),
        QStringLiteral("use_ssh_tunnel"),
        // browser and UI settings of RESP.app: nothing to do with the connection
        QStringLiteral("id"),
        QStringLiteral("timeout_execute"),
        QStringLiteral("keys_pattern"),
        QStringLiteral("namespace_separator"),
        QStringLiteral("db_scan_limit"),
        QStringLiteral("cluster_host_override"),
        QStringLiteral("filter_history"),
        QStringLiteral("default_formatter"),
        QStringLiteral("icon_color"),
    };
    return keys;
}

bool isGroup(const QJsonObject& object)
{
    return object.value(QLatin1String("type")).toString().toLower() == QLatin1String("group") &&
           object.value(QLatin1String("connections")).isArray();
}

void readConnection(ImportResult& result, const QJsonObject& entry, const QString& label,
                    const QString& group)
{
    ImportedProfile imported = newImportedProfile();
    Profile& profile = imported.profile;
    ProfileTls& tls = profile.tls;
    const QString name = jsonString(entry.value(QLatin1String("name"))).trimmed();
    if (const std::optional<QString> problem = readJsonEndpoint(entry, profile)) {
        warnSkipped(result, kTitle, label, *problem);
        return;
    }
    profile.name = name.isEmpty() ? defaultProfileName(profile.host, profile.port) : name;
    profile.username = jsonString(entry.value(QLatin1String("username")));
    const QString auth = jsonString(entry.value(QLatin1String("auth")));
    if (!auth.isEmpty())
        imported.password = auth.toUtf8();

    tls.enabled = jsonBool(entry.value(QLatin1String("ssl"))).value_or(false);
    tls.caFile = jsonString(entry.value(QLatin1String("ssl_ca_cert_path")));
    tls.certFile = jsonString(entry.value(QLatin1String("ssl_local_cert_path")));
    tls.keyFile = jsonString(entry.value(QLatin1String("ssl_private_key_path")));
    if (jsonBool(entry.value(QLatin1String("ssl_ignore_all_errors"))).value_or(false)) {
        tls.verifyPeer = false;
        tls.verifyHostname = false;
    }
    if (const std::optional<double> milliseconds =
            jsonNumber(entry.value(QLatin1String("timeout_connect")));
        milliseconds && *milliseconds > 0)
        profile.timeoutSeconds = timeoutSecondsFromMilliseconds(*milliseconds);

    if (!group.isEmpty()) {
        profile.tags.append(group);
        imported.notes.append(QStringLiteral("In the RESP.app group \"%1\".").arg(group));
    }
    if (tls.enabled && tls.verifyPeer)
        imported.notes.append(QStringLiteral(
            "RESP.app accepts a certificate whose name does not match the host; Rediscope checks "
            "the host name."));
    if (!tls.enabled &&
        (!tls.caFile.isEmpty() || !tls.certFile.isEmpty() || !tls.keyFile.isEmpty()))
        imported.notes.append(QStringLiteral(
            "SSL is off in RESP.app; its certificate settings were kept with TLS off."));

    const QString sshHost = jsonString(entry.value(QLatin1String("ssh_host"))).trimmed();
    if (!sshHost.isEmpty() ||
        jsonBool(entry.value(QLatin1String("use_ssh_tunnel"))).value_or(false)) {
        const QString sshUser = jsonString(entry.value(QLatin1String("ssh_user"))).trimmed();
        const QString sshPort = jsonString(entry.value(QLatin1String("ssh_port")));
        QString via = sshHost;
        if (!via.isEmpty() && !sshUser.isEmpty())
            via = sshUser + QLatin1Char('@') + via;
        if (!via.isEmpty() && !sshPort.isEmpty())
            via += QLatin1Char(':') + sshPort;
        warn(result, imported,
             QStringLiteral("RESP.app connects through an SSH tunnel%1 (ssh_* fields); Rediscope "
                            "has no SSH tunnels, so the profile connects to %2 directly: open "
                            "the tunnel yourself and point the profile at its local end.")
                 .arg(via.isEmpty() ? QString() : QStringLiteral(" via %1").arg(via),
                      defaultProfileName(profile.host, profile.port)));
    }
    warnUnknownKeys(result, imported, entry, knownKeys(), kTitle);
    result.profiles.append(imported);
}

} // namespace

Result<ImportResult> importRespApp(const QJsonDocument& document)
{
    if (!document.isArray())
        return invalid(QStringLiteral("A RESP.app connections.json holds a JSON list of "
                                      "connections, but this is a JSON object."));
    ImportResult result;
    result.format = ImportFormat::RespApp;
    const QJsonArray entries = document.array();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue value = entries.at(i);
        if (!value.isObject()) {
            warnSkipped(result, kTitle, entryLabel(i, QString()),
                        QStringLiteral("it is %1, not a connection").arg(jsonTypeName(value)));
            continue;
        }
        const QJsonObject object = value.toObject();
        if (isGroup(object)) {
            const QString group = jsonString(object.value(QLatin1String("name"))).trimmed();
            const QJsonArray members = object.value(QLatin1String("connections")).toArray();
            for (qsizetype j = 0; j < members.size(); ++j) {
                const QString label =
                    QStringLiteral("group \"%1\", %2")
                        .arg(group, entryLabel(j, jsonString(members.at(j).toObject().value(
                                                      QLatin1String("name")))));
                if (!members.at(j).isObject()) {
                    warnSkipped(result, kTitle, label,
                                QStringLiteral("it is %1, not a connection")
                                    .arg(jsonTypeName(members.at(j))));
                    continue;
                }
                readConnection(result, members.at(j).toObject(), label, group);
            }
            continue;
        }
        readConnection(result, object,
                       entryLabel(i, jsonString(object.value(QLatin1String("name")))), QString());
    }
    if (result.profiles.isEmpty())
        return invalid(result.warnings.isEmpty()
                           ? QStringLiteral("The RESP.app file holds no connections.")
                           : QStringLiteral("The RESP.app file holds no usable connection: %1")
                                 .arg(result.warnings.join(QLatin1Char(' '))));
    return result;
}

int respAppScore(const QJsonObject& entry)
{
    if (isGroup(entry)) {
        int best = 1;
        for (const QJsonValue member : entry.value(QLatin1String("connections")).toArray())
            best = std::max(best, respAppScore(member.toObject()) + 1);
        return best;
    }
    static const QStringList distinct = {
        QStringLiteral("ssl"),
        QStringLiteral("ssl_ca_cert_path"),
        QStringLiteral("ssl_local_cert_path"),
        QStringLiteral("ssl_private_key_path"),
        QStringLiteral("ssl_ignore_all_errors"),
        QStringLiteral("timeout_connect"),
        QStringLiteral("timeout_execute"),
        QStringLiteral("keys_pattern"),
        QStringLiteral("namespace_separator"),
        QStringLiteral("db_scan_limit"),
        QStringLiteral("ssh_host"),
        QStringLiteral("ssh_user"),
        QStringLiteral("cluster_host_override"),
        QStringLiteral("use_ssh_tunnel"),
        QStringLiteral("ask_ssh_password"),
        QStringLiteral("icon_color"),
    };
    int score = 0;
    for (const QString& key : distinct) {
        if (entry.contains(key))
            score += 2;
    }
    if (entry.contains(QLatin1String("host")) && entry.contains(QLatin1String("auth")))
        score += 1;
    return score;
}

} // namespace rediscope
