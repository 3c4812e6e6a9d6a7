#include "RedisInsightImporter.h"

#include "ImportSupport.h"

#include <QJsonArray>

namespace rediscope {

using namespace importsupport;

namespace {

const QString kTitle = QStringLiteral("RedisInsight");

const QStringList& knownKeys()
{
    static const QStringList keys = {
        // mapped or warned about
        QStringLiteral("name"),
        QStringLiteral("host"),
        QStringLiteral("port"),
        QStringLiteral("db"),
        QStringLiteral("username"),
        QStringLiteral("password"),
        QStringLiteral("tls"),
        QStringLiteral("ssl"),
        QStringLiteral("tlsServername"),
        QStringLiteral("verifyServerCert"),
        QStringLiteral("caCert"),
        QStringLiteral("clientCert"),
        QStringLiteral("timeout"),
        QStringLiteral("tags"),
        QStringLiteral("connectionType"),
        QStringLiteral("sentinelMaster"),
        QStringLiteral("nodes"),
        QStringLiteral("ssh"),
        QStringLiteral("sshOptions"),
        QStringLiteral("compressor"),
        // RedisInsight's own bookkeeping
        QStringLiteral("id"),
        QStringLiteral("provider"),
        QStringLiteral("nameFromProvider"),
        QStringLiteral("lastConnection"),
        QStringLiteral("modules"),
        QStringLiteral("forceStandalone"),
        QStringLiteral("new"),
        QStringLiteral("version"),
        QStringLiteral("cloudDetails"),
        QStringLiteral("createdAt"),
        QStringLiteral("keyNameFormat"),
    };
    return keys;
}

// caCert / clientCert: an object {name, certificate[, key]}, or (as RedisInsight's own import
// accepts) a string that is PEM text or a path.
struct CertificateField
{
    QString name;
    QString certificate;
    QString key;
    bool present = false;
};

CertificateField certificateField(const QJsonValue& value)
{
    CertificateField field;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        field.present = true;
        field.name = jsonString(object.value(QLatin1String("name"))).trimmed();
        field.certificate = jsonString(object.value(QLatin1String("certificate")));
        field.key = jsonString(object.value(QLatin1String("key")));
    } else if (value.isString() && !value.toString().trimmed().isEmpty()) {
        field.present = true;
        field.certificate = value.toString();
    }
    return field;
}

void readCa(ImportResult& result, ImportedProfile& imported, const QJsonValue& value)
{
    const CertificateField ca = certificateField(value);
    if (!ca.present)
        return;
    const QByteArray pem = ca.certificate.toUtf8();
    if (isPem(pem)) {
        addEmbeddedFile(result, imported, EmbeddedFile::Kind::CaCertificate, ca.name, pem);
    } else if (!ca.certificate.trimmed().isEmpty()) {
        imported.profile.tls.caFile = ca.certificate.trimmed(); // a path
    } else {
        warn(result, imported,
             QStringLiteral("the CA certificate%1 was exported without its content (RedisInsight "
                            "leaves it out unless passwords and certificates are exported): "
                            "export again with them, or set the CA file.")
                 .arg(ca.name.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(ca.name)));
    }
}

void readClient(ImportResult& result, ImportedProfile& imported, const QJsonValue& value)
{
    const CertificateField client = certificateField(value);
    if (!client.present)
        return;
    const QString named =
        client.name.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(client.name);
    const QByteArray certificate = client.certificate.toUtf8();
    if (isPem(certificate))
        addEmbeddedFile(result, imported, EmbeddedFile::Kind::ClientCertificate, client.name,
                        certificate);
    else if (!client.certificate.trimmed().isEmpty())
        imported.profile.tls.certFile = client.certificate.trimmed();
    else
        warn(result, imported,
             QStringLiteral("the client certificate%1 was exported without its content: export "
                            "again with passwords and certificates, or set the client "
                            "certificate file.")
                 .arg(named));

    const QByteArray key = client.key.toUtf8();
    if (isPem(key))
        addEmbeddedFile(result, imported, EmbeddedFile::Kind::ClientKey, client.name, key);
    else if (!client.key.trimmed().isEmpty())
        imported.profile.tls.keyFile = client.key.trimmed();
    else
        warn(result, imported,
             QStringLiteral("the private key of the client certificate%1 was exported without its "
                            "content: export again with passwords and certificates, or set the "
                            "key file.")
                 .arg(named));
}

void readTags(ImportResult& result, ImportedProfile& imported, const QJsonValue& value)
{
    if (!value.isArray())
        return;
    for (const QJsonValue tagValue : value.toArray()) {
        QString key;
        QString tagText;
        if (tagValue.isObject()) {
            const QJsonObject tag = tagValue.toObject();
            key = jsonString(tag.value(QLatin1String("key"))).trimmed();
            tagText = jsonString(tag.value(QLatin1String("value"))).trimmed();
        } else if (tagValue.isString()) {
            tagText = tagValue.toString().trimmed();
        }
        if (key.isEmpty() && tagText.isEmpty())
            continue;
        const QString lowerKey = key.toLower();
        if (lowerKey == QLatin1String("environment") || lowerKey == QLatin1String("env")) {
            if (const std::optional<QString> environment = environmentName(tagText)) {
                imported.profile.environment = *environment;
                continue;
            }
            warn(result, imported,
                 QStringLiteral("the tag %1 does not name an environment; it was kept as a tag "
                                "and the environment stays development.")
                     .arg(key));
        }
        imported.profile.tags.append(key.isEmpty() ? tagText : key + QLatin1Char(':') + tagText);
    }
}

void readDatabase(ImportResult& result, const QJsonObject& entry, const QString& label)
{
    ImportedProfile imported = newImportedProfile();
    Profile& profile = imported.profile;
    ProfileTls& tls = profile.tls;
    if (const std::optional<QString> problem = readJsonEndpoint(entry, profile)) {
        warnSkipped(result, kTitle, label, *problem);
        return;
    }
    const QString name = jsonString(entry.value(QLatin1String("name"))).trimmed();
    profile.name = name.isEmpty() ? defaultProfileName(profile.host, profile.port) : name;
    profile.username = jsonString(entry.value(QLatin1String("username")));
    const QString password = jsonString(entry.value(QLatin1String("password")));
    if (!password.isEmpty())
        imported.password = password.toUtf8();
    if (const std::optional<qint64> db = jsonInteger(entry.value(QLatin1String("db")));
        db && *db >= 0 && *db <= 1000000)
        profile.db = static_cast<int>(*db);
    if (const std::optional<double> milliseconds =
            jsonNumber(entry.value(QLatin1String("timeout")));
        milliseconds && *milliseconds > 0)
        profile.timeoutSeconds = timeoutSecondsFromMilliseconds(*milliseconds);

    const std::optional<bool> tlsFlag = entry.contains(QLatin1String("tls"))
                                            ? jsonBool(entry.value(QLatin1String("tls")))
                                            : jsonBool(entry.value(QLatin1String("ssl")));
    tls.enabled = tlsFlag.value_or(false);
    tls.sni = jsonString(entry.value(QLatin1String("tlsServername"))).trimmed();
    // RedisInsight's default for verifyServerCert is false (models/database.ts).
    const bool verify = jsonBool(entry.value(QLatin1String("verifyServerCert"))).value_or(false);
    tls.verifyPeer = verify;
    tls.verifyHostname = verify;
    readCa(result, imported, entry.value(QLatin1String("caCert")));
    readClient(result, imported, entry.value(QLatin1String("clientCert")));
    if (tls.enabled && verify)
        imported.notes.append(QStringLiteral(
            "RedisInsight does not check the server's host name against its certificate; "
            "Rediscope does."));
    else if (tls.enabled)
        imported.notes.append(QStringLiteral(
            "Certificate verification was off in RedisInsight (verifyServerCert is false, its "
            "default), and stays off: turn it on once the CA is set."));
    if (!tls.enabled && !imported.embeddedFiles.isEmpty())
        imported.notes.append(
            QStringLiteral("TLS is off in RedisInsight; its certificates were kept with TLS off."));

    readTags(result, imported, entry.value(QLatin1String("tags")));

    const QString type = jsonString(entry.value(QLatin1String("connectionType"))).toUpper();
    const QJsonObject sentinel = entry.value(QLatin1String("sentinelMaster")).toObject();
    if (type == QLatin1String("SENTINEL") || !sentinel.isEmpty()) {
        const QString master = jsonString(sentinel.value(QLatin1String("name"))).trimmed();
        warn(result, imported,
             QStringLiteral("it is a Sentinel connection (master group \"%1\"); Rediscope does not "
                            "follow Sentinel yet, so the profile connects to the Sentinel at %2 "
                            "itself. The master's user name and password (sentinelMaster) were "
                            "not imported.")
                 .arg(master, defaultProfileName(profile.host, profile.port)));
    } else if (type == QLatin1String("CLUSTER")) {
        warn(result, imported,
             QStringLiteral("it is a cluster (connectionType CLUSTER); the profile connects to the "
                            "seed node %1 only.")
                 .arg(defaultProfileName(profile.host, profile.port)));
    }

    const QJsonObject ssh = entry.value(QLatin1String("sshOptions")).toObject();
    if (jsonBool(entry.value(QLatin1String("ssh"))).value_or(false) ||
        !jsonString(ssh.value(QLatin1String("host"))).trimmed().isEmpty()) {
        QString via = jsonString(ssh.value(QLatin1String("host"))).trimmed();
        const QString user = jsonString(ssh.value(QLatin1String("username"))).trimmed();
        const QString port = jsonString(ssh.value(QLatin1String("port")));
        if (!via.isEmpty() && !user.isEmpty())
            via = user + QLatin1Char('@') + via;
        if (!via.isEmpty() && !port.isEmpty())
            via += QLatin1Char(':') + port;
        warn(result, imported,
             QStringLiteral("it connects through an SSH tunnel%1 (sshOptions); Rediscope has no "
                            "SSH tunnels, so the profile connects to %2 directly: open the tunnel "
                            "yourself and point the profile at its local end.")
                 .arg(via.isEmpty() ? QString() : QStringLiteral(" via %1").arg(via),
                      defaultProfileName(profile.host, profile.port)));
    }

    const QString compressor = jsonString(entry.value(QLatin1String("compressor"))).toUpper();
    if (!compressor.isEmpty() && compressor != QLatin1String("NONE"))
        warn(result, imported,
             QStringLiteral("RedisInsight decompresses values with %1 for this database "
                            "(compressor); Rediscope shows values as stored.")
                 .arg(compressor.left(16)));

    warnUnknownKeys(result, imported, entry, knownKeys(), kTitle);
    result.profiles.append(imported);
}

} // namespace

