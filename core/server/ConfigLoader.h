#pragma once

#include "common/Error.h"
#include "server/ServerConfig.h"

#include <QByteArray>
#include <optional>

namespace rediscope {

// Which syntax a configuration file is written in: Dragonfly when its first line that is not
// blank or a `#` comment starts with `-` (a flag file), otherwise Redis (redis.conf, also for
// an empty file). A redis.conf directive never starts with `-`; a flag file line always does.
ServerKind detectConfigKind(const QByteArray& content);

// Reads a server configuration file for `rediscope lint-config`: redis.conf or a Dragonfly
// flag file, as `kind` says, or detected from the content when `kind` is nullopt or Unknown.
Result<ServerConfig> loadServerConfig(const QString& path,
                                      std::optional<ServerKind> kind = std::nullopt);

} // namespace rediscope
