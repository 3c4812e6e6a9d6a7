#include "cli/InspectArguments.h"

#include <QTest>

using namespace rediscope;

namespace {

QProcessEnvironment environmentOf(const QStringList& variables)
{
    QProcessEnvironment environment;
    for (const QString& variable : variables) {
        const qsizetype equals = variable.indexOf(QLatin1Char('='));
        environment.insert(variable.left(equals), variable.mid(equals + 1));
    }
    return environment;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// One field of the parsed arguments, as text, by name.
QString field(const InspectArguments& arguments, const QString& name)
{
    const InspectRequest& request = arguments.request;
    const TlsOptions& tls = request.tls;
    if (name == QLatin1String("host"))
        return request.endpoint.host;
    if (name == QLatin1String("port"))
        return QString::number(request.endpoint.port);
    if (name == QLatin1String("db"))
        return QString::number(request.endpoint.db);
    if (name == QLatin1String("tls"))
        return boolText(request.endpoint.tls);
    if (name == QLatin1String("verifyPeer"))
        return boolText(tls.verifyPeer);
    if (name == QLatin1String("verifyHostname"))
        return boolText(tls.verifyHostname);
    if (name == QLatin1String("sni"))
        return tls.sni;
    if (name == QLatin1String("caFile"))
        return tls.caFile;
    if (name == QLatin1String("caDir"))
        return tls.caDir;
    if (name == QLatin1String("certFile"))
        return tls.certFile;
    if (name == QLatin1String("keyFile"))
        return tls.keyFile;
    if (name == QLatin1String("ciphers"))
        return tls.ciphers;
    if (name == QLatin1String("ciphersuites"))
        return tls.ciphersuites;
    if (name == QLatin1String("minProtocol"))
        return tls.minProtocol;
    if (name == QLatin1String("maxProtocol"))
        return tls.maxProtocol;
    if (name == QLatin1String("username"))
        return request.username;
    if (name == QLatin1String("password"))
        return QString::fromUtf8(request.password);
    if (name == QLatin1String("askPassword"))
        return boolText(arguments.askPassword);
    if (name == QLatin1String("environment"))
        return request.environment;
    if (name == QLatin1String("timeoutMs"))
        return QString::number(request.timeout.count());
    if (name == QLatin1String("format"))
        return arguments.format;
    if (name == QLatin1String("help"))
        return boolText(arguments.help);
    return QStringLiteral("<unknown field %1>").arg(name);
}

} // namespace

class TestInspectArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void help_data();
    void help();
    void usageListsEveryOption();
};

void TestInspectArguments::defaults()
{
    const Result<InspectArguments> parsed =
        InspectArguments::parse({QStringLiteral("redis://cache.internal")}, QProcessEnvironment());
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    const InspectArguments& arguments = *parsed;
    QCOMPARE(arguments.request.endpoint.host, QStringLiteral("cache.internal"));
    QCOMPARE(arguments.request.endpoint.port, quint16(6379));
    QCOMPARE(arguments.request.endpoint.db, 0);
    QCOMPARE(arguments.request.endpoint.tls, false);
    QVERIFY(arguments.request.username.isEmpty());
    QVERIFY(arguments.request.password.isEmpty());
    QCOMPARE(arguments.request.environment, QStringLiteral("production"));
    QCOMPARE(arguments.request.timeout, std::chrono::milliseconds(10000));
    QCOMPARE(arguments.request.tls.verifyPeer, true);
    QCOMPARE(arguments.request.tls.verifyHostname, true);
    QCOMPARE(arguments.request.tls.minProtocol, QStringLiteral("TLSv1.2"));
    QVERIFY(arguments.request.tls.maxProtocol.isEmpty());
    QVERIFY(arguments.request.tls.caFile.isEmpty());
    QCOMPARE(arguments.format, QStringLiteral("text"));
    QCOMPARE(arguments.askPassword, false);
    QCOMPARE(arguments.help, false);
}

