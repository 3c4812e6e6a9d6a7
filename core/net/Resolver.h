#pragma once

#include "common/CancelToken.h"
#include "common/Deadline.h"
#include "common/Error.h"
#include "net/SocketAddress.h"

namespace rediscope {

// Name resolution with a deadline. getaddrinfo() itself cannot be interrupted, so the lookup runs
// on a helper thread and an abandoned lookup finishes in the background without blocking anyone.
class Resolver
{
public:
    static Result<QList<SocketAddress>>
    resolve(const QString& host, quint16 port, const Deadline& deadline, const CancelToken& cancel);
};

} // namespace rediscope
