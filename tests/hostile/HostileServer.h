#pragma once

#include "HostilePki.h"

#include <QHash>
#include <QStringList>
#include <memory>

namespace rediscope::hostile {

// The hostile server harness (hostile_server.py, Python 3 standard library): one process that
// serves every behaviour on its own port of 127.0.0.1. Started with the parent-death signal set,
// so a test that crashes or is killed takes it along; stopped (and reaped) on destruction.
class HostileServer
{
public:
    // Generates the certificates into `workDirectory`, starts the process and waits until it has
    // written its ready file (the behaviour → port map).
    static Result<std::unique_ptr<HostileServer>> start(const QString& workDirectory);
    ~HostileServer();
    HostileServer(const HostileServer&) = delete;
    HostileServer& operator=(const HostileServer&) = delete;

    void stop();

    // Every behaviour the harness serves, in its order.
    QStringList behaviours() const { return m_order; }
    // The port of a behaviour; 0 when there is no such behaviour.
    quint16 port(const QString& behaviour) const { return m_ports.value(behaviour); }
    // The CA that signs every certificate the TLS behaviours present.
    QString caFile() const { return m_pki.caFile(); }
    qint64 pid() const { return m_pid; }

private:
    HostileServer() = default;
    HostilePki m_pki;
    qint64 m_pid = -1;
    QHash<QString, quint16> m_ports;
    QStringList m_order;
};

} // namespace rediscope::hostile
