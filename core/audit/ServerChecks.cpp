#include "ServerChecks.h"

#include "audit/CheckRegistry.h"
#include "audit/ProfileChecks.h"
#include "common/Plural.h"

namespace rediscope {

namespace {

constexpr int RedisDefaultPort = 6379;

struct Location
{
    QString file;
    int line = 0;
};

// Where a finding points: the entry's file and line; for a setting that is absent from a file,
// line 1 of the main file; nothing for a live server.
Location locate(const ServerConfig& config, const ConfigEntry* entry)
{
    if (entry && !entry->file.isEmpty())
        return {entry->file, entry->line};
    if (!config.source.isEmpty())
        return {config.source, 1};
    return {};
}

Finding finding(const char* id, Severity severity, QString detail, QString evidence,
                QString remediation, const Location& location)
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    Q_ASSERT(definition); // every id used here has a catalogue row
    return Finding{name,
                   severity,
                   definition ? definition->title : name,
                   std::move(detail),
                   std::move(evidence),
                   std::move(remediation),
                   location.file,
                   location.line};
}

bool fromFile(const ServerConfig& config)
{
    return !config.source.isEmpty();
}

QString entryText(const ServerConfig& config, const ConfigEntry* entry)
{
    return entry ? entry->text(config.kind) : QString();
}

int intValue(const ServerConfig& config, const QString& name, int fallback)
{
    bool ok = false;
    const int value = config.value(name).toInt(&ok);
    return ok ? value : fallback;
}

bool redisYes(const ServerConfig& config, const QString& name)
{
    return config.value(name).compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
}

bool dragonflyTrue(const ServerConfig& config, const QString& name)
{
    return config.value(name) == QLatin1String("true");
}

int redisPort(const ServerConfig& config)
{
    return intValue(config, QStringLiteral("port"), RedisDefaultPort);
}

int redisTlsPort(const ServerConfig& config)
{
    return intValue(config, QStringLiteral("tls-port"), 0);
}

// Redis loads its TLS settings when any of these is on (tlsConfigure in server.c).
bool redisUsesTls(const ServerConfig& config)
{
    return redisTlsPort(config) != 0 || redisYes(config, QStringLiteral("tls-replication")) ||
           redisYes(config, QStringLiteral("tls-cluster"));
}

QString portText(const ServerConfig& config)
{
    return config.has(QStringLiteral("port"))
               ? QStringLiteral("port %1").arg(redisPort(config))
               : QStringLiteral("port %1 (the default: no port directive)").arg(RedisDefaultPort);
}

// Redis: `rename-command NAME ""` removes a command.
bool redisCommandRemoved(const ServerConfig& config, const QString& command)
{
    for (const ConfigEntry& entry : config.entries(QStringLiteral("rename-command")))
        if (entry.values.size() == 2 &&
            entry.values.first().compare(command, Qt::CaseInsensitive) == 0 &&
            entry.values.last().isEmpty())
            return true;
    return false;
}

QStringList dragonflyList(const ServerConfig& config, const QString& name)
{
    QStringList items;
    for (const QString& item : config.value(name).split(QLatin1Char(','), Qt::SkipEmptyParts))
        items << item.trimmed();
    return items;
}

// Dragonfly: `--rename_command=DEBUG=` removes DEBUG; `--restricted_commands=DEBUG` keeps it
// for the admin port only (src/server/command_registry.cc).
bool dragonflyCommandRemovedOrRestricted(const ServerConfig& config, const QString& command)
{
    for (const QString& mapping : dragonflyList(config, QStringLiteral("rename_command"))) {
        const QStringList parts = mapping.split(QLatin1Char('='));
        if (parts.size() == 2 &&
            parts.first().trimmed().compare(command, Qt::CaseInsensitive) == 0 &&
            parts.last().trimmed().isEmpty())
            return true;
    }
    for (const QString& restricted : dragonflyList(config, QStringLiteral("restricted_commands")))
        if (restricted.compare(command, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

const QString ProtectRemediation = QStringLiteral(
    "Redis: set a password (requirepass, or an ACL user line such as `user default on "
    ">PASSWORD ~* +@all`, or `user default off` with named users). Dragonfly: "
    "--requirepass=PASSWORD (or the DFLY_PASSWORD environment variable) or --aclfile.");

struct Context
{
    const ServerConfig& config;
    const RuntimeFacts& facts;
    const EnvironmentPolicy& policy;
    bool configKnown; // the configuration was read (not refused, kind known)
    QList<Finding>& out;
};

void checkPlaintextPort(const Context& c)
{
    const std::optional<bool> answered = c.facts.plaintextPingAnswered;
    if (answered == false)
        return; // the audit tried the port and nothing plaintext answered
    const Severity severity = environmentSeverity(c.policy, &EnvironmentPolicy::tls,
                                                  Severity::Medium, Severity::High, Severity::High);
    const QString remediation = QStringLiteral(
        "Redis: set `port 0` so that only tls-port listens (replicas and clients then need "
        "TLS too). Dragonfly: with --tls the main --port serves TLS only; keep "
        "--no_tls_on_admin_port off and do not expose a plaintext listener.");
    const ServerConfig& config = c.config;
    if (c.configKnown && config.kind == ServerKind::Redis) {
        const int port = redisPort(config);
        const int tlsPort = redisTlsPort(config);
        if (port == 0 || tlsPort == 0)
            return;
        QString evidence = QStringLiteral("%1, tls-port %2").arg(portText(config)).arg(tlsPort);
        if (answered == true)
            evidence += QStringLiteral("; a plaintext PING on port %1 was answered")
                            .arg(c.facts.plaintextPort ? c.facts.plaintextPort : port);
        const ConfigEntry* where = config.entry(QStringLiteral("port"));
        c.out << finding("server.plaintext_port_open", severity,
                         QStringLiteral("The server listens in plaintext on port %1 next to its "
                                        "TLS port %2: any client can skip TLS.")
                             .arg(port)
                             .arg(tlsPort),
                         evidence, remediation,
                         locate(config, where ? where : config.entry(QStringLiteral("tls-port"))));
        return;
    }
    if (answered == true)
        c.out << finding(
            "server.plaintext_port_open", severity,
            QStringLiteral("A plaintext PING on port %1 was answered: clients can "
                           "skip TLS.")
                .arg(c.facts.plaintextPort),
            QStringLiteral("a plaintext PING on port %1 was answered").arg(c.facts.plaintextPort),
            remediation, Location{});
}

void checkLegacyProtocols(const Context& c)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown || config.kind != ServerKind::Redis || !redisUsesTls(config))
        return;
    const ConfigEntry* entry = config.entry(QStringLiteral("tls-protocols"));
    if (!entry)
        return; // Redis's default is TLSv1.2 and TLSv1.3
    QStringList legacy;
    for (const QString& token : config.value(QStringLiteral("tls-protocols"))
                                    .split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString lower = token.toLower();
        if (lower == QLatin1String("tlsv1") || lower == QLatin1String("tlsv1.0") ||
            lower == QLatin1String("tlsv1.1"))
            legacy << token;
    }
    if (legacy.isEmpty())
        return;
    c.out << finding("server.legacy_protocols_configured", Severity::Medium,
                     QStringLiteral("The server accepts %1, deprecated by RFC 8996.")
                         .arg(legacy.join(QStringLiteral(" and "))),
                     entryText(config, entry),
                     QStringLiteral("Redis: tls-protocols \"TLSv1.2 TLSv1.3\". Dragonfly has no "
                                    "such flag: it always requires TLS 1.2 or later."),
                     locate(config, entry));
}

void checkClientAuth(const Context& c)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown)
        return;
    const Severity severity = environmentSeverity(c.policy, &EnvironmentPolicy::clientCertificate,
                                                  Severity::Info, Severity::Low, Severity::Medium);
    const QString remediation = QStringLiteral(
        "Redis: tls-auth-clients yes with tls-ca-cert-file (or tls-ca-cert-dir) naming the CA "
        "of the client certificates. Dragonfly: --tls_ca_cert_file=CA.pem (or "
        "--tls_ca_cert_dir), which makes it require and verify a client certificate.");
    if (config.kind == ServerKind::Redis) {
        if (redisTlsPort(config) == 0)
            return;
        const ConfigEntry* entry = config.entry(QStringLiteral("tls-auth-clients"));
        const QString mode =
            config.value(QStringLiteral("tls-auth-clients"), QStringLiteral("yes"));
        if (mode != QLatin1String("no") && mode != QLatin1String("optional"))
            return;
        c.out << finding("server.client_auth_off", severity,
                         mode == QLatin1String("no")
                             ? QStringLiteral("TLS clients are not asked for a certificate: "
                                              "anyone who reaches the TLS port can connect.")
                             : QStringLiteral("TLS clients may connect without a certificate "
                                              "(a certificate, if sent, is verified)."),
                         entryText(config, entry), remediation, locate(config, entry));
    } else if (config.kind == ServerKind::Dragonfly) {
        if (!dragonflyTrue(config, QStringLiteral("tls")))
            return;
        if (!config.value(QStringLiteral("tls_ca_cert_file")).isEmpty() ||
            !config.value(QStringLiteral("tls_ca_cert_dir")).isEmpty())
            return;
        c.out << finding("server.client_auth_off", severity,
                         QStringLiteral("Dragonfly verifies client certificates only when a CA "
                                        "is given; without one any client can connect over TLS."),
                         QStringLiteral("--tls=true without --tls_ca_cert_file or "
                                        "--tls_ca_cert_dir"),
                         remediation, locate(config, config.entry(QStringLiteral("tls"))));
    }
}

