#pragma once

#include "common/CancelToken.h"
#include "inspect/InspectResult.h"

namespace rediscope {

// Runs one staged connection: resolve → TCP → TLS handshake → chain verification → hostname
// check → AUTH → PING → INFO. Blocking; call it off the GUI thread. Every stage is timed, and
// the first failure is diagnosed in words. Credentials are only sent once the chain and the
// hostname have passed the checks the request requires.
class Inspector
{
public:
    static InspectResult run(const InspectRequest& request, const CancelToken& cancel = {});
};

} // namespace rediscope
