#include "ProbeEndpointGate.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

namespace rediscope::probe {

namespace {

// Connections open per endpoint, all probes of the process together.
struct OpenConnections
{
    std::mutex mutex;
    std::condition_variable changed;
    std::map<QString, int> counts;
};

OpenConnections& openConnections()
{
    static OpenConnections instance;
    return instance;
}

} // namespace

ProbeEndpointGate::ProbeEndpointGate(QString key, int cap, const CancelToken& cancel,
                                     const Deadline& deadline)
    : m_key(std::move(key))
{
    OpenConnections& open = openConnections();
    std::unique_lock lock(open.mutex);
    for (;;) {
        int& used = open.counts[m_key];
        if (used < cap) {
            ++used;
            m_held = true;
            return;
        }
        if (cancel.isCancelled() || deadline.expired())
            return;
        open.changed.wait_for(lock, std::chrono::milliseconds(50));
    }
}

ProbeEndpointGate::~ProbeEndpointGate()
{
    if (!m_held)
        return;
    OpenConnections& open = openConnections();
    std::lock_guard lock(open.mutex);
    auto it = open.counts.find(m_key);
    if (it != open.counts.end() && --it->second <= 0)
        open.counts.erase(it);
    open.changed.notify_all();
}

} // namespace rediscope::probe
