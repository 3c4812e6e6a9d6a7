#pragma once

#include "common/Error.h"
#include "server/ServerConfig.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace rediscope {

// One redis.conf line split into arguments exactly as Redis's sdssplitargs() does: blanks
// separate arguments; in "double quotes" \xHH, \n, \r, \t, \b, \a and \<any other> are escapes;
// in 'single quotes' only \' is; a closing quote must be followed by a blank or the end of the
// line; quotes may start in the middle of an argument (a"b c" is one argument, `ab c`).
// nullopt for unbalanced quotes. Arguments are bytes: \xHH may produce any byte.
std::optional<QList<QByteArray>> splitConfigArgs(QByteArrayView line);

// Reads a redis.conf (also Valkey's and KeyDB's) as redis-server does: one directive per line,
// lines trimmed, `#` comments only at the start of a line, the directive name case-insensitive,
// repeated single-valued directives — the last one wins. `include FILE` reads FILE in place
// (Redis 7 globs such as conf.d/*.conf too; a glob that matches nothing includes nothing).
//
// Relative include paths: redis-server opens them relative to its working directory, which a
// linter cannot know. They are looked up in the current directory first (what Redis does when
// started from there) and then in the including file's directory (where they almost always
// live); the first that exists is read. A missing include or an include cycle is an error
// naming file:line, as is a bad argument count or value for the directives the checks read.
Result<ServerConfig> parseRedisConf(const QString& path);

} // namespace rediscope
