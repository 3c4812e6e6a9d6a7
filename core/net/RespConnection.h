#pragma once

#include "net/RespValue.h"
#include "net/Transport.h"

#include <memory>

namespace rediscope {

// RESP2 commands over a Transport (plain TCP or TLS), hiredis as the codec.
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

    // Largest reply accepted, in bytes; a bigger one is a protocol error (default 64 MiB).
    void setMaxReplyBytes(qsizetype bytes) { m_maxReplyBytes = bytes; }

private:
    Result<RespValue> readReply(const Deadline& deadline);

    Transport& m_transport;
    struct Reader;
    std::unique_ptr<Reader> m_reader;
    qsizetype m_maxReplyBytes = 64 * 1024 * 1024;
};

} // namespace rediscope
