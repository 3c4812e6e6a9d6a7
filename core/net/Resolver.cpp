#include "Resolver.h"

#include <arpa/inet.h>
#include <condition_variable>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>

namespace rediscope {

namespace {

struct Lookup
{
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int status = 0;
    QList<SocketAddress> addresses;
};

void runLookup(const std::shared_ptr<Lookup>& lookup, const QByteArray& host, quint16 port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* list = nullptr;
    const int status = getaddrinfo(host.constData(), nullptr, &hints, &list);
    QList<SocketAddress> addresses;
    for (addrinfo* it = list; status == 0 && it; it = it->ai_next) {
        char text[INET6_ADDRSTRLEN] = {};
        SocketAddress address;
        address.port = port;
        if (it->ai_family == AF_INET) {
            inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(it->ai_addr)->sin_addr, text,
                      sizeof text);
        } else if (it->ai_family == AF_INET6) {
            inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(it->ai_addr)->sin6_addr, text,
                      sizeof text);
            address.ipv6 = true;
        } else {
            continue;
        }
        address.ip = QString::fromLatin1(text);
        bool seen = false;
        for (const SocketAddress& other : std::as_const(addresses))
            seen = seen || other.ip == address.ip;
        if (!seen)
            addresses.append(address);
    }
    if (list)
        freeaddrinfo(list);
    std::lock_guard lock(lookup->mutex);
    lookup->status = status;
    lookup->addresses = std::move(addresses);
    lookup->finished = true;
    lookup->done.notify_all();
}

} // namespace

Result<QList<SocketAddress>> Resolver::resolve(const QString& host, quint16 port,
                                               const Deadline& deadline, const CancelToken& cancel)
{
    if (host.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::Resolve, QStringLiteral("No host given."));
    if (isIpLiteral(host))
        return QList<SocketAddress>{SocketAddress{host, host.contains(QLatin1Char(':')), port}};
    // RFC 6761 §6.3: localhost names are the loopback addresses, whatever the resolver says
    // (minimal systems and containers often have no /etc/hosts entry for them).
    const QString lower = host.toLower();
    if (lower == QLatin1String("localhost") || lower.endsWith(QLatin1String(".localhost")))
        return QList<SocketAddress>{SocketAddress{QStringLiteral("127.0.0.1"), false, port},
                                    SocketAddress{QStringLiteral("::1"), true, port}};

    auto lookup = std::make_shared<Lookup>();
    std::thread(runLookup, lookup, host.toUtf8(), port).detach();

    std::unique_lock lock(lookup->mutex);
    while (!lookup->finished) {
        if (cancel.isCancelled())
            return fail(ErrorCode::Cancelled, Stage::Resolve, QStringLiteral("Cancelled."));
        if (deadline.expired())
            return fail(ErrorCode::Timeout, Stage::Resolve,
                        QStringLiteral("Looking up %1 took longer than the timeout; check the "
                                       "name and your DNS server.")
                            .arg(host));
        const int slice = deadline.isNever() ? 50 : std::min(50, deadline.remainingMs());
        lookup->done.wait_for(lock, std::chrono::milliseconds(std::max(slice, 1)));
    }
    if (lookup->status != 0) {
        const QString detail = QString::fromLocal8Bit(gai_strerror(lookup->status));
        if (lookup->status == EAI_NONAME || lookup->status == EAI_NODATA)
            return fail(ErrorCode::ResolveFailed, Stage::Resolve,
                        QStringLiteral("The name %1 does not resolve; check the spelling or use "
                                       "an IP address.")
                            .arg(host),
                        detail);
        return fail(ErrorCode::ResolveFailed, Stage::Resolve,
                    QStringLiteral("Could not look up %1.").arg(host), detail);
    }
    if (lookup->addresses.isEmpty())
        return fail(ErrorCode::ResolveFailed, Stage::Resolve,
                    QStringLiteral("The name %1 has no usable address.").arg(host));
    return lookup->addresses;
}

} // namespace rediscope
