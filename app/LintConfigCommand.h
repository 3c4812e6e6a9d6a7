#pragma once

#include <QStringList>

namespace rediscope {

// `rediscope lint-config FILE [--kind …] [--format …]`: returns the process exit status
// (0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable file).
int runLintConfig(const QStringList& arguments);

} // namespace rediscope
