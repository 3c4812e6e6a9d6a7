#include "profile/ProfileJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::SecretRef)

namespace {

QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON does not parse: %s", json.constData());
    return document.object();
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QString SomeId = QStringLiteral("6f1d3c2a-8b4e-4f7a-9c1d-2e3f4a5b6c7d");

// A profile with every field set away from its default.
Profile everyField()
{
    Profile profile;
    profile.id = QUuid::fromString(SomeId);
    profile.name = QStringLiteral("orders cache (prod, eu)");
    profile.service = QStringLiteral("orders");
    profile.environment = QStringLiteral("production");
    profile.host = QStringLiteral("cache-1.eu.example.com");
    profile.port = 6380;
    profile.db = 3;
    profile.username = QStringLiteral("app-reader");
    profile.password = SecretRef::env(QStringLiteral("ORDERS_REDIS_PASSWORD"));
    profile.tls.enabled = false;
    profile.tls.verifyPeer = false;
    profile.tls.verifyHostname = false;
    profile.tls.sni = QStringLiteral("cache.eu.example.com");
    profile.tls.caFile = QStringLiteral("/etc/rediscope/ca.pem");
    profile.tls.caDir = QStringLiteral("/etc/ssl/certs");
    profile.tls.certFile = QStringLiteral("/home/me/client.crt");
    profile.tls.keyFile = QStringLiteral("/home/me/client.key");
    profile.tls.keyPassphrase = SecretRef::keychain();
    profile.tls.minProtocol = QStringLiteral("TLSv1.3");
    profile.tls.ciphers = QStringLiteral("ECDHE+AESGCM:!aNULL");
    profile.tls.ciphersuites = QStringLiteral("TLS_AES_256_GCM_SHA384");
    profile.tls.unknownFields.insert(QStringLiteral("ocsp_stapling"), true);
    profile.expectedServerKind = QStringLiteral("valkey");
    profile.tags = {QStringLiteral("eu"), QStringLiteral("pci"), QStringLiteral("ünïcødé")};
    profile.notes = QStringLiteral("Line one\nLine \"two\"\twith a tab");
    profile.timeoutSeconds = 42;
    profile.unknownFields.insert(QStringLiteral("colour_override"), QStringLiteral("#123456"));
    profile.unknownFields.insert(QStringLiteral("x_plugin"),
                                 QJsonObject{{QStringLiteral("nested"), QJsonArray{1, 2}}});
    return profile;
}

} // namespace

class TestProfileJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryField();
    void writesSnakeCaseKeys();
    void roundTripSecretReferences_data();
    void roundTripSecretReferences();
    void defaultsForMissingKeys();
    void nullMeansDefault();
    void missingIdIsGenerated();
    void idWithBracesIsAccepted();
    void minProtocolIsCanonical_data();
    void minProtocolIsCanonical();
    void unknownFieldsSurvive();
    void unknownFieldsCannotShadowKnownKeys();
    void emptyOptionalStringsAreOmitted();
    void inlineSecretsAreHonouredNotWritten_data();
    void inlineSecretsAreHonouredNotWritten();
    void typeErrorsNameProfileAndField_data();
    void typeErrorsNameProfileAndField();
    void errorsNeverQuoteSecretSources();
    void labels_data();
    void labels();
};

void TestProfileJson::roundTripEveryField()
{
    const Profile profile = everyField();
    const auto read = profileFromJson(profileToJson(profile), 0);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->profile, profile);
    QVERIFY(!read->idGenerated);
    QVERIFY(!read->hasInlineSecret());

    // And through text, as the store does.
    const auto again = profileFromJson(parseObject(compact(profileToJson(profile))), 0);
    QVERIFY(again);
    QCOMPARE(again->profile, profile);
}

