// The console's command classification: what is read-only, a write, dangerous (always
// confirmed) or unsupported, including subcommands and option-dependent commands.

#include "server/CommandClass.h"

#include <QTest>

using namespace rediscope;
using Kind = CommandClass::Kind;

Q_DECLARE_METATYPE(rediscope::CommandClass::Kind)

class tst_CommandClass : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("blocking");

        const auto row = [](const char* line, Kind kind, const char* name, bool blocking = false) {
            QTest::newRow(line) << QByteArray(line) << kind << QString::fromLatin1(name)
                                << blocking;
        };
        row("GET k", Kind::ReadOnly, "GET");
        row("get k", Kind::ReadOnly, "GET");
        row("LRANGE l 0 -1", Kind::ReadOnly, "LRANGE");
        row("SCAN 0 MATCH * COUNT 10", Kind::ReadOnly, "SCAN");
        row("INFO server", Kind::ReadOnly, "INFO");
        row("PING", Kind::ReadOnly, "PING");
        row("SELECT 2", Kind::ReadOnly, "SELECT");
        row("SET k v", Kind::Write, "SET");
        row("DEL k", Kind::Write, "DEL");
        row("EXPIRE k 10", Kind::Write, "EXPIRE");
        row("EVAL return 1 0", Kind::Write, "EVAL");
        row("FLUSHALL", Kind::Dangerous, "FLUSHALL");
        row("flushdb ASYNC", Kind::Dangerous, "FLUSHDB");
        row("SHUTDOWN NOSAVE", Kind::Dangerous, "SHUTDOWN");
        row("DEBUG SLEEP 0", Kind::Dangerous, "DEBUG");
        row("CONFIG SET maxmemory 1", Kind::Dangerous, "CONFIG SET");
        row("config set maxmemory 1", Kind::Dangerous, "CONFIG SET");
        row("CONFIG GET tls-*", Kind::ReadOnly, "CONFIG GET");
        row("CONFIG REWRITE", Kind::Dangerous, "CONFIG REWRITE");
        row("CONFIG", Kind::Write, "CONFIG");
        row("CLIENT LIST", Kind::ReadOnly, "CLIENT LIST");
        row("CLIENT SETNAME me", Kind::ReadOnly, "CLIENT SETNAME");
        row("CLIENT KILL ID 5", Kind::Dangerous, "CLIENT KILL");
        row("CLIENT REPLY OFF", Kind::Unsupported, "CLIENT REPLY");
        row("ACL WHOAMI", Kind::ReadOnly, "ACL WHOAMI");
        row("ACL LOG", Kind::ReadOnly, "ACL LOG");
        row("ACL LOG RESET", Kind::Write, "ACL LOG");
        row("ACL SETUSER bob on", Kind::Dangerous, "ACL SETUSER");
        row("REPLICAOF 10.0.0.1 6379", Kind::Dangerous, "REPLICAOF");
        row("SLAVEOF NO ONE", Kind::Dangerous, "SLAVEOF");
        row("SCRIPT FLUSH", Kind::Dangerous, "SCRIPT FLUSH");
        row("SCRIPT LOAD x", Kind::Write, "SCRIPT");
        row("FUNCTION FLUSH", Kind::Dangerous, "FUNCTION FLUSH");
        row("MODULE LOAD /x.so", Kind::Dangerous, "MODULE LOAD");
        row("CLUSTER INFO", Kind::ReadOnly, "CLUSTER INFO");
        row("CLUSTER RESET HARD", Kind::Dangerous, "CLUSTER");
        row("SWAPDB 0 1", Kind::Dangerous, "SWAPDB");
        row("SORT l", Kind::ReadOnly, "SORT");
        row("SORT l STORE dst", Kind::Write, "SORT");
        row("GEORADIUS g 0 0 1 km STORE dst", Kind::Write, "GEORADIUS");
        row("SUBSCRIBE ch", Kind::Unsupported, "SUBSCRIBE");
        row("MONITOR", Kind::Unsupported, "MONITOR");
        row("HELLO 3", Kind::Unsupported, "HELLO");
        row("HELLO 2", Kind::ReadOnly, "HELLO");
        row("BLPOP l 0", Kind::Write, "BLPOP", true);
        row("XREAD COUNT 1 STREAMS s 0", Kind::ReadOnly, "XREAD");
        row("XREAD BLOCK 0 STREAMS s $", Kind::ReadOnly, "XREAD", true);
        row("XREADGROUP GROUP g c BLOCK 10 STREAMS s >", Kind::Write, "XREADGROUP", true);
        row("WAIT 1 0", Kind::ReadOnly, "WAIT", true);
        row("JSON.SET k $ 1", Kind::Write, "JSON.SET"); // unknown: strict
    }

    void classify()
    {
        QFETCH(QByteArray, line);
        QFETCH(Kind, kind);
        QFETCH(QString, name);
        QFETCH(bool, blocking);
        const CommandClass command = CommandClass::of(line.split(' '));
        QCOMPARE(command.kind(), kind);
        QCOMPARE(command.name(), name);
        QCOMPARE(command.blocking(), blocking);
        QCOMPARE(command.writes(), kind == Kind::Write || kind == Kind::Dangerous);
    }

    void dangerousAndUnsupportedSayWhy()
    {
        QCOMPARE(CommandClass::of({"FLUSHALL"}).reason(),
                 QStringLiteral("deletes every key in every database"));
        QVERIFY(CommandClass::of({"CONFIG", "SET", "a", "b"})
                    .reason()
                    .contains(QLatin1String("configuration")));
        QVERIFY(CommandClass::of({"MONITOR"}).reason().contains(QLatin1String("redis-cli")));
        QVERIFY(CommandClass::of({"GET", "k"}).reason().isEmpty());
    }

    void unknownCommandsAreWritesAndSaySo()
    {
        const CommandClass unknown = CommandClass::of({"FT.SEARCH", "idx", "*"});
        QVERIFY(!unknown.known());
        QCOMPARE(unknown.kind(), Kind::Write);
        QVERIFY(!unknown.reason().isEmpty());
        QVERIFY(CommandClass::of({"GET", "k"}).known());
    }

    void emptyCommandIsNotKnown() { QVERIFY(!CommandClass::of({}).known()); }

    void commandNamesForCompletion()
    {
        const QStringList names = CommandClass::commandNames();
        QVERIFY(names.size() > 200);
        for (const char* name : {"GET", "SET", "FLUSHALL", "CONFIG", "SCAN", "XADD", "ZRANGE"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QCOMPARE(QStringList(names).removeDuplicates(), 0);
    }
};

QTEST_APPLESS_MAIN(tst_CommandClass)
#include "tst_CommandClass.moc"
