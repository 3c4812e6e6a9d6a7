// The arguments of `rediscope dev-pki`: defaults, every option, tls-auth-clients following the
// client certificate, the profile options, and errors that never echo a password.

#include "cli/DevPkiArguments.h"

#include <QTest>

using namespace rediscope;

namespace {

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class tst_DevPkiArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const auto parsed = DevPkiArguments::parse(words("--out dev"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->pki.directory, QStringLiteral("dev"));
        QCOMPARE(parsed->pki.hosts,
                 (QStringList{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"),
                              QStringLiteral("::1")}));
        QCOMPARE(parsed->pki.days, 365);
        QCOMPARE(parsed->pki.keyType, DevKeyType::EcP256);
        // Secure by default: mutual TLS and a generated password.
        QVERIFY(parsed->pki.clientCertificate);
        QVERIFY(!parsed->pki.force);
        QVERIFY(!parsed->pki.serverAlsoClient);
        QCOMPARE(parsed->clientAuth, ClientAuthMode::Yes);
        QVERIFY(parsed->generatePassword);
        QCOMPARE(parsed->port, quint16(6380));
        QVERIFY(!parsed->tlsReplication && !parsed->tlsCluster);
        QVERIFY(parsed->passwordVariable.isEmpty());
        QVERIFY(!parsed->addProfile);
        QCOMPARE(parsed->environment, QStringLiteral("development"));
        QVERIFY(!parsed->help);
    }

    void everyOption()
    {
        const auto parsed =
            DevPkiArguments::parse({QStringLiteral("--out=/tmp/x y"),
                                    QStringLiteral("--hosts"),
                                    QStringLiteral("redis.dev.example.com, 10.0.0.5"),
                                    QStringLiteral("--hosts=localhost"),
                                    QStringLiteral("--days"),
                                    QStringLiteral("90"),
                                    QStringLiteral("--key=rsa3072"),
                                    QStringLiteral("--client-cert"),
                                    QStringLiteral("--client-auth"),
                                    QStringLiteral("optional"),
                                    QStringLiteral("--port"),
                                    QStringLiteral("6390"),
                                    QStringLiteral("--tls-replication"),
                                    QStringLiteral("--tls-cluster"),
                                    QStringLiteral("--password-env"),
                                    QStringLiteral("DEV_REDIS_PASSWORD"),
                                    QStringLiteral("--force"),
                                    QStringLiteral("--profiles"),
                                    QStringLiteral("p.json"),
                                    QStringLiteral("--name"),
                                    QStringLiteral("cache dev"),
                                    QStringLiteral("--service"),
                                    QStringLiteral("cache"),
                                    QStringLiteral("--environment"),
                                    QStringLiteral("Staging")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->pki.directory, QStringLiteral("/tmp/x y"));
        QCOMPARE(parsed->pki.hosts,
                 (QStringList{QStringLiteral("redis.dev.example.com"), QStringLiteral("10.0.0.5"),
                              QStringLiteral("localhost")}));
        QCOMPARE(parsed->pki.days, 90);
        QCOMPARE(parsed->pki.keyType, DevKeyType::Rsa3072);
        QVERIFY(parsed->pki.clientCertificate);
        QCOMPARE(parsed->clientAuth, ClientAuthMode::Optional);
        QCOMPARE(parsed->port, quint16(6390));
        QVERIFY(parsed->tlsReplication && parsed->tlsCluster);
        QVERIFY(parsed->pki.serverAlsoClient); // Redis presents it as a client to its master
        QCOMPARE(parsed->passwordVariable, QStringLiteral("DEV_REDIS_PASSWORD"));
        QVERIFY(parsed->pki.force);
        QVERIFY(parsed->addProfile);
        QCOMPARE(parsed->profilesFile, QStringLiteral("p.json"));
        QCOMPARE(parsed->profileName, QStringLiteral("cache dev"));
        QCOMPARE(parsed->service, QStringLiteral("cache"));
        QCOMPARE(parsed->environment, QStringLiteral("staging"));
    }

    void clientAuthFollowsTheClientCertificate_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("mode");
        QTest::newRow("no client certificate")
            << words("--out d --no-client-cert") << int(ClientAuthMode::No);
        QTest::newRow("client certificate by default")
            << words("--out d") << int(ClientAuthMode::Yes);
        QTest::newRow("client certificate")
            << words("--out d --client-cert") << int(ClientAuthMode::Yes);
        QTest::newRow("client certificate, optional")
            << words("--out d --client-cert --client-auth optional")
            << int(ClientAuthMode::Optional);
        QTest::newRow("client certificate, no")
            << words("--out d --client-cert --client-auth no") << int(ClientAuthMode::No);
        QTest::newRow("optional without one")
            << words("--out d --no-client-cert --client-auth optional")
            << int(ClientAuthMode::Optional);
    }