void TestProfileJson::writesSnakeCaseKeys()
{
    const QJsonObject object = profileToJson(everyField());
    QCOMPARE(object.value(QStringLiteral("id")).toString(), SomeId);
    QCOMPARE(object.value(QStringLiteral("name")).toString(),
             QStringLiteral("orders cache (prod, eu)"));
    QCOMPARE(object.value(QStringLiteral("service")).toString(), QStringLiteral("orders"));
    QCOMPARE(object.value(QStringLiteral("environment")).toString(), QStringLiteral("production"));
    QCOMPARE(object.value(QStringLiteral("host")).toString(),
             QStringLiteral("cache-1.eu.example.com"));
    QCOMPARE(object.value(QStringLiteral("port")).toInt(), 6380);
    QCOMPARE(object.value(QStringLiteral("db")).toInt(), 3);
    QCOMPARE(object.value(QStringLiteral("username")).toString(), QStringLiteral("app-reader"));
    QCOMPARE(
        object.value(QStringLiteral("password")).toObject(),
        (QJsonObject{{QStringLiteral("source"), QStringLiteral("env:ORDERS_REDIS_PASSWORD")}}));
    QCOMPARE(object.value(QStringLiteral("expected_server")).toString(), QStringLiteral("valkey"));
    QCOMPARE(object.value(QStringLiteral("tags")).toArray().size(), 3);
    QCOMPARE(object.value(QStringLiteral("timeout")).toInt(), 42);
    QVERIFY(object.value(QStringLiteral("notes")).isString());

    const QJsonObject tls = object.value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls.value(QStringLiteral("enabled")), QJsonValue(false));
    QCOMPARE(tls.value(QStringLiteral("verify_peer")), QJsonValue(false));
    QCOMPARE(tls.value(QStringLiteral("verify_hostname")), QJsonValue(false));
    QCOMPARE(tls.value(QStringLiteral("sni")).toString(), QStringLiteral("cache.eu.example.com"));
    QCOMPARE(tls.value(QStringLiteral("ca_file")).toString(),
             QStringLiteral("/etc/rediscope/ca.pem"));
    QCOMPARE(tls.value(QStringLiteral("ca_dir")).toString(), QStringLiteral("/etc/ssl/certs"));
    QCOMPARE(tls.value(QStringLiteral("cert_file")).toString(),
             QStringLiteral("/home/me/client.crt"));
    QCOMPARE(tls.value(QStringLiteral("key_file")).toString(),
             QStringLiteral("/home/me/client.key"));
    QCOMPARE(tls.value(QStringLiteral("key_passphrase")).toObject(),
             (QJsonObject{{QStringLiteral("source"), QStringLiteral("keychain")}}));
    QCOMPARE(tls.value(QStringLiteral("min_protocol")).toString(), QStringLiteral("TLSv1.3"));
    QCOMPARE(tls.value(QStringLiteral("ciphers")).toString(),
             QStringLiteral("ECDHE+AESGCM:!aNULL"));
    QCOMPARE(tls.value(QStringLiteral("ciphersuites")).toString(),
             QStringLiteral("TLS_AES_256_GCM_SHA384"));
    QCOMPARE(tls.value(QStringLiteral("ocsp_stapling")), QJsonValue(true));
}

void TestProfileJson::roundTripSecretReferences_data()
{
    QTest::addColumn<SecretRef>("password");
    QTest::addColumn<SecretRef>("keyPassphrase");
    QTest::addColumn<QString>("written");

    QTest::newRow("none") << SecretRef::none() << SecretRef::none() << QStringLiteral("none");
    QTest::newRow("keychain") << SecretRef::keychain() << SecretRef::prompt()
                              << QStringLiteral("keychain");
    QTest::newRow("prompt") << SecretRef::prompt() << SecretRef::keychain()
                            << QStringLiteral("prompt");
    QTest::newRow("env") << SecretRef::env(QStringLiteral("REDISCLI_AUTH"))
                         << SecretRef::env(QStringLiteral("KEY_PASS"))
                         << QStringLiteral("env:REDISCLI_AUTH");
}

