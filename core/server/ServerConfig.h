#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace rediscope {

// Which server a configuration belongs to. Valkey and KeyDB read redis.conf: they are Redis here.
enum class ServerKind
{
    Unknown,
    Redis,
    Dragonfly,
};

QString serverKindName(ServerKind kind); // "unknown", "redis", "dragonfly"
std::optional<ServerKind> serverKindFromName(const QString& name);

// One directive (redis.conf) or flag (Dragonfly) with its arguments and, when it was read from
// a file, where. A secret's value is never kept: see ServerConfig::isSecret.
struct ConfigEntry
{
    QString name;       // lower case: "tls-port", "user" (Redis); "tls_cert_file" (Dragonfly)
    QStringList values; // the arguments after the name; a Dragonfly bool is "true" / "false"
    QString file;       // the file it came from; empty for a live server (CONFIG GET)
    int line = 0;       // 1-based line in `file`; 0 for a live server

    // As written in the file: "tls-port 6380" (Redis), "--tls_cert_file=/etc/df.crt"
    // (Dragonfly). Evidence for reports; secrets are already redacted.
    QString text(ServerKind kind) const;

    bool operator==(const ConfigEntry&) const = default;
};

// A server's configuration as far as the security checks need it: read from a redis.conf, a
// Dragonfly flag file, or (by the audit engine) from targeted CONFIG GET calls. Directives are
// kept in the order they take effect; for single-valued directives the last one wins, as in the
// server itself, and repeatable ones (Redis `user`, `rename-command`, `include`) are all kept.
// Secrets (requirepass, masterauth, tls-key-file-pass, ACL passwords) are redacted on the way in,
// so no value of them ever reaches a finding.
class ServerConfig
{
public:
    ServerKind kind = ServerKind::Unknown;
    QString source;    // the main file, when read from a file; empty for a live server
    QStringList files; // every file read: the main one, then includes / nested flag files

    // Record a directive. Single-valued names replace an earlier occurrence; repeatable ones
    // (isRepeatable) are appended. Secret values are redacted here.
    void set(const QString& name, const QStringList& values, const QString& file = QString(),
             int line = 0);
    void remove(const QString& name);

    bool has(const QString& name) const;
    // The arguments joined by one space ("TLSv1.2 TLSv1.3"); `fallback` when absent.
    QString value(const QString& name, const QString& fallback = QString()) const;
    QStringList values(const QString& name) const;
    // The entry that is in effect (the last one); nullptr when absent.
    const ConfigEntry* entry(const QString& name) const;
    // Every entry of a repeatable directive, in file order.
    QList<ConfigEntry> entries(const QString& name) const;
    const QList<ConfigEntry>& all() const { return m_entries; }

    // True when a secret directive is present with a non-empty value (the value is not kept).
    bool secretSet(const QString& name) const;

    // Names whose value is never kept: requirepass, masterauth, tls-key-file-pass,
    // tls-client-key-file-pass (and their Dragonfly spellings).
    static bool isSecret(const QString& name);
    // Redis directives that may appear many times and all apply (user, rename-command, ...).
    static bool isRepeatable(ServerKind kind, const QString& name);
    // The placeholder stored instead of a secret.
    static QString redacted();
    // An ACL rule list ("on >secret ~* +@all") with every password and hash replaced.
    static QStringList redactAclRules(const QStringList& rules);

    bool operator==(const ServerConfig&) const = default;

private:
    QList<ConfigEntry> m_entries;
};

} // namespace rediscope
