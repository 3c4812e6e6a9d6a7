#pragma once

#include "common/CancelToken.h"
#include "net/RespConnection.h"

#include <memory>

namespace rediscope {

// An open, authenticated connection kept for further commands: the transport (TCP or TLS) and
// a RESP connection over it. Inspector::open makes one after the staged connect.
//
// Used by one thread at a time. cancel() may be called from any thread: it stops a command in
// progress within the socket's polling interval. After a transport or protocol error (or a
// cancel) the state of the stream is unknown, so the session closes itself; open a new one.
class Session
{
public:
    Session(std::unique_ptr<Transport> transport, CancelToken cancel);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // One command and its reply. A -ERR reply is a value; errors are transport failures.
    Result<RespValue> command(const QList<QByteArray>& arguments, const Deadline& deadline);
    // Several commands in one write, their replies in order.
    Result<QList<RespValue>> pipeline(const QList<QList<QByteArray>>& commands,
                                      const Deadline& deadline);

    bool isOpen() const { return m_transport != nullptr; }
    void close();
    void cancel() const { m_cancel.cancel(); }
    const CancelToken& cancelToken() const { return m_cancel; }

private:
    template <typename T>
    Result<T> checked(Result<T> result);

    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<RespConnection> m_connection;
    CancelToken m_cancel;
};

} // namespace rediscope
