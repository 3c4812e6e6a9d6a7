// The server configuration dev-pki writes: read back by the same parsers lint-config uses, with
// paths that need quoting; the findings lint-config reports for each choice (none for mutual TLS
// with a password, the expected ones otherwise); the ACL hash; the matching profile.

#include "audit/ConfigChecks.h"
#include "pki/DevPki.h"
#include "pki/ServerConfigEmitter.h"
#include "server/ConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

namespace {

QStringList idsOf(const QList<Finding>& findings)
{
    QStringList ids;
    for (const Finding& finding : findings)
        ids << finding.id + QLatin1Char('/') + severityName(finding.severity);
    ids.sort();
    return ids;
}

bool write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(content) == content.size();
}

} // namespace

class tst_ServerConfigEmitter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temporary;
    QString m_pki;

    DevServerSettings settings() const
    {
        DevServerSettings settings;
        settings.caFile = m_pki + QStringLiteral("/ca.pem");
        settings.certFile = m_pki + QStringLiteral("/server.pem");
        settings.keyFile = m_pki + QStringLiteral("/server.key");
        settings.clientCertFile = m_pki + QStringLiteral("/client.pem");
        settings.clientKeyFile = m_pki + QStringLiteral("/client.key");
        settings.hosts = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
        settings.port = 6390;
        settings.clientAuth = ClientAuthMode::Yes;
        settings.passwordHash = ServerConfigEmitter::aclPasswordHash("foobar");
        settings.passwordVariable = QStringLiteral("DEV_PASSWORD");
        settings.aclFile = m_pki + QStringLiteral("/users.acl");
        return settings;
    }

    // Writes the configuration of `settings`, reads it back and lints it (production policy).
    QStringList lint(const DevServerSettings& settings, ServerKind kind,
                     ServerConfig* parsed = nullptr)
    {
        const bool redis = kind == ServerKind::Redis;
        const QString path =
            m_pki + (redis ? QStringLiteral("/redis.conf") : QStringLiteral("/dragonfly.flags"));
        if (!write(path, redis ? ServerConfigEmitter::redisConf(settings)
                               : ServerConfigEmitter::dragonflyFlags(settings)))
            return {QStringLiteral("cannot write ") + path};
        if (!redis && !write(settings.aclFile, ServerConfigEmitter::dragonflyAcl(settings)))
            return {QStringLiteral("cannot write the ACL file")};
        const auto config = loadServerConfig(path);
        if (!config)
            return {config.error().message};
        if (config->kind != kind)
            return {QStringLiteral("detected as ") + serverKindName(config->kind)};
        if (parsed)
            *parsed = *config;
        return idsOf(lintConfig(
            *config, EnvironmentPolicies().forEnvironment(QStringLiteral("production"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_temporary.isValid());
        // A directory that needs quoting in redis.conf: a space, a quote, a backslash.
        m_pki = m_temporary.filePath(QStringLiteral("my \"dev\" pki\\x"));
        DevPkiOptions options;
        options.directory = m_pki;
        options.clientCertificate = true;
        const auto written = DevPki::generate(options);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
    }

    void aclPasswordHash()
    {
        // The example of the Redis ACL documentation: SHA-256 of "foobar".
        QCOMPARE(
            ServerConfigEmitter::aclPasswordHash("foobar"),
            QStringLiteral("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2"));
    }

    void mutualTlsWithPasswordIsClean_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("redis.conf") << int(ServerKind::Redis);
        QTest::newRow("dragonfly.flags") << int(ServerKind::Dragonfly);
    }

    void mutualTlsWithPasswordIsClean()
    {
        QFETCH(int, kind);
        ServerConfig config;
        QCOMPARE(lint(settings(), ServerKind(kind), &config), QStringList());
        if (ServerKind(kind) == ServerKind::Redis) {
            // Paths survive redis.conf quoting.
            QCOMPARE(config.value(QStringLiteral("tls-cert-file")), settings().certFile);
            QCOMPARE(config.value(QStringLiteral("tls-ca-cert-file")), settings().caFile);
            QCOMPARE(config.value(QStringLiteral("port")), QStringLiteral("0"));
            QCOMPARE(config.value(QStringLiteral("tls-port")), QStringLiteral("6390"));
            QCOMPARE(config.value(QStringLiteral("bind")), QStringLiteral("127.0.0.1 -::1"));
            QCOMPARE(config.value(QStringLiteral("tls-ciphers")),
                     ServerConfigEmitter::tls12Ciphers());
            QVERIFY(!config.has(QStringLiteral("requirepass")));
            QCOMPARE(config.entries(QStringLiteral("user")).size(), 1);
        } else {
            QCOMPARE(config.value(QStringLiteral("tls_cert_file")), settings().certFile);
            QCOMPARE(config.value(QStringLiteral("port")), QStringLiteral("6390"));
            QCOMPARE(config.value(QStringLiteral("bind")), QStringLiteral("127.0.0.1"));
            QVERIFY(!config.has(QStringLiteral("requirepass")));
        }
    }

    void choicesAndTheirFindings_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("clientAuth");
        QTest::addColumn<bool>("password");
        QTest::addColumn<QStringList>("expected");
        const QStringList none;
        const QString nopass = QStringLiteral("server.nopass/critical");
        const QString clientAuthOff = QStringLiteral("server.client_auth_off/medium");
        for (const int kind : {int(ServerKind::Redis), int(ServerKind::Dragonfly)}) {
            const QByteArray name = kind == int(ServerKind::Redis) ? "redis" : "dragonfly";
            QTest::newRow(QByteArray(name + " without a password").constData())
                << kind << int(ClientAuthMode::Yes) << false << QStringList{nopass};
            QTest::newRow(QByteArray(name + " without client certificates").constData())
                << kind << int(ClientAuthMode::No) << true << QStringList{clientAuthOff};
            QTest::newRow(QByteArray(name + " with optional client certificates").constData())
                << kind << int(ClientAuthMode::Optional) << true << QStringList{clientAuthOff};
        }
    }

    void choicesAndTheirFindings()
    {
        QFETCH(int, kind);
        QFETCH(int, clientAuth);
        QFETCH(bool, password);
        QFETCH(QStringList, expected);
        DevServerSettings chosen = settings();
        chosen.clientAuth = ClientAuthMode(clientAuth);
        if (!password)
            chosen.passwordHash.clear();
        QCOMPARE(lint(chosen, ServerKind(kind)), expected);
    }

    void withoutPasswordSaysHowToSetOne()
    {
        DevServerSettings chosen = settings();
        chosen.passwordHash.clear();
        const QString redis = QString::fromUtf8(ServerConfigEmitter::redisConf(chosen));
        QVERIFY(redis.contains(QLatin1String("--password-env DEV_PASSWORD")));
        QVERIFY(!redis.contains(QLatin1String("\nuser ")));
        QVERIFY(!redis.contains(QLatin1String("\nrequirepass")));
        QVERIFY(ServerConfigEmitter::dragonflyAcl(chosen).isEmpty());
        QVERIFY(!ServerConfigEmitter::dragonflyFlags(chosen).contains("--aclfile"));
    }

    void replicationAndCluster()
    {
        DevServerSettings chosen = settings();
        chosen.tlsReplication = true;
        chosen.tlsCluster = true;
        ServerConfig config;
        QCOMPARE(lint(chosen, ServerKind::Redis, &config), QStringList());
        QCOMPARE(config.value(QStringLiteral("tls-replication")), QStringLiteral("yes"));
        QCOMPARE(config.value(QStringLiteral("tls-cluster")), QStringLiteral("yes"));
        QCOMPARE(lint(chosen, ServerKind::Dragonfly, &config), QStringList());
        QCOMPARE(config.value(QStringLiteral("tls_replication")), QStringLiteral("true"));
        const QString plain = QString::fromUtf8(ServerConfigEmitter::redisConf(settings()));
        QVERIFY(!plain.contains(QLatin1String("tls-replication")));
        QVERIFY(!plain.contains(QLatin1String("tls-cluster")));
    }

    void remoteHostsListenEverywhere()
    {
        DevServerSettings chosen = settings();
        chosen.hosts = {QStringLiteral("redis.dev.example.com"), QStringLiteral("localhost")};
        ServerConfig config;
        QCOMPARE(lint(chosen, ServerKind::Redis, &config), QStringList());
        QVERIFY(!config.has(QStringLiteral("bind")));
        QCOMPARE(lint(chosen, ServerKind::Dragonfly, &config), QStringList());
        QVERIFY(!config.has(QStringLiteral("bind")));
    }

    void profile()
    {
        const Profile profile =
            ServerConfigEmitter::profile(settings(), QStringLiteral("cache dev"),
                                         QStringLiteral("cache"), QStringLiteral("staging"));
        QVERIFY(!profile.id.isNull());
        QCOMPARE(profile.name, QStringLiteral("cache dev"));
        QCOMPARE(profile.service, QStringLiteral("cache"));
        QCOMPARE(profile.environment, QStringLiteral("staging"));
        QCOMPARE(profile.host, QStringLiteral("localhost"));
        QCOMPARE(profile.port, quint16(6390));
        QVERIFY(profile.tls.enabled && profile.tls.verifyPeer && profile.tls.verifyHostname);
        QCOMPARE(profile.tls.minProtocol, QStringLiteral("TLSv1.2"));
        QCOMPARE(profile.tls.caFile, settings().caFile);
        QCOMPARE(profile.tls.certFile, settings().clientCertFile);
        QCOMPARE(profile.tls.keyFile, settings().clientKeyFile);
        QCOMPARE(profile.password, SecretRef::env(QStringLiteral("DEV_PASSWORD")));

        DevServerSettings bare = settings();
        bare.passwordHash.clear();
        bare.clientCertFile.clear();
        bare.clientKeyFile.clear();
        bare.hosts = {QStringLiteral("[::1]")};
        const Profile plain =
            ServerConfigEmitter::profile(bare, QStringLiteral("x"), QString(), QString());
        QCOMPARE(plain.host, QStringLiteral("::1"));
        QCOMPARE(plain.environment, QStringLiteral("development"));
        QCOMPARE(plain.password, SecretRef::none());
        QVERIFY(plain.tls.certFile.isEmpty() && plain.tls.keyFile.isEmpty());
    }

    void clientAuthModeNames()
    {
        for (const ClientAuthMode mode :
             {ClientAuthMode::Yes, ClientAuthMode::Optional, ClientAuthMode::No})
            QCOMPARE(clientAuthModeFromName(clientAuthModeName(mode)),
                     std::optional<ClientAuthMode>(mode));
        QCOMPARE(clientAuthModeFromName(QStringLiteral("maybe")), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(tst_ServerConfigEmitter)
#include "tst_ServerConfigEmitter.moc"
