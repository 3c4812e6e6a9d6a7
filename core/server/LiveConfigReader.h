#pragma once

#include "audit/ServerChecks.h"
#include "common/Deadline.h"
#include "server/ServerConfig.h"
#include "server/ServerIdentity.h"

namespace rediscope {

class RespConnection;

// Reads the TLS- and access-related settings of a live server with targeted CONFIG GET calls
// (never `CONFIG GET *`, never a secret such as requirepass or masterauth), plus INFO and ACL
// facts, on an established connection. Refusals are recorded, not errors.
struct LiveServerFacts
{
    ServerConfig config;
    RuntimeFacts runtime;
};

LiveServerFacts readLiveServer(RespConnection& connection, const Deadline& deadline,
                               const ServerIdentity& identity, bool authenticated);

} // namespace rediscope
