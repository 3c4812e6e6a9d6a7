#pragma once

#include "audit/AuditTarget.h"

namespace rediscope {

// The application's preferences (Settings dialog), kept in QSettings under "settings/".
struct AppSettings
{
    bool probe = true;              // run the active TLS probe when auditing
    int probeParallelism = 0;       // probe connections per server; 0: automatic (by the link)
    int targetConcurrency = 4;      // servers audited at once by Audit All
    int defaultTimeoutSeconds = 10; // for new profiles

    static constexpr int MaxParallelism = 32;
    static constexpr int MaxTimeoutSeconds = 600;

    static AppSettings load();
    void save() const;

    AuditOptions auditOptions() const;

    bool operator==(const AppSettings&) const = default;
};

} // namespace rediscope
