// The arguments of `rediscope profiles`: every action, every option of add mapped onto the
// profile, the password's source, import sources, and specific errors for nonsense that never
// echo a password.

#include "cli/ProfilesArguments.h"

#include <QTest>

using namespace rediscope;

namespace {

using Action = ProfilesArguments::Action;

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class tst_ProfilesArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("action");
        QTest::addColumn<QStringList>("names");

        QTest::newRow("list") << words("list") << int(Action::List) << QStringList();
        QTest::newRow("show") << words("show prod") << int(Action::Show)
                              << QStringList{QStringLiteral("prod")};
        QTest::newRow("show name with spaces")
            << QStringList{QStringLiteral("show"), QStringLiteral("prod cache")}
            << int(Action::Show) << QStringList{QStringLiteral("prod cache")};
        QTest::newRow("remove two") << words("remove a b") << int(Action::Remove)
                                    << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("export") << words("export a --as json") << int(Action::Export)
                                << QStringList{QStringLiteral("a")};
        QTest::newRow("--profiles before the action")
            << words("--profiles f.json list") << int(Action::List) << QStringList();
        QTest::newRow("-- ends options") << words("show -- --weird-name") << int(Action::Show)
                                         << QStringList{QStringLiteral("--weird-name")};
    }

    void actions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, action);
        QFETCH(QStringList, names);
        const auto parsed = ProfilesArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(int(parsed->action), action);
        QCOMPARE(parsed->names, names);
        QVERIFY(!parsed->help);
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--help") << words("--help");
        QTest::newRow("help word") << words("help");
        QTest::newRow("action --help") << words("add --help");
        QTest::newRow("--help wins over errors") << words("add --bogus --help");
    }

    void help()
    {
        QFETCH(QStringList, arguments);
        const auto parsed = ProfilesArguments::parse(arguments);
        QVERIFY(parsed);
        QVERIFY(parsed->help);
        const QString usage = ProfilesArguments::usage();
        for (const char* option : {"--profiles",
                                   "--format",
                                   "--env",
                                   "--name",
                                   "--service",
                                   "--tls",
                                   "--cacert",
                                   "--cacertdir",
                                   "--cert",
                                   "--key",
                                   "--sni",
                                   "--insecure",
                                   "--no-verify-hostname",
                                   "--tls-ciphers",
                                   "--tls-ciphersuites",
                                   "--tls-min",
                                   "--user",
                                   "--timeout",
                                   "--tags",
                                   "--notes",
                                   "--expected-server",
                                   "--askpass",
                                   "--password-source",
                                   "--ask-key-passphrase",
                                   "--key-passphrase-source",
                                   "--from",
                                   "--certs-dir",
                                   "--dry-run",
                                   "--as",
                                   "--all"})
            QVERIFY2(usage.contains(QLatin1String(option)), option);
    }

    void commonOptions()
    {
        const auto parsed = ProfilesArguments::parse(
            words("list --profiles=/tmp/p.json --env Production --environment qa --format JSON"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->profilesFile, QStringLiteral("/tmp/p.json"));
        QCOMPARE(parsed->environments,
                 (QStringList{QStringLiteral("production"), QStringLiteral("qa")}));
        QCOMPARE(parsed->format, QStringLiteral("json"));
    }

    void addMapsEveryOption()
    {
        const auto parsed =
            ProfilesArguments::parse({QStringLiteral("add"),
                                      QStringLiteral("rediss://ops@Cache.Example.com:6390/4"),
                                      QStringLiteral("--name"),
                                      QStringLiteral("prod cache"),
                                      QStringLiteral("--service"),
                                      QStringLiteral("cache"),
                                      QStringLiteral("--env"),
                                      QStringLiteral("production"),
                                      QStringLiteral("--cacert"),
                                      QStringLiteral("/etc/ca.pem"),
                                      QStringLiteral("--cacertdir"),
                                      QStringLiteral("/etc/ssl/certs"),
                                      QStringLiteral("--cert"),
                                      QStringLiteral("/c.pem"),
                                      QStringLiteral("--key"),
                                      QStringLiteral("/k.pem"),
                                      QStringLiteral("--sni"),
                                      QStringLiteral("cache.internal"),
                                      QStringLiteral("--no-verify-hostname"),
                                      QStringLiteral("--tls-ciphers"),
                                      QStringLiteral("ECDHE+AESGCM"),
                                      QStringLiteral("--tls-ciphersuites"),
                                      QStringLiteral("TLS_AES_256_GCM_SHA384"),
                                      QStringLiteral("--tls-min=1.3"),
                                      QStringLiteral("--user"),
                                      QStringLiteral("admin"),
                                      QStringLiteral("--timeout"),
                                      QStringLiteral("25"),
                                      QStringLiteral("--tags"),
                                      QStringLiteral("eu, cache"),
                                      QStringLiteral("--tags=critical"),
                                      QStringLiteral("--notes"),
                                      QStringLiteral("owned by ops"),
                                      QStringLiteral("--expected-server"),
                                      QStringLiteral("Dragonfly"),
                                      QStringLiteral("--key-passphrase-source"),
                                      QStringLiteral("env:KEY_PASS")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        const Profile& p = parsed->profile;
        QCOMPARE(int(parsed->action), int(Action::Add));
        QVERIFY(p.id.isNull()); // the command gives the id
        QCOMPARE(p.name, QStringLiteral("prod cache"));
        QCOMPARE(p.service, QStringLiteral("cache"));
        QCOMPARE(p.environment, QStringLiteral("production"));
        QCOMPARE(p.host, QStringLiteral("cache.example.com"));
        QCOMPARE(p.port, quint16(6390));
        QCOMPARE(p.db, 4);
        QCOMPARE(p.username, QStringLiteral("admin")); // --user wins over the URL's user
        QVERIFY(p.tls.enabled);
        QVERIFY(p.tls.verifyPeer);
        QVERIFY(!p.tls.verifyHostname);
        QCOMPARE(p.tls.caFile, QStringLiteral("/etc/ca.pem"));
        QCOMPARE(p.tls.caDir, QStringLiteral("/etc/ssl/certs"));
        QCOMPARE(p.tls.certFile, QStringLiteral("/c.pem"));
        QCOMPARE(p.tls.keyFile, QStringLiteral("/k.pem"));
        QCOMPARE(p.tls.sni, QStringLiteral("cache.internal"));
        QCOMPARE(p.tls.ciphers, QStringLiteral("ECDHE+AESGCM"));
        QCOMPARE(p.tls.ciphersuites, QStringLiteral("TLS_AES_256_GCM_SHA384"));
        QCOMPARE(p.tls.minProtocol, QStringLiteral("TLSv1.3"));
        QCOMPARE(p.timeoutSeconds, 25);
        QCOMPARE(p.tags, (QStringList{QStringLiteral("eu"), QStringLiteral("cache"),
                                      QStringLiteral("critical")}));
        QCOMPARE(p.notes, QStringLiteral("owned by ops"));
        QCOMPARE(p.expectedServerKind, QStringLiteral("dragonfly"));
        QCOMPARE(p.password, SecretRef::none());
        QCOMPARE(p.tls.keyPassphrase, SecretRef::env(QStringLiteral("KEY_PASS")));
        QCOMPARE(parsed->keyPassphraseSource, SecretRef::env(QStringLiteral("KEY_PASS")));
    }

    void addDefaults()
    {
        const auto parsed = ProfilesArguments::parse(words("add redis://[::1]"));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        const Profile& p = parsed->profile;
        QCOMPARE(p.name, QStringLiteral("[::1]:6379"));
        QCOMPARE(p.host, QStringLiteral("::1"));
        QVERIFY(!p.tls.enabled);
        QCOMPARE(p.environment, Profile().environment);
        QCOMPARE(p.password, SecretRef::none());
        QVERIFY(parsed->password.isEmpty());

        const auto insecure = ProfilesArguments::parse(words("add redis://h --tls --insecure"));
        QVERIFY2(insecure, qPrintable(insecure ? QString() : insecure.error().message));
        QVERIFY(insecure->profile.tls.enabled);
        QVERIFY(!insecure->profile.tls.verifyPeer);
    }

    void addPasswordSource_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<bool>("ask");

        QTest::newRow("URL password goes to the keychain")
            << words("add rediss://u:p%40ss@h") << QStringLiteral("keychain") << QByteArray("p@ss")
            << false;
        QTest::newRow("explicit keychain with URL password")
            << words("add rediss://:pw@h --password-source keychain") << QStringLiteral("keychain")
            << QByteArray("pw") << false;
        QTest::newRow("--askpass") << words("add rediss://h --askpass")
                                   << QStringLiteral("keychain") << QByteArray() << true;
        QTest::newRow("env reference") << words("add rediss://h --password-source env:REDIS_PW")
                                       << QStringLiteral("env:REDIS_PW") << QByteArray() << false;
        QTest::newRow("prompt reference") << words("add rediss://h --password-source prompt")
                                          << QStringLiteral("prompt") << QByteArray() << false;
        QTest::newRow("none") << words("add rediss://h --password-source none")
                              << QStringLiteral("none") << QByteArray() << false;
        QTest::newRow("no password at all")
            << words("add rediss://h") << QStringLiteral("none") << QByteArray() << false;
        QTest::newRow("empty URL password is none")
            << words("add rediss://user:@h") << QStringLiteral("none") << QByteArray() << false;
    }

    void addPasswordSource()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, source);
        QFETCH(QByteArray, password);
        QFETCH(bool, ask);
        const auto parsed = ProfilesArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->passwordSource.toString(), source);
        QCOMPARE(parsed->profile.password.toString(), source);
        QCOMPARE(parsed->password, password);
        QCOMPARE(parsed->askPassword, ask);
    }

    void import_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("input");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("format");

        using Input = ProfilesArguments::ImportInput;
        QTest::newRow("file") << words("import conn.json") << int(Input::File)
                              << QStringLiteral("conn.json") << QStringLiteral("auto");
        QTest::newRow("stdin") << words("import - --from ardm") << int(Input::Stdin) << QString()
                               << QStringLiteral("ardm");
        QTest::newRow("url") << words("import rediss://u:pw@h:6380") << int(Input::Text)
                             << QStringLiteral("rediss://u:pw@h:6380") << QStringLiteral("auto");
        QTest::newRow("url, scheme in capitals")
            << words("import REDISS://h --from url") << int(Input::Text)
            << QStringLiteral("REDISS://h") << QStringLiteral("url");
        QTest::newRow("quoted redis-cli")
            << QStringList{QStringLiteral("import"), QStringLiteral("redis-cli -h h -p 1 --tls")}
            << int(Input::Text) << QStringLiteral("redis-cli -h h -p 1 --tls")
            << QStringLiteral("auto");
        QTest::newRow("redis-cli words, last")
            << QStringList{QStringLiteral("import"),    QStringLiteral("--from"),
                           QStringLiteral("redis-cli"), QStringLiteral("redis-cli"),
                           QStringLiteral("-h"),        QStringLiteral("h"),
                           QStringLiteral("-a"),        QStringLiteral("it's")}
            << int(Input::Text) << QStringLiteral("redis-cli -h h -a 'it'\\''s'")
            << QStringLiteral("redis-cli");
        QTest::newRow("resp-app alias")
            << words("import c.json --from resp-app") << int(Input::File)
            << QStringLiteral("c.json") << QStringLiteral("respapp");
        QTest::newRow("rediscope")
            << words("import backup.json --from rediscope") << int(Input::File)
            << QStringLiteral("backup.json") << QStringLiteral("rediscope");
    }

    void import()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, input);
        QFETCH(QString, source);
        QFETCH(QString, format);
        const auto parsed = ProfilesArguments::parse(arguments);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(int(parsed->action), int(Action::Import));
        QCOMPARE(int(parsed->importInput), input);
        QCOMPARE(parsed->importSource, source);
        QCOMPARE(parsed->importFormat, format);
        QVERIFY(parsed->importPasswordsToKeychain);
    }

    void importOptions()
    {
        const auto parsed = ProfilesArguments::parse(
            {QStringLiteral("import"), QStringLiteral("c.json"), QStringLiteral("--env"),
             QStringLiteral("Staging"), QStringLiteral("--service"), QStringLiteral("cache"),
             QStringLiteral("--name"), QStringLiteral("one"), QStringLiteral("--password-source"),
             QStringLiteral("prompt"), QStringLiteral("--certs-dir"), QStringLiteral("/tmp/c"),
             QStringLiteral("--dry-run")});
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->importEnvironment, QStringLiteral("staging"));
        QCOMPARE(parsed->importService, QStringLiteral("cache"));
        QCOMPARE(parsed->importName, QStringLiteral("one"));
        QVERIFY(!parsed->importPasswordsToKeychain);
        QCOMPARE(parsed->certsDir, QStringLiteral("/tmp/c"));
        QVERIFY(parsed->dryRun);
    }

    void exportOptions()
    {
        const auto all = ProfilesArguments::parse(words("export --all --as redis-cli"));
        QVERIFY2(all, qPrintable(all ? QString() : all.error().message));
        QVERIFY(all->all);
        QCOMPARE(all->exportAs, QStringLiteral("redis-cli"));
        const auto byDefault = ProfilesArguments::parse(words("export a"));
        QVERIFY(byDefault);
        QCOMPARE(byDefault->exportAs, QStringLiteral("url"));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected"); // a part of the message

        QTest::newRow("no action") << QStringList() << QStringLiteral("Name an action");
        QTest::newRow("unknown action")
            << words("frobnicate") << QStringLiteral("Unknown action \"frobnicate\"");
        QTest::newRow("URL instead of an action")
            << words("rediss://u:SECRETPW@h") << QStringLiteral("must be an action");
        QTest::newRow("unknown option") << words("list --frob") << QStringLiteral("--frob");
        QTest::newRow("option of another action")
            << words("list --as json") << QStringLiteral("it is an option of profiles export");
        QTest::newRow("add option on list")
            << words("list --cacert x") << QStringLiteral("does not apply to profiles list");
        QTest::newRow("bad format") << words("list --format xml") << QStringLiteral("text or json");
        QTest::newRow("bad env") << words("list --env ?!") << QStringLiteral("environment name");
        QTest::newRow("missing value")
            << words("list --profiles") << QStringLiteral("--profiles needs a value");
        QTest::newRow("empty value")
            << QStringList{QStringLiteral("list"), QStringLiteral("--profiles=")}
            << QStringLiteral("non-empty");
        QTest::newRow("flag with a value")
            << words("export --all=yes") << QStringLiteral("--all takes no value");
        QTest::newRow("twice") << words("list --format json --format text")
                               << QStringLiteral("more than once");
        QTest::newRow("list with a name")
            << words("list prod") << QStringLiteral("no profile names");
        QTest::newRow("show without a name") << words("show") << QStringLiteral("needs the name");
        QTest::newRow("show two") << words("show a b") << QStringLiteral("takes one profile");
        QTest::newRow("remove without a name")
            << words("remove") << QStringLiteral("needs the name");
        QTest::newRow("export nothing") << words("export") << QStringLiteral("or --all");
        QTest::newRow("export names and --all")
            << words("export a --all") << QStringLiteral("not both");
        QTest::newRow("export bad format")
            << words("export a --as xml") << QStringLiteral("url, redis-cli or json");
        QTest::newRow("add without URL") << words("add --name x") << QStringLiteral("needs the");
        QTest::newRow("add two URLs")
            << words("add redis://a redis://b") << QStringLiteral("takes one URL");
        QTest::newRow("add bad scheme") << words("add http://h") << QStringLiteral("redis");
        QTest::newRow("add bad port") << words("add rediss://h:99999") << QStringLiteral("port");
        QTest::newRow("add URL options")
            << words("add rediss://h?ssl_cert_reqs=none") << QStringLiteral("ssl_cert_reqs");
        QTest::newRow("add -h") << words("add -h host") << QStringLiteral("belong in the URL");
        QTest::newRow("add -a") << words("add rediss://h -aSECRETPW")
                                << QStringLiteral("-a is not supported");
        QTest::newRow("add --password")
            << words("add rediss://h --password=SECRETPW") << QStringLiteral("--password is not");
        QTest::newRow("tls option on plain URL")
            << words("add redis://h --cacert ca.pem") << QStringLiteral("rediss:// or add --tls");
        QTest::newRow("cert without key")
            << words("add rediss://h --cert c.pem") << QStringLiteral("--cert needs --key");
        QTest::newRow("key without cert")
            << words("add rediss://h --key k.pem") << QStringLiteral("--key needs --cert");
        QTest::newRow("bad tls-min")
            << words("add rediss://h --tls-min 2.0") << QStringLiteral("not a TLS version");
        QTest::newRow("tls-max") << words("add rediss://h --tls-max 1.3")
                                 << QStringLiteral("--tls-max is not part of a profile");
        QTest::newRow("fractional timeout")
            << words("add rediss://h --timeout 2.5") << QStringLiteral("whole number");
        QTest::newRow("timeout out of range")
            << words("add rediss://h --timeout 0") << QStringLiteral("1 to 3600");
        QTest::newRow("sni with space")
            << QStringList{QStringLiteral("add"), QStringLiteral("rediss://h"),
                           QStringLiteral("--sni"), QStringLiteral("a b")}
            << QStringLiteral("not a server name");
        QTest::newRow("user with space")
            << QStringList{QStringLiteral("add"), QStringLiteral("rediss://h"),
                           QStringLiteral("--user"), QStringLiteral("a b")}
            << QStringLiteral("whitespace");
        QTest::newRow("name looks like an id")
            << words("add rediss://h --name 123e4567-e89b-12d3-a456-426614174000")
            << QStringLiteral("looks like a profile id");
        QTest::newRow("bad server kind")
            << words("add rediss://h --expected-server memcached") << QStringLiteral("keydb");
        QTest::newRow("password source holds a password")
            << words("add rediss://h --password-source SECRETPW")
            << QStringLiteral("not the secret");
        QTest::newRow("bad env variable")
            << words("add rediss://h --password-source env:1X") << QStringLiteral("variable name");
        QTest::newRow("URL password but prompt")
            << words("add rediss://:SECRETPW@h --password-source prompt")
            << QStringLiteral("not kept in the keychain");
        QTest::newRow("keychain without a password")
            << words("add rediss://h --password-source keychain")
            << QStringLiteral("needs the password");
        QTest::newRow("askpass and URL password")
            << words("add rediss://:SECRETPW@h --askpass") << QStringLiteral("--askpass asks");
        QTest::newRow("key passphrase without a key")
            << words("add rediss://h --ask-key-passphrase") << QStringLiteral("needs a client key");
        QTest::newRow("key passphrase keychain without asking")
            << words("add rediss://h --cert c --key k --key-passphrase-source keychain")
            << QStringLiteral("--ask-key-passphrase");
        QTest::newRow("ask key passphrase but env")
            << words("add rediss://h --cert c --key k --ask-key-passphrase "
                     "--key-passphrase-source env:X")
            << QStringLiteral("drop one of them");
        QTest::newRow("env twice on add")
            << words("add rediss://h --env a --environment b") << QStringLiteral("--env is given");
        QTest::newRow("import nothing") << words("import") << QStringLiteral("needs what");
        QTest::newRow("import two files")
            << words("import a.json b.json") << QStringLiteral("takes one source");
        QTest::newRow("import bad --from")
            << words("import a.json --from xml") << QStringLiteral("resp-app");
        QTest::newRow("import --from mismatching a URL")
            << words("import rediss://:SECRETPW@h --from ardm") << QStringLiteral("which is a URL");
        QTest::newRow("import env password source")
            << words("import a.json --password-source env:X") << QStringLiteral("keychain, prompt");
        QTest::newRow("import -h")
            << words("import -h host") << QStringLiteral("write it after the source word");
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const auto parsed = ProfilesArguments::parse(arguments);
        QVERIFY2(!parsed, "accepted");
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QLatin1String("SECRETPW")),
                 "the message echoes a password");
    }
};

QTEST_APPLESS_MAIN(tst_ProfilesArguments)
#include "tst_ProfilesArguments.moc"
