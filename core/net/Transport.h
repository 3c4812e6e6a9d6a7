#pragma once

#include "common/Deadline.h"
#include "common/Error.h"

#include <QByteArray>

namespace rediscope {

// A byte stream with deadlines: a plain TCP socket or a TLS session over one. Errors carry no
// stage; the caller knows which stage it is in.
class Transport
{
public:
    virtual ~Transport() = default;

    // Reads at least one byte (up to `capacity`). End of stream is an error (ConnectionClosed).
    virtual Result<qsizetype> readSome(char* buffer, qsizetype capacity,
                                       const Deadline& deadline) = 0;
    virtual Result<void> writeAll(const char* data, qsizetype size, const Deadline& deadline) = 0;
    virtual void close() = 0;
};

} // namespace rediscope