void TestInspectArguments::parseValid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment"); // NAME=value
    QTest::addColumn<QStringList>("expected");    // field=value

    const QString url = QStringLiteral("rediss://cache.internal:6380/2");
    auto row = [&](const char* name, const QStringList& arguments, const QStringList& expected,
                   const QStringList& environment = {}) {
        QTest::newRow(name) << arguments << environment << expected;
    };

    // The endpoint.
    row("rediss url", {url},
        {QStringLiteral("host=cache.internal"), QStringLiteral("port=6380"), QStringLiteral("db=2"),
         QStringLiteral("tls=true")});
    row("redis url is plain", {QStringLiteral("redis://[::1]:7000")},
        {QStringLiteral("host=::1"), QStringLiteral("port=7000"), QStringLiteral("tls=false")});
    row("--tls forces TLS", {QStringLiteral("redis://cache:6379"), QStringLiteral("--tls")},
        {QStringLiteral("tls=true"), QStringLiteral("port=6379")});
    row("options before the url", {QStringLiteral("--tls"), QStringLiteral("redis://cache")},
        {QStringLiteral("tls=true"), QStringLiteral("host=cache")});
    row("-- ends the options", {QStringLiteral("--insecure"), QStringLiteral("--"), url},
        {QStringLiteral("verifyPeer=false"), QStringLiteral("host=cache.internal")});

    // TLS options, both forms.
    row("--cacert FILE", {url, QStringLiteral("--cacert"), QStringLiteral("/etc/ca.pem")},
        {QStringLiteral("caFile=/etc/ca.pem")});
    row("--cacert=FILE", {url, QStringLiteral("--cacert=ca with space.pem")},
        {QStringLiteral("caFile=ca with space.pem")});
    row("--cacertdir DIR", {url, QStringLiteral("--cacertdir"), QStringLiteral("/etc/ssl/certs")},
        {QStringLiteral("caDir=/etc/ssl/certs")});
    row("--cacertdir=DIR", {url, QStringLiteral("--cacertdir=certs")},
        {QStringLiteral("caDir=certs")});
    row("--cert and --key",
        {url, QStringLiteral("--cert"), QStringLiteral("client.pem"), QStringLiteral("--key"),
         QStringLiteral("client.key")},
        {QStringLiteral("certFile=client.pem"), QStringLiteral("keyFile=client.key")});
    row("--cert= and --key=", {url, QStringLiteral("--cert=c.pem"), QStringLiteral("--key=k.pem")},
        {QStringLiteral("certFile=c.pem"), QStringLiteral("keyFile=k.pem")});
    row("--sni NAME", {url, QStringLiteral("--sni"), QStringLiteral("cache.example.com")},
        {QStringLiteral("sni=cache.example.com")});
    row("--sni=NAME", {url, QStringLiteral("--sni=other.example")},
        {QStringLiteral("sni=other.example")});
    row("--insecure", {url, QStringLiteral("--insecure")},
        {QStringLiteral("verifyPeer=false"), QStringLiteral("verifyHostname=true")});
    row("--no-verify-hostname", {url, QStringLiteral("--no-verify-hostname")},
        {QStringLiteral("verifyHostname=false"), QStringLiteral("verifyPeer=true")});
    row("--tls-ciphers LIST",
        {url, QStringLiteral("--tls-ciphers"), QStringLiteral("ECDHE+AESGCM:!aNULL")},
        {QStringLiteral("ciphers=ECDHE+AESGCM:!aNULL")});
    row("--tls-ciphers=LIST", {url, QStringLiteral("--tls-ciphers=HIGH")},
        {QStringLiteral("ciphers=HIGH")});
    row("--tls-ciphersuites LIST",
        {url, QStringLiteral("--tls-ciphersuites"), QStringLiteral("TLS_AES_256_GCM_SHA384")},
        {QStringLiteral("ciphersuites=TLS_AES_256_GCM_SHA384")});
    row("--tls-ciphersuites=LIST",
        {url, QStringLiteral("--tls-ciphersuites=TLS_CHACHA20_POLY1305_SHA256")},
        {QStringLiteral("ciphersuites=TLS_CHACHA20_POLY1305_SHA256")});
    row("--tls-min 1.3", {url, QStringLiteral("--tls-min"), QStringLiteral("1.3")},
        {QStringLiteral("minProtocol=TLSv1.3")});
    row("--tls-min=TLSv1.2", {url, QStringLiteral("--tls-min=TLSv1.2")},
        {QStringLiteral("minProtocol=TLSv1.2")});
    row("--tls-min 1.0", {url, QStringLiteral("--tls-min"), QStringLiteral("1.0")},
        {QStringLiteral("minProtocol=TLSv1")});
    row("--tls-min tlsv1.1", {url, QStringLiteral("--tls-min=tlsv1.1")},
        {QStringLiteral("minProtocol=TLSv1.1")});
    row("--tls-max 1.2", {url, QStringLiteral("--tls-max"), QStringLiteral("1.2")},
        {QStringLiteral("maxProtocol=TLSv1.2"), QStringLiteral("minProtocol=TLSv1.2")});
    row("--tls-max=TLSv1.3 with --tls-min 1.0",
        {url, QStringLiteral("--tls-max=TLSv1.3"), QStringLiteral("--tls-min"),
         QStringLiteral("TLSv1")},
        {QStringLiteral("maxProtocol=TLSv1.3"), QStringLiteral("minProtocol=TLSv1")});
    row("TLS options with redis:// and --tls",
        {QStringLiteral("redis://cache"), QStringLiteral("--cacert"), QStringLiteral("ca.pem"),
         QStringLiteral("--tls")},
        {QStringLiteral("tls=true"), QStringLiteral("caFile=ca.pem")});

    // User and password precedence.
    row("user from the url", {QStringLiteral("rediss://alice@cache")},
        {QStringLiteral("username=alice"), QStringLiteral("password=")});
    row("--user wins over the url",
        {QStringLiteral("rediss://alice@cache"), QStringLiteral("--user"), QStringLiteral("bob")},
        {QStringLiteral("username=bob")});
    row("--user= before the url", {QStringLiteral("--user=bob"), QStringLiteral("rediss://cache")},
        {QStringLiteral("username=bob")});
    row("password from the url", {QStringLiteral("rediss://alice:s3cret@cache")},
        {QStringLiteral("username=alice"), QStringLiteral("password=s3cret")});
    row("url password wins over REDISCLI_AUTH", {QStringLiteral("rediss://:fromurl@cache")},
        {QStringLiteral("password=fromurl")}, {QStringLiteral("REDISCLI_AUTH=fromenv")});
    row("REDISCLI_AUTH", {QStringLiteral("rediss://alice@cache")},
        {QStringLiteral("password=fromenv"), QStringLiteral("username=alice")},
        {QStringLiteral("REDISCLI_AUTH=fromenv")});
    row("empty REDISCLI_AUTH is no password", {QStringLiteral("rediss://cache")},
        {QStringLiteral("password=")}, {QStringLiteral("REDISCLI_AUTH=")});
    row("other variables are ignored", {QStringLiteral("rediss://cache")},
        {QStringLiteral("password=")}, {QStringLiteral("REDIS_PASSWORD=nope")});
    row("--askpass ignores REDISCLI_AUTH",
        {QStringLiteral("rediss://cache"), QStringLiteral("--askpass")},
        {QStringLiteral("askPassword=true"), QStringLiteral("password=")},
        {QStringLiteral("REDISCLI_AUTH=fromenv")});
    row("--askpass with --user",
        {QStringLiteral("rediss://cache"), QStringLiteral("--askpass"), QStringLiteral("--user"),
         QStringLiteral("ops")},
        {QStringLiteral("askPassword=true"), QStringLiteral("username=ops")});

    // Other options.
    row("--environment ENV", {url, QStringLiteral("--environment"), QStringLiteral("staging")},
        {QStringLiteral("environment=staging")});
    row("--environment= is lower-cased", {url, QStringLiteral("--environment=Development")},
        {QStringLiteral("environment=development")});
    row("--environment custom", {url, QStringLiteral("--environment"), QStringLiteral("EU-West")},
        {QStringLiteral("environment=eu-west")});
    row("--timeout SECONDS", {url, QStringLiteral("--timeout"), QStringLiteral("30")},
        {QStringLiteral("timeoutMs=30000")});
    row("--timeout= fraction", {url, QStringLiteral("--timeout=2.5")},
        {QStringLiteral("timeoutMs=2500")});
    row("--timeout smallest", {url, QStringLiteral("--timeout"), QStringLiteral("0.001")},
        {QStringLiteral("timeoutMs=1")});
    row("--timeout largest", {url, QStringLiteral("--timeout=3600")},
        {QStringLiteral("timeoutMs=3600000")});
    row("--format json", {url, QStringLiteral("--format"), QStringLiteral("json")},
        {QStringLiteral("format=json")});
    row("--format=TEXT", {url, QStringLiteral("--format=TEXT")}, {QStringLiteral("format=text")});
    row("flags may repeat", {url, QStringLiteral("--insecure"), QStringLiteral("--insecure")},
        {QStringLiteral("verifyPeer=false")});
}

