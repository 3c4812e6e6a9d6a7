// The server.* checks: every check per environment, Redis and Dragonfly variants, what a live
// audit observed (RuntimeFacts) against what the configuration says, and the cases that must
// stay silent.

#include "audit/CheckRegistry.h"
#include "audit/ServerChecks.h"

#include <QSet>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::Severity)
Q_DECLARE_METATYPE(rediscope::ServerConfig)
Q_DECLARE_METATYPE(rediscope::RuntimeFacts)

namespace {

using Settings = QList<std::pair<const char*, QStringList>>;

const QString ConfigFile = QStringLiteral("/etc/redis/redis.conf");

// A configuration as read from ConfigFile, one setting per line in order (line = index + 1).
ServerConfig fileConfig(ServerKind kind, const Settings& settings)
{
    ServerConfig config;
    config.kind = kind;
    config.source = ConfigFile;
    config.files = {ConfigFile};
    int line = 0;
    for (const auto& [name, values] : settings)
        config.set(QString::fromLatin1(name), values, ConfigFile, ++line);
    return config;
}

// A configuration as the audit engine reads it from a live server: no file, no lines.
ServerConfig liveConfig(ServerKind kind, const Settings& settings)
{
    ServerConfig config;
    config.kind = kind;
    for (const auto& [name, values] : settings)
        config.set(QString::fromLatin1(name), values);
    return config;
}

QStringList one(const char* value)
{
    return {QString::fromLatin1(value)};
}

// A pointer into a temporary list would dangle: callers keep the list.
const Finding* findingWithId(QList<Finding>&& findings, const QString& id) = delete;
const Finding* findingWithId(const QList<Finding>& findings, const QString& id)
{
    for (const Finding& finding : findings)
        if (finding.id == id)
            return &finding;
    return nullptr;
}

QString ids(const QList<Finding>& findings)
{
    QStringList list;
    for (const Finding& finding : findings)
        list << finding.id + QLatin1Char('/') + severityName(finding.severity);
    return list.join(QStringLiteral(", "));
}

EnvironmentPolicy policyFor(const QString& environment)
{
    return EnvironmentPolicies().forEnvironment(environment);
}

RuntimeFacts noFacts()
{
    return RuntimeFacts{};
}

const QStringList Secrets{QStringLiteral("hunter2"), QStringLiteral("m4ster"),
                          QStringLiteral("k3y-pass"), QStringLiteral("alice-pw")};

void verifyNoSecrets(const QList<Finding>& findings)
{
    for (const Finding& finding : findings)
        for (const QString& text :
             {finding.title, finding.detail, finding.evidence, finding.remediation})
            for (const QString& secret : Secrets)
                QVERIFY2(!text.contains(secret),
                         qPrintable(finding.id + QLatin1String(": ") + text));
}

} // namespace

