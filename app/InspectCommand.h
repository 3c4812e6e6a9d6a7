#pragma once

#include <QStringList>

namespace rediscope {

// `rediscope inspect <url> [options]`: returns the process exit status.
int runInspect(const QStringList& arguments);

} // namespace rediscope
