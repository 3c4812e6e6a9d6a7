// Profile import: Another Redis Desktop Manager export (base64 or plain JSON).

#include "FuzzImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return rediscope::fuzz::importOne(data, size, QStringLiteral("ardm"));
}
