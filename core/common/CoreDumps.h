#pragma once

#include "common/Error.h"

namespace rediscope {

// Makes sure a crash never writes the process's memory — passwords, key passphrases, private
// keys — to a core file, and that other processes of the same user cannot read it through
// ptrace or /proc/PID/mem: RLIMIT_CORE 0 (soft and hard, so it cannot be raised again) and
// PR_SET_DUMPABLE 0. Called first thing in main(), before any secret is loaded; the effect lasts
// for the life of the process (a child that exec()s starts afresh).
Result<void> disableCoreDumps();

} // namespace rediscope
