#pragma once

#include <QStringList>

namespace rediscope {

// `rediscope dev-pki --out DIR ...`: a local CA, server (and client) certificates, the matching
// redis.conf and Dragonfly flags, and optionally a profile. Returns the process exit status
// (0 written, 1 could not be written, 2 bad usage).
int runDevPki(const QStringList& arguments);

} // namespace rediscope
