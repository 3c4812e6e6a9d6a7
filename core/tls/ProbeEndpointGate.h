#pragma once

#include "common/CancelToken.h"
#include "common/Deadline.h"

#include <QString>

namespace rediscope::probe {

// A bounded number of connections to one endpoint at a time, process-wide (an audit may probe
// several profiles that point at the same server concurrently). Holds one of the endpoint's
// places from construction to destruction; false when none came free before the cancel or the
// deadline.
class ProbeEndpointGate
{
public:
    // `key`: the endpoint ("host:port"); `cap`: how many may be open, all probes together, for
    // this one to open another.
    ProbeEndpointGate(QString key, int cap, const CancelToken& cancel, const Deadline& deadline);
    ~ProbeEndpointGate();
    ProbeEndpointGate(const ProbeEndpointGate&) = delete;
    ProbeEndpointGate& operator=(const ProbeEndpointGate&) = delete;
    explicit operator bool() const { return m_held; }

private:
    QString m_key;
    bool m_held = false;
};

} // namespace rediscope::probe
