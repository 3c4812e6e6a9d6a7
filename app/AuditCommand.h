#pragma once

#include <QStringList>

namespace rediscope {

// `rediscope audit [<url>...] [--profiles FILE] …`: returns the process exit status
// (0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input).
int runAudit(const QStringList& arguments);

} // namespace rediscope