void checkReplication(const Context& c)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown)
        return;
    const QString remediation = QStringLiteral(
        "Redis: tls-replication yes on the replicas (and on the master, whose replicas share "
        "its configuration), with port 0 so that replicas cannot fall back to plaintext. "
        "Dragonfly: --tls_replication=true on the replica (with --tls_cert_file / "
        "--tls_key_file or --masterauth).");
    const ConfigEntry* replicaOf = config.entry(QStringLiteral("replicaof"));
    const bool isReplica = c.facts.isReplica.value_or(replicaOf != nullptr);
    const int replicas = c.facts.connectedReplicas.value_or(0);
    if (config.kind == ServerKind::Redis) {
        if (redisTlsPort(config) == 0 || redisYes(config, QStringLiteral("tls-replication")))
            return;
        if (replicas <= 0 && !isReplica)
            return;
        const ConfigEntry* entry = config.entry(QStringLiteral("tls-replication"));
        QStringList evidence{entry ? entryText(config, entry)
                                   : QStringLiteral("tls-replication no (the default)")};
        if (replicas > 0)
            evidence
                << QStringLiteral("%1 connected").arg(countOf(replicas, "replica", "replicas"));
        if (isReplica)
            evidence << (replicaOf ? entryText(config, replicaOf)
                                   : QStringLiteral("this server is a replica"));
        c.out << finding("server.replication_plaintext", Severity::Medium,
                         QStringLiteral("Clients use TLS but the replication link does not: the "
                                        "whole data set crosses the network in clear text."),
                         evidence.join(QStringLiteral("; ")), remediation,
                         locate(config, entry ? entry : replicaOf));
    } else if (config.kind == ServerKind::Dragonfly) {
        // A Dragonfly master with --tls serves replicas on its TLS port; only the replica side
        // chooses plaintext (--tls_replication is the replica's client setting).
        if (!dragonflyTrue(config, QStringLiteral("tls")) || !isReplica ||
            dragonflyTrue(config, QStringLiteral("tls_replication")))
            return;
        // A live server that did not answer for the flag: unknown, not false.
        if (config.source.isEmpty() && !config.has(QStringLiteral("tls_replication")))
            return;
        const ConfigEntry* entry = config.entry(QStringLiteral("tls_replication"));
        c.out << finding("server.replication_plaintext", Severity::Medium,
                         QStringLiteral("This replica connects to its master without TLS while "
                                        "its own clients use TLS."),
                         QStringLiteral("%1; %2").arg(
                             entry ? entryText(config, entry)
                                   : QStringLiteral("--tls_replication not set (false)"),
                             replicaOf ? entryText(config, replicaOf)
                                       : QStringLiteral("this server is a replica")),
                         remediation, locate(config, entry ? entry : replicaOf));
    }
}