void TestProfileJson::roundTripSecretReferences()
{
    QFETCH(SecretRef, password);
    QFETCH(SecretRef, keyPassphrase);
    QFETCH(QString, written);

    Profile profile = Profile::create(QStringLiteral("p"));
    profile.password = password;
    profile.tls.keyPassphrase = keyPassphrase;
    const QJsonObject object = profileToJson(profile);
    QCOMPARE(object.value(QStringLiteral("password"))
                 .toObject()
                 .value(QStringLiteral("source"))
                 .toString(),
             written);
    QCOMPARE(
        object.value(QStringLiteral("tls")).toObject().contains(QStringLiteral("key_passphrase")),
        keyPassphrase.source != SecretRef::Source::None);
    const auto read = profileFromJson(object);
    QVERIFY(read);
    QCOMPARE(read->profile.password, password);
    QCOMPARE(read->profile.tls.keyPassphrase, keyPassphrase);
    QVERIFY(!read->hasInlineSecret());
}

void TestProfileJson::defaultsForMissingKeys()
{
    const auto read = profileFromJson(parseObject("{\"id\": \"" + SomeId.toUtf8() + "\"}"));
    QVERIFY(read);
    Profile expected;
    expected.id = QUuid::fromString(SomeId);
    QCOMPARE(read->profile, expected);
    // The secure defaults.
    QVERIFY(read->profile.tls.enabled);
    QVERIFY(read->profile.tls.verifyPeer);
    QVERIFY(read->profile.tls.verifyHostname);
    QCOMPARE(read->profile.tls.minProtocol, QStringLiteral("TLSv1.2"));
}

void TestProfileJson::nullMeansDefault()
{
    const auto read = profileFromJson(
        parseObject("{\"id\": \"" + SomeId.toUtf8() +
                    "\", \"port\": null, \"tls\": null, \"password\": null, \"tags\": null}"));
    QVERIFY(read);
    QCOMPARE(read->profile.port, quint16(6379));
    QCOMPARE(read->profile.tls, ProfileTls());
    QCOMPARE(read->profile.password, SecretRef::none());
}

void TestProfileJson::missingIdIsGenerated()
{
    const auto read = profileFromJson(parseObject("{\"name\": \"no id\"}"), 4);
    QVERIFY(read);
    QVERIFY(read->idGenerated);
    QVERIFY(!read->profile.id.isNull());
    // The generated id is written.
    QCOMPARE(profileToJson(read->profile).value(QStringLiteral("id")).toString(),
             read->profile.id.toString(QUuid::WithoutBraces));
}

void TestProfileJson::idWithBracesIsAccepted()
{
    const auto read =
        profileFromJson(parseObject("{\"id\": \"{" + SomeId.toUpper().toUtf8() + "}\"}"));
    QVERIFY(read);
    QCOMPARE(read->profile.id, QUuid::fromString(SomeId));
    QCOMPARE(profileToJson(read->profile).value(QStringLiteral("id")).toString(), SomeId);
}

void TestProfileJson::minProtocolIsCanonical_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("TLSv1.2") << QStringLiteral("TLSv1.2") << QStringLiteral("TLSv1.2");
    QTest::newRow("tls1.3") << QStringLiteral("tls1.3") << QStringLiteral("TLSv1.3");
    QTest::newRow("1.1") << QStringLiteral("1.1") << QStringLiteral("TLSv1.1");
    QTest::newRow("empty is default") << QString() << QStringLiteral("TLSv1.2");
}

void TestProfileJson::minProtocolIsCanonical()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QJsonObject object{
        {QStringLiteral("id"), SomeId},
        {QStringLiteral("tls"), QJsonObject{{QStringLiteral("min_protocol"), input}}}};
    const auto read = profileFromJson(object);
    QVERIFY(read);
    QCOMPARE(read->profile.tls.minProtocol, canonical);
}

