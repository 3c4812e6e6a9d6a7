#include "Probe.h"

#include "tls/ProbeRun.h"

namespace rediscope {

Result<ProbeResult> Probe::run(const ProbeOptions& options, const CancelToken& cancel,
                               std::function<void(int done, int total)> progress)
{
    probe::ProbeRun run(options, cancel);
    return run.execute(progress);
}

} // namespace rediscope
