#pragma once

#include "common/CancelToken.h"
#include "common/Deadline.h"
#include "inspect/InspectResult.h"

#include <functional>

namespace rediscope {

class RespConnection;

// Runs one staged connection: resolve → TCP → TLS handshake → chain verification → hostname
// check → AUTH → PING → INFO. Blocking; call it off the GUI thread. Every stage is timed, and
// the first failure is diagnosed in words. Credentials are only sent once the chain and the
// hostname have passed the checks the request requires.
class Inspector
{
public:
    // Runs after INFO succeeded, on the same authenticated connection (the audit reads the
    // server's configuration there).
    using AfterInfo = std::function<void(RespConnection& connection, const Deadline& deadline)>;

    static InspectResult run(const InspectRequest& request, const CancelToken& cancel = {},
                             const AfterInfo& afterInfo = {});
};

} // namespace rediscope