void TestInspectArguments::parseValid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, expected);

    const Result<InspectArguments> parsed =
        InspectArguments::parse(arguments, environmentOf(environment));
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->help, false);
    for (const QString& item : expected) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString name = item.left(equals);
        QVERIFY2(field(*parsed, name) == item.mid(equals + 1),
                 qPrintable(QStringLiteral("%1: got \"%2\", expected \"%3\"")
                                .arg(name, field(*parsed, name), item.mid(equals + 1))));
    }
}

void TestInspectArguments::parseInvalid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("fragment"); // expected in the message
    QTest::addColumn<QString>("secret");   // must not be in the message; empty: none

    const QString url = QStringLiteral("rediss://cache:6380");
    const QString plain = QStringLiteral("redis://cache");
    const QString secret = QStringLiteral("hunter2");
    auto row = [&](const char* name, const QStringList& arguments, const QString& fragment,
                   const QString& hidden = {}, const QStringList& environment = {}) {
        QTest::newRow(name) << arguments << environment << fragment << hidden;
    };

    // Positionals.
    row("no arguments", {}, QStringLiteral("URL is missing"));
    row("options only", {QStringLiteral("--tls")}, QStringLiteral("URL is missing"));
    row("second url", {url, QStringLiteral("redis://other")},
        QStringLiteral("second URL \"redis://other\""));
    row("extra word is not echoed", {url, secret}, QStringLiteral("extra argument"), secret);
    row("extra url with credentials is not echoed", {url, QStringLiteral("redis://:hunter2@other")},
        QStringLiteral("extra argument"), secret);
    row("bad url", {QStringLiteral("http://cache")},
        QStringLiteral("\"http://\" is not supported"));
    row("host:port without scheme", {QStringLiteral("cache:6379")},
        QStringLiteral("redis://cache:6379"));
    row("bad url with password", {QStringLiteral("redis://:hunter2@cache:0")},
        QStringLiteral("port 0"), secret);

    // Passwords on the command line.
    row("-a", {url, QStringLiteral("-a"), secret}, QStringLiteral("-a is not supported"), secret);
    row("-a explains why", {url, QStringLiteral("-a"), secret},
        QStringLiteral("visible to other users"), secret);
    row("-a points to REDISCLI_AUTH", {url, QStringLiteral("-a"), secret},
        QStringLiteral("REDISCLI_AUTH"), secret);
    row("-a points to --askpass", {QStringLiteral("-a"), secret, url}, QStringLiteral("--askpass"),
        secret);
    row("-aPASSWORD", {url, QStringLiteral("-ahunter2")}, QStringLiteral("-a is not supported"),
        secret);
    row("--pass", {url, QStringLiteral("--pass"), secret},
        QStringLiteral("--pass is not supported"), secret);
    row("--pass=", {url, QStringLiteral("--pass=hunter2")},
        QStringLiteral("--pass is not supported"), secret);
    row("--password", {url, QStringLiteral("--password"), secret},
        QStringLiteral("--password is not supported"), secret);
    row("--password=", {url, QStringLiteral("--password=hunter2")}, QStringLiteral("REDISCLI_AUTH"),
        secret);
    row("url password and --askpass",
        {QStringLiteral("rediss://:hunter2@cache"), QStringLiteral("--askpass")},
        QStringLiteral("--askpass"), secret);

    // redis-cli's short options.
    row("-h is not help", {QStringLiteral("-h")}, QStringLiteral("put the host in the URL"));
    row("-h points to --help", {url, QStringLiteral("-h"), QStringLiteral("cache")},
        QStringLiteral("--help"));
    row("-p", {url, QStringLiteral("-p"), QStringLiteral("6380")},
        QStringLiteral("put the port in the URL"));
    row("-n", {url, QStringLiteral("-n"), QStringLiteral("2")},
        QStringLiteral("database number in the URL"));
    row("-u", {QStringLiteral("-u"), url}, QStringLiteral("give the URL as the argument"));
    row("--port", {url, QStringLiteral("--port=6380")}, QStringLiteral("put the port in the URL"));

    // Unknown options and values.
    row("unknown option", {url, QStringLiteral("--bogus")},
        QStringLiteral("Unknown option --bogus"));
    row("unknown option= hides its value", {url, QStringLiteral("--auth-token=hunter2")},
        QStringLiteral("Unknown option --auth-token"), secret);
    row("unknown short option", {url, QStringLiteral("-x")}, QStringLiteral("Unknown option -x"));
    row("unknown glued short option", {url, QStringLiteral("-xhunter2")},
        QStringLiteral("Unknown option -x"), secret);
    row("flag with a value", {url, QStringLiteral("--insecure=yes")},
        QStringLiteral("--insecure takes no value"));
    row("--askpass with a value", {url, QStringLiteral("--askpass=hunter2")},
        QStringLiteral("--askpass takes no value"), secret);
    row("--help with a value", {url, QStringLiteral("--help=me")},
        QStringLiteral("--help takes no value"));
    row("missing value at the end", {url, QStringLiteral("--cacert")},
        QStringLiteral("--cacert needs a value: --cacert FILE"));
    row("missing value before an option",
        {url, QStringLiteral("--cacertdir"), QStringLiteral("--insecure")},
        QStringLiteral("--cacertdir needs a value"));
    row("empty value", {url, QStringLiteral("--sni=")},
        QStringLiteral("--sni needs a non-empty value"));
    row("blank value", {url, QStringLiteral("--user"), QStringLiteral(" ")},
        QStringLiteral("--user needs a non-empty value"));
    row("missing --timeout value", {url, QStringLiteral("--timeout")},
        QStringLiteral("--timeout needs a value: --timeout SECONDS"));
    row("value option twice",
        {url, QStringLiteral("--cacert"), QStringLiteral("a.pem"),
         QStringLiteral("--cacert=b.pem")},
        QStringLiteral("--cacert is given more than once"));
    row("user with whitespace", {url, QStringLiteral("--user"), QStringLiteral("al ice")},
        QStringLiteral("--user"));
    row("sni with whitespace", {url, QStringLiteral("--sni=a b")}, QStringLiteral("--sni"));

    // TLS versions.
    row("--tls-min 1.4", {url, QStringLiteral("--tls-min"), QStringLiteral("1.4")},
        QStringLiteral("--tls-min \"1.4\" is not a TLS version"));
    row("--tls-min=SSLv3", {url, QStringLiteral("--tls-min=SSLv3")},
        QStringLiteral("--tls-min \"SSLv3\""));
    row("--tls-max banana", {url, QStringLiteral("--tls-max"), QStringLiteral("banana")},
        QStringLiteral("--tls-max \"banana\" is not a TLS version"));
    row("--tls-min above --tls-max",
        {url, QStringLiteral("--tls-min=1.3"), QStringLiteral("--tls-max=1.2")},
        QStringLiteral("--tls-min TLSv1.3 is higher than --tls-max TLSv1.2"));

    // Timeout.
    row("--timeout not a number", {url, QStringLiteral("--timeout"), QStringLiteral("ten")},
        QStringLiteral("--timeout \"ten\" is not a number of seconds"));
    row("--timeout with unit", {url, QStringLiteral("--timeout=10s")},
        QStringLiteral("not a number of seconds"));
    row("--timeout 0", {url, QStringLiteral("--timeout=0")},
        QStringLiteral("--timeout must be more than 0"));
    row("--timeout negative", {url, QStringLiteral("--timeout"), QStringLiteral("-5")},
        QStringLiteral("--timeout must be more than 0"));
    row("--timeout too long", {url, QStringLiteral("--timeout"), QStringLiteral("3601")},
        QStringLiteral("maximum is 3600 seconds"));
    row("--timeout nan", {url, QStringLiteral("--timeout=nan")},
        QStringLiteral("not a number of seconds"));
    row("--timeout inf", {url, QStringLiteral("--timeout=inf")},
        QStringLiteral("not a number of seconds"));
    row("--timeout below a millisecond", {url, QStringLiteral("--timeout=0.0001")},
        QStringLiteral("less than a millisecond"));

    // Format and environment.
    row("--format xml", {url, QStringLiteral("--format"), QStringLiteral("xml")},
        QStringLiteral("--format \"xml\" is not a known format: use text or json"));
    row("--format sarif is for audit", {url, QStringLiteral("--format=sarif")},
        QStringLiteral("use text or json"));
    row("--environment with spaces", {url, QStringLiteral("--environment=my env")},
        QStringLiteral("--environment \"my env\" is not a valid environment name"));

    // Combinations.
    row("--cacert without TLS", {plain, QStringLiteral("--cacert"), QStringLiteral("ca.pem")},
        QStringLiteral("--cacert only applies to TLS connections"));
    row("--insecure without TLS", {plain, QStringLiteral("--insecure")},
        QStringLiteral("use rediss:// or add --tls"));
    row("TLS option without TLS hides the password",
        {QStringLiteral("redis://alice:hunter2@cache"), QStringLiteral("--tls-min=1.3")},
        QStringLiteral("redis://alice@cache:6379"), secret);
    row("--cert without --key", {url, QStringLiteral("--cert"), QStringLiteral("c.pem")},
        QStringLiteral("--cert needs --key"));
    row("--key without --cert", {url, QStringLiteral("--key=k.pem")},
        QStringLiteral("--key needs --cert"));
    row("later error with REDISCLI_AUTH", {url, QStringLiteral("--timeout"), QStringLiteral("x")},
        QStringLiteral("not a number of seconds"), secret,
        {QStringLiteral("REDISCLI_AUTH=hunter2")});
    row("later error with url password",
        {QStringLiteral("rediss://u:hunter2@cache"), QStringLiteral("--format"),
         QStringLiteral("yaml")},
        QStringLiteral("--format"), secret);
}