void checkCluster(const Context& c)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown || config.kind != ServerKind::Redis)
        return; // Dragonfly has no cluster bus: its cluster config is pushed over the admin port
    if (redisTlsPort(config) == 0 || redisYes(config, QStringLiteral("tls-cluster")))
        return;
    const ConfigEntry* enabled = config.entry(QStringLiteral("cluster-enabled"));
    if (!c.facts.clusterEnabled.value_or(redisYes(config, QStringLiteral("cluster-enabled"))))
        return;
    const ConfigEntry* entry = config.entry(QStringLiteral("tls-cluster"));
    c.out << finding(
        "server.cluster_plaintext", Severity::Medium,
        QStringLiteral("Cluster mode is on but the cluster bus between nodes runs "
                       "without TLS."),
        QStringLiteral("%1; %2").arg(
            entry ? entryText(config, entry) : QStringLiteral("tls-cluster no (the default)"),
            enabled ? entryText(config, enabled) : QStringLiteral("cluster_enabled:1")),
        QStringLiteral("Redis: tls-cluster yes on every node. Dragonfly has no "
                       "cluster bus; keep its admin port (--admin_port) on TLS."),
        locate(config, entry ? entry : enabled));
}

// True when a server.nopass finding was added.
bool checkNoPass(const Context& c)
{
    const ServerConfig& config = c.config;
    bool found = false;
    // The Dragonfly admin port has its own switch.
    if (c.configKnown && config.kind == ServerKind::Dragonfly &&
        intValue(config, QStringLiteral("admin_port"), 0) != 0 &&
        dragonflyTrue(config, QStringLiteral("admin_nopass"))) {
        const ConfigEntry* entry = config.entry(QStringLiteral("admin_nopass"));
        c.out << finding("server.nopass", Severity::Critical,
                         QStringLiteral("The admin port %1 runs every command, including "
                                        "administrative ones, without AUTH.")
                             .arg(intValue(config, QStringLiteral("admin_port"), 0)),
                         QStringLiteral("%1 %2").arg(
                             entryText(config, config.entry(QStringLiteral("admin_port"))),
                             entryText(config, entry)),
                         QStringLiteral("Dragonfly: remove --admin_nopass so the admin port asks "
                                        "for --requirepass too, and bind it to loopback "
                                        "(--admin_bind=127.0.0.1). Redis has no admin port."),
                         locate(config, entry));
        found = true;
    }

    if (c.facts.commandsWithoutAuth.has_value()) {
        if (*c.facts.commandsWithoutAuth)
            c.out << finding("server.nopass", Severity::Critical,
                             QStringLiteral("The server ran a command on a connection that never "
                                            "authenticated: anyone who reaches it can read and "
                                            "change every key."),
                             QStringLiteral("a command succeeded without AUTH"), ProtectRemediation,
                             Location{});
        return found || *c.facts.commandsWithoutAuth;
    }
    // From the configuration only when it came from a file: a live server's requirepass is a
    // secret the audit never reads, so its absence there proves nothing.
    if (!c.configKnown || !fromFile(config))
        return found;
    if (config.kind == ServerKind::Redis) {
        if (redisDefaultUserOpen(config) != true)
            return found;
        std::optional<ConfigEntry> defaultUser; // the last `user default` line
        for (const ConfigEntry& user : config.entries(QStringLiteral("user")))
            if (!user.values.isEmpty() && user.values.first() == QLatin1String("default"))
                defaultUser = user;
        const ConfigEntry* requirepass = config.entry(QStringLiteral("requirepass"));
        QString evidence;
        const ConfigEntry* where = nullptr;
        if (defaultUser) {
            evidence = entryText(config, &*defaultUser);
            where = &*defaultUser;
        } else if (requirepass) {
            evidence = QStringLiteral("requirepass \"\" and no `user default` line");
            where = requirepass;
        } else {
            evidence = QStringLiteral("no requirepass, no `user default` line, no aclfile: the "
                                      "default user is `on nopass`");
        }
        c.out << finding("server.nopass", Severity::Critical,
                         QStringLiteral("The default user needs no password: anyone who reaches "
                                        "the server can read and change every key."),
                         evidence, ProtectRemediation, locate(config, where));
        return true;
    }
    if (config.kind == ServerKind::Dragonfly) {
        if (config.secretSet(QStringLiteral("requirepass")) ||
            !config.value(QStringLiteral("aclfile")).isEmpty())
            return found;
        const ConfigEntry* requirepass = config.entry(QStringLiteral("requirepass"));
        c.out << finding("server.nopass", Severity::Critical,
                         QStringLiteral("No password is configured (unless the DFLY_PASSWORD "
                                        "environment variable sets one): anyone who reaches the "
                                        "server can read and change every key."),
                         requirepass ? QStringLiteral("--requirepass= (empty)")
                                     : QStringLiteral("no --requirepass, no --aclfile"),
                         ProtectRemediation, locate(config, requirepass));
        return true;
    }
    return found;
}

