#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace rediscope {

// One INFO field with the section it appeared in ("Server", "Clients", …; empty before any
// section header).
struct InfoField
{
    QString section;
    QString name;
    QString value;
};

// Which Redis-protocol server answered, from its INFO reply (and its HELLO reply, which an ACL user
// without +info may still send).
struct ServerIdentity
{
    QString kind = QStringLiteral("unknown"); // redis, valkey, dragonfly, keydb, unknown
    QString version;                          // "7.0.15"
    QString mode;                             // standalone, cluster, sentinel
    QString role;                             // master, replica
    QHash<QString, QString> info;             // every INFO field, for later checks
    QList<InfoField> infoFields;              // the same fields in reply order, with sections

    QString displayName() const; // "Redis 7.0.15 (standalone, master)"

    static QHash<QString, QString> parseInfo(const QByteArray& text);
    static QList<InfoField> parseInfoFields(const QByteArray& text);
    static ServerIdentity fromInfo(const QByteArray& text);
    // From the fields of a `HELLO 2` reply ("server", "version", "proto", "id", "mode", "role",
    // …); `info` stays empty.
    static ServerIdentity fromHello(const QHash<QString, QString>& hello);
    // Completes an identity read from INFO with HELLO's: INFO is authoritative (Dragonfly's HELLO
    // says "redis"); HELLO fills what INFO left unknown, and names Valkey where INFO only looked
    // like Redis.
    void mergeHello(const ServerIdentity& hello);
};

} // namespace rediscope
