#include "ConfigLoader.h"

#include "server/DragonflyFlagsParser.h"
#include "server/RedisConfParser.h"

#include <QFile>

namespace rediscope {

ServerKind detectConfigKind(const QByteArray& content)
{
    for (const QByteArray& raw : content.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        return line.startsWith('-') ? ServerKind::Dragonfly : ServerKind::Redis;
    }
    return ServerKind::Redis;
}

Result<ServerConfig> loadServerConfig(const QString& path, std::optional<ServerKind> kind)
{
    if (!kind || *kind == ServerKind::Unknown) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("cannot read %1: %2.").arg(path, file.errorString()));
        // The first meaningful line decides; 64 KiB is plenty to find it.
        kind = detectConfigKind(file.read(64 * 1024));
    }
    return *kind == ServerKind::Dragonfly ? parseDragonflyFlags(path) : parseRedisConf(path);
}

} // namespace rediscope
