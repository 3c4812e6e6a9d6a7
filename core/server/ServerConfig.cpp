#include "ServerConfig.h"

namespace rediscope {

QString serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Unknown:
        return QStringLiteral("unknown");
    case ServerKind::Redis:
        return QStringLiteral("redis");
    case ServerKind::Dragonfly:
        return QStringLiteral("dragonfly");
    }
    return QStringLiteral("unknown");
}

std::optional<ServerKind> serverKindFromName(const QString& name)
{
    const QString wanted = name.trimmed().toLower();
    // Valkey and KeyDB read redis.conf.
    if (wanted == QLatin1String("valkey") || wanted == QLatin1String("keydb"))
        return ServerKind::Redis;
    for (ServerKind kind : {ServerKind::Unknown, ServerKind::Redis, ServerKind::Dragonfly})
        if (serverKindName(kind) == wanted)
            return kind;
    return std::nullopt;
}

QString ConfigEntry::text(ServerKind kind) const
{
    if (kind == ServerKind::Dragonfly)
        return QStringLiteral("--%1=%2").arg(name, values.join(QLatin1Char(',')));
    QStringList words{name};
    for (const QString& value : values)
        words << (value.isEmpty() || value.contains(QLatin1Char(' '))
                      ? QLatin1Char('"') + value + QLatin1Char('"')
                      : value);
    return words.join(QLatin1Char(' '));
}

QString ServerConfig::redacted()
{
    return QStringLiteral("(redacted)");
}

bool ServerConfig::isSecret(const QString& name)
{
    // Redis and Dragonfly spell requirepass and masterauth alike.
    static const QStringList secrets{
        QStringLiteral("requirepass"),
        QStringLiteral("masterauth"),
        QStringLiteral("tls-key-file-pass"),
        QStringLiteral("tls-client-key-file-pass"),
    };
    return secrets.contains(name);
}

bool ServerConfig::isRepeatable(ServerKind kind, const QString& name)
{
    if (kind == ServerKind::Dragonfly)
        return name == QLatin1String("flagfile");
    static const QStringList repeatable{
        QStringLiteral("user"),     QStringLiteral("rename-command"),
        QStringLiteral("include"),  QStringLiteral("loadmodule"),
        QStringLiteral("save"),     QStringLiteral("client-output-buffer-limit"),
        QStringLiteral("sentinel"),
    };
    return repeatable.contains(name);
}

QStringList ServerConfig::redactAclRules(const QStringList& rules)
{
    QStringList out;
    out.reserve(rules.size());
    for (const QString& rule : rules) {
        // >password and <password add / remove a password; #hash and !hash do so by SHA-256.
        if (rule.size() > 1 &&
            (rule.startsWith(QLatin1Char('>')) || rule.startsWith(QLatin1Char('<')) ||
             rule.startsWith(QLatin1Char('#')) || rule.startsWith(QLatin1Char('!'))))
            out << rule.left(1) + redacted();
        else
            out << rule;
    }
    return out;
}

void ServerConfig::set(const QString& name, const QStringList& values, const QString& file,
                       int line)
{
    ConfigEntry entry{name.toLower(), values, file, line};
    if (isSecret(entry.name)) {
        const bool empty = values.isEmpty() || values.join(QString()).isEmpty();
        entry.values = empty ? QStringList() : QStringList{redacted()};
    } else if (entry.name == QLatin1String("user") || entry.name == QLatin1String("acl-setuser")) {
        entry.values = redactAclRules(values);
    } else if (entry.name == QLatin1String("sentinel") && values.size() >= 3 &&
               (values.first().compare(QLatin1String("auth-pass"), Qt::CaseInsensitive) == 0 ||
                values.first().compare(QLatin1String("sentinel-pass"), Qt::CaseInsensitive) == 0)) {
        entry.values.last() = redacted(); // sentinel auth-pass <master> <password>
    }
    if (!isRepeatable(kind, entry.name))
        remove(entry.name);
    m_entries.append(std::move(entry));
}

void ServerConfig::remove(const QString& name)
{
    m_entries.removeIf([&](const ConfigEntry& entry) { return entry.name == name; });
}

bool ServerConfig::has(const QString& name) const
{
    return entry(name) != nullptr;
}

QString ServerConfig::value(const QString& name, const QString& fallback) const
{
    const ConfigEntry* found = entry(name);
    return found ? found->values.join(QLatin1Char(' ')) : fallback;
}

QStringList ServerConfig::values(const QString& name) const
{
    const ConfigEntry* found = entry(name);
    return found ? found->values : QStringList();
}

const ConfigEntry* ServerConfig::entry(const QString& name) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it)
        if (it->name == name)
            return &*it;
    return nullptr;
}

QList<ConfigEntry> ServerConfig::entries(const QString& name) const
{
    QList<ConfigEntry> found;
    for (const ConfigEntry& entry : m_entries)
        if (entry.name == name)
            found << entry;
    return found;
}

bool ServerConfig::secretSet(const QString& name) const
{
    const ConfigEntry* found = entry(name);
    return found && !found->values.isEmpty();
}

} // namespace rediscope
