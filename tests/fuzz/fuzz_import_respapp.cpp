// Profile import: RESP.app / RedisDesktopManager connections.json.

#include "FuzzImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return rediscope::fuzz::importOne(data, size, QStringLiteral("respapp"));
}