void TestProfileJson::unknownFieldsSurvive()
{
    const QByteArray json = "{\"id\": \"" + SomeId.toUtf8() +
                            "\", \"name\": \"u\", \"future_flag\": true, "
                            "\"ssh_tunnel\": {\"host\": \"bastion\", \"port\": 22}, "
                            "\"tls\": {\"enabled\": true, \"ocsp\": \"require\", "
                            "\"pins\": [\"sha256/abc\"]}}";
    const auto read = profileFromJson(parseObject(json));
    QVERIFY(read);
    QCOMPARE(read->profile.unknownFields.keys(),
             (QStringList{QStringLiteral("future_flag"), QStringLiteral("ssh_tunnel")}));
    QCOMPARE(read->profile.tls.unknownFields.keys(),
             (QStringList{QStringLiteral("ocsp"), QStringLiteral("pins")}));

    const QJsonObject written = profileToJson(read->profile);
    QCOMPARE(written.value(QStringLiteral("future_flag")), QJsonValue(true));
    QCOMPARE(written.value(QStringLiteral("ssh_tunnel")).toObject(),
             parseObject("{\"host\": \"bastion\", \"port\": 22}"));
    const QJsonObject tls = written.value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls.value(QStringLiteral("ocsp")).toString(), QStringLiteral("require"));
    QCOMPARE(tls.value(QStringLiteral("pins")).toArray(), QJsonArray{QStringLiteral("sha256/abc")});
}

void TestProfileJson::unknownFieldsCannotShadowKnownKeys()
{
    Profile profile = Profile::create(QStringLiteral("p"));
    profile.unknownFields.insert(QStringLiteral("port"), 1);
    profile.unknownFields.insert(QStringLiteral("username"), QStringLiteral("shadow"));
    profile.tls.unknownFields.insert(QStringLiteral("enabled"), false);
    const QJsonObject object = profileToJson(profile);
    QCOMPARE(object.value(QStringLiteral("port")).toInt(), 6379);
    QVERIFY(!object.contains(QStringLiteral("username")));
    QCOMPARE(object.value(QStringLiteral("tls")).toObject().value(QStringLiteral("enabled")),
             QJsonValue(true));
}

void TestProfileJson::emptyOptionalStringsAreOmitted()
{
    const QJsonObject object = profileToJson(Profile::create(QStringLiteral("p")));
    for (const char* key : {"username", "expected_server", "tags", "notes"})
        QVERIFY2(!object.contains(QLatin1String(key)), key);
    const QJsonObject tls = object.value(QStringLiteral("tls")).toObject();
    for (const char* key : {"sni", "ca_file", "ca_dir", "cert_file", "key_file", "key_passphrase",
                            "ciphers", "ciphersuites"})
        QVERIFY2(!tls.contains(QLatin1String(key)), key);
    // The always-written ones.
    for (const char* key : {"id", "name", "service", "environment", "host", "port", "db",
                            "password", "tls", "timeout"})
        QVERIFY2(object.contains(QLatin1String(key)), key);
    for (const char* key : {"enabled", "verify_peer", "verify_hostname", "min_protocol"})
        QVERIFY2(tls.contains(QLatin1String(key)), key);
}

void TestProfileJson::inlineSecretsAreHonouredNotWritten_data()
{
    QTest::addColumn<QByteArray>("fields");   // profile members, JSON
    QTest::addColumn<QByteArray>("password"); // expected inline password
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<SecretRef>("passwordRef");
    QTest::addColumn<SecretRef>("passphraseRef");

    const QByteArray none;
    QTest::newRow("password as a string")
        << QByteArray("\"password\": \"hunter2-Inline\"") << QByteArray("hunter2-Inline") << none
        << SecretRef::prompt() << SecretRef::none();
    QTest::newRow("password value without source")
        << QByteArray("\"password\": {\"value\": \"s3cr3t/ünï\"}") << QByteArray("s3cr3t/ünï")
        << none << SecretRef::prompt() << SecretRef::none();
    QTest::newRow("password value with keychain source")
        << QByteArray("\"password\": {\"source\": \"keychain\", \"value\": \"kc-pass\"}")
        << QByteArray("kc-pass") << none << SecretRef::keychain() << SecretRef::none();
    QTest::newRow("password value with source none becomes prompt")
        << QByteArray("\"password\": {\"source\": \"none\", \"value\": \"np\"}") << QByteArray("np")
        << none << SecretRef::prompt() << SecretRef::none();
    QTest::newRow("empty string is no secret") << QByteArray("\"password\": \"\"") << none << none
                                               << SecretRef::none() << SecretRef::none();
    QTest::newRow("empty value keeps the source")
        << QByteArray("\"password\": {\"source\": \"env:A\", \"value\": \"\"}") << none << none
        << SecretRef::env(QStringLiteral("A")) << SecretRef::none();
    QTest::newRow("key passphrase as a string")
        << QByteArray("\"tls\": {\"key_passphrase\": \"pem-pass-123\"}") << none
        << QByteArray("pem-pass-123") << SecretRef::none() << SecretRef::prompt();
    QTest::newRow("both, as objects")
        << QByteArray(
               "\"password\": {\"value\": \"pw-XYZ\", \"note\": \"old\"}, "
               "\"tls\": {\"key_passphrase\": {\"source\": \"prompt\", \"value\": \"kp-XYZ\"}}")
        << QByteArray("pw-XYZ") << QByteArray("kp-XYZ") << SecretRef::prompt()
        << SecretRef::prompt();
}

