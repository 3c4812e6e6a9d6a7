#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace rediscope {

// A redis:// or rediss:// URL:
//     redis[s]://[user[:password]@]host[:port][/db][?key=value&...]
// The scheme is case-insensitive; the default port is 6379 for both schemes. User, password and
// query items are percent-decoded. The password is split at the *last* '@', so a raw '@' (or
// ':', '/', '?', '#') in a password is accepted; a '@' in a query value must be written %40.
// Error messages never contain the password.
struct RedisUrl
{
    bool tls = false;         // rediss://
    QString username;         // percent-decoded, empty when absent
    QByteArray password;      // percent-decoded secret; hasPassword tells whether one was given
    bool hasPassword = false; // false for an empty password ("redis://user:@host")
    QString host;             // without brackets for IPv6; DNS names lower-case (IDN as ACE)
    quint16 port = 6379;
    int db = 0;
    QList<std::pair<QString, QString>> query; // ?key=value items, decoded, in order

    // The largest database number accepted; anything above is taken for a typo.
    static constexpr int maxDb = 1000000;

    static Result<RedisUrl> parse(const QString& text);
    // Canonical form: scheme://[user@]host:port[/db][?query]; the port is always written, the db
    // only when it is not 0. NEVER includes the password. IPv6 hosts are bracketed.
    QString toString() const;
};

} // namespace rediscope
