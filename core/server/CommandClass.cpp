#include "CommandClass.h"

#include <QHash>

namespace rediscope {

namespace {

using Kind = CommandClass::Kind;

struct Entry
{
    Kind kind = Kind::Write;
    bool blocking = false;
    const char* reason = nullptr;
};

// Top-level commands. Container commands (CONFIG, CLIENT, …) have their default here and their
// subcommands in subcommandTable().
const QHash<QByteArray, Entry>& commandTable()
{
    static const QHash<QByteArray, Entry> table = [] {
        QHash<QByteArray, Entry> t;
        const auto add = [&t](const char* names, Entry entry) {
            for (const QByteArray& name : QByteArray(names).split(' '))
                t.insert(name, entry);
        };
        add("BITCOUNT BITFIELD_RO BITPOS DBSIZE DUMP ECHO EXISTS EXPIRETIME GEODIST GEOHASH "
            "GEOPOS GEORADIUS_RO GEORADIUSBYMEMBER_RO GEOSEARCH GET GETBIT GETRANGE HEXISTS HGET "
            "HGETALL HKEYS HLEN HMGET HRANDFIELD HSCAN HSTRLEN HVALS INFO KEYS LASTSAVE LCS "
            "LINDEX LLEN LOLWUT LPOS LRANGE MGET OBJECT PEXPIRETIME PFCOUNT PING PTTL RANDOMKEY "
            "ROLE SCAN SCARD SDIFF SINTER SINTERCARD SISMEMBER SMEMBERS SMISMEMBER SRANDMEMBER "
            "SSCAN STRLEN SUBSTR SUNION TIME TOUCH TTL TYPE XINFO XLEN XPENDING XRANGE XREVRANGE "
            "ZCARD ZCOUNT ZDIFF ZINTER ZINTERCARD ZLEXCOUNT ZMSCORE ZRANDMEMBER ZRANGE "
            "ZRANGEBYLEX ZRANGEBYSCORE ZRANK ZREVRANGE ZREVRANGEBYLEX ZREVRANGEBYSCORE ZREVRANK "
            "ZSCAN ZSCORE ZUNION SORT_RO EVAL_RO EVALSHA_RO FCALL_RO COMMAND MEMORY LATENCY "
            "SLOWLOG PUBSUB XREAD AUTH HELLO SELECT QUIT RESET READONLY READWRITE ASKING MULTI "
            "EXEC DISCARD WATCH UNWATCH",
            {Kind::ReadOnly});
        add("APPEND BITFIELD BITOP COPY DECR DECRBY DEL EXPIRE EXPIREAT GEOADD GEORADIUS "
            "GEORADIUSBYMEMBER GEOSEARCHSTORE GETDEL GETEX GETSET HDEL HINCRBY HINCRBYFLOAT "
            "HMSET HSET HSETNX INCR INCRBY INCRBYFLOAT LINSERT LMOVE LMPOP LPOP LPUSH LPUSHX "
            "LREM LSET LTRIM MIGRATE MOVE MSET MSETNX PERSIST PEXPIRE PEXPIREAT PFADD PFMERGE "
            "PSETEX PUBLISH SPUBLISH RENAME RENAMENX RESTORE RPOP RPOPLPUSH RPUSH RPUSHX SADD "
            "SDIFFSTORE SET SETBIT SETEX SETNX SETRANGE SINTERSTORE SMOVE SORT SPOP SREM "
            "SUNIONSTORE UNLINK XACK XADD XAUTOCLAIM XCLAIM XDEL XGROUP XREADGROUP XSETID XTRIM "
            "ZADD "
            "ZDIFFSTORE ZINCRBY ZINTERSTORE ZMPOP ZPOPMAX ZPOPMIN ZRANGESTORE ZREM "
            "ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZUNIONSTORE EVAL EVALSHA FCALL "
            "BGSAVE BGREWRITEAOF CONFIG CLIENT ACL SCRIPT FUNCTION MODULE",
            {Kind::Write});
        add("BLPOP BRPOP BRPOPLPUSH BLMOVE BLMPOP BZPOPMIN BZPOPMAX BZMPOP", {Kind::Write, true});
        add("WAIT WAITAOF", {Kind::ReadOnly, true});
        t.insert("FLUSHALL", {Kind::Dangerous, false, "deletes every key in every database"});
        t.insert("FLUSHDB", {Kind::Dangerous, false, "deletes every key in the current database"});
        t.insert("SHUTDOWN", {Kind::Dangerous, false, "stops the server"});
        t.insert("DEBUG",
                 {Kind::Dangerous, false, "can block, crash or alter the server (debugging)"});
        t.insert("REPLICAOF", {Kind::Dangerous, false,
                               "changes replication: the server may drop its data and copy "
                               "another server's"});
        t.insert("SLAVEOF", t.value("REPLICAOF"));
        t.insert("FAILOVER", {Kind::Dangerous, false, "hands the primary role to a replica"});
        t.insert("SWAPDB", {Kind::Dangerous, false, "swaps two databases for every client"});
        t.insert("SAVE", {Kind::Dangerous, false, "blocks the server while it writes a snapshot"});
        t.insert("CLUSTER", {Kind::Dangerous, false, "changes the cluster's configuration"});
        t.insert("PFDEBUG", {Kind::Dangerous, false, "alters HyperLogLog internals (debugging)"});
        const Entry streaming{Kind::Unsupported, false,
                              "switches the connection to a stream of messages that the console "
                              "cannot show; use redis-cli for it"};
        add("SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE MONITOR",
            streaming);
        add("SYNC PSYNC REPLCONF",
            {Kind::Unsupported, false, "is part of the replication protocol, not for a console"});
        return t;
    }();
    return table;
}

const QHash<QByteArray, Entry>& subcommandTable()
{
    static const QHash<QByteArray, Entry> table = [] {
        QHash<QByteArray, Entry> t;
        const auto add = [&t](const char* command, std::initializer_list<const char*> subs,
                              Entry entry) {
            for (const char* sub : subs)
                t.insert(QByteArray(command) + ' ' + sub, entry);
        };
        add("CONFIG", {"GET", "HELP"}, {Kind::ReadOnly});
        t.insert("CONFIG SET",
                 {Kind::Dangerous, false, "changes the server's configuration at runtime"});
        t.insert("CONFIG REWRITE",
                 {Kind::Dangerous, false, "rewrites the server's configuration file"});
        t.insert("CONFIG RESETSTAT", {Kind::Dangerous, false, "resets the server's statistics"});
        add("CLIENT",
            {"LIST", "INFO", "GETNAME", "ID", "TRACKINGINFO", "GETREDIR", "SETNAME", "SETINFO",
             "HELP"},
            {Kind::ReadOnly});
        add("CLIENT", {"NO-EVICT", "NO-TOUCH", "TRACKING", "CACHING", "UNBLOCK", "UNPAUSE"},
            {Kind::Write});
        t.insert("CLIENT KILL", {Kind::Dangerous, false, "disconnects other clients"});
        t.insert("CLIENT PAUSE", {Kind::Dangerous, false, "suspends every client"});
        t.insert("CLIENT REPLY", {Kind::Unsupported, false,
                                  "turns replies off, which a console waiting for them cannot "
                                  "follow"});
        add("ACL",
            {"CAT", "DRYRUN", "GENPASS", "GETUSER", "LIST", "LOG", "USERS", "WHOAMI", "HELP"},
            {Kind::ReadOnly});
        add("ACL", {"SETUSER", "DELUSER", "LOAD", "SAVE"},
            {Kind::Dangerous, false, "changes users and permissions"});
        add("SCRIPT", {"EXISTS", "HELP"}, {Kind::ReadOnly});
        t.insert("SCRIPT FLUSH", {Kind::Dangerous, false, "removes every cached script"});
        t.insert("SCRIPT KILL", {Kind::Dangerous, false, "kills the script that is running"});
        t.insert("SCRIPT DEBUG",
                 {Kind::Unsupported, false, "starts the Lua debugger; use redis-cli --ldb"});
        add("FUNCTION", {"LIST", "DUMP", "STATS", "HELP"}, {Kind::ReadOnly});
        t.insert("FUNCTION FLUSH", {Kind::Dangerous, false, "deletes every function library"});
        t.insert("FUNCTION KILL", {Kind::Dangerous, false, "kills the function that is running"});
        add("MODULE", {"LIST", "HELP"}, {Kind::ReadOnly});
        add("MODULE", {"LOAD", "LOADEX", "UNLOAD"},
            {Kind::Dangerous, false, "loads or unloads code in the server"});
        add("CLUSTER",
            {"INFO", "NODES", "SLOTS", "SHARDS", "MYID", "MYSHARDID", "KEYSLOT", "COUNTKEYSINSLOT",
             "GETKEYSINSLOT", "LINKS", "REPLICAS", "SLAVES", "COUNT-FAILURE-REPORTS", "HELP"},
            {Kind::ReadOnly});
        add("MEMORY", {"PURGE"}, {Kind::Write});
        add("LATENCY", {"RESET"}, {Kind::Write});
        add("SLOWLOG", {"RESET"}, {Kind::Write});
        return t;
    }();
    return table;
}

bool hasWord(const QList<QByteArray>& arguments, qsizetype from,
             std::initializer_list<const char*> words)
{
    for (qsizetype i = from; i < arguments.size(); ++i)
        for (const char* word : words)
            if (arguments.at(i).compare(word, Qt::CaseInsensitive) == 0)
                return true;
    return false;
}

} // namespace

CommandClass CommandClass::of(const QList<QByteArray>& arguments)
{
    CommandClass result;
    if (arguments.isEmpty())
        return result;
    const QByteArray command = arguments.constFirst().toUpper();
    result.m_name = QString::fromUtf8(command);

    const auto found = commandTable().constFind(command);
    if (found == commandTable().constEnd()) {
        result.m_reason = QStringLiteral("is not a command known to be read-only");
        return result;
    }
    Entry entry = *found;
    result.m_known = true;

    if (arguments.size() > 1) {
        const QByteArray full = command + ' ' + arguments.at(1).toUpper();
        if (const auto sub = subcommandTable().constFind(full);
            sub != subcommandTable().constEnd()) {
            entry = *sub;
            result.m_name = QString::fromUtf8(full);
        }
    }

    // Commands whose effect depends on their options.
    if (command == "ACL" && arguments.size() > 2 &&
        arguments.at(1).compare("LOG", Qt::CaseInsensitive) == 0 &&
        arguments.at(2).compare("RESET", Qt::CaseInsensitive) == 0)
        entry = {Kind::Write};
    if ((command == "SORT" || command == "GEORADIUS" || command == "GEORADIUSBYMEMBER") &&
        !hasWord(arguments, 2, {"STORE", "STOREDIST"}))
        entry = {Kind::ReadOnly};
    if ((command == "XREAD" || command == "XREADGROUP") && hasWord(arguments, 1, {"BLOCK"}))
        entry.blocking = true;
    if (command == "HELLO" && arguments.size() > 1 && arguments.at(1) != "2")
        entry = {Kind::Unsupported, false,
                 "asks for a protocol other than RESP2, which the console does not speak"};

    result.m_kind = entry.kind;
    result.m_blocking = entry.blocking;
    if (entry.reason)
        result.m_reason = QString::fromLatin1(entry.reason);
    return result;
}

QStringList CommandClass::commandNames()
{
    QStringList names;
    for (auto it = commandTable().constBegin(); it != commandTable().constEnd(); ++it)
        names << QString::fromLatin1(it.key());
    names.sort();
    return names;
}

} // namespace rediscope