void TestProfileJson::inlineSecretsAreHonouredNotWritten()
{
    QFETCH(QByteArray, fields);
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, passphrase);
    QFETCH(SecretRef, passwordRef);
    QFETCH(SecretRef, passphraseRef);

    const auto read = profileFromJson(
        parseObject("{\"id\": \"" + SomeId.toUtf8() + "\", \"name\": \"inline\", " + fields + "}"),
        1);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->profile.inlinePassword, password);
    QCOMPARE(read->profile.inlineKeyPassphrase, passphrase);
    QCOMPARE(read->inlinePassword, !password.isEmpty());
    QCOMPARE(read->inlineKeyPassphrase, !passphrase.isEmpty());
    QCOMPARE(read->profile.password, passwordRef);
    QCOMPARE(read->profile.tls.keyPassphrase, passphraseRef);
    QVERIFY(read->profile.unknownFields.isEmpty());
    QVERIFY(read->profile.tls.unknownFields.isEmpty());

    // The request still gets the secret for this session.
    QCOMPARE(read->profile.toRequest().password, password);

    const QByteArray written = compact(profileToJson(read->profile));
    if (!password.isEmpty())
        QVERIFY2(!written.contains(password), written.constData());
    if (!passphrase.isEmpty())
        QVERIFY2(!written.contains(passphrase), written.constData());
    QVERIFY(!written.contains("\"value\""));
    QVERIFY(!written.contains("\"note\""));

    // Read back: references only, nothing inline any more.
    const auto again = profileFromJson(parseObject(written));
    QVERIFY(again);
    QVERIFY(!again->hasInlineSecret());
    QCOMPARE(again->profile.password, passwordRef);
    QCOMPARE(again->profile.tls.keyPassphrase, passphraseRef);
}

void TestProfileJson::typeErrorsNameProfileAndField_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("expected"); // fragment of the message

    const auto row = [](const char* name, const char* fields, const char* expected) {
        QTest::newRow(name) << QByteArray(fields) << QString::fromUtf8(expected);
    };
    row("port is a string", "\"port\": \"6379\"",
        "\"port\" must be a port number from 1 to 65535 (found a string)");
    row("port is zero", "\"port\": 0", "\"port\" must be a port number from 1 to 65535 (found 0)");
    row("port too large", "\"port\": 70000", "(found 70000)");
    row("port is fractional", "\"port\": 6379.5", "\"port\"");
    row("db negative", "\"db\": -1", "\"db\" must be a database number");
    row("db is true", "\"db\": true",
        "\"db\" must be a database number from 0 to 2147483647 (found true/false)");
    row("timeout zero", "\"timeout\": 0", "\"timeout\" must be a number of seconds from 1 to 3600");
    row("service is a number", "\"service\": 5", "\"service\" must be a string (found a number)");
    row("host is a list", "\"host\": [\"a\"]", "\"host\" must be a string (found a list)");
    row("tls is a bool", "\"tls\": true", "\"tls\" must be an object (found true/false)");
    row("tls.enabled is a string", "\"tls\": {\"enabled\": \"yes\"}",
        "\"tls.enabled\" must be true or false (found a string)");
    row("tls.verify_peer is a number", "\"tls\": {\"verify_peer\": 1}", "\"tls.verify_peer\"");
    row("tls.ca_file is an object", "\"tls\": {\"ca_file\": {}}",
        "\"tls.ca_file\" must be a string (found an object)");
    row("tls.min_protocol unknown", "\"tls\": {\"min_protocol\": \"SSLv3\"}",
        "\"tls.min_protocol\" must be TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3");
    row("password is a number", "\"password\": 1234",
        "\"password\" must be an object like {\"source\": \"keychain\"} (found a number)");
    row("password source unknown", "\"password\": {\"source\": \"vault\"}",
        "\"password.source\" must be keychain, prompt, none or env:VARIABLE");
    row("password source bad env", "\"password\": {\"source\": \"env:1X\"}", "\"password.source\"");
    row("password value is a number", "\"password\": {\"value\": 5}",
        "\"password.value\" must be a string (found a number)");
    row("key_passphrase unknown source", "\"tls\": {\"key_passphrase\": {\"source\": \"file\"}}",
        "\"tls.key_passphrase.source\"");
    row("tags not a list", "\"tags\": \"a,b\"",
        "\"tags\" must be a list of strings (found a string)");
    row("tags item not a string", "\"tags\": [\"a\", 2]",
        "\"tags[1]\" must be a string (found a number)");
    row("expected_server unknown", "\"expected_server\": \"memcached\"",
        "\"expected_server\" must be one of redis, valkey, dragonfly, keydb");
}

