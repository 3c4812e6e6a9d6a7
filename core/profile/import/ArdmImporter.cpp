#include "ArdmImporter.h"

#include "ImportSupport.h"

#include <QJsonArray>

namespace rediscope {

using namespace importsupport;

namespace {

const QString kTitle = QStringLiteral("Another Redis Desktop Manager");

const QStringList& knownKeys()
{
    static const QStringList keys = {
        // mapped or warned about
        QStringLiteral("name"),
        QStringLiteral("host"),
        QStringLiteral("port"),
        QStringLiteral("auth"),
        QStringLiteral("username"),
        QStringLiteral("db"),
        QStringLiteral("sslOptions"),
        QStringLiteral("sshOptions"),
        QStringLiteral("sentinelOptions"),
        QStringLiteral("cluster"),
        QStringLiteral("connectionReadOnly"),
        // UI state of ARDM
        QStringLiteral("key"),
        QStringLiteral("order"),
        QStringLiteral("separator"),
        QStringLiteral("connectionName"),
        QStringLiteral("natMap"),
    };
    return keys;
}

const QStringList& knownSslKeys()
{
    static const QStringList keys = {
        QStringLiteral("ca"),
        QStringLiteral("cert"),
        QStringLiteral("key"),
        QStringLiteral("servername"),
        QStringLiteral("rejectUnauthorized"),
        QStringLiteral("cabookmark"),
        QStringLiteral("certbookmark"),
        QStringLiteral("keybookmark"),
    };
    return keys;
}

void readConnection(ImportResult& result, const QJsonObject& entry, const QString& label)
{
    ImportedProfile imported = newImportedProfile();
    Profile& profile = imported.profile;
    ProfileTls& tls = profile.tls;
    // ARDM stores 127.0.0.1 for an empty host (NewConnectionDialog.vue, editConnection).
    if (const std::optional<QString> problem =
            readJsonEndpoint(entry, profile, QStringLiteral("127.0.0.1"))) {
        warnSkipped(result, kTitle, label, *problem);
        return;
    }
    const QString name = jsonString(entry.value(QLatin1String("name"))).trimmed();
    profile.name = name.isEmpty() ? defaultProfileName(profile.host, profile.port) : name;
    profile.username = jsonString(entry.value(QLatin1String("username")));
    const QString auth = jsonString(entry.value(QLatin1String("auth")));
    if (!auth.isEmpty())
        imported.password = auth.toUtf8();
    const QJsonValue dbValue = entry.value(QLatin1String("db"));
    if (!dbValue.isUndefined() && !dbValue.isNull()) {
        const std::optional<qint64> db = jsonInteger(dbValue);
        if (db && *db >= 0 && *db <= 1000000)
            profile.db = static_cast<int>(*db);
        else
            warn(result, imported,
                 QStringLiteral("the db field is not a database number; database 0 is used."));
    }

    const QJsonValue sslValue = entry.value(QLatin1String("sslOptions"));
    if (sslValue.isObject()) {
        // ARDM removes sslOptions when SSL is unticked: its presence means TLS.
        const QJsonObject ssl = sslValue.toObject();
        tls.enabled = true;
        tls.caFile = jsonString(ssl.value(QLatin1String("ca")));
        tls.certFile = jsonString(ssl.value(QLatin1String("cert")));
        tls.keyFile = jsonString(ssl.value(QLatin1String("key")));
        tls.sni = jsonString(ssl.value(QLatin1String("servername"))).trimmed();
        const std::optional<bool> reject = jsonBool(ssl.value(QLatin1String("rejectUnauthorized")));
        if (reject.has_value() && !*reject) {
            tls.verifyPeer = false;
            tls.verifyHostname = false;
        } else if (!reject.has_value()) {
            imported.notes.append(QStringLiteral(
                "Another Redis Desktop Manager verifies neither the server certificate nor its "
                "host name; Rediscope verifies both (set the CA file if the server uses a private "
                "CA)."));
        }
        for (auto it = ssl.begin(); it != ssl.end(); ++it) {
            if (!knownSslKeys().contains(it.key()))
                warn(result, imported,
                     QStringLiteral("the %1 field \"sslOptions.%2\" is not one Rediscope knows; it "
                                    "was ignored.")
                         .arg(kTitle, it.key().left(64)));
        }
    } else if (!sslValue.isUndefined() && !sslValue.isNull()) {
        warn(result, imported,
             QStringLiteral("sslOptions is %1, not an object; TLS stays off.")
                 .arg(jsonTypeName(sslValue)));
    }

    const QJsonObject ssh = entry.value(QLatin1String("sshOptions")).toObject();
    if (!jsonString(ssh.value(QLatin1String("host"))).trimmed().isEmpty()) {
        QString via = jsonString(ssh.value(QLatin1String("host"))).trimmed();
        const QString user = jsonString(ssh.value(QLatin1String("username"))).trimmed();
        const QString port = jsonString(ssh.value(QLatin1String("port")));
        if (!user.isEmpty())
            via = user + QLatin1Char('@') + via;
        if (!port.isEmpty())
            via += QLatin1Char(':') + port;
        warn(result, imported,
             QStringLiteral("it connects through an SSH tunnel via %1 (sshOptions); Rediscope has "
                            "no SSH tunnels, so the profile connects to %2 directly: open the "
                            "tunnel yourself and point the profile at its local end.")
                 .arg(via, defaultProfileName(profile.host, profile.port)));
    }

    const QJsonValue sentinelValue = entry.value(QLatin1String("sentinelOptions"));
    if (sentinelValue.isObject()) {
        const QString master =
            jsonString(sentinelValue.toObject().value(QLatin1String("masterName"))).trimmed();
        warn(result, imported,
             QStringLiteral("it is a Sentinel connection (sentinelOptions, master group \"%1\"); "
                            "Rediscope does not follow Sentinel yet, so the profile connects to "
                            "the Sentinel at %2 itself, with the Sentinel's password. The Redis "
                            "node password (sentinelOptions.nodePassword) was not imported.")
                 .arg(master, defaultProfileName(profile.host, profile.port)));
    }
    if (jsonBool(entry.value(QLatin1String("cluster"))).value_or(false))
        warn(result, imported,
             QStringLiteral("it is a cluster connection (cluster: true); the profile connects to "
                            "the seed node %1 only.")
                 .arg(defaultProfileName(profile.host, profile.port)));
    if (jsonBool(entry.value(QLatin1String("connectionReadOnly"))).value_or(false))
        warn(result, imported,
             QStringLiteral("it is read-only in Another Redis Desktop Manager "
                            "(connectionReadOnly); Rediscope has no per-profile read-only switch "
                            "(production profiles open read-only): choose the environment "
                            "accordingly."));

    warnUnknownKeys(result, imported, entry, knownKeys(), kTitle);
    result.profiles.append(imported);
}

} // namespace

Result<ImportResult> importArdm(const QJsonDocument& document)
{
    QList<QJsonValue> entries;
    if (document.isArray()) {
        for (const QJsonValue value : document.array())
            entries.append(value);
    } else {
        // Local storage form: {"<key>": {connection}, ...}
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it)
            entries.append(it.value());
    }
    ImportResult result;
    result.format = ImportFormat::Ardm;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue value = entries.at(i);
        if (!value.isObject()) {
            warnSkipped(result, kTitle, entryLabel(i, QString()),
                        QStringLiteral("it is %1, not a connection").arg(jsonTypeName(value)));
            continue;
        }
        const QJsonObject object = value.toObject();
        readConnection(result, object,
                       entryLabel(i, jsonString(object.value(QLatin1String("name")))));
    }
    if (result.profiles.isEmpty())
        return invalid(result.warnings.isEmpty()
                           ? QStringLiteral("The Another Redis Desktop Manager export holds no "
                                            "connections.")
                           : QStringLiteral("The Another Redis Desktop Manager export holds no "
                                            "usable connection: %1")
                                 .arg(result.warnings.join(QLatin1Char(' '))));
    return result;
}

int ardmScore(const QJsonObject& entry)
{
    static const QStringList distinct = {
        QStringLiteral("sslOptions"),
        QStringLiteral("sshOptions"),
        QStringLiteral("sentinelOptions"),
        QStringLiteral("separator"),
        QStringLiteral("connectionReadOnly"),
        QStringLiteral("cluster"),
        QStringLiteral("order"),
    };
    int score = 0;
    for (const QString& key : distinct) {
        if (entry.contains(key))
            score += 2;
    }
    // ARDM's keys look like "1700000000000_ab3cd" (storage.js getConnectionKey).
    if (entry.value(QLatin1String("key")).toString().contains(QLatin1Char('_')))
        score += 1;
    return score;
}

} // namespace rediscope
