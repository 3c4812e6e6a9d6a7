#pragma once

#include "common/Error.h"
#include "profile/ProfileImport.h"

#include <QString>

namespace rediscope {

// redis-cli command lines, one profile per line (backslash-newline continues a line; '#' starts
// a comment). Words are split as a POSIX shell does (see ShellWords.h); nothing is expanded.
// Each line may start with environment assignments and with "redis-cli" (or valkey-cli,
// keydb-cli, or a path to one); words before the program ("docker exec -it cache") are skipped
// with a warning. Options are read as redis-cli 7.x reads them (redis-cli.c, parseOptions):
// options first, and the first word that is not an option starts the command.
//
// Mapped: -h, -p, -n, -t, --user, -a/--pass, REDISCLI_AUTH=..., --askpass, -u URI, --tls, --sni,
// --cacert, --cacertdir, --cert, --key, --insecure (chain and host name unchecked),
// --tls-ciphers, --tls-ciphersuites. A password given as "$VAR" or "${VAR}" becomes
// SecretRef::env(VAR); one produced by a command substitution becomes SecretRef::prompt();
// --askpass makes it SecretRef::prompt() and, as in redis-cli, overrides -a and REDISCLI_AUTH.
// Output options (--raw, --no-raw, --csv, --json, -x, -r, -i, -d, -D, -e, ...) are ignored
// silently; modes (--stat, --scan, --bigkeys, --cluster ...), -c, -s, -3, -4/-6, a command after
// the options and anything after a shell operator (| ; & >) become warnings. An option redis-cli
// does not know, or a missing option value, is an error naming the line.
Result<ImportResult> importRedisCli(const QString& text);

} // namespace rediscope