void checkProtectedMode(const Context& c, bool nopass)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown || config.kind != ServerKind::Redis)
        return; // Dragonfly has no protected mode: --bind decides where it listens
    const ConfigEntry* entry = config.entry(QStringLiteral("protected-mode"));
    if (!entry || config.value(QStringLiteral("protected-mode")) != QLatin1String("no"))
        return;
    c.out << finding(
        "server.protected_mode_off", nopass ? Severity::Critical : Severity::Low,
        nopass ? QStringLiteral("Protected mode is off and the default user needs no password: "
                                "the server accepts anyone from any interface.")
               : QStringLiteral("Protected mode is off: if the password is ever removed, the "
                                "server accepts anyone from any interface."),
        entryText(config, entry),
        QStringLiteral("Redis: protected-mode yes, and bind to the interfaces clients use "
                       "(bind 127.0.0.1 -::1 or a private address). Dragonfly has no protected "
                       "mode: set --bind and --requirepass."),
        locate(config, entry));
}

void checkDangerousCommands(const Context& c)
{
    const ServerConfig& config = c.config;
    struct Command
    {
        const char* name;
        const char* directive;
        std::optional<bool> observed;
    };
    const Command commands[] = {
        {"DEBUG", "enable-debug-command", c.facts.debugCommandEnabled},
        {"MODULE", "enable-module-command", c.facts.moduleCommandEnabled},
    };
    QStringList enabled;
    QStringList evidence;
    const ConfigEntry* where = nullptr;
    for (const Command& command : commands) {
        const QString name = QString::fromLatin1(command.name);
        const QString directive = QString::fromLatin1(command.directive);
        bool byConfig = false;
        const ConfigEntry* entry = nullptr;
        if (c.configKnown && config.kind == ServerKind::Redis) {
            // Redis 7: "yes" allows it from anywhere, "local" only from loopback (not flagged).
            entry = config.entry(directive);
            byConfig = config.value(directive) == QLatin1String("yes") &&
                       !redisCommandRemoved(config, name);
        } else if (c.configKnown && config.kind == ServerKind::Dragonfly && fromFile(config) &&
                   name == QLatin1String("DEBUG")) {
            // Dragonfly has DEBUG for every user unless renamed away or restricted; it has no
            // MODULE command.
            byConfig = !dragonflyCommandRemovedOrRestricted(config, name);
            entry = config.entry(QStringLiteral("restricted_commands"));
        }
        if (!command.observed.value_or(byConfig))
            continue;
        enabled << name;
        if (command.observed.has_value() && !entry)
            evidence << QStringLiteral("%1 can be run").arg(name);
        else if (config.kind == ServerKind::Dragonfly)
            evidence << QStringLiteral("%1 neither in --restricted_commands nor removed with "
                                       "--rename_command=%1=")
                            .arg(name);
        else
            evidence << (entry ? entryText(config, entry)
                               : QStringLiteral("%1 yes").arg(directive));
        if (!where)
            where = entry;
    }
    if (enabled.isEmpty())
        return;
    QStringList harm;
    if (enabled.contains(QLatin1String("DEBUG")))
        harm << QStringLiteral("DEBUG can crash the server or reveal memory contents");
    if (enabled.contains(QLatin1String("MODULE")))
        harm << QStringLiteral("MODULE LOAD runs native code inside the server");
    c.out << finding(
        "server.dangerous_commands", Severity::Medium,
        QStringLiteral("%1 can be run by clients: %2.")
            .arg(enabled.join(QStringLiteral(" and ")), harm.join(QStringLiteral("; "))),
        evidence.join(QStringLiteral("; ")),
        QStringLiteral("Redis 7: enable-debug-command no and enable-module-command "
                       "no (or local), or rename-command DEBUG \"\". Dragonfly: "
                       "--restricted_commands=DEBUG (admin port only) or "
                       "--rename_command=DEBUG=."),
        locate(config, where));
}

