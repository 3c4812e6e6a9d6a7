#pragma once

#include "net/RespReader.h"
#include "net/RespValue.h"
#include "net/Transport.h"

namespace rediscope {

// RESP2 commands over a Transport (plain TCP or TLS); RespReader decodes the replies.
class RespConnection
{
public:
    explicit RespConnection(Transport& transport);
    ~RespConnection();
    RespConnection(const RespConnection&) = delete;
    RespConnection& operator=(const RespConnection&) = delete;

    // Sends one command and reads its reply. A -ERR reply is a value, not an error; errors are
    // transport or protocol failures.
    Result<RespValue> command(const QList<QByteArray>& arguments, const Deadline& deadline);

    // Sends several commands in one write and reads their replies, in order (pipelining). Fails
    // as a whole on the first transport or protocol error.
    Result<QList<RespValue>> pipeline(const QList<QList<QByteArray>>& commands,
                                      const Deadline& deadline);

    // Largest reply accepted, in bytes; a bigger one is a protocol error (default 64 MiB).
    void setMaxReplyBytes(qsizetype bytes) { m_reader.setMaxReplyBytes(bytes); }

private:
    Result<RespValue> readReply(const Deadline& deadline);

    Transport& m_transport;
    RespReader m_reader;
};

} // namespace rediscope
