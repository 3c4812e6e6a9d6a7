#pragma once

#include "audit/Finding.h"
#include "profile/EnvironmentPolicy.h"
#include "tls/ProbeResult.h"

namespace rediscope {

// tls.*: what the server accepts, from the active probe (CHECKS.md). Unknown results (nullopt)
// never produce a finding: no guessed values.
QList<Finding> checkTls(const ProbeResult& probe, const EnvironmentPolicy& policy);

// tls.client_auth.not_required from a plain connection when there is no probe: the handshake
// completed and no client certificate was sent.
QList<Finding> checkClientAuthFromHandshake(bool handshakeCompleted, bool clientCertSent,
                                            const EnvironmentPolicy& policy);

} // namespace rediscope
