// Client snippets: for every client, verification and the host name check are on (even when the
// profile turns them off), the profile's CA, certificate and key are there, the password comes
// from an environment variable and no secret is ever in the text. Also `profiles snippet`'s
// arguments.

#include "cli/ProfilesArguments.h"
#include "profile/ClientSnippets.h"
#include "profile/import/ShellWords.h"

#include <QTest>

using namespace rediscope;

namespace {

using Client = ClientSnippets::Client;

const QByteArray InlineSecret = QByteArrayLiteral("Inl1ne-S3cret-Value");
const QByteArray PassphraseSecret = QByteArrayLiteral("Key-Pa55phrase-Value");

Profile mtlsProfile()
{
    Profile profile = Profile::create(QStringLiteral("cache dev"));
    profile.host = QStringLiteral("redis.dev.example.com");
    profile.port = 6390;
    profile.username = QStringLiteral("app");
    profile.password = SecretRef::env(QStringLiteral("CACHE_PASSWORD"));
    profile.inlinePassword = InlineSecret; // must never show up
    profile.tls.caFile = QStringLiteral("/etc/dev-pki/ca.pem");
    profile.tls.certFile = QStringLiteral("/etc/dev-pki/client.pem");
    profile.tls.keyFile = QStringLiteral("/etc/dev-pki/client.key");
    return profile;
}

// What each client's snippet must say for verification to be on, and what would turn it off.
struct Expectation
{
    QStringList required;
    QString password; // how the password variable is read
    QStringList ca;   // how the CA, certificate and key paths appear
};

Expectation expectationFor(Client client)
{
    switch (client) {
    case Client::RedisCli:
        return {{QStringLiteral("--tls"), QStringLiteral("--cacert /etc/dev-pki/ca.pem"),
                 QStringLiteral("--cert /etc/dev-pki/client.pem"),
                 QStringLiteral("--key /etc/dev-pki/client.key"),
                 QStringLiteral("--sni redis.dev.example.com"), QStringLiteral("--user app"),
                 QStringLiteral("never the host name")},
                QStringLiteral("REDISCLI_AUTH=\"$CACHE_PASSWORD\""),
                {}};
    case Client::RedisPy:
        return {{QStringLiteral("ssl=True"), QStringLiteral("ssl_cert_reqs=\"required\""),
                 QStringLiteral("ssl_check_hostname=True"),
                 QStringLiteral("ssl_ca_certs=\"/etc/dev-pki/ca.pem\""),
                 QStringLiteral("ssl_certfile=\"/etc/dev-pki/client.pem\""),
                 QStringLiteral("ssl_keyfile=\"/etc/dev-pki/client.key\""),
                 QStringLiteral("username=\"app\""),
                 QStringLiteral("host=\"redis.dev.example.com\"")},
                QStringLiteral("os.environ[\"CACHE_PASSWORD\"]"),
                {}};
    case Client::NodeRedis:
    case Client::Ioredis:
        return {
            {QStringLiteral("rejectUnauthorized: true"),
             QStringLiteral("servername: 'redis.dev.example.com'"),
             QStringLiteral("ca: fs.readFileSync('/etc/dev-pki/ca.pem')"),
             QStringLiteral("cert: fs.readFileSync('/etc/dev-pki/client.pem')"),
             QStringLiteral("key: fs.readFileSync('/etc/dev-pki/client.key')"),
             QStringLiteral("minVersion: 'TLSv1.2'"), QStringLiteral("username: 'app'"),
             client == Client::NodeRedis ? QStringLiteral("tls: true") : QStringLiteral("tls: {")},
            QStringLiteral("process.env.CACHE_PASSWORD"),
            {}};
    case Client::GoRedis:
        return {{QStringLiteral("ServerName:   \"redis.dev.example.com\""),
                 QStringLiteral("RootCAs:      roots"),
                 QStringLiteral("os.ReadFile(\"/etc/dev-pki/ca.pem\")"),
                 QStringLiteral("tls.LoadX509KeyPair(\"/etc/dev-pki/client.pem\", "
                                "\"/etc/dev-pki/client.key\")"),
                 QStringLiteral("MinVersion:   tls.VersionTLS12"),
                 QStringLiteral("Addr:     \"redis.dev.example.com:6390\"")},
                QStringLiteral("os.Getenv(\"CACHE_PASSWORD\")"),
                {}};
    case Client::Jedis:
        return {{QStringLiteral(".ssl(true)"),
                 QStringLiteral("setEndpointIdentificationAlgorithm(\"HTTPS\")"),
                 QStringLiteral(".sslSocketFactory(tls.getSocketFactory())"),
                 QStringLiteral(".sslParameters(parameters)"),
                 QStringLiteral("new FileInputStream(\"/etc/dev-pki/ca.pem\")"),
                 QStringLiteral("new FileInputStream(\"/etc/dev-pki/client.pem\")"),
                 QStringLiteral("Path.of(\"/etc/dev-pki/client.key\")"),
                 QStringLiteral("tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null)"),
                 QStringLiteral(".user(\"app\")")},
                QStringLiteral(".password(System.getenv(\"CACHE_PASSWORD\"))"),
                {}};
    case Client::Lettuce:
        return {{QStringLiteral(".withSsl(true)"),
                 QStringLiteral(".withVerifyPeer(SslVerifyMode.FULL)"),
                 QStringLiteral(".trustManager(new File(\"/etc/dev-pki/ca.pem\"))"),
                 QStringLiteral(".keyManager(new File(\"/etc/dev-pki/client.pem\"),\n"
                                "                        new File(\"/etc/dev-pki/client.key\"),\n"
                                "                        null)"),
                 QStringLiteral("sslOptions(ssl)")},
                QStringLiteral(".withAuthentication(\"app\", System.getenv(\"CACHE_PASSWORD\"))"),
                {}};
    case Client::Hiredis:
        return {{QStringLiteral("SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL)"),
                 QStringLiteral("SSL_set1_host(ssl, \"redis.dev.example.com\")"),
                 QStringLiteral("SSL_set_tlsext_host_name(ssl, \"redis.dev.example.com\")"),
                 QStringLiteral("SSL_CTX_load_verify_locations(ctx, \"/etc/dev-pki/ca.pem\", "
                                "NULL)"),
                 QStringLiteral("SSL_CTX_use_certificate_chain_file(ctx, "
                                "\"/etc/dev-pki/client.pem\")"),
                 QStringLiteral("SSL_CTX_use_PrivateKey_file(ctx, \"/etc/dev-pki/client.key\""),
                 QStringLiteral("SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)"),
                 QStringLiteral("redisInitiateSSL(c, ssl)"),
                 QStringLiteral("redisCommand(c, \"AUTH %s %s\", \"app\", password)")},
                QStringLiteral("getenv(\"CACHE_PASSWORD\")"),
                {}};
    }
    return {};
}

// Settings that turn verification off in one client or another: never in a snippet.
const QStringList Insecure{
    QStringLiteral("--insecure"),
    QStringLiteral("CERT_NONE"),
    QStringLiteral("ssl_cert_reqs=\"none\""),
    QStringLiteral("ssl_check_hostname=False"),
    QStringLiteral("rejectUnauthorized: false"),
    QStringLiteral("InsecureSkipVerify: true"),
    QStringLiteral("SslVerifyMode.NONE"),
    QStringLiteral("SslVerifyMode.CA"),
    QStringLiteral("SSL_VERIFY_NONE"),
    QStringLiteral("verifyPeer(false)"),
    QStringLiteral("NODE_TLS_REJECT_UNAUTHORIZED"),
    QStringLiteral("-a "),
};

void addClientRows()
{
    QTest::addColumn<int>("client");
    for (const Client client : ClientSnippets::clients())
        QTest::newRow(qPrintable(ClientSnippets::name(client))) << int(client);
}

QString snippetOf(const Profile& profile, Client client)
{
    const Result<QString> text = ClientSnippets::snippet(profile, client);
    return text ? *text : QStringLiteral("ERROR: ") + text.error().message;
}

} // namespace

