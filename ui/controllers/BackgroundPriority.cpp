#include "BackgroundPriority.h"

#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace rediscope {

void lowerThisThreadPriority()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    // On Linux the nice value belongs to the thread: PRIO_PROCESS with a thread id.
    const auto thread = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, thread);
    if (current == -1 && errno != 0)
        return; // left as it is: a priority is a courtesy, never a reason to fail the work
    ::setpriority(PRIO_PROCESS, thread, current + BackgroundNiceIncrement);
}

} // namespace rediscope