    void passwordSource_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("generate");
        QTest::addColumn<QString>("variable");
        QTest::newRow("generated by default") << words("--out d") << true << QString();
        QTest::newRow("from a variable")
            << words("--out d --password-env REDIS_PW") << false << QStringLiteral("REDIS_PW");
        QTest::newRow("none") << words("--out d --no-password") << false << QString();
    }

    void passwordSource()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, generate);
        QFETCH(QString, variable);
        const auto parsed = DevPkiArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->generatePassword, generate);
        QCOMPARE(parsed->passwordVariable, variable);
    }

    void clientAuthFollowsTheClientCertificate()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, mode);
        const auto parsed = DevPkiArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(int(parsed->clientAuth), mode);
    }

    void profileOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("addProfile");
        QTest::addColumn<QString>("file");
        QTest::newRow("none") << words("--out d") << false << QString();
        QTest::newRow("--name alone: the default file")
            << words("--out d --name dev") << true << QString();
        QTest::newRow("--profiles alone: the default name")
            << words("--out d --profiles f.json") << true << QStringLiteral("f.json");
    }

    void profileOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, addProfile);
        QFETCH(QString, file);
        const auto parsed = DevPkiArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->addProfile, addProfile);
        QCOMPARE(parsed->profilesFile, file);
    }

    void help()
    {
        for (const char* line : {"--help", "--out d --help", "-h"}) {
            const auto parsed = DevPkiArguments::parse(words(line));
            QVERIFY(parsed);
            QVERIFY(parsed->help);
        }
        const QString usage = DevPkiArguments::usage();
        for (const char* option :
             {"--out", "--hosts", "--days", "--key", "--client-cert", "--client-auth", "--port",
              "--tls-replication", "--tls-cluster", "--password-env", "--force", "--profiles",
              "--name", "--service", "--env"})
            QVERIFY2(usage.contains(QLatin1String(option)), option);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no --out") << words("--hosts localhost") << "--out";
        QTest::newRow("positional") << words("dev") << "--out";
        QTest::newRow("unknown option") << words("--out d --bogus") << "--bogus";
        QTest::newRow("missing value") << words("--out") << "--out needs a value";
        QTest::newRow("value is the next option") << words("--out --force") << "needs a value";
        QTest::newRow("bad host") << words("--out d --hosts good,bad_host") << "bad_host";
        QTest::newRow("empty hosts") << words("--out d --hosts ,") << "--hosts";
        QTest::newRow("days zero") << words("--out d --days 0") << "--days";
        QTest::newRow("days not a number") << words("--out d --days soon") << "--days";
        QTest::newRow("days too many") << words("--out d --days 3651") << "3650";
        QTest::newRow("key") << words("--out d --key dsa") << "--key";
        QTest::newRow("client auth") << words("--out d --client-auth maybe") << "--client-auth";
        QTest::newRow("client auth yes without a certificate")
            << words("--out d --no-client-cert --client-auth yes") << "--no-client-cert";
        QTest::newRow("client certificate and none")
            << words("--out d --client-cert --no-client-cert") << "contradict";
        QTest::newRow("password variable and none")
            << words("--out d --password-env P --no-password") << "contradict";
        QTest::newRow("port zero") << words("--out d --port 0") << "--port";
        QTest::newRow("port too high") << words("--out d --port 70000") << "--port";
        QTest::newRow("twice") << words("--out d --out e") << "more than once";
        QTest::newRow("--env twice as --environment")
            << words("--out d --name n --env dev --environment prod") << "more than once";
        QTest::newRow("flag with a value") << words("--out d --force=yes") << "takes no value";
        QTest::newRow("bad env") << words("--out d --name n --env Prod!") << "--env";
        QTest::newRow("--service without a profile")
            << words("--out d --service cache") << "--name";
        QTest::newRow("name like an id")
            << words("--out d --name 6f1c2d7e-8a8b-4c1e-9f00-123456789abc") << "profile id";
        QTest::newRow("directory with a line break")
            << QStringList{QStringLiteral("--out"), QStringLiteral("a\nb")} << "line break";
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const auto parsed = DevPkiArguments::parse(arguments);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    }

    void passwordsAreNeverArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--password") << words("--out d --password Sup3rSecret");
        QTest::newRow("--requirepass") << words("--out d --requirepass=Sup3rSecret");
        QTest::newRow("-a") << words("--out d -aSup3rSecret");
        QTest::newRow("--password-env given the password")
            << words("--out d --password-env Sup3r$ecret!");
    }

    void passwordsAreNeverArguments()
    {
        QFETCH(QStringList, arguments);
        const auto parsed = DevPkiArguments::parse(arguments);
        QVERIFY(!parsed);
        QVERIFY(parsed.error().message.contains(QLatin1String("environment variable")));
        QVERIFY2(!parsed.error().message.contains(QLatin1String("Sup3r")),
                 qPrintable(parsed.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_DevPkiArguments)
#include "tst_DevPkiArguments.moc"