void TestInspectArguments::parseInvalid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, fragment);
    QFETCH(QString, secret);

    const Result<InspectArguments> parsed =
        InspectArguments::parse(arguments, environmentOf(environment));
    QVERIFY(!parsed.has_value());
    const Error& error = parsed.error();
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.stage, Stage::None);
    QVERIFY2(error.message.contains(fragment),
             qPrintable(QStringLiteral("message: ") + error.message));
    if (!secret.isEmpty())
        QVERIFY2(!error.toString().contains(secret), qPrintable(error.toString()));
}

void TestInspectArguments::help_data()
{
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("alone") << QStringList{QStringLiteral("--help")};
    QTest::newRow("with a url") << QStringList{QStringLiteral("rediss://cache"),
                                               QStringLiteral("--help")};
    QTest::newRow("wins over later mistakes") << QStringList{
        QStringLiteral("--help"), QStringLiteral("--bogus"), QStringLiteral("--timeout=x")};
    QTest::newRow("wins over earlier mistakes")
        << QStringList{QStringLiteral("--tls-min=9"), QStringLiteral("--help")};
}

void TestInspectArguments::help()
{
    QFETCH(QStringList, arguments);

    const Result<InspectArguments> parsed = InspectArguments::parse(arguments, {});
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QVERIFY(parsed->help);
}

