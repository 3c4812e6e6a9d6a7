#include "ConfigChecks.h"

#include "audit/CheckRegistry.h"
#include "audit/ServerChecks.h"

#include <QDir>
#include <QFileInfo>

namespace rediscope {

namespace {

Finding finding(const char* id, Severity severity, QString detail, QString evidence,
                QString remediation, const ServerConfig& config, const ConfigEntry* entry)
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    Q_ASSERT(definition); // every id used here has a catalogue row
    const bool located = entry && !entry->file.isEmpty();
    return Finding{name,
                   severity,
                   definition ? definition->title : name,
                   std::move(detail),
                   std::move(evidence),
                   std::move(remediation),
                   located ? entry->file : config.source,
                   located ? entry->line : (config.source.isEmpty() ? 0 : 1)};
}

QString text(const ServerConfig& config, const ConfigEntry* entry)
{
    return entry ? entry->text(config.kind) : QString();
}

bool isRedis(const ServerConfig& config)
{
    return config.kind == ServerKind::Redis;
}

// The configuration's directory, where relative paths are looked up (see resolveConfigPath).
QString baseDirectory(const ServerConfig& config)
{
    const QString configDirectory =
        config.source.isEmpty() ? QDir::currentPath() : QFileInfo(config.source).absolutePath();
    if (isRedis(config)) {
        const QString dir = config.value(QStringLiteral("dir"));
        if (!dir.isEmpty())
            return QDir::cleanPath(QDir(configDirectory).absoluteFilePath(dir));
    }
    return configDirectory;
}

// " (relative: looked for in DIR, ...)" for a relative path; empty for an absolute one.
QString relativeNote(const ServerConfig& config, const QString& path)
{
    if (QDir::isAbsolutePath(path))
        return QString();
    const QString base = baseDirectory(config);
    if (isRedis(config) && !config.value(QStringLiteral("dir")).isEmpty())
        return QStringLiteral(" (a relative path: looked for in %1, the `dir` of the "
                              "configuration, where redis-server resolves it)")
            .arg(base);
    return QStringLiteral(" (a relative path: looked for in %1, the configuration file's "
                          "directory; the server resolves it against its working directory)")
        .arg(base);
}

// False when the nearest existing directory above `path` cannot be searched by this user (the
// linter often runs as someone else than the server): then a missing file proves nothing.
bool searchable(const QString& path)
{
    QFileInfo directory(QFileInfo(path).absolutePath());
    while (!directory.exists() && !directory.isRoot() &&
           directory.absoluteFilePath() != directory.absolutePath())
        directory = QFileInfo(directory.absolutePath());
    return directory.isExecutable() && directory.isReadable();
}

QString octalMode(QFileDevice::Permissions permissions)
{
    const unsigned mode = ((permissions & QFileDevice::ReadOwner) ? 0400u : 0u) |
                          ((permissions & QFileDevice::WriteOwner) ? 0200u : 0u) |
                          ((permissions & QFileDevice::ExeOwner) ? 0100u : 0u) |
                          ((permissions & QFileDevice::ReadGroup) ? 040u : 0u) |
                          ((permissions & QFileDevice::WriteGroup) ? 020u : 0u) |
                          ((permissions & QFileDevice::ExeGroup) ? 010u : 0u) |
                          ((permissions & QFileDevice::ReadOther) ? 04u : 0u) |
                          ((permissions & QFileDevice::WriteOther) ? 02u : 0u) |
                          ((permissions & QFileDevice::ExeOther) ? 01u : 0u);
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

void checkTlsConfigured(const ServerConfig& config, QList<Finding>& out)
{
    const QString remediation = QStringLiteral(
        "Redis: tls-port 6380 (and port 0) with tls-cert-file, tls-key-file and "
        "tls-ca-cert-file. Dragonfly: --tls with --tls_cert_file, --tls_key_file and "
        "--tls_ca_cert_file. `rediscope dev-pki` creates a local CA and server certificate.");
    if (isRedis(config)) {
        const ConfigEntry* tlsPort = config.entry(QStringLiteral("tls-port"));
        if (config.value(QStringLiteral("tls-port")).toInt() == 0) {
            const ConfigEntry* port = config.entry(QStringLiteral("port"));
            if (port && config.value(QStringLiteral("port")).toInt() == 0)
                return; // no TCP listener at all (a unix socket only): nothing on the network
            out << finding("config.tls_not_configured", Severity::High,
                           QStringLiteral("The server has no TLS port: clients, passwords and "
                                          "data use plaintext."),
                           tlsPort ? text(config, tlsPort)
                                   : QStringLiteral("no tls-port directive"),
                           remediation, config, tlsPort ? tlsPort : port);
            return;
        }
        QStringList missing;
        for (const char* name : {"tls-cert-file", "tls-key-file"})
            if (config.value(QString::fromLatin1(name)).isEmpty())
                missing << QString::fromLatin1(name);
        if (!missing.isEmpty())
            out << finding("config.tls_not_configured", Severity::High,
                           QStringLiteral("tls-port is set but %1 is not: redis-server refuses "
                                          "to start.")
                               .arg(missing.join(QStringLiteral(" and "))),
                           QStringLiteral("%1; %2 not set")
                               .arg(text(config, tlsPort), missing.join(QStringLiteral(", "))),
                           remediation, config, tlsPort);
        return;
    }
    if (config.kind != ServerKind::Dragonfly)
        return;
    const ConfigEntry* tls = config.entry(QStringLiteral("tls"));
    if (config.value(QStringLiteral("tls")) != QLatin1String("true")) {
        if (config.value(QStringLiteral("port")) == QLatin1String("0") &&
            config.value(QStringLiteral("admin_port"), QStringLiteral("0")) == QLatin1String("0"))
            return; // --port=0: TCP is off (a unix socket only)
        out << finding("config.tls_not_configured", Severity::High,
                       QStringLiteral("--tls is not on: clients, passwords and data use "
                                      "plaintext."),
                       tls ? text(config, tls) : QStringLiteral("no --tls flag"), remediation,
                       config, tls);
        return;
    }
    QStringList missing;
    for (const char* name : {"tls_cert_file", "tls_key_file"})
        if (config.value(QString::fromLatin1(name)).isEmpty())
            missing << QStringLiteral("--%1").arg(QLatin1String(name));
    if (!missing.isEmpty())
        out << finding(
            "config.tls_not_configured", Severity::High,
            QStringLiteral("--tls is on but %1 is not set: Dragonfly cannot serve "
                           "TLS (it exits without --tls_key_file).")
                .arg(missing.join(QStringLiteral(" and "))),
            QStringLiteral("--tls=true; %1 not set").arg(missing.join(QStringLiteral(", "))),
            remediation, config, tls);
}

struct PathSetting
{
    const char* name;
    bool directory;
    bool privateKey;
};

const PathSetting RedisPaths[] = {
    {"tls-cert-file", false, false},        {"tls-key-file", false, true},
    {"tls-client-cert-file", false, false}, {"tls-client-key-file", false, true},
    {"tls-ca-cert-file", false, false},     {"tls-ca-cert-dir", true, false},
    {"tls-dh-params-file", false, false},
};

const PathSetting DragonflyPaths[] = {
    {"tls_cert_file", false, false},
    {"tls_key_file", false, true},
    {"tls_ca_cert_file", false, false},
    {"tls_ca_cert_dir", true, false},
};

void checkFiles(const ServerConfig& config, QList<Finding>& out)
{
    const auto paths =
        isRedis(config) ? QList<PathSetting>(std::begin(RedisPaths), std::end(RedisPaths))
                        : QList<PathSetting>(std::begin(DragonflyPaths), std::end(DragonflyPaths));
    for (const PathSetting& setting : paths) {
        const QString name = QString::fromLatin1(setting.name);
        const ConfigEntry* entry = config.entry(name);
        const QString path = config.value(name);
        if (!entry || path.isEmpty())
            continue;
        const QString resolved = resolveConfigPath(config, path);
        const QFileInfo info(resolved);
        if (!info.exists() && !searchable(resolved))
            continue; // a directory on the way is closed to this user: cannot tell
        QString reason;
        if (!info.exists())
            reason = QStringLiteral("does not exist");
        else if (setting.directory && !info.isDir())
            reason = QStringLiteral("is not a directory");
        else if (!setting.directory && info.isDir())
            reason = QStringLiteral("is a directory, not a file");
        if (!reason.isEmpty()) {
            out << finding(
                "config.file_missing", Severity::High,
                QStringLiteral("%1 %2%3.").arg(resolved, reason, relativeNote(config, path)),
                text(config, entry),
                QStringLiteral("Fix the path in the configuration, or put the file "
                               "there; the server will not start TLS without it."),
                config, entry);
            continue;
        }
        if (!setting.privateKey)
            continue;
        const QFileDevice::Permissions permissions = info.permissions();
        const bool exposed = permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteGroup | QFileDevice::WriteOther);
        if (!exposed)
            continue;
        out << finding(
            "config.key_permissions", Severity::High,
            QStringLiteral("The server's private key %1 can be read or changed by "
                           "other users; anyone who reads it can impersonate the "
                           "server.%2")
                .arg(resolved, relativeNote(config, path)),
            QStringLiteral("%1: mode %2").arg(text(config, entry), octalMode(permissions)),
            QStringLiteral("chmod 600 %1 (owned by the user the server runs as).").arg(resolved),
            config, entry);
    }
}

void checkPassphraseInFile(const ServerConfig& config, QList<Finding>& out)
{
    if (!isRedis(config))
        return; // Dragonfly has no passphrase flag: its key must be unencrypted
    for (const char* name : {"tls-key-file-pass", "tls-client-key-file-pass"}) {
        const QString directive = QString::fromLatin1(name);
        if (!config.secretSet(directive))
            continue;
        out << finding("config.key_passphrase_in_file", Severity::Low,
                       QStringLiteral("The private key's passphrase is written in the "
                                      "configuration: whoever reads this file can decrypt the "
                                      "key, so the passphrase adds little."),
                       QStringLiteral("%1 is set (value not shown)").arg(directive),
                       QStringLiteral("Redis: keep the configuration file 0600, or use an "
                                      "unencrypted key that only the server's user can read "
                                      "(chmod 600) and drop %1. Dragonfly has no passphrase "
                                      "flag and needs an unencrypted --tls_key_file.")
                           .arg(directive),
                       config, config.entry(directive));
    }
}

} // namespace

QString resolveConfigPath(const ServerConfig& config, const QString& path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(QDir(baseDirectory(config)).absoluteFilePath(path));
}

QList<Finding> lintConfig(const ServerConfig& config, const EnvironmentPolicy& policy)
{
    QList<Finding> findings = checkServer(config, RuntimeFacts{}, policy);
    checkTlsConfigured(config, findings);
    checkFiles(config, findings);
    checkPassphraseInFile(config, findings);
    sortFindings(findings);
    return findings;
}

} // namespace rediscope
