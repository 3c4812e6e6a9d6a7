#pragma once

// A seeded database for the key browser tests: 120 strings, one of each collection type, a
// binary key, and one key with a TTL.

#include "LabTargets.h"

namespace rediscope::testing {

constexpr int KeysDb = 11;
constexpr int SeededUsers = 120;
constexpr int SeededKeys = SeededUsers + 6; // + hash, list, set, zset, stream, binary key
constexpr int SeededListLength = 300;

inline QByteArray userKey(int i)
{
    return "user:" + QByteArray::number(i).rightJustified(4, '0');
}

inline bool seedKeys()
{
    auto session =
        openDirect(labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
    if (!session)
        return false;
    QList<QList<QByteArray>> commands{{"FLUSHDB"}};
    for (int i = 1; i <= SeededUsers; ++i)
        commands << QList<QByteArray>{"SET", userKey(i), "name-" + QByteArray::number(i)};
    commands << QList<QByteArray>{"EXPIRE", userKey(1), "3600"};
    commands << QList<QByteArray>{"HSET", "h:profile", "name", "Ada",  "lang", "en",
                                  "city", "London",    "year", "1843", "role", "analyst"};
    QList<QByteArray> push{"RPUSH", "l:events"};
    for (int i = 0; i < SeededListLength; ++i)
        push << "event-" + QByteArray::number(i);
    commands << push;
    commands << QList<QByteArray>{"SADD", "s:tags", "red", "green", "blue"};
    commands << QList<QByteArray>{"ZADD", "z:scores", "3", "alice", "1", "bob", "2", "carol"};
    for (int i = 1; i <= 3; ++i)
        commands << QList<QByteArray>{
            "XADD", "x:log",   QByteArray::number(i) + "-0",           "level",
            "info", "message", "started step " + QByteArray::number(i)};
    commands << QList<QByteArray>{"SET", QByteArray("bin:\x00\xff", 6), "binary"};
    auto replies = session->pipeline(commands, Deadline::in(std::chrono::seconds(10)));
    if (!replies)
        return false;
    for (const RespValue& reply : std::as_const(*replies))
        if (reply.isError()) {
            qWarning("seeding failed: %s", reply.text.constData());
            return false;
        }
    return true;
}

inline void flushKeys()
{
    auto session =
        openDirect(labTarget(QStringLiteral("good"), QStringLiteral("development"), KeysDb));
    if (session)
        directCommand(*session, {"FLUSHDB"});
}

} // namespace rediscope::testing
