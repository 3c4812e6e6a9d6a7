#include "LiveConfigReader.h"

#include "net/RespConnection.h"

#include <span>

namespace rediscope {

namespace {

// Redis names; Dragonfly answers CONFIG GET for its flags by their names without dashes.
const char* const RedisKeys[] = {"port",
                                 "tls-port",
                                 "tls-cert-file",
                                 "tls-key-file",
                                 "tls-ca-cert-file",
                                 "tls-ca-cert-dir",
                                 "tls-auth-clients",
                                 "tls-protocols",
                                 "tls-ciphers",
                                 "tls-ciphersuites",
                                 "tls-replication",
                                 "tls-cluster",
                                 "protected-mode",
                                 "enable-debug-command",
                                 "enable-module-command"};
const char* const DragonflyKeys[] = {"port",
                                     "tls",
                                     "tls_cert_file",
                                     "tls_key_file",
                                     "tls_ca_cert_file",
                                     "tls_ca_cert_dir",
                                     "admin_port",
                                     "no_tls_on_admin_port",
                                     "admin_nopass",
                                     "tls_replication",
                                     "bind",
                                     "cluster_mode"};

std::optional<bool> yesNo(const QString& value)
{
    const QString text = value.trimmed().toLower();
    if (text == QLatin1String("yes") || text == QLatin1String("true") ||
        text == QLatin1String("1") || text == QLatin1String("local"))
        return true;
    if (text == QLatin1String("no") || text == QLatin1String("false") || text == QLatin1String("0"))
        return false;
    return std::nullopt;
}

} // namespace

LiveServerFacts readLiveServer(RespConnection& connection, const Deadline& deadline,
                               const ServerIdentity& identity, bool authenticated)
{
    LiveServerFacts facts;
    const bool dragonfly = identity.kind == QLatin1String("dragonfly");
    facts.config.kind = dragonfly ? ServerKind::Dragonfly : ServerKind::Redis;

    // INFO facts.
    const auto info = [&identity](const char* key) {
        return identity.info.value(QString::fromLatin1(key));
    };
    bool ok = false;
    const int replicas = info("connected_slaves").toInt(&ok);
    if (ok)
        facts.runtime.connectedReplicas = replicas;
    if (!info("role").isEmpty())
        facts.runtime.isReplica = info("role") == QLatin1String("slave");
    if (!info("cluster_enabled").isEmpty())
        facts.runtime.clusterEnabled = info("cluster_enabled") == QLatin1String("1");

    // CONFIG GET, one key at a time: works on every version, and a refused key stays refused.
    bool anyRead = false;
    for (const char* key : dragonfly ? std::span<const char* const>(DragonflyKeys)
                                     : std::span<const char* const>(RedisKeys)) {
        auto reply = connection.command(
            {QByteArrayLiteral("CONFIG"), QByteArrayLiteral("GET"), QByteArray(key)}, deadline);
        if (!reply)
            break; // transport trouble: what we have is what we have
        if (reply->isError()) {
            if (!anyRead) {
                facts.runtime.configUnreadable = true;
                facts.runtime.configUnreadableReason = reply->toDisplayString();
                break;
            }
            continue;
        }
        if (reply->type != RespValue::Type::Array)
            continue;
        for (qsizetype i = 0; i + 1 < reply->elements.size(); i += 2) {
            const QString name = QString::fromUtf8(reply->elements.at(i).text);
            const QString value = QString::fromUtf8(reply->elements.at(i + 1).text);
            facts.config.set(name, value.isEmpty() ? QStringList() : QStringList{value});
            anyRead = true;
        }
    }
    if (!facts.runtime.configUnreadable && !anyRead) {
        facts.runtime.configUnreadable = true;
        facts.runtime.configUnreadableReason = QStringLiteral("CONFIG GET returned nothing");
    }
    if (facts.config.has(QStringLiteral("enable-debug-command")))
        facts.runtime.debugCommandEnabled =
            yesNo(facts.config.value(QStringLiteral("enable-debug-command")));
    if (facts.config.has(QStringLiteral("enable-module-command")))
        facts.runtime.moduleCommandEnabled =
            yesNo(facts.config.value(QStringLiteral("enable-module-command")));

    // Does the server let clients in without a password?
    if (!authenticated) {
        facts.runtime.commandsWithoutAuth = true; // PING and INFO just worked without AUTH
    } else {
        auto reply = connection.command(
            {QByteArrayLiteral("ACL"), QByteArrayLiteral("GETUSER"), QByteArrayLiteral("default")},
            deadline);
        if (reply && reply->type == RespValue::Type::Array) {
            for (qsizetype i = 0; i + 1 < reply->elements.size(); i += 2) {
                if (reply->elements.at(i).text != "flags")
                    continue;
                bool on = false;
                bool nopass = false;
                for (const RespValue& flag : reply->elements.at(i + 1).elements) {
                    on = on || flag.text == "on";
                    nopass = nopass || flag.text == "nopass";
                }
                facts.runtime.commandsWithoutAuth = on && nopass;
            }
        }
    }
    return facts;
}

} // namespace rediscope
