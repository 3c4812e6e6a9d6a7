#pragma once

#include "common/CancelToken.h"
#include "common/Deadline.h"
#include "inspect/InspectResult.h"

#include <functional>
#include <memory>

namespace rediscope {

class RespConnection;
class Session;

// Runs one staged connection: resolve → TCP → TLS handshake → chain verification → hostname
// check → AUTH → PING → INFO (HELLO 2, then INFO). Blocking; call it off the GUI thread. Every
// stage is timed, and the first failure is diagnosed in words. Credentials are only sent once the
// chain and the hostname have passed the checks the request requires.
class Inspector
{
public:
    // Runs once the INFO stage named the server (from INFO, or from HELLO when INFO is refused),
    // on the same authenticated connection (the audit reads the server's configuration there).
    using AfterInfo = std::function<void(RespConnection& connection, const Deadline& deadline,
                                         const ServerIdentity& identity)>;

    static InspectResult run(const InspectRequest& request, const CancelToken& cancel = {},
                             const AfterInfo& afterInfo = {});

    // The same staged connection, kept open for further commands (console, key browser). On
    // success (`error` empty) `session` holds the authenticated connection with the endpoint's
    // database selected; it watches `cancel`, so a cancelled token retires it.
    static InspectResult open(const InspectRequest& request, const CancelToken& cancel,
                              std::unique_ptr<Session>* session);

private:
    static InspectResult connect(const InspectRequest& request, const CancelToken& cancel,
                                 const AfterInfo& afterInfo, std::unique_ptr<Session>* keep);
};

} // namespace rediscope
