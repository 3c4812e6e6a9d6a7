#pragma once

#include "common/Error.h"
#include "server/ServerConfig.h"

#include <QString>
#include <QStringList>

namespace rediscope {

// Reads a Dragonfly flag file (`dragonfly --flagfile=FILE`), with Abseil's flag-file rules:
// one flag per line, leading blanks ignored, empty lines and lines starting with `#` skipped;
// every other line must start with `-` (`--tls_cert_file=/etc/df.crt`, `-port=6380`). A flag
// without `=` is a bool set to true (`--tls`); `--noFLAG` sets a bool to false; bool values
// are true/false, yes/no, t/f, y/n, 1/0 in any case. Repeated flags: the last wins. A nested
// `--flagfile=OTHER` is read in place (relative paths: the current directory first, as
// Dragonfly opens them, then the including file's directory). Trailing blanks and a CR are
// dropped. Flag names are stored without dashes ("tls_cert_file"), bools as "true"/"false".
//
// Errors name file:line: a line that is not a flag, a bare `--`, a bad bool value for a known
// bool flag, a missing nested flag file, a nested flag-file cycle.
Result<ServerConfig> parseDragonflyFlags(const QString& path);

// The Dragonfly bool flags this parser knows (so that `--noFLAG` and `--FLAG` are understood).
const QStringList& dragonflyBoolFlags();

} // namespace rediscope
