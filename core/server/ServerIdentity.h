#pragma once

#include <QHash>
#include <QString>

namespace rediscope {

// Which Redis-protocol server answered, from its INFO reply.
struct ServerIdentity
{
    QString kind = QStringLiteral("unknown"); // redis, valkey, dragonfly, keydb, unknown
    QString version;                          // "7.0.15"
    QString mode;                             // standalone, cluster, sentinel
    QString role;                             // master, replica
    QHash<QString, QString> info;             // every INFO field, for later checks

    QString displayName() const; // "Redis 7.0.15 (standalone, master)"

    static QHash<QString, QString> parseInfo(const QByteArray& text);
    static ServerIdentity fromInfo(const QByteArray& text);
};

} // namespace rediscope
