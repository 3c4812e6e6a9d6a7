#include "CoreDumps.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace rediscope {

Result<void> disableCoreDumps()
{
    const rlimit none{0, 0};
    if (::setrlimit(RLIMIT_CORE, &none) != 0)
        return fail(ErrorCode::IoError, Stage::None,
                    QStringLiteral("Could not turn core dumps off (setrlimit RLIMIT_CORE)."),
                    QString::fromLocal8Bit(std::strerror(errno)));
#if defined(Q_OS_LINUX)
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return fail(ErrorCode::IoError, Stage::None,
                    QStringLiteral("Could not mark the process as not dumpable (prctl)."),
                    QString::fromLocal8Bit(std::strerror(errno)));
#endif
    return {};
}

} // namespace rediscope