class tst_ServerChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each check fires with the catalogue's severity in every environment; the remediation
    // names the server's own setting (Redis directive or Dragonfly flag) and the other one's.
    void perEnvironment_data()
    {
        QTest::addColumn<ServerConfig>("config");
        QTest::addColumn<RuntimeFacts>("facts");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("id");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<QString>("remediationMentions");
        QTest::addColumn<int>("line"); // 0: live, no location

        RuntimeFacts pingAnswered;
        pingAnswered.plaintextPingAnswered = true;
        pingAnswered.plaintextPort = 6379;
        RuntimeFacts replicas;
        replicas.connectedReplicas = 2;
        RuntimeFacts replica;
        replica.isReplica = true;
        RuntimeFacts cluster;
        cluster.clusterEnabled = true;
        RuntimeFacts noAuth;
        noAuth.commandsWithoutAuth = true;
        RuntimeFacts moduleAllowed;
        moduleAllowed.moduleCommandEnabled = true;
        RuntimeFacts unreadable;
        unreadable.configUnreadable = true;
        unreadable.configUnreadableReason = QStringLiteral("NOPERM this user has no permissions");

        const Settings tlsOnly{{"port", one("0")}, {"tls-port", one("6380")}};
        const auto withTls = [&](Settings extra) {
            Settings settings = tlsOnly;
            settings += extra;
            return settings;
        };
        const Settings dragonflyTls{{"tls", one("true")},
                                    {"tls_cert_file", one("/etc/df/df.crt")},
                                    {"tls_key_file", one("/etc/df/df.key")},
                                    {"tls_ca_cert_file", one("/etc/df/ca.crt")},
                                    {"requirepass", one("hunter2")},
                                    {"restricted_commands", one("DEBUG")}};
        const auto dragonfly = [&](Settings extra) {
            Settings settings = dragonflyTls;
            settings += extra;
            return settings;
        };

        struct Rule
        {
            const char* name;
            ServerConfig config;
            RuntimeFacts facts;
            const char* id;
            Severity development, staging, production;
            const char* mentions; // the remediation names this setting
            int line;
        };
        const Rule rules[] = {
            // Redis, from a file.
            {"redis plaintext port",
             fileConfig(ServerKind::Redis, {{"port", one("6379")},
                                            {"tls-port", one("6380")},
                                            {"requirepass", one("hunter2")}}),
             noFacts(), "server.plaintext_port_open", Severity::Medium, Severity::High,
             Severity::High, "port 0", 1},
            {"redis default port", fileConfig(ServerKind::Redis, {{"tls-port", one("6380")}}),
             noFacts(), "server.plaintext_port_open", Severity::Medium, Severity::High,
             Severity::High, "--no_tls_on_admin_port", 1},
            {"redis legacy protocols",
             fileConfig(ServerKind::Redis, withTls({{"tls-protocols", one("TLSv1.1 TLSv1.2")}})),
             noFacts(), "server.legacy_protocols_configured", Severity::Medium, Severity::Medium,
             Severity::Medium, "tls-protocols", 3},
            {"redis tls-auth-clients no",
             fileConfig(ServerKind::Redis, withTls({{"tls-auth-clients", one("no")}})), noFacts(),
             "server.client_auth_off", Severity::Info, Severity::Low, Severity::Medium,
             "tls-auth-clients yes", 3},
            {"redis tls-auth-clients optional",
             fileConfig(ServerKind::Redis, withTls({{"tls-auth-clients", one("optional")}})),
             noFacts(), "server.client_auth_off", Severity::Info, Severity::Low, Severity::Medium,
             "--tls_ca_cert_file", 3},
            {"redis replica without tls-replication",
             fileConfig(
                 ServerKind::Redis,
                 withTls({{"replicaof", {QStringLiteral("10.0.0.1"), QStringLiteral("6379")}}})),
             noFacts(), "server.replication_plaintext", Severity::Medium, Severity::Medium,
             Severity::Medium, "tls-replication yes", 3},
            {"redis cluster-enabled without tls-cluster",
             fileConfig(ServerKind::Redis,
                        withTls({{"cluster-enabled", one("yes")}, {"tls-cluster", one("no")}})),
             noFacts(), "server.cluster_plaintext", Severity::Medium, Severity::Medium,
             Severity::Medium, "tls-cluster yes", 4},
            {"redis default user nopass",
             fileConfig(
                 ServerKind::Redis,
                 withTls({{"user",
                           QStringLiteral("default on nopass ~* +@all").split(QLatin1Char(' '))}})),
             noFacts(), "server.nopass", Severity::Critical, Severity::Critical, Severity::Critical,
             "requirepass", 3},
            {"redis no requirepass at all", fileConfig(ServerKind::Redis, tlsOnly), noFacts(),
             "server.nopass", Severity::Critical, Severity::Critical, Severity::Critical,
             "--requirepass", 1},
            {"redis protected-mode no",
             fileConfig(ServerKind::Redis,
                        withTls({{"requirepass", one("hunter2")}, {"protected-mode", one("no")}})),
             noFacts(), "server.protected_mode_off", Severity::Low, Severity::Low, Severity::Low,
             "protected-mode yes", 4},
            {"redis protected-mode no with nopass",
             fileConfig(ServerKind::Redis, withTls({{"protected-mode", one("no")}})), noFacts(),
             "server.protected_mode_off", Severity::Critical, Severity::Critical,
             Severity::Critical, "--bind", 3},
            {"redis enable-debug-command yes",
             fileConfig(ServerKind::Redis, withTls({{"requirepass", one("hunter2")},
                                                    {"enable-debug-command", one("yes")}})),
             noFacts(), "server.dangerous_commands", Severity::Medium, Severity::Medium,
             Severity::Medium, "enable-debug-command no", 4},
            // Redis, live.
            {"redis live plaintext PING answered",
             liveConfig(ServerKind::Redis, {{"port", one("6379")}, {"tls-port", one("6380")}}),
             pingAnswered, "server.plaintext_port_open", Severity::Medium, Severity::High,
             Severity::High, "port 0", 0},
            {"redis live replicas", liveConfig(ServerKind::Redis, tlsOnly), replicas,
             "server.replication_plaintext", Severity::Medium, Severity::Medium, Severity::Medium,
             "--tls_replication", 0},
            {"redis live cluster", liveConfig(ServerKind::Redis, tlsOnly), cluster,
             "server.cluster_plaintext", Severity::Medium, Severity::Medium, Severity::Medium,
             "tls-cluster", 0},
            {"redis live commands without AUTH", liveConfig(ServerKind::Redis, tlsOnly), noAuth,
             "server.nopass", Severity::Critical, Severity::Critical, Severity::Critical,
             "requirepass", 0},
            {"redis live MODULE allowed", liveConfig(ServerKind::Redis, tlsOnly), moduleAllowed,
             "server.dangerous_commands", Severity::Medium, Severity::Medium, Severity::Medium,
             "enable-module-command", 0},
            {"redis config unreadable", liveConfig(ServerKind::Unknown, {}), unreadable,
             "server.config_unreadable", Severity::Info, Severity::Info, Severity::Info,
             "lint-config", 0},
            // Dragonfly, from a flag file.
            {"dragonfly live plaintext PING answered",
             liveConfig(ServerKind::Dragonfly, dragonflyTls), pingAnswered,
             "server.plaintext_port_open", Severity::Medium, Severity::High, Severity::High,
             "--no_tls_on_admin_port", 0},
            {"dragonfly without CA",
             fileConfig(ServerKind::Dragonfly,
                        {{"tls", one("true")}, {"requirepass", one("hunter2")}}),
             noFacts(), "server.client_auth_off", Severity::Info, Severity::Low, Severity::Medium,
             "--tls_ca_cert_file", 1},
            {"dragonfly replica without tls_replication",
             fileConfig(ServerKind::Dragonfly, dragonfly({{"replicaof", one("10.0.0.1:6379")},
                                                          {"tls_replication", one("false")}})),
             noFacts(), "server.replication_plaintext", Severity::Medium, Severity::Medium,
             Severity::Medium, "--tls_replication=true", 8},
            {"dragonfly live replica with tls_replication false",
             liveConfig(ServerKind::Dragonfly, dragonfly({{"tls_replication", one("false")}})),
             replica, "server.replication_plaintext", Severity::Medium, Severity::Medium,
             Severity::Medium, "--tls_replication=true", 0},
            {"dragonfly without requirepass",
             fileConfig(ServerKind::Dragonfly, {{"tls", one("true")},
                                                {"tls_ca_cert_file", one("/ca.crt")},
                                                {"restricted_commands", one("DEBUG")}}),
             noFacts(), "server.nopass", Severity::Critical, Severity::Critical, Severity::Critical,
             "--requirepass", 1},
            {"dragonfly admin_nopass",
             fileConfig(ServerKind::Dragonfly,
                        dragonfly({{"admin_port", one("9999")}, {"admin_nopass", one("true")}})),
             noFacts(), "server.nopass", Severity::Critical, Severity::Critical, Severity::Critical,
             "--admin_nopass", 8},
            {"dragonfly DEBUG not restricted",
             fileConfig(ServerKind::Dragonfly, {{"tls", one("true")},
                                                {"tls_ca_cert_file", one("/ca.crt")},
                                                {"requirepass", one("hunter2")}}),
             noFacts(), "server.dangerous_commands", Severity::Medium, Severity::Medium,
             Severity::Medium, "--restricted_commands=DEBUG", 1},
            {"dragonfly admin port without TLS",
             fileConfig(ServerKind::Dragonfly, dragonfly({{"admin_port", one("9999")},
                                                          {"no_tls_on_admin_port", one("true")}})),
             noFacts(), "server.admin_port_plaintext", Severity::High, Severity::High,
             Severity::High, "--no_tls_on_admin_port", 8},
            {"dragonfly config unreadable", liveConfig(ServerKind::Dragonfly, {}), unreadable,
             "server.config_unreadable", Severity::Info, Severity::Info, Severity::Info,
             "--admin_port", 0},
        };
        for (const Rule& rule : rules) {
            const std::pair<const char*, Severity> environments[] = {
                {"development", rule.development}, {"staging", rule.staging},
                {"production", rule.production},   {"qa", rule.staging},
                {"prod-eu", rule.production},      {"local", rule.development},
            };
            for (const auto& [environment, severity] : environments)
                QTest::addRow("%s %s", rule.name, environment)
                    << rule.config << rule.facts << QString::fromLatin1(environment)
                    << QString::fromLatin1(rule.id) << severity
                    << QString::fromLatin1(rule.mentions) << rule.line;
        }
    }

    void perEnvironment()
    {
        QFETCH(ServerConfig, config);
        QFETCH(RuntimeFacts, facts);
        QFETCH(QString, environment);
        QFETCH(QString, id);
        QFETCH(Severity, severity);
        QFETCH(QString, remediationMentions);
        QFETCH(int, line);
        const auto findings = checkServer(config, facts, policyFor(environment));
        const Finding* found = findingWithId(findings, id);
        QVERIFY2(found, qPrintable(ids(findings)));
        QCOMPARE(found->severity, severity);
        QVERIFY(findCheck(found->id));
        QCOMPARE(found->title, findCheck(found->id)->title);
        QVERIFY(!found->detail.isEmpty());
        QVERIFY(!found->evidence.isEmpty());
        QVERIFY2(found->remediation.contains(remediationMentions), qPrintable(found->remediation));
        // Every server.* remediation speaks to both servers.
        for (const Finding& each : findings) {
            QVERIFY2(each.remediation.contains(QLatin1String("Redis")) &&
                         each.remediation.contains(QLatin1String("Dragonfly")),
                     qPrintable(each.id + QLatin1String(": ") + each.remediation));
        }
        if (line == 0) {
            QVERIFY(found->file.isEmpty());
            QCOMPARE(found->line, 0);
        } else {
            QCOMPARE(found->file, ConfigFile);
            QCOMPARE(found->line, line);
        }
        verifyNoSecrets(findings);
    }

    // Configurations and observations for which a check must stay silent.
    void silent_data()
    {
        QTest::addColumn<ServerConfig>("config");
        QTest::addColumn<RuntimeFacts>("facts");
        QTest::addColumn<QString>("id");

        RuntimeFacts pingRefused;
        pingRefused.plaintextPingAnswered = false;
        pingRefused.plaintextPort = 6379;
        RuntimeFacts masterWithReplicas;
        masterWithReplicas.connectedReplicas = 3;
        RuntimeFacts noReplicas;
        noReplicas.connectedReplicas = 0;
        RuntimeFacts clusterOff;
        clusterOff.clusterEnabled = false;
        RuntimeFacts authRequired;
        authRequired.commandsWithoutAuth = false;
        RuntimeFacts debugRefused;
        debugRefused.debugCommandEnabled = false;
        RuntimeFacts unreadable;
        unreadable.configUnreadable = true;

        const Settings tlsOnly{
            {"port", one("0")}, {"tls-port", one("6380")}, {"requirepass", one("hunter2")}};
        const auto withTls = [&](Settings extra) {
            Settings settings = tlsOnly;
            settings += extra;
            return settings;
        };
        const auto redis = [&](Settings extra) {
            return fileConfig(ServerKind::Redis, withTls(extra));
        };
        const Settings dragonflyTls{{"tls", one("true")},
                                    {"tls_cert_file", one("/etc/df/df.crt")},
                                    {"tls_key_file", one("/etc/df/df.key")},
                                    {"tls_ca_cert_file", one("/etc/df/ca.crt")},
                                    {"requirepass", one("hunter2")},
                                    {"restricted_commands", one("DEBUG")}};
        const auto dragonfly = [&](Settings extra) {
            Settings settings = dragonflyTls;
            settings += extra;
            return fileConfig(ServerKind::Dragonfly, settings);
        };
        const QStringList replicaOf{QStringLiteral("10.0.0.1"), QStringLiteral("6379")};

        // Redis.
        QTest::newRow("port 0") << redis({}) << noFacts()
                                << QStringLiteral("server.plaintext_port_open");
        QTest::newRow("no tls-port: plaintext only, config.tls_not_configured says so")
            << fileConfig(ServerKind::Redis, {{"port", one("6379")}}) << noFacts()
            << QStringLiteral("server.plaintext_port_open");
        QTest::newRow("plaintext PING not answered")
            << fileConfig(ServerKind::Redis, {{"port", one("6379")}, {"tls-port", one("6380")}})
            << pingRefused << QStringLiteral("server.plaintext_port_open");
        QTest::newRow("tls-protocols modern")
            << redis({{"tls-protocols", one("TLSv1.2 TLSv1.3")}}) << noFacts()
            << QStringLiteral("server.legacy_protocols_configured");
        QTest::newRow("tls-protocols unset (Redis default)")
            << redis({}) << noFacts() << QStringLiteral("server.legacy_protocols_configured");
        QTest::newRow("tls-protocols without any TLS in use")
            << fileConfig(ServerKind::Redis, {{"tls-protocols", one("TLSv1 TLSv1.2")}}) << noFacts()
            << QStringLiteral("server.legacy_protocols_configured");
        QTest::newRow("tls-auth-clients yes")
            << redis({{"tls-auth-clients", one("yes")}}) << noFacts()
            << QStringLiteral("server.client_auth_off");
        QTest::newRow("tls-auth-clients default")
            << redis({}) << noFacts() << QStringLiteral("server.client_auth_off");
        QTest::newRow("tls-auth-clients no without a tls-port")
            << fileConfig(ServerKind::Redis, {{"tls-auth-clients", one("no")}}) << noFacts()
            << QStringLiteral("server.client_auth_off");
        QTest::newRow("tls-replication yes with replicas")
            << redis({{"tls-replication", one("yes")}, {"replicaof", replicaOf}})
            << masterWithReplicas << QStringLiteral("server.replication_plaintext");
        QTest::newRow("no replicas, not a replica")
            << redis({}) << noReplicas << QStringLiteral("server.replication_plaintext");
        QTest::newRow("tls-cluster yes")
            << redis({{"cluster-enabled", one("yes")}, {"tls-cluster", one("yes")}}) << noFacts()
            << QStringLiteral("server.cluster_plaintext");
        QTest::newRow("cluster disabled (observed)")
            << redis({{"cluster-enabled", one("yes")}}) << clusterOff
            << QStringLiteral("server.cluster_plaintext");
        QTest::newRow("requirepass set")
            << redis({}) << noFacts() << QStringLiteral("server.nopass");
        QTest::newRow("user default with a password")
            << fileConfig(
                   ServerKind::Redis,
                   {{"user",
                     QStringLiteral("default on >alice-pw ~* +@all").split(QLatin1Char(' '))}})
            << noFacts() << QStringLiteral("server.nopass");
        QTest::newRow("user default off")
            << fileConfig(ServerKind::Redis,
                          {{"user", QStringLiteral("default off nopass").split(QLatin1Char(' '))}})
            << noFacts() << QStringLiteral("server.nopass");
        QTest::newRow("aclfile decides")
            << fileConfig(ServerKind::Redis, {{"aclfile", one("/etc/redis/users.acl")}})
            << noFacts() << QStringLiteral("server.nopass");
        QTest::newRow("live: requirepass is never read, so no guess")
            << liveConfig(ServerKind::Redis, {{"port", one("0")}, {"tls-port", one("6380")}})
            << noFacts() << QStringLiteral("server.nopass");
        QTest::newRow("live: AUTH was required")
            << fileConfig(ServerKind::Redis, {{"tls-port", one("6380")}}) << authRequired
            << QStringLiteral("server.nopass");
        QTest::newRow("protected-mode yes") << redis({{"protected-mode", one("yes")}}) << noFacts()
                                            << QStringLiteral("server.protected_mode_off");
        QTest::newRow("enable-debug-command local")
            << redis({{"enable-debug-command", one("local")}}) << noFacts()
            << QStringLiteral("server.dangerous_commands");
        QTest::newRow("DEBUG enabled but renamed away")
            << redis({{"enable-debug-command", one("yes")},
                      {"rename-command", {QStringLiteral("DEBUG"), QString()}}})
            << noFacts() << QStringLiteral("server.dangerous_commands");
        QTest::newRow("DEBUG yes in the file, refused on the server")
            << redis({{"enable-debug-command", one("yes")}}) << debugRefused
            << QStringLiteral("server.dangerous_commands");
        QTest::newRow("unreadable config skips config checks")
            << fileConfig(ServerKind::Redis, {{"port", one("6379")}, {"tls-port", one("6380")}})
            << unreadable << QStringLiteral("server.plaintext_port_open");
        QTest::newRow("unreadable config skips protected mode")
            << redis({{"protected-mode", one("no")}}) << unreadable
            << QStringLiteral("server.protected_mode_off");
        QTest::newRow("Redis has no admin port")
            << redis({}) << noFacts() << QStringLiteral("server.admin_port_plaintext");
        // Dragonfly.
        QTest::newRow("dragonfly with CA dir")
            << fileConfig(ServerKind::Dragonfly,
                          {{"tls", one("true")}, {"tls_ca_cert_dir", one("/etc/df/ca.d")}})
            << noFacts() << QStringLiteral("server.client_auth_off");
        QTest::newRow("dragonfly without TLS: no client auth finding")
            << fileConfig(ServerKind::Dragonfly, {{"tls", one("false")}}) << noFacts()
            << QStringLiteral("server.client_auth_off");
        QTest::newRow("dragonfly master with replicas serves them on TLS")
            << dragonfly({}) << masterWithReplicas
            << QStringLiteral("server.replication_plaintext");
        QTest::newRow("dragonfly replica with tls_replication")
            << dragonfly({{"replicaof", one("10.0.0.1:6379")}, {"tls_replication", one("true")}})
            << noFacts() << QStringLiteral("server.replication_plaintext");
        RuntimeFacts replica;
        replica.isReplica = true;
        QTest::newRow("dragonfly live replica whose tls_replication was not readable")
            << liveConfig(ServerKind::Dragonfly,
                          {{"tls", one("true")}, {"tls_ca_cert_file", one("/etc/df/ca.crt")}})
            << replica << QStringLiteral("server.replication_plaintext");
        QTest::newRow("dragonfly has no cluster bus")
            << dragonfly({{"cluster_mode", one("yes")}}) << noFacts()
            << QStringLiteral("server.cluster_plaintext");
        QTest::newRow("dragonfly has no protected mode")
            << fileConfig(ServerKind::Dragonfly, {{"tls", one("true")}}) << noFacts()
            << QStringLiteral("server.protected_mode_off");
        QTest::newRow("dragonfly has no tls-protocols")
            << dragonfly({}) << noFacts() << QStringLiteral("server.legacy_protocols_configured");
        QTest::newRow("dragonfly with aclfile")
            << fileConfig(ServerKind::Dragonfly, {{"aclfile", one("/etc/df/acl")}}) << noFacts()
            << QStringLiteral("server.nopass");
        QTest::newRow("dragonfly admin_nopass without admin port")
            << dragonfly({{"admin_nopass", one("true")}}) << noFacts()
            << QStringLiteral("server.nopass");
        QTest::newRow("dragonfly DEBUG renamed away")
            << fileConfig(ServerKind::Dragonfly,
                          {{"requirepass", one("hunter2")}, {"rename_command", one("DEBUG=")}})
            << noFacts() << QStringLiteral("server.dangerous_commands");
        QTest::newRow("dragonfly DEBUG renamed, not removed, but restricted")
            << fileConfig(ServerKind::Dragonfly, {{"requirepass", one("hunter2")},
                                                  {"rename_command", one("DEBUG=DBG")},
                                                  {"restricted_commands", one("dbg,debug")}})
            << noFacts() << QStringLiteral("server.dangerous_commands");
        QTest::newRow("dragonfly live: DEBUG unknown")
            << liveConfig(ServerKind::Dragonfly, {{"tls", one("true")}}) << noFacts()
            << QStringLiteral("server.dangerous_commands");
        QTest::newRow("dragonfly no_tls_on_admin_port without admin port")
            << dragonfly({{"no_tls_on_admin_port", one("true")}}) << noFacts()
            << QStringLiteral("server.admin_port_plaintext");
        QTest::newRow("dragonfly admin port with TLS")
            << dragonfly({{"admin_port", one("9999")}}) << noFacts()
            << QStringLiteral("server.admin_port_plaintext");
        QTest::newRow("dragonfly admin port, TLS off everywhere")
            << fileConfig(ServerKind::Dragonfly, {{"tls", one("false")},
                                                  {"admin_port", one("9999")},
                                                  {"no_tls_on_admin_port", one("true")}})
            << noFacts() << QStringLiteral("server.admin_port_plaintext");
        QTest::newRow("readable config")
            << redis({}) << noFacts() << QStringLiteral("server.config_unreadable");
    }

    void silent()
    {
        QFETCH(ServerConfig, config);
        QFETCH(RuntimeFacts, facts);
        QFETCH(QString, id);
        for (const char* environment : {"development", "staging", "production"}) {
            const auto findings =
                checkServer(config, facts, policyFor(QString::fromLatin1(environment)));
            QVERIFY2(!findingWithId(findings, id), qPrintable(ids(findings)));
        }
    }

    void hardenedRedisIsClean()
    {
        const ServerConfig config =
            fileConfig(ServerKind::Redis, {{"port", one("0")},
                                           {"tls-port", one("6380")},
                                           {"tls-auth-clients", one("yes")},
                                           {"tls-protocols", one("TLSv1.2 TLSv1.3")},
                                           {"tls-replication", one("yes")},
                                           {"tls-cluster", one("yes")},
                                           {"cluster-enabled", one("yes")},
                                           {"requirepass", one("hunter2")},
                                           {"protected-mode", one("yes")},
                                           {"enable-debug-command", one("no")}});
        RuntimeFacts facts;
        facts.connectedReplicas = 1;
        facts.clusterEnabled = true;
        facts.plaintextPingAnswered = false;
        facts.commandsWithoutAuth = false;
        facts.debugCommandEnabled = false;
        facts.moduleCommandEnabled = false;
        for (PolicyKind kind :
             {PolicyKind::Development, PolicyKind::Staging, PolicyKind::Production}) {
            const auto findings = checkServer(config, facts, EnvironmentPolicy::builtIn(kind));
            QVERIFY2(findings.isEmpty(), qPrintable(ids(findings)));
        }
    }

    void nopassAndProtectedModeTogether()
    {
        // requirepass is set, but a `user default ... nopass` line wins (ACL users are loaded
        // after the configuration); with protected mode off that is the worst case.
        const ServerConfig config = fileConfig(
            ServerKind::Redis,
            {{"port", one("0")},
             {"tls-port", one("6380")},
             {"requirepass", one("hunter2")},
             {"user", QStringLiteral("default on nopass ~* +@all").split(QLatin1Char(' '))},
             {"protected-mode", one("no")}});
        const auto findings =
            checkServer(config, noFacts(), EnvironmentPolicy::builtIn(PolicyKind::Development));
        QCOMPARE(ids(findings),
                 QStringLiteral("server.nopass/critical, server.protected_mode_off/critical"));
        const Finding* nopass = findingWithId(findings, QStringLiteral("server.nopass"));
        QCOMPARE(nopass->line, 4);
        QCOMPARE(nopass->evidence, QStringLiteral("user default on nopass ~* +@all"));
        QCOMPARE(findingWithId(findings, QStringLiteral("server.protected_mode_off"))->line, 5);
        verifyNoSecrets(findings);
    }

    void plaintextPingMentionedInEvidence()
    {
        const ServerConfig config =
            liveConfig(ServerKind::Redis, {{"port", one("6379")}, {"tls-port", one("6380")}});
        RuntimeFacts facts;
        const auto policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
        // Not tried: the configuration alone is enough.
        const QList<Finding> untried = checkServer(config, facts, policy);
        const Finding* unconfirmed =
            findingWithId(untried, QStringLiteral("server.plaintext_port_open"));
        QVERIFY(unconfirmed);
        QVERIFY(!unconfirmed->evidence.contains(QLatin1String("PING")));
        facts.plaintextPingAnswered = true;
        facts.plaintextPort = 6379;
        const auto findings = checkServer(config, facts, policy);
        const Finding* confirmed =
            findingWithId(findings, QStringLiteral("server.plaintext_port_open"));
        QVERIFY(confirmed);
        QCOMPARE(confirmed->evidence,
                 QStringLiteral("port 6379, tls-port 6380; a plaintext PING on port 6379 was "
                                "answered"));
    }

    void unreadableConfigOnlySaysSo()
    {
        ServerConfig config = fileConfig(ServerKind::Redis, {{"port", one("6379")},
                                                             {"tls-port", one("6380")},
                                                             {"protected-mode", one("no")},
                                                             {"enable-debug-command", one("yes")}});
        RuntimeFacts facts;
        facts.configUnreadable = true;
        facts.configUnreadableReason = QStringLiteral("NOPERM");
        auto findings =
            checkServer(config, facts, EnvironmentPolicy::builtIn(PolicyKind::Production));
        QCOMPARE(ids(findings), QStringLiteral("server.config_unreadable/info"));
        QVERIFY(findings.first().evidence.contains(QLatin1String("NOPERM")));
        // What was observed without CONFIG still counts.
        facts.commandsWithoutAuth = true;
        facts.plaintextPingAnswered = true;
        facts.plaintextPort = 6379;
        findings =
            checkServer(ServerConfig(), facts, EnvironmentPolicy::builtIn(PolicyKind::Production));
        QCOMPARE(ids(findings), QStringLiteral("server.nopass/critical, "
                                               "server.plaintext_port_open/high, "
                                               "server.config_unreadable/info"));
    }

    void relaxedPolicyLowersSeverity()
    {
        const ServerConfig config =
            fileConfig(ServerKind::Redis, {{"port", one("6379")},
                                           {"tls-port", one("6380")},
                                           {"requirepass", one("x")},
                                           {"tls-auth-clients", one("no")}});
        EnvironmentPolicy policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
        policy.clientCertificate = Requirement::Optional;
        policy.tls = Requirement::Recommended;
        const auto findings = checkServer(config, noFacts(), policy);
        QCOMPARE(findingWithId(findings, QStringLiteral("server.client_auth_off"))->severity,
                 Severity::Info);
        QCOMPARE(findingWithId(findings, QStringLiteral("server.plaintext_port_open"))->severity,
                 Severity::Low);
    }

    void defaultUserRules_data()
    {
        QTest::addColumn<QStringList>("lines"); // `user` lines, then "requirepass X" if given
        QTest::addColumn<int>("open");          // 1 open, 0 protected, -1 unknown
        QTest::newRow("nothing configured") << QStringList() << 1;
        QTest::newRow("requirepass") << QStringList{QStringLiteral("requirepass pw")} << 0;
        QTest::newRow("requirepass empty") << QStringList{QStringLiteral("requirepass")} << 1;
        QTest::newRow("nopass") << QStringList{QStringLiteral("default on nopass ~* +@all")} << 1;
        QTest::newRow("password") << QStringList{QStringLiteral("default on >pw ~* +@all")} << 0;
        QTest::newRow("hash") << QStringList{QStringLiteral("default on #5e88 ~* +@all")} << 0;
        QTest::newRow("no password, no nopass: nobody can log in")
            << QStringList{QStringLiteral("default on ~* +@all")} << 0;
        QTest::newRow("nopass then password")
            << QStringList{QStringLiteral("default on nopass >pw")} << 0;
        QTest::newRow("password then nopass")
            << QStringList{QStringLiteral("default on >pw nopass")} << 1;
        QTest::newRow("password removed again")
            << QStringList{QStringLiteral("default on >pw <pw nopass")} << 1;
        QTest::newRow("off") << QStringList{QStringLiteral("default off nopass")} << 0;
        QTest::newRow("reset") << QStringList{QStringLiteral("default on nopass reset")} << 0;
        QTest::newRow("resetpass")
            << QStringList{QStringLiteral("default on nopass resetpass")} << 0;
        QTest::newRow("user line wins over requirepass")
            << QStringList{QStringLiteral("requirepass pw"), QStringLiteral("default on nopass")}
            << 1;
        QTest::newRow("other users do not matter")
            << QStringList{QStringLiteral("requirepass pw"), QStringLiteral("alice on nopass")}
            << 0;
        QTest::newRow("aclfile") << QStringList{QStringLiteral("aclfile /etc/users.acl")} << -1;
    }

    void defaultUserRules()
    {
        QFETCH(QStringList, lines);
        QFETCH(int, open);
        ServerConfig config;
        config.kind = ServerKind::Redis;
        for (const QString& line : lines) {
            QStringList words = line.split(QLatin1Char(' '));
            const QString first = words.takeFirst();
            if (first == QLatin1String("requirepass") || first == QLatin1String("aclfile"))
                config.set(first, words.isEmpty() ? QStringList{QString()} : words);
            else
                config.set(QStringLiteral("user"), QStringList{first} + words);
        }
        const std::optional<bool> result = redisDefaultUserOpen(config);
        QCOMPARE(result.has_value() ? int(*result) : -1, open);
    }

    void secretsAreNeverKept()
    {
        ServerConfig config;
        config.kind = ServerKind::Redis;
        config.set(QStringLiteral("requirepass"), {QStringLiteral("hunter2")});
        config.set(QStringLiteral("masterauth"), {QStringLiteral("m4ster")});
        config.set(QStringLiteral("tls-key-file-pass"), {QStringLiteral("k3y-pass")});
        config.set(QStringLiteral("user"),
                   QStringLiteral("alice on >alice-pw #abcdef <alice-pw !abcdef ~* +@all")
                       .split(QLatin1Char(' ')));
        config.set(
            QStringLiteral("sentinel"),
            {QStringLiteral("auth-pass"), QStringLiteral("mymaster"), QStringLiteral("hunter2")});
        for (const ConfigEntry& entry : config.all())
            for (const QString& secret : Secrets)
                QVERIFY2(!entry.values.join(QLatin1Char(' ')).contains(secret),
                         qPrintable(entry.name));
        QVERIFY(config.secretSet(QStringLiteral("requirepass")));
        QCOMPARE(config.value(QStringLiteral("requirepass")), ServerConfig::redacted());
        QCOMPARE(config.values(QStringLiteral("user")),
                 QStringLiteral("alice on >(redacted) #(redacted) <(redacted) !(redacted) ~* +@all")
                     .split(QLatin1Char(' ')));
        config.set(QStringLiteral("requirepass"), {QString()});
        QVERIFY(config.has(QStringLiteral("requirepass")));
        QVERIFY(!config.secretSet(QStringLiteral("requirepass")));
    }

    void everyServerIdIsCatalogued()
    {
        QSet<QString> seen;
        for (const CheckDefinition& definition : checkCatalogue()) {
            QVERIFY2(!seen.contains(definition.id), qPrintable(definition.id));
            seen.insert(definition.id);
        }
        for (const char* id :
             {"server.plaintext_port_open", "server.legacy_protocols_configured",
              "server.client_auth_off", "server.replication_plaintext", "server.cluster_plaintext",
              "server.nopass", "server.protected_mode_off", "server.dangerous_commands",
              "server.config_unreadable", "server.admin_port_plaintext"}) {
            const CheckDefinition* definition = findCheck(QString::fromLatin1(id));
            QVERIFY2(definition, id);
            QCOMPARE(definition->family, QStringLiteral("server"));
            QVERIFY(!definition->title.isEmpty() && !definition->help.isEmpty());
        }
        QCOMPARE(findCheck(QStringLiteral("server.protected_mode_off"))->severity,
                 QStringLiteral("low (critical with server.nopass)"));
        QCOMPARE(findCheck(QStringLiteral("server.client_auth_off"))->severity,
                 QStringLiteral("env (dev info, staging low, prod medium)"));
    }
};

QTEST_GUILESS_MAIN(tst_ServerChecks)
#include "tst_ServerChecks.moc"
