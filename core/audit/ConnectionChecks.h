#pragma once

#include "audit/Finding.h"
#include "inspect/InspectResult.h"

namespace rediscope {

// conn.*: the failed stage of a connection, diagnosed (CHECKS.md). At most one finding: the
// stage list shows the rest. Verification and hostname failures are cert.* findings instead.
QList<Finding> checkConnection(const InspectResult& result);

} // namespace rediscope
