#include "DragonflyFlagsParser.h"

#include "server/ConfigFiles.h"

#include <QFileInfo>

namespace rediscope {

namespace {

std::optional<bool> parseBool(const QString& text)
{
    // absl::ParseFlag for bool.
    const QString value = text.trimmed().toLower();
    for (const char* yes : {"true", "t", "yes", "y", "1"})
        if (value == QLatin1String(yes))
            return true;
    for (const char* no : {"false", "f", "no", "n", "0"})
        if (value == QLatin1String(no))
            return false;
    return std::nullopt;
}

class Parser
{
public:
    explicit Parser(ServerConfig& config)
        : m_config(config)
    {}

    Result<void> parseFile(const QString& path, const QString& includedFrom, int includedAt)
    {
        auto content = m_chain.push(path, includedFrom, includedAt);
        if (!content)
            return std::unexpected(content.error());
        if (!m_config.files.contains(path))
            m_config.files << path;
        Result<void> result = parseText(*content, path);
        m_chain.pop();
        return result;
    }

private:
    Result<void> parseText(const QByteArray& content, const QString& path)
    {
        const QList<QByteArray> lines = content.split('\n');
        for (qsizetype index = 0; index < lines.size(); ++index) {
            const int lineNumber = int(index + 1);
            const QString line = QString::fromUtf8(lines.at(index)).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const auto error = [&](const QString& message) {
                return fail(ErrorCode::InvalidArgument, Stage::None,
                            QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(message));
            };
            if (!line.startsWith(QLatin1Char('-')))
                return error(QStringLiteral("not a flag: every line of a flag file must start "
                                            "with --, or with # for a comment."));
            if (line == QLatin1String("--") || line == QLatin1String("-"))
                return error(QStringLiteral("a flag file cannot contain -- or positional "
                                            "arguments."));
            const QString body = line.mid(line.startsWith(QLatin1String("--")) ? 2 : 1);
            const qsizetype equals = body.indexOf(QLatin1Char('='));
            QString name = equals < 0 ? body : body.left(equals);
            if (name.isEmpty() || name.contains(QLatin1Char(' ')) ||
                name.contains(QLatin1Char('\t')))
                return error(QStringLiteral("not a flag: write --name=value, one flag per line "
                                            "(no blank between name and value)."));
            QString value = equals < 0 ? QString() : body.mid(equals + 1);
            const QStringList& bools = dragonflyBoolFlags();
            if (equals < 0) {
                if (bools.contains(name)) {
                    value = QStringLiteral("true");
                } else if (name.startsWith(QLatin1String("no")) && bools.contains(name.mid(2))) {
                    name = name.mid(2);
                    value = QStringLiteral("false");
                } else if (name == QLatin1String("flagfile")) {
                    return error(QStringLiteral("--flagfile needs a value: --flagfile=FILE."));
                } else {
                    value = QStringLiteral("true"); // an unknown flag given like a bool
                }
            } else if (bools.contains(name)) {
                const auto parsed = parseBool(value);
                if (!parsed)
                    return error(QStringLiteral("--%1 is a bool flag: its value must be true or "
                                                "false (also yes/no, 1/0).")
                                     .arg(name));
                value = *parsed ? QStringLiteral("true") : QStringLiteral("false");
            }
            if (name == QLatin1String("flagfile")) {
                m_config.set(name, {value}, path, lineNumber);
                // absl accepts a comma-separated list of files.
                for (const QString& nested : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    if (auto parsed = include(nested.trimmed(), path, lineNumber); !parsed)
                        return parsed;
                continue;
            }
            m_config.set(name, {value}, path, lineNumber);
        }
        return {};
    }

    Result<void> include(const QString& target, const QString& from, int line)
    {
        const QStringList candidates = ConfigFileChain::candidates(target, from);
        for (const QString& candidate : candidates)
            if (QFileInfo::exists(candidate))
                return parseFile(candidate, from, line);
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1:%2: flag file %3 not found (looked for %4).")
                        .arg(from)
                        .arg(line)
                        .arg(target, candidates.join(QStringLiteral(" and "))));
    }

    ServerConfig& m_config;
    ConfigFileChain m_chain{QStringLiteral("flag file")};
};

} // namespace

const QStringList& dragonflyBoolFlags()
{
    // From Dragonfly's ABSL_FLAG(bool, ...) definitions (src/facade/dragonfly_listener.cc,
    // dragonfly_connection.cc, tls_helpers.cc, src/server/main_service.cc, protocol_client.cc).
    static const QStringList flags{
        QStringLiteral("tls"),
        QStringLiteral("no_tls_on_admin_port"),
        QStringLiteral("admin_nopass"),
        QStringLiteral("tls_replication"),
        QStringLiteral("primary_port_http_enabled"),
        QStringLiteral("tls_prefer_server_ciphers"),
        QStringLiteral("expose_http_api"),
        QStringLiteral("tcp_nodelay"),
        QStringLiteral("force_epoll"),
        QStringLiteral("version_check"),
        QStringLiteral("cache_mode"),
        QStringLiteral("df_snapshot_format"),
        QStringLiteral("use_large_pages"),
        QStringLiteral("conn_use_incoming_cpu"),
        QStringLiteral("migrate_connections"),
        QStringLiteral("latency_tracking"),
        QStringLiteral("enable_multi_shard_sync"),
        QStringLiteral("replica_partial_sync"),
        QStringLiteral("lua_resp2_legacy_float"),
        QStringLiteral("multi_exec_squash"),
        QStringLiteral("logtostderr"),
        QStringLiteral("alsologtostderr"),
    };
    return flags;
}

Result<ServerConfig> parseDragonflyFlags(const QString& path)
{
    ServerConfig config;
    config.kind = ServerKind::Dragonfly;
    config.source = path;
    Parser parser(config);
    if (auto parsed = parser.parseFile(path, QString(), 0); !parsed)
        return std::unexpected(parsed.error());
    return config;
}

} // namespace rediscope
