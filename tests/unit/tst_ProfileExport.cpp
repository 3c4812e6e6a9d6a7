#include "profile/ProfileExport.h"
#include "profile/ProfileImport.h"

#include <QTest>

using namespace rediscope;

namespace {

struct Spec
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    int db = 0;
    QString username;
    QString password = QStringLiteral("none"); // SecretRef::toString() form
    QByteArray inlinePassword;
    bool tls = false;
    bool verifyPeer = true;
    bool verifyHostname = true;
    QString sni;
    QString caFile;
    QString caDir;
    QString certFile;
    QString keyFile;
    QString ciphers;
    QString ciphersuites;
};

Profile makeProfile(const Spec& spec)
{
    Profile profile = Profile::create(QStringLiteral("exported"));
    profile.host = spec.host;
    profile.port = static_cast<quint16>(spec.port);
    profile.db = spec.db;
    profile.username = spec.username;
    profile.password = spec.password.startsWith(QLatin1String("env:"))
                           ? SecretRef::env(spec.password.mid(4))
                           : SecretRef::fromString(spec.password).value_or(SecretRef::none());
    profile.inlinePassword = spec.inlinePassword;
    profile.inlineKeyPassphrase =
        spec.inlinePassword.isEmpty() ? QByteArray() : QByteArray("Pa55-key-inline");
    profile.tls.keyPassphrase = SecretRef::keychain();
    profile.tls.enabled = spec.tls;
    profile.tls.verifyPeer = spec.verifyPeer;
    profile.tls.verifyHostname = spec.verifyHostname;
    profile.tls.sni = spec.sni;
    profile.tls.caFile = spec.caFile;
    profile.tls.caDir = spec.caDir;
    profile.tls.certFile = spec.certFile;
    profile.tls.keyFile = spec.keyFile;
    profile.tls.ciphers = spec.ciphers;
    profile.tls.ciphersuites = spec.ciphersuites;
    profile.tls.minProtocol = QStringLiteral("TLSv1.3");
    return profile;
}

} // namespace

Q_DECLARE_METATYPE(Spec)

class TestProfileExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exports_data();
    void exports();
    void redisCliRoundTrip_data();
    void redisCliRoundTrip();
    void urlRoundTrip_data();
    void urlRoundTrip();
    void neverExportsSecrets_data();
    void neverExportsSecrets();
};

void TestProfileExport::exports_data()
{
    QTest::addColumn<Spec>("spec");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("redisCli");

    Spec local;
    QTest::newRow("defaults, plain") << local << "redis://127.0.0.1:6379"
                                     << "redis-cli -h 127.0.0.1 -p 6379";

    Spec plainAuth;
    plainAuth.host = QStringLiteral("cache.internal.example");
    plainAuth.port = 6380;
    plainAuth.db = 2;
    plainAuth.username = QStringLiteral("app");
    plainAuth.password = QStringLiteral("keychain");
    QTest::newRow("plain with user, db and keychain password")
        << plainAuth << "redis://app@cache.internal.example:6380/2"
        << "redis-cli -h cache.internal.example -p 6380 -n 2 --user app --askpass";

    Spec full;
    full.host = QStringLiteral("prod.example.com");
    full.port = 6380;
    full.username = QStringLiteral("ops team");
    full.password = QStringLiteral("prompt");
    full.tls = true;
    full.sni = QStringLiteral("cache.prod.example.com");
    full.caFile = QStringLiteral("/etc/ssl/my certs/ca.pem");
    full.caDir = QStringLiteral("/etc/ssl/certs");
    full.certFile = QStringLiteral("/etc/ssl/client.crt");
    full.keyFile = QStringLiteral("/etc/ssl/client's.key");
    full.ciphers = QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256");
    full.ciphersuites = QStringLiteral("TLS_AES_256_GCM_SHA384");
    QTest::newRow("every TLS option")
        << full << "rediss://ops%20team@prod.example.com:6380"
        << "redis-cli -h prod.example.com -p 6380 --user 'ops team' --askpass --tls --sni "
           "cache.prod.example.com --cacert '/etc/ssl/my certs/ca.pem' --cacertdir /etc/ssl/certs "
           "--cert /etc/ssl/client.crt --key '/etc/ssl/client'\\''s.key' --tls-ciphers "
           "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256 --tls-ciphersuites "
           "TLS_AES_256_GCM_SHA384";

    Spec insecure;
    insecure.host = QStringLiteral("staging.example.com");
    insecure.tls = true;
    insecure.verifyPeer = false;
    insecure.verifyHostname = false;
    insecure.password = QStringLiteral("env:REDIS_PASSWORD");
    QTest::newRow("verification off, env password")
        << insecure << "rediss://staging.example.com:6379"
        << "REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h staging.example.com -p 6379 --tls "
           "--insecure";

    Spec oddVariable = insecure;
    oddVariable.password = QStringLiteral("env:not a name");
    QTest::newRow("env variable that is not a shell name")
        << oddVariable << "rediss://staging.example.com:6379"
        << "redis-cli -h staging.example.com -p 6379 --askpass --tls --insecure";

    Spec ipv6;
    ipv6.host = QStringLiteral("::1");
    ipv6.port = 6380;
    ipv6.db = 3;
    ipv6.tls = true;
    ipv6.verifyHostname = false; // redis-cli has no option for it
    QTest::newRow("ipv6") << ipv6 << "rediss://[::1]:6380/3"
                          << "redis-cli -h ::1 -p 6380 -n 3 --tls";

    Spec inlineSecret;
    inlineSecret.host = QStringLiteral("hand-edited.example");
    inlineSecret.inlinePassword = QByteArray("Pa55-inline");
    QTest::newRow("inline password") << inlineSecret << "redis://hand-edited.example:6379"
                                     << "redis-cli -h hand-edited.example -p 6379 --askpass";

    Spec tlsOffWithFiles;
    tlsOffWithFiles.host = QStringLiteral("h");
    tlsOffWithFiles.caFile = QStringLiteral("/ca.pem");
    tlsOffWithFiles.verifyPeer = false;
    QTest::newRow("tls settings without tls are left out") << tlsOffWithFiles << "redis://h:6379"
                                                           << "redis-cli -h h -p 6379";
}

