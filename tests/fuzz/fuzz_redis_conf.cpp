// Configuration lint: redis.conf (also Valkey's and KeyDB's), read as redis-server reads it and
// linted as `rediscope lint-config` does.

#include "FuzzConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return rediscope::fuzz::lintOne(data, size, rediscope::ServerKind::Redis);
}
