#pragma once

#include "LabPki.h"
#include "LabServer.h"

#include <QHash>
#include <QTemporaryDir>

namespace rediscope::lab {

// The lab of one test process: a temporary directory with freshly generated PKI, and servers
// started on first use and stopped when the process ends (or killed with it if it dies).
class LabEnvironment
{
public:
    static LabEnvironment& shared();

    // Empty string when ready, otherwise why the lab could not be set up.
    QString setupError() const { return m_error; }
    const LabPki& pki() const { return m_pki; }
    QString directory() const { return m_directory.path(); }

    // The running server for a scenario (started now if needed), or nullptr with `error` set.
    LabServer* server(const QString& scenario, QString* error = nullptr);

private:
    LabEnvironment();
    QTemporaryDir m_directory;
    LabPki m_pki;
    QString m_error;
    QHash<QString, std::shared_ptr<LabServer>> m_servers;
};

} // namespace rediscope::lab
