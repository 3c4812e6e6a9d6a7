#pragma once

#include "common/CancelToken.h"
#include "common/Error.h"
#include "tls/Probe.h"
#include "tls/ProbeResult.h"

#include <QString>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <tuple>

namespace rediscope {

// One active probe per endpoint in one audit run. The probe sends no credentials and no client
// certificate, so what it finds depends on the endpoint alone — host, port and the server name it
// sends — and every profile that points at the same one gets the same answer: the first to ask
// probes, the others wait for it (or take it when it is done). A fleet of profiles over a few
// servers then costs the servers one probe each, not one per profile.
class SharedProbes
{
public:
    using Progress = std::function<void(int done, int total)>;

    // The probe of options' endpoint: run here when no target of this run asked for it yet,
    // otherwise the one that did (its result gets a note naming `requester`'s predecessor).
    Result<ProbeResult> probe(const ProbeOptions& options, const CancelToken& cancel,
                              const QString& requester, const Progress& progress);

private:
    using Key = std::tuple<QString, quint16, QString>;
    struct Entry
    {
        QString firstRequester;
        std::shared_future<Result<ProbeResult>> result;
    };

    std::mutex m_mutex;
    std::map<Key, Entry> m_entries;
};

} // namespace rediscope
