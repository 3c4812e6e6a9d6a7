#pragma once

#include "common/CancelToken.h"
#include "inspect/InspectResult.h"

#include <memory>
#include <optional>

namespace rediscope {

class Session;

// The connection a controller's worker uses for one profile: opened on first use with the
// staged connect (Inspector::open: TLS, verification, hostname check, AUTH, SELECT), reopened
// after it broke. The controller and the worker running on it share it through a shared_ptr;
// the controller runs at most one worker on it at a time, so its members are only touched by
// that worker. cancel() may be called from any thread: the command in progress stops, and the
// connection is retired (the controller makes a fresh one for what follows).
class WorkerConnection
{
public:
    explicit WorkerConnection(InspectRequest request);
    ~WorkerConnection(); // closes the session and wipes the password
    WorkerConnection(const WorkerConnection&) = delete;
    WorkerConnection& operator=(const WorkerConnection&) = delete;

    // Worker thread: the open session, connecting first when there is none. When a connection
    // was made now, `opened` receives what the staged connect observed.
    Result<Session*> session(std::optional<InspectResult>* opened = nullptr);
    // Worker thread: forget the session (after an error); the next call reconnects.
    void drop();
    // Worker thread: the database to select when reconnecting (after a successful SELECT).
    void setDatabase(int db) { m_request.endpoint.db = db; }

    void cancel() const { m_cancel.cancel(); }
    bool isCancelled() const { return m_cancel.isCancelled(); }
    const CancelToken& cancelToken() const { return m_cancel; }

private:
    InspectRequest m_request;
    CancelToken m_cancel;
    std::unique_ptr<Session> m_session;
};

} // namespace rediscope