class tst_ClientSnippets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifyingConfiguration_data() { addClientRows(); }

    void verifyingConfiguration()
    {
        QFETCH(int, client);
        const Client which = Client(client);
        const QString text = snippetOf(mtlsProfile(), which);
        const Expectation expected = expectationFor(which);
        for (const QString& marker : expected.required)
            QVERIFY2(text.contains(marker), qPrintable(marker + QStringLiteral("\n---\n") + text));
        QVERIFY2(text.contains(expected.password), qPrintable(text));
        for (const QString& marker : Insecure)
            QVERIFY2(!text.contains(marker), qPrintable(marker + QStringLiteral("\n---\n") + text));
        // No secret literal: not the inline password, not the key passphrase.
        QVERIFY(!text.contains(QString::fromLatin1(InlineSecret)));
        QVERIFY(!text.contains(QString::fromLatin1(PassphraseSecret)));
        QVERIFY(text.startsWith(ClientSnippets::language(which) == QLatin1String("shell") ||
                                        ClientSnippets::language(which) == QLatin1String("python")
                                    ? QLatin1String("# ")
                                    : QLatin1String("// ")));
        QVERIFY2(text.contains(QLatin1String("profile \"cache dev\"")), qPrintable(text));
        QCOMPARE(text.contains(QLatin1String("host name verified")),
                 ClientSnippets::checksHostname(which));
    }

    void profileWithVerificationOffStillVerifies_data() { addClientRows(); }

    void profileWithVerificationOffStillVerifies()
    {
        QFETCH(int, client);
        const Client which = Client(client);
        Profile profile = mtlsProfile();
        profile.tls.verifyPeer = false;
        profile.tls.verifyHostname = false;
        const QString text = snippetOf(profile, which);
        for (const QString& marker : expectationFor(which).required)
            QVERIFY2(text.contains(marker), qPrintable(marker + QStringLiteral("\n---\n") + text));
        for (const QString& marker : Insecure)
            QVERIFY2(!text.contains(marker), qPrintable(marker));
        QVERIFY2(text.contains(QLatin1String("turns certificate verification off; this snippet "
                                             "verifies")),
                 qPrintable(text));
    }

    void passwordSources_data()
    {
        QTest::addColumn<int>("client");
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("note");
        for (const Client client : ClientSnippets::clients()) {
            const QByteArray name = ClientSnippets::name(client).toLatin1();
            QTest::newRow(QByteArray(name + " keychain").constData())
                << int(client) << int(SecretRef::Source::Keychain)
                << QStringLiteral("REDIS_PASSWORD") << QStringLiteral("system keychain");
            QTest::newRow(QByteArray(name + " prompt").constData())
                << int(client) << int(SecretRef::Source::Prompt) << QStringLiteral("REDIS_PASSWORD")
                << QStringLiteral("asks for the password");
            QTest::newRow(QByteArray(name + " none").constData())
                << int(client) << int(SecretRef::Source::None) << QString()
                << QStringLiteral("has no password");
        }
    }

    void passwordSources()
    {
        QFETCH(int, client);
        QFETCH(int, source);
        QFETCH(QString, variable);
        QFETCH(QString, note);
        Profile profile = mtlsProfile();
        profile.password = SecretRef{SecretRef::Source(source), {}};
        profile.inlinePassword.clear();
        QCOMPARE(ClientSnippets::passwordVariable(profile), variable);
        const QString text = snippetOf(profile, Client(client));
        QVERIFY2(text.contains(note), qPrintable(text));
        if (variable.isEmpty()) {
            for (const char* read : {"REDIS_PASSWORD", "CACHE_PASSWORD", "AUTH %s", "password="})
                QVERIFY2(!text.contains(QLatin1String(read)), read);
        } else {
            QVERIFY2(text.contains(variable), qPrintable(text));
        }
    }

    void inlinePasswordBecomesAVariable()
    {
        Profile profile = mtlsProfile();
        profile.password = SecretRef::none();
        QCOMPARE(ClientSnippets::passwordVariable(profile), QStringLiteral("REDIS_PASSWORD"));
        for (const Client client : ClientSnippets::clients()) {
            const QString text = snippetOf(profile, client);
            QVERIFY(!text.contains(QString::fromLatin1(InlineSecret)));
            QVERIFY2(text.contains(QLatin1String("holds the password itself")), qPrintable(text));
        }
    }

    void keyPassphraseFromTheEnvironment()
    {
        Profile profile = mtlsProfile();
        profile.inlineKeyPassphrase = PassphraseSecret;
        QCOMPARE(ClientSnippets::keyPassphraseVariable(profile),
                 QStringLiteral("REDIS_KEY_PASSPHRASE"));
        for (const Client client : ClientSnippets::clients())
            QVERIFY(!snippetOf(profile, client).contains(QString::fromLatin1(PassphraseSecret)));
        profile.tls.keyPassphrase = SecretRef::env(QStringLiteral("CLIENT_KEY_PASS"));
        QCOMPARE(ClientSnippets::keyPassphraseVariable(profile), QStringLiteral("CLIENT_KEY_PASS"));
        QVERIFY(snippetOf(profile, Client::RedisPy)
                    .contains(QLatin1String("ssl_password=os.environ[\"CLIENT_KEY_PASS\"]")));
        QVERIFY(snippetOf(profile, Client::Ioredis)
                    .contains(QLatin1String("passphrase: process.env.CLIENT_KEY_PASS")));
        QVERIFY(snippetOf(profile, Client::Lettuce)
                    .contains(QLatin1String("System.getenv(\"CLIENT_KEY_PASS\").toCharArray())")));
        QVERIFY(snippetOf(profile, Client::Hiredis)
                    .contains(QLatin1String("SSL_CTX_set_default_passwd_cb_userdata(ctx, "
                                            "getenv(\"CLIENT_KEY_PASS\"))")));
        QVERIFY(snippetOf(profile, Client::RedisCli).contains(QLatin1String("cannot decrypt")));
        QVERIFY(snippetOf(profile, Client::GoRedis)
                    .contains(QLatin1String("cannot load an "
                                            "encrypted key")));
    }

    void ipAddressHost()
    {
        Profile profile = mtlsProfile();
        profile.host = QStringLiteral("127.0.0.1");
        // The address itself is checked: no server name is sent for an IP address.
        const QString hiredis = snippetOf(profile, Client::Hiredis);
        QVERIFY(hiredis.contains(
            QLatin1String("X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), \"127.0.0.1\")")));
        QVERIFY(!hiredis.contains(QLatin1String("SSL_set1_host(ssl")));
        QVERIFY(!hiredis.contains(QLatin1String("SSL_set_tlsext_host_name(ssl")));
        QVERIFY(!snippetOf(profile, Client::Ioredis).contains(QLatin1String("servername")));
        QVERIFY(!snippetOf(profile, Client::RedisCli).contains(QLatin1String("--sni")));
        QVERIFY(snippetOf(profile, Client::GoRedis)
                    .contains(QLatin1String("ServerName:   \"127.0.0.1\"")));
        profile.host = QStringLiteral("::1");
        QVERIFY(snippetOf(profile, Client::GoRedis).contains(QLatin1String("\"[::1]:6390\"")));
    }

    void sniNameIsTheOneChecked()
    {
        Profile profile = mtlsProfile();
        profile.host = QStringLiteral("10.1.2.3");
        profile.tls.sni = QStringLiteral("cache.internal");
        QVERIFY(snippetOf(profile, Client::Hiredis)
                    .contains(QLatin1String("SSL_set1_host(ssl, \"cache.internal\")")));
        QVERIFY(snippetOf(profile, Client::GoRedis)
                    .contains(QLatin1String("ServerName:   \"cache.internal\"")));
        QVERIFY(snippetOf(profile, Client::NodeRedis)
                    .contains(QLatin1String("servername: 'cache.internal'")));
        QVERIFY(
            snippetOf(profile, Client::RedisCli).contains(QLatin1String("--sni cache.internal")));
        // redis-py has no separate server name: it connects by the name that is checked.
        const QString python = snippetOf(profile, Client::RedisPy);
        QVERIFY(python.contains(QLatin1String("host=\"cache.internal\"")));
        QVERIFY(python.contains(QLatin1String("no separate server name")));
    }

    void noCaMeansTheSystemStore()
    {
        Profile profile = mtlsProfile();
        profile.tls.caFile.clear();
        profile.tls.certFile.clear();
        profile.tls.keyFile.clear();
        const QString hiredis = snippetOf(profile, Client::Hiredis);
        QVERIFY(hiredis.contains(QLatin1String("SSL_CTX_set_default_verify_paths(ctx)")));
        QVERIFY(!hiredis.contains(QLatin1String("use_certificate")));
        const QString jedis = snippetOf(profile, Client::Jedis);
        QVERIFY(jedis.contains(QLatin1String("tls.init(null, null, null)")));
        QVERIFY(jedis.contains(QLatin1String("setEndpointIdentificationAlgorithm(\"HTTPS\")")));
        QVERIFY(!jedis.contains(QLatin1String("FileInputStream")));
        QVERIFY(!snippetOf(profile, Client::GoRedis).contains(QLatin1String("crypto/x509")));
        QVERIFY(!snippetOf(profile, Client::NodeRedis).contains(QLatin1String("require('fs')")));
        QVERIFY(snippetOf(profile, Client::RedisPy).contains(QLatin1String("system's trusted")));
    }

    void tls13Minimum()
    {
        Profile profile = mtlsProfile();
        profile.tls.minProtocol = QStringLiteral("TLSv1.3");
        QVERIFY(snippetOf(profile, Client::GoRedis)
                    .contains(QLatin1String("MinVersion:   tls.VersionTLS13")));
        QVERIFY(snippetOf(profile, Client::Ioredis)
                    .contains(QLatin1String("minVersion: "
                                            "'TLSv1.3'")));
        QVERIFY(snippetOf(profile, Client::Hiredis).contains(QLatin1String("TLS1_3_VERSION")));
        const QString python = snippetOf(profile, Client::RedisPy);
        QVERIFY(python.contains(QLatin1String("ssl_min_version=ssl.TLSVersion.TLSv1_3")));
        QVERIFY(python.contains(QLatin1String("import ssl\n")));
        QVERIFY(
            snippetOf(profile, Client::Lettuce).contains(QLatin1String(".protocols(\"TLSv1.3\")")));
    }

    void pathsAreQuotedForEachLanguage()
    {
        Profile profile = mtlsProfile();
        profile.tls.caFile = QStringLiteral("/tmp/it's \"my\" dir\\ca.pem");
        QVERIFY(
            snippetOf(profile, Client::RedisPy)
                .contains(QLatin1String("ssl_ca_certs=\"/tmp/it's \\\"my\\\" dir\\\\ca.pem\"")));
        QVERIFY(
            snippetOf(profile, Client::Ioredis)
                .contains(QLatin1String("fs.readFileSync('/tmp/it\\'s \"my\" dir\\\\ca.pem')")));
        QVERIFY(snippetOf(profile, Client::Hiredis)
                    .contains(QLatin1String("\"/tmp/it's \\\"my\\\" dir\\\\ca.pem\"")));
        // The shell command: split back by a POSIX shell's rules, the path is one word.
        const QString cli = snippetOf(profile, Client::RedisCli);
        const QString command = cli.section(QLatin1Char('\n'), -2, -2);
        const auto parsed = splitShellCommands(command);
        QVERIFY2(parsed && parsed->size() == 1, qPrintable(command));
        QStringList words;
        for (const ShellWord& word : parsed->first().words)
            words << word.text;
        const qsizetype cacert = words.indexOf(QStringLiteral("--cacert"));
        QVERIFY(cacert > 0);
        QCOMPARE(words.value(cacert + 1), profile.tls.caFile);
        QCOMPARE(words.first(), QStringLiteral("REDISCLI_AUTH=$CACHE_PASSWORD"));
        QCOMPARE(words.value(1), QStringLiteral("redis-cli"));
    }

    void plaintextProfileIsRefused()
    {
        Profile profile = mtlsProfile();
        profile.tls.enabled = false;
        for (const Client client : ClientSnippets::clients()) {
            const Result<QString> text = ClientSnippets::snippet(profile, client);
            QVERIFY(!text);
            QCOMPARE(text.error().code, ErrorCode::InvalidArgument);
            QVERIFY(text.error().message.contains(QLatin1String("does not use TLS")));
        }
    }

    void clientNames()
    {
        QCOMPARE(ClientSnippets::clients().size(), 8);
        for (const Client client : ClientSnippets::clients()) {
            QCOMPARE(ClientSnippets::fromName(ClientSnippets::name(client)),
                     std::optional<Client>(client));
            QCOMPARE(ClientSnippets::fromName(ClientSnippets::name(client).toUpper()),
                     std::optional<Client>(client));
            QVERIFY(ClientSnippets::names().contains(ClientSnippets::name(client)));
        }
        QCOMPARE(ClientSnippets::fromName(QStringLiteral("python")),
                 std::optional<Client>(Client::RedisPy));
        QCOMPARE(ClientSnippets::fromName(QStringLiteral("go")),
                 std::optional<Client>(Client::GoRedis));
        QCOMPARE(ClientSnippets::fromName(QStringLiteral("perl")), std::nullopt);
    }

    void profilesSnippetArguments()
    {
        const auto parsed = ProfilesArguments::parse(
            {QStringLiteral("snippet"), QStringLiteral("cache dev"), QStringLiteral("--client"),
             QStringLiteral("Python"), QStringLiteral("--profiles"), QStringLiteral("p.json")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->action, ProfilesArguments::Action::Snippet);
        QCOMPARE(parsed->names, QStringList{QStringLiteral("cache dev")});
        QCOMPARE(parsed->snippetClient, QStringLiteral("redis-py"));
        QCOMPARE(parsed->profilesFile, QStringLiteral("p.json"));
        QVERIFY(ProfilesArguments::usage().contains(QLatin1String("snippet NAME|ID --client")));

        const struct
        {
            QStringList arguments;
            const char* mentions;
        } errors[] = {
            {{QStringLiteral("snippet"), QStringLiteral("a")}, "--client"},
            {{QStringLiteral("snippet"), QStringLiteral("--client"), QStringLiteral("jedis")},
             "name or id"},
            {{QStringLiteral("snippet"), QStringLiteral("a"), QStringLiteral("b"),
              QStringLiteral("--client"), QStringLiteral("jedis")},
             "one profile"},
            {{QStringLiteral("snippet"), QStringLiteral("a"), QStringLiteral("--client"),
              QStringLiteral("perl")},
             "redis-cli, redis-py"},
            {{QStringLiteral("show"), QStringLiteral("a"), QStringLiteral("--client"),
              QStringLiteral("jedis")},
             "option of profiles snippet"},
        };
        for (const auto& error : errors) {
            const auto failed = ProfilesArguments::parse(error.arguments);
            QVERIFY(!failed);
            QVERIFY2(failed.error().message.contains(QLatin1String(error.mentions)),
                     qPrintable(failed.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(tst_ClientSnippets)
#include "tst_ClientSnippets.moc"