void TestInspectArguments::usageListsEveryOption()
{
    const QString usage = InspectArguments::usage();
    const QStringList options = {
        QStringLiteral("--tls "),
        QStringLiteral("--cacert FILE"),
        QStringLiteral("--cacertdir DIR"),
        QStringLiteral("--cert FILE"),
        QStringLiteral("--key FILE"),
        QStringLiteral("--sni NAME"),
        QStringLiteral("--insecure"),
        QStringLiteral("--no-verify-hostname"),
        QStringLiteral("--tls-ciphers LIST"),
        QStringLiteral("--tls-ciphersuites LIST"),
        QStringLiteral("--tls-min VERSION"),
        QStringLiteral("--tls-max VERSION"),
        QStringLiteral("--user NAME"),
        QStringLiteral("--askpass"),
        QStringLiteral("--environment ENV"),
        QStringLiteral("--timeout SECONDS"),
        QStringLiteral("--format text|json"),
        QStringLiteral("--help"),
        QStringLiteral("REDISCLI_AUTH"),
        QStringLiteral("rediss://"),
        QStringLiteral("Usage: rediscope inspect <url> [options]"),
    };
    for (const QString& option : options)
        QVERIFY2(usage.contains(option), qPrintable(option));
    // Every line fits a terminal of 100 columns.
    for (const QStringView line : QStringView(usage).split(QLatin1Char('\n')))
        QVERIFY2(line.size() <= 100, qPrintable(line.toString()));
}

QTEST_GUILESS_MAIN(TestInspectArguments)
#include "tst_InspectArguments.moc"
