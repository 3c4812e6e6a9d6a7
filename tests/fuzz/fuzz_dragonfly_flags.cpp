// Configuration lint: a Dragonfly flag file (Abseil flag-file rules), linted as
// `rediscope lint-config` does.

#include "FuzzConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return rediscope::fuzz::lintOne(data, size, rediscope::ServerKind::Dragonfly);
}
