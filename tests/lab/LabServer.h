#pragma once

#include "LabPki.h"
#include "LabScenario.h"
#include "inspect/InspectRequest.h"

#include <memory>

namespace rediscope::lab {

// One running redis-server for a scenario. Started with the parent-death signal set, so a test
// that crashes or is killed takes its servers with it; stopped (and reaped) on destruction.
class LabServer
{
public:
    enum class Lifetime
    {
        DiesWithParent, // tests: never outlive the process that started them
        Detached,       // `lab up`: keep running until `lab down`
    };

    static Result<std::unique_ptr<LabServer>> start(const LabPki& pki, const LabScenario& scenario,
                                                    const QString& workDirectory,
                                                    Lifetime lifetime = Lifetime::DiesWithParent);
    ~LabServer();
    LabServer(const LabServer&) = delete;
    LabServer& operator=(const LabServer&) = delete;

    void stop();
    void release() { m_pid = -1; } // forget the process without stopping it (`lab up`)

    const LabScenario& scenario() const { return m_scenario; }
    qint64 pid() const { return m_pid; }
    quint16 tlsPort() const { return m_tlsPort; }         // 0 when the scenario has no TLS
    quint16 plaintextPort() const { return m_plainPort; } // 0 when it has none
    QString logFile() const { return m_logFile; }

    // A request for this server as a well-configured client would make it: TLS with the lab CA
    // (when the scenario has TLS), the lab password, 127.0.0.1.
    InspectRequest request(const LabPki& pki) const;

private:
    LabServer() = default;
    LabScenario m_scenario;
    qint64 m_pid = -1;
    quint16 m_tlsPort = 0;
    quint16 m_plainPort = 0;
    QString m_logFile;
};

// A free TCP port on 127.0.0.1, as the kernel hands it out.
quint16 freePort();

} // namespace rediscope::lab
