// Server identity from INFO: Redis, Valkey, Dragonfly, KeyDB (sample replies as those servers
// print them; Dragonfly and Valkey cannot run here).

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