void TestProfileJson::typeErrorsNameProfileAndField()
{
    QFETCH(QByteArray, fields);
    QFETCH(QString, expected);

    const auto read = profileFromJson(parseObject("{\"id\": \"" + SomeId.toUtf8() +
                                                  "\", \"name\": \"prod cache\", " + fields + "}"),
                                      2);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::InvalidArgument);
    const QString message = read.error().message;
    QVERIFY2(message.startsWith(QStringLiteral("Profile 3 (\"prod cache\"): ")),
             qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TestProfileJson::errorsNeverQuoteSecretSources()
{
    // Someone typed the secret where the source goes: the message must not repeat it.
    const auto read = profileFromJson(parseObject(
        "{\"id\": \"" + SomeId.toUtf8() + "\", \"password\": {\"source\": \"Tr0ub4dor&3\"}}"));
    QVERIFY(!read);
    QVERIFY(!read.error().toString().contains(QStringLiteral("Tr0ub4dor")));

    const auto badId = profileFromJson(parseObject("{\"id\": \"not-a-uuid\", \"name\": \"x\"}"), 0);
    QVERIFY(!badId);
    QVERIFY2(badId.error().message.startsWith(
                 QStringLiteral("Profile 1 (\"x\"): \"id\" must be a UUID")),
             qPrintable(badId.error().message));
    const auto numericId = profileFromJson(parseObject("{\"id\": 7}"), 0);
    QVERIFY(!numericId);
    QVERIFY(numericId.error().message.contains(
        QStringLiteral("\"id\" must be a UUID string (found a number)")));
    const auto numericName = profileFromJson(parseObject("{\"name\": 5}"), 1);
    QVERIFY(!numericName);
    QCOMPARE(numericName.error().message,
             QStringLiteral("Profile 2: \"name\" must be a string (found a number)."));
    const auto notObject = profileFromJson(QJsonValue(QStringLiteral("x")), 4);
    QVERIFY(!notObject);
    QCOMPARE(notObject.error().message,
             QStringLiteral("Profile 5 must be an object (found a string)."));
}

void TestProfileJson::labels_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::newRow("index and name")
        << 0 << QStringLiteral("a") << QStringLiteral("Profile 1 (\"a\")");
    QTest::newRow("index only") << 9 << QString() << QStringLiteral("Profile 10");
    QTest::newRow("name only") << -1 << QStringLiteral("a") << QStringLiteral("Profile \"a\"");
    QTest::newRow("neither") << -1 << QString() << QStringLiteral("The profile");
}

void TestProfileJson::labels()
{
    QFETCH(int, index);
    QFETCH(QString, name);
    QFETCH(QString, label);
    QCOMPARE(profileLabel(index, name), label);
}

QTEST_GUILESS_MAIN(TestProfileJson)
#include "tst_ProfileJson.moc"
