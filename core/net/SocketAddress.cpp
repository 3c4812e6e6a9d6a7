#include "SocketAddress.h"

#include <arpa/inet.h>

namespace rediscope {

QString SocketAddress::toString() const
{
    if (ipv6)
        return QLatin1Char('[') + ip + QStringLiteral("]:") + QString::number(port);
    return ip + QLatin1Char(':') + QString::number(port);
}

bool isIpLiteral(const QString& host)
{
    const QByteArray text = host.toLatin1();
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, text.constData(), buffer) == 1 ||
           inet_pton(AF_INET6, text.constData(), buffer) == 1;
}

} // namespace rediscope
