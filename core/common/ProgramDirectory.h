#pragma once

#include <QDir>

namespace rediscope {

// The folder of the running program's executable (symbolic links resolved), from which the
// program finds what was installed beside it — the desktop app, the keychain module — in the build
// tree and in its installed place alike. Needs no QCoreApplication.
QDir programDirectory();

} // namespace rediscope