void TestProfileExport::exports()
{
    QFETCH(Spec, spec);
    QFETCH(QString, url);
    QFETCH(QString, redisCli);

    const Profile profile = makeProfile(spec);
    QCOMPARE(exportUrl(profile), url);
    QCOMPARE(exportRedisCli(profile), redisCli);
}

void TestProfileExport::redisCliRoundTrip_data()
{
    exports_data();
}

void TestProfileExport::redisCliRoundTrip()
{
    QFETCH(Spec, spec);

    const Profile profile = makeProfile(spec);
    const Result<ImportResult> result =
        importProfiles(exportRedisCli(profile).toUtf8(), QStringLiteral("redis-cli"));
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
    QCOMPARE(result->profiles.size(), 1);
    const ImportedProfile& imported = result->profiles.first();
    const Profile& back = imported.profile;
    QVERIFY(imported.password.isEmpty());
    QCOMPARE(back.host, profile.host);
    QCOMPARE(back.port, profile.port);
    QCOMPARE(back.db, profile.db);
    QCOMPARE(back.username, profile.username);
    QCOMPARE(back.tls.enabled, profile.tls.enabled);
    if (profile.tls.enabled) {
        QCOMPARE(back.tls.verifyPeer, profile.tls.verifyPeer);
        QCOMPARE(back.tls.sni, profile.tls.sni);
        QCOMPARE(back.tls.caFile, profile.tls.caFile);
        QCOMPARE(back.tls.caDir, profile.tls.caDir);
        QCOMPARE(back.tls.certFile, profile.tls.certFile);
        QCOMPARE(back.tls.keyFile, profile.tls.keyFile);
        QCOMPARE(back.tls.ciphers, profile.tls.ciphers);
        QCOMPARE(back.tls.ciphersuites, profile.tls.ciphersuites);
    }
    SecretRef expected = profile.password;
    if (expected.source == SecretRef::Source::Keychain ||
        (expected.source == SecretRef::Source::Env &&
         expected.variable.contains(QLatin1Char(' '))) ||
        !profile.inlinePassword.isEmpty())
        expected = SecretRef::prompt();
    QCOMPARE(back.password.toString(), expected.toString());
    QCOMPARE(result->warnings, QStringList());
}

void TestProfileExport::urlRoundTrip_data()
{
    exports_data();
}

void TestProfileExport::urlRoundTrip()
{
    QFETCH(Spec, spec);

    const Profile profile = makeProfile(spec);
    const Result<ImportResult> result =
        importProfiles(exportUrl(profile).toUtf8(), QStringLiteral("url"));
    QVERIFY(result.has_value());
    const Profile& back = result->profiles.first().profile;
    QCOMPARE(back.host, profile.host);
    QCOMPARE(back.port, profile.port);
    QCOMPARE(back.db, profile.db);
    QCOMPARE(back.username, profile.username);
    QCOMPARE(back.tls.enabled, profile.tls.enabled);
    QVERIFY(result->profiles.first().password.isEmpty());
}

void TestProfileExport::neverExportsSecrets_data()
{
    exports_data();
}

void TestProfileExport::neverExportsSecrets()
{
    QFETCH(Spec, spec);

    Profile profile = makeProfile(spec);
    profile.inlinePassword = QByteArray("Pa55-always-inline");
    profile.inlineKeyPassphrase = QByteArray("Pa55-key-always");
    const QString url = exportUrl(profile);
    const QString cli = exportRedisCli(profile);
    QVERIFY(!url.contains(QLatin1String("Pa55")));
    QVERIFY(!cli.contains(QLatin1String("Pa55")));
    QVERIFY(!cli.contains(QLatin1String(" -a ")));
    QVERIFY(!cli.contains(QLatin1String("--pass ")));
    // Whatever the reference, a password that exists is asked for or read from the environment.
    QVERIFY(cli.contains(QLatin1String("--askpass")) ||
            cli.startsWith(QLatin1String("REDISCLI_AUTH=\"$")));
}

QTEST_GUILESS_MAIN(TestProfileExport)
#include "tst_ProfileExport.moc"