void checkConfigUnreadable(const Context& c)
{
    if (!c.facts.configUnreadable)
        return;
    c.out << finding("server.config_unreadable", Severity::Info,
                     QStringLiteral("CONFIG GET was refused, so the configuration checks "
                                    "(plaintext port, protocols, client certificates, "
                                    "replication, protected mode, dangerous commands) were "
                                    "skipped."),
                     c.facts.configUnreadableReason.isEmpty()
                         ? QStringLiteral("CONFIG GET refused")
                         : QStringLiteral("CONFIG GET: %1").arg(c.facts.configUnreadableReason),
                     QStringLiteral("Audit with a user allowed to run CONFIG GET (Redis: ACL "
                                    "SETUSER auditor on >PASSWORD +config|get +info +ping; "
                                    "Dragonfly: the same ACL, or the --admin_port), or lint the "
                                    "configuration file with `rediscope lint-config`."),
                     Location{});
}

void checkAdminPort(const Context& c)
{
    const ServerConfig& config = c.config;
    if (!c.configKnown || config.kind != ServerKind::Dragonfly)
        return;
    const int adminPort = intValue(config, QStringLiteral("admin_port"), 0);
    if (adminPort == 0 || !dragonflyTrue(config, QStringLiteral("tls")) ||
        !dragonflyTrue(config, QStringLiteral("no_tls_on_admin_port")))
        return;
    const ConfigEntry* entry = config.entry(QStringLiteral("no_tls_on_admin_port"));
    c.out << finding(
        "server.admin_port_plaintext", Severity::High,
        QStringLiteral("The admin port %1 accepts plaintext connections although "
                       "the main port requires TLS; administrative commands and "
                       "the password cross the network in clear text.")
            .arg(adminPort),
        QStringLiteral("%1 %2").arg(entryText(config, config.entry(QStringLiteral("admin_port"))),
                                    entryText(config, entry)),
        QStringLiteral("Dragonfly: remove --no_tls_on_admin_port so the admin port "
                       "uses TLS too, and bind it to loopback "
                       "(--admin_bind=127.0.0.1). Redis has no separate admin "
                       "port."),
        locate(config, entry));
}

} // namespace

