// `rediscope profiles` as a user runs it: the real executable on temporary profiles files, with a
// real keychain (gnome-keyring in a private D-Bus session, see KeyringSession.h). Round trips of
// add/list/show/remove/import/export, exit statuses, a corrupt file left byte for byte as it
// was, unknown profiles, bad URLs, and the refusal to store a password without a keychain.

#include "KeyringSession.h"
#include "profile/ProfileImport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <memory>

using namespace keyringsession;
using namespace rediscope;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment baseEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("REDISCLI_AUTH"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    return environment;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QJsonObject fileJson(const QString& path)
{
    return QJsonDocument::fromJson(readAll(path)).object();
}

QJsonArray profilesIn(const QString& path)
{
    return fileJson(path).value(QLatin1String("profiles")).toArray();
}

QJsonObject profileNamed(const QString& path, const QString& name)
{
    for (const QJsonValue value : profilesIn(path)) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            return value.toObject();
    }
    return {};
}

// A value inside a JSON object by dotted path ("tls.verify_peer", "password.source").
QJsonValue at(const QJsonObject& object, const QString& path)
{
    QJsonValue value = object;
    for (const QString& key : path.split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// The permission bits for group and others, and the owner's: the file must be 0600.
bool ownerOnly(const QString& path)
{
    const QFile::Permissions mode = QFile::permissions(path);
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                      QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    return (mode & others) == 0 && (mode & QFile::ReadOwner) && (mode & QFile::WriteOwner) &&
           !(mode & QFile::ExeOwner);
}

QString importSample(const char* name)
{
    return QFINDTESTDATA(QStringLiteral("../data/import/") + QLatin1String(name));
}

} // namespace

class tst_ProfilesCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = startUnlockedKeyring();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_scratch = std::make_unique<QTemporaryDir>();
        QVERIFY(m_scratch->isValid());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("profiles.json"));
    }

    // ---- add / list / show / remove ----

    void addListShowRemoveWithTheKeychain()
    {
        const Run added = profiles(
            {QStringLiteral("add"),
             QStringLiteral("rediss://app:Pw-Add-1%40x@Cache.Example.com:6380/2"),
             QStringLiteral("--name"), QStringLiteral("prod cache"), QStringLiteral("--service"),
             QStringLiteral("cache"), QStringLiteral("--env"), QStringLiteral("production"),
             QStringLiteral("--cacert"), QStringLiteral("/etc/ssl/ca.pem")});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QVERIFY(added.out.contains("Added profile \"prod cache\""));
        QVERIFY(added.out.contains("stored in the keychain"));
        QVERIFY(ownerOnly(m_file));

        const QJsonObject stored = profileNamed(m_file, QStringLiteral("prod cache"));
        QVERIFY(!stored.isEmpty());
        QCOMPARE(at(stored, QStringLiteral("password.source")).toString(),
                 QStringLiteral("keychain"));
        QCOMPARE(at(stored, QStringLiteral("host")).toString(),
                 QStringLiteral("cache.example.com"));
        QCOMPARE(at(stored, QStringLiteral("port")).toInt(), 6380);
        QCOMPARE(at(stored, QStringLiteral("db")).toInt(), 2);
        QCOMPARE(at(stored, QStringLiteral("username")).toString(), QStringLiteral("app"));
        QCOMPARE(at(stored, QStringLiteral("service")).toString(), QStringLiteral("cache"));
        QCOMPARE(at(stored, QStringLiteral("environment")).toString(),
                 QStringLiteral("production"));
        QCOMPARE(at(stored, QStringLiteral("tls.ca_file")).toString(),
                 QStringLiteral("/etc/ssl/ca.pem"));
        QVERIFY(at(stored, QStringLiteral("tls.enabled")).toBool());
        const QString id = stored.value(QLatin1String("id")).toString();
        QCOMPARE(keychainLookup(id, QStringLiteral("password")), QByteArray("Pw-Add-1@x"));
        QVERIFY(!readAll(m_file).contains("Pw-Add-1"));

        const Run listed = profiles({QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        const QList<QByteArray> lines = listed.out.split('\n');
        QVERIFY(lines.value(0).startsWith("NAME"));
        QVERIFY(lines.value(0).contains("SERVICE") && lines.value(0).contains("ENVIRONMENT") &&
                lines.value(0).contains("ENDPOINT") && lines.value(0).contains("TLS"));
        QVERIFY(lines.value(1).startsWith("prod cache"));
        QVERIFY(lines.value(1).contains("cache"));
        QVERIFY(lines.value(1).contains("production"));
        QVERIFY(lines.value(1).contains("rediss://app@cache.example.com:6380/2"));
        QVERIFY(lines.value(1).contains("TLSv1.2+, verified"));

        for (const QString& which : {QStringLiteral("prod cache"), id}) {
            const Run shown = profiles({QStringLiteral("show"), which});
            QVERIFY2(shown.exitCode == 0, shown.err.constData());
            QVERIFY(shown.out.contains(id.toUtf8()));
            QVERIFY(shown.out.contains("/etc/ssl/ca.pem"));
            QVERIFY(shown.out.contains("password          keychain"));
            QVERIFY(!shown.out.contains("Pw-Add-1"));
        }
        const Run json = profiles({QStringLiteral("show"), QStringLiteral("prod cache"),
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out).object(), stored);

        const Run removed = profiles({QStringLiteral("remove"), QStringLiteral("prod cache")});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QVERIFY(removed.out.contains("Removed profile \"prod cache\""));
        QCOMPARE(profilesIn(m_file).size(), 0);
        QCOMPARE(keychainLookup(id, QStringLiteral("password")), QByteArray());
        QVERIFY(QFile::exists(m_file + QStringLiteral(".bak")));
        QVERIFY(ownerOnly(m_file + QStringLiteral(".bak")));
    }

    void addMapsOptionsIntoTheFile_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");

        QTest::newRow("no password") << QStringList() << QStringLiteral("password.source")
                                     << QJsonValue(QStringLiteral("none"));
        QTest::newRow("--insecure")
            << words("--insecure") << QStringLiteral("tls.verify_peer") << QJsonValue(false);
        QTest::newRow("--no-verify-hostname")
            << words("--no-verify-hostname") << QStringLiteral("tls.verify_hostname")
            << QJsonValue(false);
        QTest::newRow("--tls-min") << words("--tls-min 1.3") << QStringLiteral("tls.min_protocol")
                                   << QJsonValue(QStringLiteral("TLSv1.3"));
        QTest::newRow("--sni") << words("--sni cache.internal") << QStringLiteral("tls.sni")
                               << QJsonValue(QStringLiteral("cache.internal"));
        QTest::newRow("--cacertdir")
            << words("--cacertdir /etc/ssl/certs") << QStringLiteral("tls.ca_dir")
            << QJsonValue(QStringLiteral("/etc/ssl/certs"));
        QTest::newRow("--cert/--key")
            << words("--cert /c.pem --key /k.pem") << QStringLiteral("tls.key_file")
            << QJsonValue(QStringLiteral("/k.pem"));
        QTest::newRow("--tls-ciphers")
            << words("--tls-ciphers ECDHE+AESGCM") << QStringLiteral("tls.ciphers")
            << QJsonValue(QStringLiteral("ECDHE+AESGCM"));
        QTest::newRow("--user") << words("--user admin") << QStringLiteral("username")
                                << QJsonValue(QStringLiteral("admin"));
        QTest::newRow("--timeout")
            << words("--timeout 30") << QStringLiteral("timeout") << QJsonValue(30);
        QTest::newRow("--expected-server")
            << words("--expected-server valkey") << QStringLiteral("expected_server")
            << QJsonValue(QStringLiteral("valkey"));
        QTest::newRow("--tags") << words("--tags eu,cache") << QStringLiteral("tags")
                                << QJsonValue(
                                       QJsonArray{QStringLiteral("eu"), QStringLiteral("cache")});
        QTest::newRow("--notes") << words("--notes ops") << QStringLiteral("notes")
                                 << QJsonValue(QStringLiteral("ops"));
        QTest::newRow("env password")
            << words("--password-source env:CACHE_PW") << QStringLiteral("password.source")
            << QJsonValue(QStringLiteral("env:CACHE_PW"));
        QTest::newRow("prompt password")
            << words("--password-source prompt") << QStringLiteral("password.source")
            << QJsonValue(QStringLiteral("prompt"));
        QTest::newRow("key passphrase reference")
            << words("--cert /c.pem --key /k.pem --key-passphrase-source env:KEY_PW")
            << QStringLiteral("tls.key_passphrase.source")
            << QJsonValue(QStringLiteral("env:KEY_PW"));
        QTest::newRow("custom environment") << words("--env qa") << QStringLiteral("environment")
                                            << QJsonValue(QStringLiteral("qa"));
    }

    void addMapsOptionsIntoTheFile()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const Run added =
            profiles(QStringList{QStringLiteral("add"), QStringLiteral("rediss://h.example:6380"),
                                 QStringLiteral("--name"), QStringLiteral("p")} +
                     options);
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(at(profileNamed(m_file, QStringLiteral("p")), path), expected);
    }

    void addPlainTlsOffAndTlsFlag()
    {
        QCOMPARE(profiles(words("add redis://localhost:6379 --name plain")).exitCode, 0);
        QCOMPARE(profiles(words("add redis://localhost:6390 --name forced --tls")).exitCode, 0);
        QCOMPARE(at(profileNamed(m_file, QStringLiteral("plain")), QStringLiteral("tls.enabled")),
                 QJsonValue(false));
        QCOMPARE(at(profileNamed(m_file, QStringLiteral("forced")), QStringLiteral("tls.enabled")),
                 QJsonValue(true));
        const Run listed = profiles(words("list"));
        QVERIFY(listed.out.contains("off (plaintext)"));
        // Without --name, the name is host:port.
        QCOMPARE(profiles(words("add redis://10.0.0.9:7000")).exitCode, 0);
        QVERIFY(!profileNamed(m_file, QStringLiteral("10.0.0.9:7000")).isEmpty());
    }

    void addRefusesADuplicateName()
    {
        QCOMPARE(profiles(words("add rediss://a.example --name dup")).exitCode, 0);
        const QByteArray before = readAll(m_file);
        const Run again = profiles(words("add rediss://b.example --name dup"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already in"), again.err.constData());
        QCOMPARE(readAll(m_file), before);
    }

    void withoutAKeychainAPasswordIsRefused()
    {
        const QByteArray secret("Pw-NoKeychain-2");
        const QStringList add{QStringLiteral("add"),
                              QStringLiteral("rediss://u:%1@h.example").arg(QLatin1String(secret)),
                              QStringLiteral("--name"), QStringLiteral("p")};
        Run refused = profiles(add, {}, noKeychain());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("No keychain is available"), refused.err.constData());
        QVERIFY(refused.err.contains("--password-source env:VARIABLE"));
        QVERIFY(refused.err.contains("--password-source prompt"));
        QVERIFY(!refused.err.contains(secret) && !refused.out.contains(secret));
        QVERIFY(!QFile::exists(m_file));

        // An existing file stays as it was.
        QCOMPARE(profiles(words("add rediss://other.example --name other")).exitCode, 0);
        const QByteArray before = readAll(m_file);
        refused = profiles(add, {}, noKeychain());
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(readAll(m_file), before);

        // References need no keychain.
        const Run prompt = profiles(
            words("add rediss://h.example --name p --password-source prompt"), {}, noKeychain());
        QVERIFY2(prompt.exitCode == 0, prompt.err.constData());
        QCOMPARE(at(profileNamed(m_file, QStringLiteral("p")), QStringLiteral("password.source")),
                 QJsonValue(QStringLiteral("prompt")));
    }

    void listFiltersAndJson()
    {
        const Run empty = profiles(words("list"));
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains("No profiles"));
        QCOMPARE(profiles(words("add redis://localhost --name dev --env development")).exitCode, 0);
        QCOMPARE(profiles(words("add rediss://prod.example --name prod --env production "
                                "--service cache --insecure"))
                     .exitCode,
                 0);
        const Run prod = profiles(words("list --env production"));
        QCOMPARE(prod.exitCode, 0);
        QVERIFY(prod.out.contains("prod"));
        QVERIFY(prod.out.contains("chain NOT verified"));
        QVERIFY(!prod.out.contains("localhost"));

        const Run json = profiles(words("list --format json"));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(root.value(QLatin1String("profiles_file")).toString(), m_file);
        const QJsonArray listed = root.value(QLatin1String("profiles")).toArray();
        QCOMPARE(listed.size(), 2);
        QJsonObject prodEntry;
        for (const QJsonValue value : listed) {
            if (value.toObject().value(QLatin1String("name")) == QJsonValue(QStringLiteral("prod")))
                prodEntry = value.toObject();
        }
        QCOMPARE(prodEntry.value(QLatin1String("endpoint")).toString(),
                 QStringLiteral("rediss://prod.example:6379"));
        QCOMPARE(prodEntry.value(QLatin1String("service")).toString(), QStringLiteral("cache"));
        QCOMPARE(prodEntry.value(QLatin1String("policy")).toString(), QStringLiteral("production"));
        QCOMPARE(prodEntry.value(QLatin1String("password")).toString(), QStringLiteral("none"));
        QCOMPARE(at(prodEntry, QStringLiteral("tls.verify_peer")), QJsonValue(false));
        QCOMPARE(at(prodEntry, QStringLiteral("tls.enabled")), QJsonValue(true));

        const Run none = profiles(words("list --env staging"));
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.contains("No profiles in staging"));
    }

    // ---- import ----

    void importUrlWithPasswordAndKeyPassphrase()
    {
        const Run imported =
            profiles({QStringLiteral("import"),
                      QStringLiteral("rediss://ops:Pw-Url-3@u.example:6381/1?ssl_certfile=/c.pem&"
                                     "ssl_keyfile=/k.pem&ssl_password=Kp-Url-3"),
                      QStringLiteral("--env"), QStringLiteral("staging"), QStringLiteral("--name"),
                      QStringLiteral("from url")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(imported.out.contains("Imported 1 profile"));
        const QJsonObject stored = profileNamed(m_file, QStringLiteral("from url"));
        QCOMPARE(at(stored, QStringLiteral("environment")).toString(), QStringLiteral("staging"));
        QCOMPARE(at(stored, QStringLiteral("password.source")).toString(),
                 QStringLiteral("keychain"));
        QCOMPARE(at(stored, QStringLiteral("tls.key_passphrase.source")).toString(),
                 QStringLiteral("keychain"));
        const QString id = stored.value(QLatin1String("id")).toString();
        QCOMPARE(keychainLookup(id, QStringLiteral("password")), QByteArray("Pw-Url-3"));
        QCOMPARE(keychainLookup(id, QStringLiteral("key_passphrase")), QByteArray("Kp-Url-3"));
        const QByteArray file = readAll(m_file);
        QVERIFY(!file.contains("Pw-Url-3") && !file.contains("Kp-Url-3"));
        QVERIFY(!imported.out.contains("Pw-Url-3") && !imported.out.contains("Kp-Url-3"));

        // Removing it removes both secrets from the keychain.
        QCOMPARE(profiles({QStringLiteral("remove"), id}).exitCode, 0);
        QCOMPARE(keychainLookup(id, QStringLiteral("password")), QByteArray());
        QCOMPARE(keychainLookup(id, QStringLiteral("key_passphrase")), QByteArray());
    }

    void importSampleFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("from"); // empty: detected
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("unmapped"); // a part of the "Could not be mapped" report

        QTest::newRow("RESP.app") << importSample("respapp-tls.json") << QString()
                                  << int(ImportFormat::RespApp) << 2
                                  << QStringLiteral("some_future_field");
        QTest::newRow("RESP.app, --from resp-app")
            << importSample("respapp-plain.json") << QStringLiteral("resp-app")
            << int(ImportFormat::RespApp) << 2 << QStringLiteral("SSH tunnel");
        QTest::newRow("ARDM") << importSample("ardm-tls.ano") << QString()
                              << int(ImportFormat::Ardm) << 2 << QString();
        QTest::newRow("RedisInsight")
            << importSample("redisinsight-tls.json") << QStringLiteral("redisinsight")
            << int(ImportFormat::RedisInsight) << 2 << QStringLiteral("--certs-dir");
        QTest::newRow("redis-cli") << importSample("redis-cli-tls.sh") << QString()
                                   << int(ImportFormat::RedisCli) << 3 << QStringLiteral("RESP3");
        QTest::newRow("URLs") << importSample("url-tls.txt") << QStringLiteral("url")
                              << int(ImportFormat::Url) << 6 << QStringLiteral("pool_size");
    }

    void importSampleFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, from);
        QFETCH(int, format);
        QFETCH(int, count);
        QFETCH(QString, unmapped);
        QVERIFY(!file.isEmpty());
        QStringList arguments{QStringLiteral("import"), file};
        if (!from.isEmpty())
            arguments << QStringLiteral("--from") << from;
        const Run imported = profiles(arguments);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY2(
            imported.out.contains(importFormatTitle(static_cast<ImportFormat>(format)).toUtf8()),
            imported.out.constData());
        QVERIFY(imported.out.contains(QStringLiteral("Imported %1 profiles").arg(count).toUtf8()));
        QCOMPARE(profilesIn(m_file).size(), count);
        if (!unmapped.isEmpty()) {
            QVERIFY(imported.out.contains("Could not be mapped:"));
            QVERIFY2(imported.out.contains(unmapped.toUtf8()), imported.out.constData());
        }
        // Every password the export held is in the keychain, and only there.
        const QByteArray sample = readAll(file);
        for (const QJsonValue value : profilesIn(m_file)) {
            const QJsonObject profile = value.toObject();
            if (at(profile, QStringLiteral("password.source")).toString() !=
                QLatin1String("keychain"))
                continue;
            const QByteArray secret = keychainLookup(profile.value(QLatin1String("id")).toString(),
                                                     QStringLiteral("password"));
            QVERIFY(!secret.isEmpty());
            QVERIFY(!readAll(m_file).contains(secret));
            QVERIFY(!imported.out.contains(secret) && !imported.err.contains(secret));
        }
        Q_UNUSED(sample);
    }

    void importRedisCliWordsAndStdin()
    {
        const Run words1 = profiles(
            {QStringLiteral("import"), QStringLiteral("--env"), QStringLiteral("production"),
             QStringLiteral("redis-cli"), QStringLiteral("-h"), QStringLiteral("10.1.1.1"),
             QStringLiteral("-p"), QStringLiteral("6380"), QStringLiteral("--tls"),
             QStringLiteral("--insecure"), QStringLiteral("--user"), QStringLiteral("admin"),
             QStringLiteral("-a"), QStringLiteral("Pw-Cli-4")});
        QVERIFY2(words1.exitCode == 0, words1.err.constData());
        const QJsonObject cli = profileNamed(m_file, QStringLiteral("10.1.1.1:6380"));
        QCOMPARE(at(cli, QStringLiteral("tls.verify_peer")), QJsonValue(false));
        QCOMPARE(at(cli, QStringLiteral("username")), QJsonValue(QStringLiteral("admin")));
        QCOMPARE(at(cli, QStringLiteral("environment")), QJsonValue(QStringLiteral("production")));
        QCOMPARE(
            keychainLookup(cli.value(QLatin1String("id")).toString(), QStringLiteral("password")),
            QByteArray("Pw-Cli-4"));

        const Run quoted = profiles(
            {QStringLiteral("import"), QStringLiteral("redis-cli -h 10.1.1.2 -p 6381 --tls")});
        QVERIFY2(quoted.exitCode == 0, quoted.err.constData());
        QVERIFY(!profileNamed(m_file, QStringLiteral("10.1.1.2:6381")).isEmpty());

        const Run piped = profiles(words("import - --service queue"),
                                   "redis://q1.example:6379\nrediss://q2.example:6380\n");
        QVERIFY2(piped.exitCode == 0, piped.err.constData());
        QVERIFY(piped.out.contains("standard input"));
        QCOMPARE(
            at(profileNamed(m_file, QStringLiteral("q2.example:6380")), QStringLiteral("service")),
            QJsonValue(QStringLiteral("queue")));
        QCOMPARE(profilesIn(m_file).size(), 4);
    }

    void importRenamesTakenNames()
    {
        QCOMPARE(profiles({QStringLiteral("import"), importSample("respapp-tls.json")}).exitCode,
                 0);
        const Run again = profiles({QStringLiteral("import"), importSample("respapp-tls.json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("that name is taken"));
        QVERIFY(!profileNamed(m_file, QStringLiteral("prod cache (2)")).isEmpty());
        QCOMPARE(profilesIn(m_file).size(), 4);
    }

    void importDryRunChangesNothing()
    {
        const Run dry = profiles({QStringLiteral("import"), importSample("respapp-tls.json"),
                                  QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QVERIFY(dry.out.contains("dry run: nothing was changed"));
        QVERIFY(dry.out.contains("prod cache"));
        QVERIFY(!QFile::exists(m_file));
    }

    void importWithPromptNeedsNoKeychain()
    {
        const Run refused = profiles({QStringLiteral("import"), importSample("respapp-tls.json")},
                                     {}, noKeychain());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("--password-source prompt"), refused.err.constData());
        QVERIFY(!QFile::exists(m_file));

        const Run prompt = profiles({QStringLiteral("import"), importSample("respapp-tls.json"),
                                     QStringLiteral("--password-source"), QStringLiteral("prompt")},
                                    {}, noKeychain());
        QVERIFY2(prompt.exitCode == 0, prompt.err.constData());
        const QJsonObject stored = profileNamed(m_file, QStringLiteral("prod cache"));
        QCOMPARE(at(stored, QStringLiteral("password.source")),
                 QJsonValue(QStringLiteral("prompt")));
        QCOMPARE(keychainLookup(stored.value(QLatin1String("id")).toString(),
                                QStringLiteral("password")),
                 QByteArray());
    }

    void importEmbeddedCertificatesIntoCertsDir()
    {
        const QString certs = m_dir->filePath(QStringLiteral("certs"));
        const Run imported =
            profiles({QStringLiteral("import"), importSample("redisinsight-tls.json"),
                      QStringLiteral("--certs-dir"), certs});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(imported.out.contains("Files written:"));
        const QJsonObject cloud = profileNamed(m_file, QStringLiteral("Cloud prod"));
        const QString keyFile = at(cloud, QStringLiteral("tls.key_file")).toString();
        QVERIFY2(keyFile.startsWith(certs), qPrintable(keyFile));
        QVERIFY(ownerOnly(keyFile));
        QVERIFY(QFile::exists(at(cloud, QStringLiteral("tls.ca_file")).toString()));
    }

    // ---- export ----

    void exportFormatsAndJsonRoundTrip()
    {
        QCOMPARE(profiles({QStringLiteral("add"),
                           QStringLiteral("rediss://app:Pw-Exp-5@e.example:6380/2"),
                           QStringLiteral("--name"), QStringLiteral("exp"),
                           QStringLiteral("--cacert"), QStringLiteral("/ca.pem"),
                           QStringLiteral("--service"), QStringLiteral("svc")})
                     .exitCode,
                 0);
        QCOMPARE(profiles(words("add redis://plain.example --name plain")).exitCode, 0);

        const Run url = profiles(words("export exp"));
        QCOMPARE(url.exitCode, 0);
        QCOMPARE(url.out, QByteArray("rediss://app@e.example:6380/2\n"));
        QVERIFY(url.err.contains("not the CA")); // the URL cannot carry --cacert: said so

        const Run cli = profiles(words("export exp --as redis-cli"));
        QCOMPARE(cli.exitCode, 0);
        QVERIFY(
            cli.out.startsWith("redis-cli -h e.example -p 6380 -n 2 --user app --askpass --tls"));
        QVERIFY(cli.out.contains("--cacert /ca.pem"));

        const Run all = profiles(words("export --all"));
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.out.count('\n'), 2);

        const Run json = profiles(words("export exp plain --as json"));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(document.value(QLatin1String("schema")).toString(),
                 QStringLiteral("rediscope-profiles/1"));
        QCOMPARE(document.value(QLatin1String("profiles")).toArray().size(), 2);
        for (const Run& run : {url, cli, all, json})
            QVERIFY(!run.out.contains("Pw-Exp-5") && !run.err.contains("Pw-Exp-5"));

        // The JSON export imports into another file as the same profiles, ids included.
        const QString exported = m_dir->filePath(QStringLiteral("export.json"));
        writeAll(exported, json.out);
        const QString other = m_dir->filePath(QStringLiteral("other.json"));
        const Run imported =
            profiles({QStringLiteral("import"), exported, QStringLiteral("--profiles"), other});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(imported.out.contains("Rediscope profiles JSON"));
        QCOMPARE(profilesIn(other), profilesIn(m_file));
        // Importing it again into the same file skips what is already there.
        const Run again = profiles({QStringLiteral("import"), exported, QStringLiteral("--from"),
                                    QStringLiteral("rediscope")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("not imported again"));
        QCOMPARE(profilesIn(m_file).size(), 2);
    }

    // ---- errors ----

    void corruptFileIsNeverOverwritten_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where"); // a part of the message

        QTest::newRow("truncated JSON")
            << QByteArray("{\n  \"schema\": \"rediscope-profiles/1\",\n  \"profiles\": [\n    {")
            << QStringLiteral("line 4, column");
        QTest::newRow("wrong type")
            << QByteArray("{\"schema\": \"rediscope-profiles/1\", \"profiles\": [{\"name\": \"x\", "
                          "\"port\": \"6379\"}]}")
            << QStringLiteral("\"port\" must be a port number");
        QTest::newRow("invalid UTF-8")
            << QByteArray("{\"schema\": \"rediscope-profiles/1\",\n \"profiles\": [{\"name\": "
                          "\"\xff\xfe\"}]}")
            << QStringLiteral("line 2, column 25");
        QTest::newRow("not a profiles file")
            << QByteArray("[1, 2, 3]\n") << QStringLiteral("must hold a JSON object");
    }

    void corruptFileIsNeverOverwritten()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        writeAll(m_file, content);
        const QList<QStringList> commands{
            words("list"),
            words("show x"),
            words("add rediss://h.example --name y --password-source prompt"),
            words("remove x"),
            words("import rediss://i.example"),
            words("export --all"),
        };
        for (const QStringList& command : commands) {
            const Run run = profiles(command);
            const QByteArray label = command.join(QLatin1Char(' ')).toUtf8();
            QVERIFY2(run.exitCode == 2, label.constData());
            QVERIFY2(run.err.contains(m_file.toUtf8()), run.err.constData());
            QVERIFY2(run.err.contains(where.toUtf8()), run.err.constData());
            QCOMPARE(readAll(m_file), content);
            QVERIFY(!QFile::exists(m_file + QStringLiteral(".bak")));
        }
    }

    void newerSchemaIsReadOnly()
    {
        const QByteArray content("{\"schema\": \"rediscope-profiles/2\", \"profiles\": [{\"id\": "
                                 "\"123e4567-e89b-12d3-a456-426614174000\", \"name\": \"n\", "
                                 "\"host\": \"h.example\", \"future\": {\"x\": 1}}]}\n");
        writeAll(m_file, content);
        const Run listed = profiles(words("list"));
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains("h.example"));
        const Run added = profiles(words("add rediss://a.example --name a"));
        QCOMPARE(added.exitCode, 1);
        QVERIFY2(added.err.contains("newer Rediscope"), added.err.constData());
        QCOMPARE(profiles(words("remove n")).exitCode, 1);
        QCOMPARE(readAll(m_file), content);
    }

    void unknownProfile_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("show") << words("show nosuch");
        QTest::newRow("show by id") << words("show 123e4567-e89b-12d3-a456-426614174000");
        QTest::newRow("remove") << words("remove known nosuch");
        QTest::newRow("export") << words("export nosuch --as json");
    }

    void unknownProfile()
    {
        QFETCH(QStringList, command);
        QCOMPARE(profiles(words("add rediss://k.example --name known")).exitCode, 0);
        const QByteArray before = readAll(m_file);
        const Run run = profiles(command);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("There is no profile"), run.err.constData());
        QVERIFY(run.err.contains(m_file.toUtf8()));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(readAll(m_file), before);
    }

    void badUrl_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("expected");
        QTest::newRow("add: port out of range")
            << words("add rediss://u:Pw-Bad-6@h.example:99999") << QStringLiteral("port");
        QTest::newRow("add: not redis")
            << words("add https://h.example") << QStringLiteral("redis://");
        QTest::newRow("add: no host")
            << words("add rediss://u:Pw-Bad-6@") << QStringLiteral("host");
        QTest::newRow("import: broken URL") << words("import rediss://u:Pw-Bad-6@h.example:0")
                                            << QStringLiteral("Line 1: The port 0");
        QTest::newRow("import: missing file") << words("import /nonexistent/connections.json")
                                              << QStringLiteral("/nonexistent/connections.json");
        QTest::newRow("import: wrong --from for the file")
            << QStringList{QStringLiteral("import"), importSample("url-tls.txt"),
                           QStringLiteral("--from"), QStringLiteral("respapp")}
            << QStringLiteral("url-tls.txt");
        QTest::newRow("usage: no action") << QStringList() << QStringLiteral("Name an action");
        QTest::newRow("usage: option of another action")
            << words("list --as json") << QStringLiteral("profiles export");
    }

    void badUrl()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, expected);
        const Run run = profiles(command);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
        QVERIFY(!run.err.contains("Pw-Bad-6") && !run.out.contains("Pw-Bad-6"));
        QVERIFY(!QFile::exists(m_file));
    }

    void help()
    {
        const Run help = profiles(words("--help"));
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: rediscope profiles"));
        const Run general = run({QStringLiteral("--help")});
        QCOMPARE(general.exitCode, 0);
        QVERIFY(general.out.contains("rediscope profiles"));
    }

private:
    QProcessEnvironment noKeychain() const
    {
        QProcessEnvironment environment = baseEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") +
                               m_scratch->filePath(QStringLiteral("no-bus")));
        return environment;
    }

    Run run(const QStringList& arguments, const QByteArray& input = {},
            const QProcessEnvironment& environment = baseEnvironment()) const
    {
        const ProcessRun result =
            runProcess(QStringLiteral(REDISCOPE_BINARY), arguments, input, environment);
        return Run{result.exitCode, result.out, result.err};
    }

    // `rediscope profiles --profiles <this test's file> <arguments>` (unless one is given).
    Run profiles(const QStringList& arguments, const QByteArray& input = {},
                 const QProcessEnvironment& environment = baseEnvironment()) const
    {
        QStringList all{QStringLiteral("profiles")};
        if (!arguments.contains(QStringLiteral("--profiles")))
            all << QStringLiteral("--profiles") << m_file;
        return run(all + arguments, input, environment);
    }

    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

int main(int argc, char* argv[])
{
    if (!qEnvironmentVariableIsSet(SessionVariable))
        return runInPrivateSession(argc, argv, "tst_ProfilesCommand");
    QCoreApplication app(argc, argv);
    tst_ProfilesCommand test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ProfilesCommand.moc"
