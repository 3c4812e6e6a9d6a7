// The arguments of `rediscope audit`: every option, URL targets with connection options, the
// password from the URL or REDISCLI_AUTH, --fail-on never, and a specific error for each kind of
// nonsense that never echoes a password.

#include "cli/AuditArguments.h"

#include <QTest>

using namespace rediscope;

namespace {

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QProcessEnvironment withAuth(const QString& password)
{
    QProcessEnvironment environment;
    if (!password.isEmpty())
        environment.insert(QStringLiteral("REDISCLI_AUTH"), password);
    return environment;
}

Result<AuditArguments> parse(const QStringList& arguments, const QString& auth = {})
{
    return AuditArguments::parse(arguments, withAuth(auth));
}

} // namespace

class tst_AuditArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const auto parsed = parse(words("rediss://h.example"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->format, QStringLiteral("text"));
        QCOMPARE(parsed->failOn, std::optional<Severity>(Severity::High));
        QVERIFY(parsed->probe);
        QCOMPARE(parsed->probeConnections, 0); // automatic
        QVERIFY(parsed->output.isEmpty());
        QVERIFY(parsed->profilesFile.isEmpty());
        QVERIFY(!parsed->profilesFileGiven);
        QVERIFY(parsed->profileNames.isEmpty());
        QVERIFY(parsed->environments.isEmpty());
        QVERIFY(!parsed->askPassword);
        QVERIFY(!parsed->help);
        QCOMPARE(parsed->urlTargets.size(), 1);

        // No URL and no --profiles: the default profiles file (decided by the command).
        const auto none = parse({});
        QVERIFY(none);
        QVERIFY(none->urlTargets.isEmpty());
        QVERIFY(!none->profilesFileGiven);
    }

    void format_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("format");
        for (const char* format : {"text", "json", "sarif", "junit", "markdown"})
            QTest::newRow(format) << QStringList{QStringLiteral("--format"),
                                                 QString::fromLatin1(format)}
                                  << QString::fromLatin1(format);
        QTest::newRow("capitals") << words("--format SARIF") << QStringLiteral("sarif");
        QTest::newRow("--format=") << words("--format=junit") << QStringLiteral("junit");
    }

    void format()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, format);
        const auto parsed = parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->format, format);
    }

    void failOn_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("severity"); // -1: never
        QTest::newRow("critical") << words("--fail-on critical") << int(Severity::Critical);
        QTest::newRow("high") << words("--fail-on high") << int(Severity::High);
        QTest::newRow("medium") << words("--fail-on medium") << int(Severity::Medium);
        QTest::newRow("low") << words("--fail-on=low") << int(Severity::Low);
        QTest::newRow("capitals") << words("--fail-on MEDIUM") << int(Severity::Medium);
        QTest::newRow("never") << words("--fail-on never") << -1;
    }

    void failOn()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, severity);
        const auto parsed = parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        if (severity < 0)
            QVERIFY(!parsed->failOn.has_value());
        else
            QCOMPARE(parsed->failOn, std::optional<Severity>(static_cast<Severity>(severity)));
    }

    void otherOptions()
    {
        const auto parsed = parse(
            {QStringLiteral("--profiles"), QStringLiteral("team.json"), QStringLiteral("--profile"),
             QStringLiteral("prod cache"), QStringLiteral("--profile=dev"), QStringLiteral("--env"),
             QStringLiteral("Production"), QStringLiteral("--env=qa"), QStringLiteral("-o"),
             QStringLiteral("report.sarif"), QStringLiteral("--no-probe")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->profilesFile, QStringLiteral("team.json"));
        QVERIFY(parsed->profilesFileGiven);
        QCOMPARE(parsed->profileNames,
                 (QStringList{QStringLiteral("prod cache"), QStringLiteral("dev")}));
        QCOMPARE(parsed->environments,
                 (QStringList{QStringLiteral("production"), QStringLiteral("qa")}));
        QCOMPARE(parsed->output, QStringLiteral("report.sarif"));
        QVERIFY(!parsed->probe);
        QVERIFY(parsed->urlTargets.isEmpty());

        const auto output = parse(words("--output=out.json --profiles=p.json"));
        QVERIFY(output);
        QCOMPARE(output->output, QStringLiteral("out.json"));
        QCOMPARE(output->profilesFile, QStringLiteral("p.json"));
    }

    void probeConnections_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("connections");
        QTest::newRow("one") << words("--probe-connections 1") << 1;
        QTest::newRow("twelve") << words("rediss://h --probe-connections 12") << 12;
        QTest::newRow("=32") << words("--probe-connections=32") << 32;
        QTest::newRow("spaces") << QStringList{QStringLiteral("--probe-connections"),
                                               QStringLiteral(" 6 ")}
                                << 6;
    }

    void probeConnections()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, connections);
        const auto parsed = parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->probeConnections, connections);
        QVERIFY(parsed->probe);
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("alone") << words("--help");
        QTest::newRow("after options") << words("rediss://h --format json --help");
        QTest::newRow("before an error") << words("--format xml --help");
    }

    void help()
    {
        QFETCH(QStringList, arguments);
        const auto parsed = parse(arguments);
        QVERIFY(parsed);
        QVERIFY(parsed->help);
        const QString usage = AuditArguments::usage();
        for (const char* option : {"--profiles", "--profile", "--env", "--format", "--output",
                                   "--fail-on", "--no-probe", "--probe-connections", "never",
                                   "REDISCLI_AUTH", "--askpass", "sarif", "junit", "markdown"})
            QVERIFY2(usage.contains(QLatin1String(option)), option);
    }

    void urlTargets()
    {
        const auto parsed = parse({QStringLiteral("rediss://ops@a.example:6380/2"),
                                   QStringLiteral("--cacert"),
                                   QStringLiteral("/ca.pem"),
                                   QStringLiteral("rediss://b.example"),
                                   QStringLiteral("--sni=cache.internal"),
                                   QStringLiteral("--insecure"),
                                   QStringLiteral("--no-verify-hostname"),
                                   QStringLiteral("--tls-min"),
                                   QStringLiteral("1.3"),
                                   QStringLiteral("--user"),
                                   QStringLiteral("auditor"),
                                   QStringLiteral("--timeout"),
                                   QStringLiteral("5"),
                                   QStringLiteral("--environment"),
                                   QStringLiteral("staging"),
                                   QStringLiteral("--cert"),
                                   QStringLiteral("/c.pem"),
                                   QStringLiteral("--key"),
                                   QStringLiteral("/k.pem"),
                                   QStringLiteral("--tls-ciphers"),
                                   QStringLiteral("ECDHE+AESGCM"),
                                   QStringLiteral("--tls-ciphersuites"),
                                   QStringLiteral("TLS_AES_256_GCM_SHA384"),
                                   QStringLiteral("--cacertdir"),
                                   QStringLiteral("/certs"),
                                   QStringLiteral("--tls-max"),
                                   QStringLiteral("1.3")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->urlTargets.size(), 2);
        // The connection options apply to every URL, wherever they are written.
        for (const InspectRequest& request : parsed->urlTargets) {
            QVERIFY(request.endpoint.tls);
            QCOMPARE(request.tls.caFile, QStringLiteral("/ca.pem"));
            QCOMPARE(request.tls.caDir, QStringLiteral("/certs"));
            QCOMPARE(request.tls.sni, QStringLiteral("cache.internal"));
            QVERIFY(!request.tls.verifyPeer);
            QVERIFY(!request.tls.verifyHostname);
            QCOMPARE(request.tls.minProtocol, QStringLiteral("TLSv1.3"));
            QCOMPARE(request.tls.maxProtocol, QStringLiteral("TLSv1.3"));
            QCOMPARE(request.tls.certFile, QStringLiteral("/c.pem"));
            QCOMPARE(request.tls.keyFile, QStringLiteral("/k.pem"));
            QCOMPARE(request.tls.ciphers, QStringLiteral("ECDHE+AESGCM"));
            QCOMPARE(request.tls.ciphersuites, QStringLiteral("TLS_AES_256_GCM_SHA384"));
            QCOMPARE(request.username, QStringLiteral("auditor")); // --user wins over the URL
            QCOMPARE(request.timeout, std::chrono::milliseconds(5000));
            QCOMPARE(request.environment, QStringLiteral("staging"));
        }
        QCOMPARE(parsed->urlTargets.at(0).endpoint.host, QStringLiteral("a.example"));
        QCOMPARE(parsed->urlTargets.at(0).endpoint.port, quint16(6380));
        QCOMPARE(parsed->urlTargets.at(0).endpoint.db, 2);
        QCOMPARE(parsed->urlTargets.at(1).endpoint.host, QStringLiteral("b.example"));

        const auto plain = parse(words("redis://p.example --tls"));
        QVERIFY2(plain, qPrintable(plain ? QString() : plain.error().message));
        QVERIFY(plain->urlTargets.first().endpoint.tls);
        const auto strict = parse(words("rediss://s.example"));
        QVERIFY(strict);
        QCOMPARE(strict->urlTargets.first().environment, QStringLiteral("production"));

        // URLs together with a profiles file; "--" ends the options.
        const auto both =
            parse(words("--profiles p.json rediss://x.example -- rediss://y.example"));
        QVERIFY2(both, qPrintable(both ? QString() : both.error().message));
        QCOMPARE(both->urlTargets.size(), 2);
        QVERIFY(both->profilesFileGiven);
    }

    void password_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("auth"); // REDISCLI_AUTH
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<bool>("ask");

        QTest::newRow("none") << words("rediss://h") << QString() << QByteArray() << false;
        QTest::newRow("from the URL")
            << words("rediss://u:p%40ss@h") << QString() << QByteArray("p@ss") << false;
        QTest::newRow("REDISCLI_AUTH")
            << words("rediss://h") << QStringLiteral("from-env") << QByteArray("from-env") << false;
        QTest::newRow("the URL wins over REDISCLI_AUTH")
            << words("rediss://:in-url@h") << QStringLiteral("from-env") << QByteArray("in-url")
            << false;
        QTest::newRow("--askpass ignores REDISCLI_AUTH")
            << words("rediss://h --askpass") << QStringLiteral("from-env") << QByteArray() << true;
    }

    void password()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, auth);
        QFETCH(QByteArray, password);
        QFETCH(bool, ask);
        const auto parsed = parse(arguments, auth);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->urlTargets.size(), 1);
        QCOMPARE(parsed->urlTargets.first().password, password);
        QCOMPARE(parsed->askPassword, ask);
    }

    void askpassWithProfilesOnly()
    {
        // --askpass also serves the profiles' "prompt" secrets: allowed without a URL.
        const auto parsed = parse(words("--profiles p.json --askpass"), QStringLiteral("x"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QVERIFY(parsed->askPassword);
        QVERIFY(parsed->urlTargets.isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected"); // a part of the message

        QTest::newRow("unknown format")
            << words("--format xml") << QStringLiteral("Unknown --format \"xml\"");
        QTest::newRow("fail-on info")
            << words("--fail-on info") << QStringLiteral("Unknown --fail-on \"info\"");
        QTest::newRow("fail-on nonsense")
            << words("--fail-on extreme") << QStringLiteral("critical, high, medium, low or never");
        QTest::newRow("output without a value")
            << words("--output") << QStringLiteral("--output needs a value");
        QTest::newRow("output followed by an option")
            << words("--output --format json") << QStringLiteral("--output needs a value");
        QTest::newRow("-o without a value") << words("-o") << QStringLiteral("-o needs a value");
        QTest::newRow("empty --profiles")
            << words("--profiles=") << QStringLiteral("--profiles needs a non-empty value");
        QTest::newRow("empty --profile")
            << QStringList{QStringLiteral("--profile"), QStringLiteral(" ")}
            << QStringLiteral("--profile needs a non-empty value");
        QTest::newRow("bad --env") << words("--env ?!") << QStringLiteral("environment name");
        QTest::newRow("format twice") << words("--format json --format text")
                                      << QStringLiteral("--format is given more than once");
        QTest::newRow("output twice")
            << words("-o a --output b") << QStringLiteral("--output is given more than once");
        QTest::newRow("flag with a value")
            << words("--no-probe=yes") << QStringLiteral("--no-probe takes no value");
        QTest::newRow("probe-connections 0")
            << words("--probe-connections 0")
            << QStringLiteral("--probe-connections \"0\" is not a number from 1 to 32");
        QTest::newRow("probe-connections 33")
            << words("--probe-connections=33") << QStringLiteral("from 1 to 32");
        QTest::newRow("probe-connections negative")
            << words("--probe-connections -4") << QStringLiteral("from 1 to 32");
        QTest::newRow("probe-connections not a number")
            << words("--probe-connections many") << QStringLiteral("\"many\" is not a number");
        QTest::newRow("probe-connections without a value")
            << words("--probe-connections") << QStringLiteral("--probe-connections needs a value");
        QTest::newRow("probe-connections twice")
            << words("--probe-connections 4 --probe-connections 8")
            << QStringLiteral("--probe-connections is given more than once");
        QTest::newRow("unknown option")
            << words("--frobnicate") << QStringLiteral("Unknown option --frobnicate for audit");
        QTest::newRow("unknown option, value not echoed")
            << words("--secret-thing=SECRETPW") << QStringLiteral("Unknown option --secret-thing");
        QTest::newRow("misspelt option with a URL")
            << words("rediss://h --fial-on high") << QStringLiteral("Unknown option --fial-on");
        QTest::newRow("-a") << words("rediss://h -aSECRETPW")
                            << QStringLiteral("-a is not supported");
        QTest::newRow("-a without a URL")
            << words("-a SECRETPW") << QStringLiteral("-a is not supported");
        QTest::newRow("--password") << words("rediss://h --password=SECRETPW")
                                    << QStringLiteral("--password is not supported");
        QTest::newRow("-h") << words("-h host") << QStringLiteral("belong in the URL");
        QTest::newRow("other short option")
            << words("-x") << QStringLiteral("Unknown option -x for audit");
        QTest::newRow("connection option without a URL")
            << words("--profiles p.json --cacert ca.pem")
            << QStringLiteral("--cacert applies to URL targets");
        QTest::newRow("--profile with URLs only")
            << words("rediss://h --profile orders-prod")
            << QStringLiteral("--profile selects profiles from a profiles file");
        QTest::newRow("--env with URLs only")
            << words("rediss://h --env staging")
            << QStringLiteral("--env selects profiles from a profiles file");
        QTest::newRow("connection flag without a URL")
            << words("--insecure") << QStringLiteral("--insecure applies to URL targets");
        QTest::newRow("bad URL port")
            << words("rediss://u:SECRETPW@h:99999") << QStringLiteral("port");
        QTest::newRow("not a redis URL") << words("https://h") << QStringLiteral("redis");
        QTest::newRow("TLS option on a plain URL")
            << words("redis://h --cacert ca.pem") << QStringLiteral("only applies to TLS");
        QTest::newRow("cert without key")
            << words("rediss://h --cert c.pem") << QStringLiteral("--cert needs --key");
        QTest::newRow("bad tls-min")
            << words("rediss://h --tls-min 2") << QStringLiteral("not a TLS version");
        QTest::newRow("bad timeout")
            << words("rediss://h --timeout 0") << QStringLiteral("more than 0 seconds");
        QTest::newRow("URL password and --askpass")
            << words("rediss://:SECRETPW@h --askpass") << QStringLiteral("--askpass asks");
        QTest::newRow("connection option without a value")
            << words("rediss://h --cacert") << QStringLiteral("--cacert needs a value");
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const auto parsed = parse(arguments, QStringLiteral("ENVSECRETPW"));
        QVERIFY2(!parsed, "accepted");
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QLatin1String("SECRETPW")),
                 "the message echoes a password");
    }
};

QTEST_APPLESS_MAIN(tst_AuditArguments)
#include "tst_AuditArguments.moc"