std::optional<bool> redisDefaultUserOpen(const ServerConfig& config)
{
    if (!config.value(QStringLiteral("aclfile")).isEmpty())
        return std::nullopt; // the users live in the ACL file
    bool defined = false;
    bool on = false;
    bool nopass = false;
    int passwords = 0;
    for (const ConfigEntry& user : config.entries(QStringLiteral("user"))) {
        if (user.values.isEmpty() || user.values.first() != QLatin1String("default"))
            continue;
        // ACLLoadConfiguredUsers: a configured default user starts from "reset".
        if (!defined) {
            defined = true;
            on = nopass = false;
            passwords = 0;
        }
        for (qsizetype i = 1; i < user.values.size(); ++i) {
            const QString rule = user.values.at(i);
            const QString lower = rule.toLower();
            if (lower == QLatin1String("on")) {
                on = true;
            } else if (lower == QLatin1String("off")) {
                on = false;
            } else if (lower == QLatin1String("nopass")) {
                nopass = true;
                passwords = 0;
            } else if (lower == QLatin1String("resetpass")) {
                nopass = false;
                passwords = 0;
            } else if (lower == QLatin1String("reset")) {
                on = nopass = false;
                passwords = 0;
            } else if (rule.startsWith(QLatin1Char('>')) || rule.startsWith(QLatin1Char('#'))) {
                nopass = false;
                ++passwords;
            } else if (rule.startsWith(QLatin1Char('<')) || rule.startsWith(QLatin1Char('!'))) {
                passwords = std::max(0, passwords - 1);
            }
        }
    }
    if (defined)
        return on && nopass;
    // No `user default` line: the default user is "on nopass" unless requirepass gives it a
    // password.
    return !config.secretSet(QStringLiteral("requirepass"));
}

QList<Finding> checkServer(const ServerConfig& config, const RuntimeFacts& facts,
                           const EnvironmentPolicy& policy)
{
    QList<Finding> findings;
    const Context context{config, facts, policy,
                          !facts.configUnreadable && config.kind != ServerKind::Unknown, findings};
    checkConfigUnreadable(context);
    checkPlaintextPort(context);
    checkLegacyProtocols(context);
    checkClientAuth(context);
    checkReplication(context);
    checkCluster(context);
    const bool nopass = checkNoPass(context);
    checkProtectedMode(context, nopass);
    checkDangerousCommands(context);
    checkAdminPort(context);
    sortFindings(findings);
    return findings;
}

} // namespace rediscope
