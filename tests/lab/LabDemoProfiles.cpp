#include "LabDemoProfiles.h"

#include <QJsonArray>

namespace rediscope::lab {

namespace {

struct DemoEntry
{
    const char* service;
    const char* environment;
    const char* scenario;
};

constexpr DemoEntry Entries[] = {
    {"orders", "production", "good"},        {"orders", "staging", "expired"},
    {"orders", "development", "plaintext"},  {"sessions", "production", "mtls"},
    {"sessions", "staging", "legacy"},       {"sessions", "development", "self-signed"},
    {"catalog", "production", "tls13-only"}, {"catalog", "staging", "wrong-host"},
    {"catalog", "development", "nopass"},
};

QString shortName(const QString& environment)
{
    if (environment == QLatin1String("production"))
        return QStringLiteral("prod");
    if (environment == QLatin1String("development"))
        return QStringLiteral("dev");
    return environment;
}

} // namespace

QStringList demoScenarios()
{
    QStringList names;
    for (const DemoEntry& entry : Entries)
        if (!names.contains(QLatin1String(entry.scenario)))
            names << QLatin1String(entry.scenario);
    return names;
}

QList<Profile> demoProfiles(const QJsonObject& manifest)
{
    QHash<QString, QJsonObject> scenarios;
    for (const QJsonValue& value : manifest.value(QStringLiteral("scenarios")).toArray())
        scenarios.insert(value.toObject().value(QStringLiteral("name")).toString(),
                         value.toObject());
    const QString ca = manifest.value(QStringLiteral("ca_file")).toString();

    QList<Profile> profiles;
    for (const DemoEntry& entry : Entries) {
        const QString scenarioName = QLatin1String(entry.scenario);
        if (!scenarios.contains(scenarioName))
            continue;
        const QJsonObject scenario = scenarios.value(scenarioName);
        const QString service = QLatin1String(entry.service);
        const QString environment = QLatin1String(entry.environment);
        const bool tls = scenario.value(QStringLiteral("tls")).toBool();

        Profile profile = Profile::create(service + QLatin1Char('-') + shortName(environment));
        profile.service = service;
        profile.environment = environment;
        profile.host = scenario.value(QStringLiteral("host")).toString();
        profile.port = static_cast<quint16>(
            scenario.value(tls ? QStringLiteral("tls_port") : QStringLiteral("plaintext_port"))
                .toInt());
        profile.timeoutSeconds = 5;
        profile.expectedServerKind = QStringLiteral("redis");
        profile.tags = {QStringLiteral("demo"), scenarioName};
        profile.notes =
            QStringLiteral("Demo lab scenario \"%1\": %2")
                .arg(scenarioName, scenario.value(QStringLiteral("description")).toString());
        if (scenario.value(QStringLiteral("password")).toBool())
            profile.password = SecretRef::env(QLatin1String(DemoPasswordVariable));
        profile.tls.enabled = tls;
        profile.tls.caFile = tls ? ca : QString();
        if (scenario.value(QStringLiteral("client_auth")).toBool()) {
            profile.tls.certFile = manifest.value(QStringLiteral("client_cert")).toString();
            profile.tls.keyFile = manifest.value(QStringLiteral("client_key")).toString();
        }
        if (scenarioName == QLatin1String("self-signed")) {
            // What a developer does when the self-signed certificate gets in the way.
            profile.tls.verifyPeer = false;
            profile.tls.verifyHostname = false;
        }
        profiles << profile;
    }
    return profiles;
}

} // namespace rediscope::lab
