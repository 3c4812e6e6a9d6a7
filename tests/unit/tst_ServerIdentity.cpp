// Server identity from INFO and HELLO: Redis, Valkey, Dragonfly, KeyDB (sample replies as those
// servers print them; Dragonfly and Valkey cannot run here).

#include "server/ServerIdentity.h"

#include <QTest>

using namespace rediscope;

class tst_ServerIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identify_data()
    {
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("role");
        QTest::newRow("redis")
            << QByteArrayLiteral(
                   "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux\r\n\r\n"
                   "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n")
            << QStringLiteral("redis") << QStringLiteral("7.0.15") << QStringLiteral("standalone")
            << QStringLiteral("master");
        QTest::newRow("redis replica in cluster")
            << QByteArrayLiteral("redis_version:7.2.4\r\nredis_mode:cluster\r\nrole:"
                                 "slave\r\ncluster_enabled:1\r\n")
            << QStringLiteral("redis") << QStringLiteral("7.2.4") << QStringLiteral("cluster")
            << QStringLiteral("replica");
        QTest::newRow("valkey")
            << QByteArrayLiteral(
                   "# "
                   "Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n"
                   "redis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("valkey") << QStringLiteral("8.0.1") << QStringLiteral("standalone")
            << QStringLiteral("master");
        QTest::newRow("dragonfly")
            << QByteArrayLiteral(
                   "# Server\r\nredis_version:7.2.0\r\ndragonfly_version:df-v1.21.2\r\n"
                   "redis_mode:standalone\r\n# Replication\r\nrole:master\r\n")
            << QStringLiteral("dragonfly") << QStringLiteral("1.21.2")
            << QStringLiteral("standalone") << QStringLiteral("master");
        QTest::newRow("keydb") << QByteArrayLiteral(
                                      "# Server\r\nredis_version:6.3.4\r\nredis_mode:standalone\r\n"
                                      "executable:/usr/bin/keydb-server\r\nrole:active-replica\r\n")
                               << QStringLiteral("keydb") << QStringLiteral("6.3.4")
                               << QStringLiteral("standalone") << QStringLiteral("active-replica");
        QTest::newRow("unknown") << QByteArrayLiteral("# Nothing useful\r\nfoo:bar\r\n")
                                 << QStringLiteral("unknown") << QString() << QString()
                                 << QString();
    }

    void identify()
    {
        QFETCH(QByteArray, info);
        QFETCH(QString, kind);
        QFETCH(QString, version);
        QFETCH(QString, mode);
        QFETCH(QString, role);
        const ServerIdentity identity = ServerIdentity::fromInfo(info);
        QCOMPARE(identity.kind, kind);
        QCOMPARE(identity.version, version);
        QCOMPARE(identity.mode, mode);
        QCOMPARE(identity.role, role);
    }

    void fromHello_data()
    {
        QTest::addColumn<QStringList>("fields"); // key, value, key, value, …
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("display");
        const auto hello = [](const char* server, const char* version, const char* mode,
                              const char* role) {
            return QStringList{QStringLiteral("server"),  QString::fromLatin1(server),
                               QStringLiteral("version"), QString::fromLatin1(version),
                               QStringLiteral("proto"),   QStringLiteral("2"),
                               QStringLiteral("id"),      QStringLiteral("7"),
                               QStringLiteral("mode"),    QString::fromLatin1(mode),
                               QStringLiteral("role"),    QString::fromLatin1(role)};
        };
        QTest::newRow("redis") << hello("redis", "7.0.15", "standalone", "master")
                               << QStringLiteral("redis") << QStringLiteral("7.0.15")
                               << QStringLiteral("standalone") << QStringLiteral("master")
                               << QStringLiteral("Redis 7.0.15 (standalone, master)");
        QTest::newRow("valkey") << hello("valkey", "8.0.1", "cluster", "replica")
                                << QStringLiteral("valkey") << QStringLiteral("8.0.1")
                                << QStringLiteral("cluster") << QStringLiteral("replica")
                                << QStringLiteral("Valkey 8.0.1 (cluster, replica)");
        // Dragonfly's HELLO says "redis": only its INFO tells it apart (see mergeKeepsInfo).
        QTest::newRow("dragonfly as it answers")
            << hello("redis", "7.2.0", "standalone", "master") << QStringLiteral("redis")
            << QStringLiteral("7.2.0") << QStringLiteral("standalone") << QStringLiteral("master")
            << QStringLiteral("Redis 7.2.0 (standalone, master)");
        QTest::newRow("old role name")
            << hello("Redis", "6.0.16", "sentinel", "slave") << QStringLiteral("redis")
            << QStringLiteral("6.0.16") << QStringLiteral("sentinel") << QStringLiteral("replica")
            << QStringLiteral("Redis 6.0.16 (sentinel, replica)");
        QTest::newRow("unknown server")
            << hello("someproxy", "1.2", "", "") << QStringLiteral("unknown")
            << QStringLiteral("1.2") << QString() << QString()
            << QStringLiteral("Unknown server 1.2");
        QTest::newRow("empty") << QStringList() << QStringLiteral("unknown") << QString()
                               << QString() << QString() << QStringLiteral("Unknown server");
    }

    void fromHello()
    {
        QFETCH(QStringList, fields);
        QFETCH(QString, kind);
        QFETCH(QString, version);
        QFETCH(QString, mode);
        QFETCH(QString, role);
        QFETCH(QString, display);
        QHash<QString, QString> hello;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
            hello.insert(fields.at(i), fields.at(i + 1));
        const ServerIdentity identity = ServerIdentity::fromHello(hello);
        QCOMPARE(identity.kind, kind);
        QCOMPARE(identity.version, version);
        QCOMPARE(identity.mode, mode);
        QCOMPARE(identity.role, role);
        QCOMPARE(identity.displayName(), display);
        QVERIFY(identity.info.isEmpty());
    }

    void mergeHello_data()
    {
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<QString>("helloServer");
        QTest::addColumn<QString>("helloVersion");
        QTest::addColumn<QString>("display");
        QTest::newRow("redis: both agree")
            << QByteArrayLiteral("redis_version:7.0.15\r\nredis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("redis") << QStringLiteral("7.0.15")
            << QStringLiteral("Redis 7.0.15 (standalone, master)");
        QTest::newRow("dragonfly: INFO is authoritative")
            << QByteArrayLiteral("redis_version:7.2.0\r\ndragonfly_version:df-v1.21.2\r\n"
                                 "redis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("redis") << QStringLiteral("7.2.0")
            << QStringLiteral("Dragonfly 1.21.2 (standalone, master)");
        QTest::newRow("valkey: INFO names it")
            << QByteArrayLiteral("redis_version:7.2.4\r\nvalkey_version:8.0.1\r\n"
                                 "redis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("valkey") << QStringLiteral("8.0.1")
            << QStringLiteral("Valkey 8.0.1 (standalone, master)");
        QTest::newRow("valkey: only HELLO names it")
            << QByteArrayLiteral("redis_version:7.2.4\r\nredis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("valkey") << QStringLiteral("7.2.5")
            << QStringLiteral("Valkey 7.2.5 (standalone, master)");
        QTest::newRow("INFO without identity: HELLO fills in")
            << QByteArrayLiteral("# Clients\r\nconnected_clients:1\r\n") << QStringLiteral("redis")
            << QStringLiteral("7.0.15") << QStringLiteral("Redis 7.0.15 (standalone, master)");
        QTest::newRow("HELLO unknown: INFO stays")
            << QByteArrayLiteral("redis_version:6.2.14\r\nredis_mode:standalone\r\nrole:master\r\n")
            << QStringLiteral("someproxy") << QStringLiteral("1.0")
            << QStringLiteral("Redis 6.2.14 (standalone, master)");
    }

    void mergeHello()
    {
        QFETCH(QByteArray, info);
        QFETCH(QString, helloServer);
        QFETCH(QString, helloVersion);
        QFETCH(QString, display);
        ServerIdentity identity = ServerIdentity::fromInfo(info);
        const ServerIdentity hello =
            ServerIdentity::fromHello({{QStringLiteral("server"), helloServer},
                                       {QStringLiteral("version"), helloVersion},
                                       {QStringLiteral("mode"), QStringLiteral("standalone")},
                                       {QStringLiteral("role"), QStringLiteral("master")}});
        const auto infoFields = identity.info;
        identity.mergeHello(hello);
        QCOMPARE(identity.displayName(), display);
        QCOMPARE(identity.info, infoFields); // INFO's fields are kept as they were
    }

    void parsesFieldsAndIgnoresNoise()
    {
        const auto fields = ServerIdentity::parseInfo(
            QByteArrayLiteral("# Server\r\nkey:value:with:colons\r\n:nokey\r\nnovalue\r\n\r\n"));
        QCOMPARE(fields.size(), 1);
        QCOMPARE(fields.value(QStringLiteral("key")), QStringLiteral("value:with:colons"));
    }

    void displayName()
    {
        const ServerIdentity identity = ServerIdentity::fromInfo(
            QByteArrayLiteral("redis_version:7.0.15\r\nredis_mode:standalone\r\nrole:master\r\n"));
        QCOMPARE(identity.displayName(), QStringLiteral("Redis 7.0.15 (standalone, master)"));
    }
};

QTEST_GUILESS_MAIN(tst_ServerIdentity)
#include "tst_ServerIdentity.moc"
