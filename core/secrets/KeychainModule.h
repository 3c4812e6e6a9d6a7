#pragma once

#include "common/Error.h"
#include "secrets/KeychainModuleApi.h"

namespace rediscope {

// The keychain module's entry point, loaded on the first call (thread-safe; later calls return
// the same answer). Looked for in REDISCOPE_KEYCHAIN_MODULE when set (a file), else next to the
// program in the build tree (../lib) and in its installed place (lib/…/rediscope). A missing or
// broken module is an error that names the places looked at.
Result<keychain::StartJob> keychainModule();

} // namespace rediscope
