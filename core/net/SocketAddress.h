#pragma once

#include <QList>
#include <QString>

namespace rediscope {

// One resolved address: numeric IP text, family and port.
struct SocketAddress
{
    QString ip;
    bool ipv6 = false;
    quint16 port = 0;

    // "127.0.0.1:6379" or "[::1]:6379"
    QString toString() const;
};

// True when the text is a literal IPv4 or IPv6 address (no resolution needed).
bool isIpLiteral(const QString& host);

} // namespace rediscope
