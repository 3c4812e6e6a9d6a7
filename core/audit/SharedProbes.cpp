#include "SharedProbes.h"

namespace rediscope {

Result<ProbeResult> SharedProbes::probe(const ProbeOptions& options, const CancelToken& cancel,
                                        const QString& requester, const Progress& progress)
{
    const Key key{options.host.toLower(), options.port, options.sni.toLower()};
    std::promise<Result<ProbeResult>> promise;
    Entry existing;
    bool runHere = false;
    {
        std::lock_guard lock(m_mutex);
        auto found = m_entries.find(key);
        if (found == m_entries.end()) {
            m_entries.emplace(key, Entry{requester, promise.get_future().share()});
            runHere = true;
        } else {
            existing = found->second;
        }
    }
    if (runHere) {
        Result<ProbeResult> result = Probe::run(options, cancel, progress);
        promise.set_value(result);
        return result;
    }
    Result<ProbeResult> result = existing.result.get();
    if (result)
        result->notes << QStringLiteral("Probed once in this run, for %1: every profile that "
                                        "points at %2:%3 shares that probe.")
                             .arg(existing.firstRequester.isEmpty()
                                      ? QStringLiteral("another target")
                                      : existing.firstRequester,
                                  options.host)
                             .arg(options.port);
    return result;
}

} // namespace rediscope
