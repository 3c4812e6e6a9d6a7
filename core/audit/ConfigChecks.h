#pragma once

#include "audit/Finding.h"
#include "profile/EnvironmentPolicy.h"
#include "server/ServerConfig.h"

namespace rediscope {

// `rediscope lint-config`: the server.* checks that a configuration file can answer (run with
// no runtime facts) plus the config.* checks (CHECKS.md): TLS not configured, the key file's
// permissions, a key passphrase in the file, referenced certificate/key/CA files that do not
// exist. Every finding carries the file and line of the directive (line 1 of the main file
// when the finding is about a directive that is absent). Reads only the files the
// configuration names (existence and mode); never their contents.
QList<Finding> lintConfig(const ServerConfig& config, const EnvironmentPolicy& policy);

// Where lint-config looks for a path named in the configuration. Absolute paths are used as
// they are. A relative path is resolved as the server would if it were started from the
// directory of the main configuration file: redis-server resolves TLS paths against its
// working directory, which is `dir` when the file sets one (it chdir()s there while reading the
// configuration) — so against `dir` when set (itself relative to the configuration's
// directory), else the configuration's directory. Dragonfly opens them relative to its working
// directory: the flag file's directory here. Findings about a relative path say so.
QString resolveConfigPath(const ServerConfig& config, const QString& path);

} // namespace rediscope