Result<ImportResult> importRedisInsight(const QJsonDocument& document)
{
    if (!document.isArray())
        return invalid(QStringLiteral("A RedisInsight export holds a JSON list of databases, but "
                                      "this is a JSON object."));
    ImportResult result;
    result.format = ImportFormat::RedisInsight;
    const QJsonArray entries = document.array();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue value = entries.at(i);
        if (!value.isObject()) {
            warnSkipped(result, kTitle, entryLabel(i, QString()),
                        QStringLiteral("it is %1, not a database").arg(jsonTypeName(value)));
            continue;
        }
        const QJsonObject object = value.toObject();
        readDatabase(result, object,
                     entryLabel(i, jsonString(object.value(QLatin1String("name")))));
    }
    if (result.profiles.isEmpty())
        return invalid(result.warnings.isEmpty()
                           ? QStringLiteral("The RedisInsight export holds no databases.")
                           : QStringLiteral("The RedisInsight export holds no usable database: %1")
                                 .arg(result.warnings.join(QLatin1Char(' '))));
    return result;
}

int redisInsightScore(const QJsonObject& entry)
{
    static const QStringList distinct = {
        QStringLiteral("connectionType"),   QStringLiteral("tlsServername"),
        QStringLiteral("verifyServerCert"), QStringLiteral("caCert"),
        QStringLiteral("clientCert"),       QStringLiteral("sentinelMaster"),
        QStringLiteral("nameFromProvider"), QStringLiteral("provider"),
        QStringLiteral("lastConnection"),   QStringLiteral("modules"),
        QStringLiteral("compressor"),       QStringLiteral("forceStandalone"),
    };
    int score = 0;
    for (const QString& key : distinct) {
        if (entry.contains(key))
            score += 2;
    }
    if (entry.contains(QLatin1String("password")))
        score += 1;
    if (entry.value(QLatin1String("tls")).isBool())
        score += 1;
    return score;
}

} // namespace rediscope
