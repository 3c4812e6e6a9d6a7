#pragma once

#include "common/Error.h"
#include "inspect/InspectRequest.h"
#include "server/ServerIdentity.h"
#include "tls/TlsFacts.h"

#include <optional>

namespace rediscope {

struct StageResult
{
    enum class Status
    {
        Ok,      // the stage succeeded
        Warning, // it did not succeed, but the profile allows going on (e.g. verification off)
        Failed,  // the connection stopped here
        Skipped, // nothing to do (e.g. no credentials)
    };

    Stage stage = Stage::None;
    Status status = Status::Ok;
    double ms = 0.0;
    QString message;

    bool ok() const { return status == Status::Ok || status == Status::Skipped; }
};

// What one staged connection observed.
struct InspectResult
{
    Endpoint endpoint;
    QString sni;  // what was sent, empty when none
    QString peer; // the address that answered, "127.0.0.1:6379"
    QString environment;
    QList<StageResult> stages;
    std::optional<TlsFacts> tls;
    std::optional<ServerIdentity> server;
    std::optional<Error> error; // the failure that stopped the connection, if any
    double totalMs = 0.0;

    // True when every stage that ran succeeded (warnings count as not succeeded).
    bool allStagesOk() const;
    const StageResult* stage(Stage which) const;
};

} // namespace rediscope
