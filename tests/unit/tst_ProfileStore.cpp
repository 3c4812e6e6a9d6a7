#include "profile/ProfileJson.h"
#include "profile/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace rediscope;

namespace {

const QString IdOrdersProd = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString IdOrdersQa = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QString IdBillingDev = QStringLiteral("33333333-3333-4333-8333-333333333333");

QUuid uuid(const QString& text)
{
    return QUuid::fromString(text);
}

// A hand-written file: custom environments with overrides and unknown keys at every level.
QByteArray sampleFile(const QByteArray& schema = "rediscope-profiles/1")
{
    return "{\n"
           "  \"schema\": \"" +
           schema +
           "\",\n"
           "  \"x_team\": {\"owner\": \"platform\", \"reviewed\": [2024, 2025]},\n"
           "  \"environments\": {\n"
           "    \"qa\": {\"policy\": \"staging\", \"expiry_warning_days\": 21, "
           "\"x_ticket\": \"OPS-1\"},\n"
           "    \"production\": {\"policy\": \"production\", \"console_writes_locked\": false}\n"
           "  },\n"
           "  \"profiles\": [\n"
           "    {\"id\": \"" +
           IdOrdersProd.toUtf8() +
           "\", \"name\": \"orders prod\", \"service\": \"orders\",\n"
           "     \"environment\": \"production\", \"host\": \"orders.example.com\", \"port\": "
           "6380,\n"
           "     \"password\": {\"source\": \"keychain\"},\n"
           "     \"tls\": {\"ca_file\": \"/etc/ca.pem\", \"x_pin\": \"sha256/abc\"},\n"
           "     \"x_colour\": \"red\"},\n"
           "    {\"id\": \"" +
           IdOrdersQa.toUtf8() +
           "\", \"name\": \"orders qa\", \"service\": \"orders\",\n"
           "     \"environment\": \"qa\", \"host\": \"orders-qa.example.com\", \"tags\": "
           "[\"qa\"]},\n"
           "    {\"id\": \"" +
           IdBillingDev.toUtf8() +
           "\", \"name\": \"billing dev\", \"service\": \"billing\",\n"
           "     \"environment\": \"development\", \"host\": \"localhost\", \"tls\": "
           "{\"enabled\": false}}\n"
           "  ]\n"
           "}\n";
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

int modeOf(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
#else
    Q_UNUSED(path);
    return -1;
#endif
}

bool setMode(const QString& path, int mode)
{
#ifdef Q_OS_UNIX
    return ::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)) == 0;
#else
    Q_UNUSED(path);
    Q_UNUSED(mode);
    return false;
#endif
}

// No run of `window` consecutive bytes of `secret` occurs in `haystack`.
bool containsNoPieceOf(const QByteArray& haystack, const QByteArray& secret, int window = 4)
{
    for (qsizetype i = 0; i + window <= secret.size(); ++i)
        if (haystack.contains(secret.mid(i, window)))
            return false;
    return true;
}

QString errorText(const Error& error)
{
    return error.toString();
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void defaultPath();
    void missingFileIsAnEmptyStore();
    void emptyFileIsAnEmptyStore_data();
    void emptyFileIsAnEmptyStore();
    void handEditedFileRoundTrip();
    void everyFieldAndCustomEnvironmentsRoundTrip();
    void fileFormat();
    void profilesSortedOnSave();
    void corruptFileIsReportedAndNeverOverwritten_data();
    void corruptFileIsReportedAndNeverOverwritten();
    void newerSchemaIsReadOnly();
    void permissionsAndBackup();
    void permissionsFixedEvenWithoutChanges();
    void concurrentEditsOfDifferentProfilesMerge();
    void concurrentEditsOfTheSameProfileAreRefused_data();
    void concurrentEditsOfTheSameProfileAreRefused();
    void concurrentDeleteOfUnchangedProfile();
    void concurrentEnvironmentsAndUnknownKeysMerge();
    void fileBrokenByAnotherProgramIsNotOverwritten();
    void fileDeletedByAnotherProgramIsRecreated();
    void inlineSecretsAreHonouredAndNeverWritten();
    void writeFailureInReadOnlyDirectory();
    void writeFailureKeepsOldFile();
    void findUpsertRemove();

private:
    QString filePath() const { return m_dir->filePath(QStringLiteral("rediscope-profiles.json")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProfileStore::defaultPath()
{
    const QString path = ProfileStore::defaultPath();
    QVERIFY2(path.endsWith(QStringLiteral("/rediscope/rediscope-profiles.json")), qPrintable(path));
    QVERIFY(
        path.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)));
    QCOMPARE(ProfileStore::schemaName(), QStringLiteral("rediscope-profiles/1"));
}

void TestProfileStore::missingFileIsAnEmptyStore()
{
    // Also in a folder that does not exist yet.
    const QString path = m_dir->filePath(QStringLiteral("config/rediscope/profiles.json"));
    auto store = ProfileStore::open(path);
    QVERIFY(store);
    QVERIFY(store->profiles().isEmpty());
    QVERIFY(!store->isReadOnly());
    QVERIFY(!store->isModified());
    QVERIFY(!QFile::exists(path));

    QVERIFY(store->upsert(Profile::create(QStringLiteral("new"))));
    QVERIFY(store->isModified());
    const auto saved = store->save();
    QVERIFY2(saved, qPrintable(saved ? QString() : errorText(saved.error())));
    QVERIFY(!store->isModified());
    QVERIFY(QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".bak"))); // nothing to back up
    QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700);

    auto reopened = ProfileStore::open(path);
    QVERIFY(reopened);
    QCOMPARE(reopened->profiles().size(), 1);
    QCOMPARE(reopened->profiles().first().name, QStringLiteral("new"));
}

void TestProfileStore::emptyFileIsAnEmptyStore_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("zero bytes") << QByteArray();
    QTest::newRow("whitespace") << QByteArray(" \n\t\n");
}

void TestProfileStore::emptyFileIsAnEmptyStore()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(writeAll(filePath(), bytes));
    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    QVERIFY(store->profiles().isEmpty());
    QVERIFY(!store->isReadOnly());
}

void TestProfileStore::handEditedFileRoundTrip()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto store = ProfileStore::open(filePath());
    QVERIFY2(store, qPrintable(store ? QString() : errorText(store.error())));
    QVERIFY(store->warnings().isEmpty());
    QVERIFY(store->inlineSecretsFound().isEmpty());
    QCOMPARE(store->profiles().size(), 3);

    const auto prod = store->find(uuid(IdOrdersProd));
    QVERIFY(prod);
    QCOMPARE(prod->port, quint16(6380));
    QCOMPARE(prod->password, SecretRef::keychain());
    QCOMPARE(prod->tls.caFile, QStringLiteral("/etc/ca.pem"));
    QCOMPARE(prod->unknownFields.value(QStringLiteral("x_colour")).toString(),
             QStringLiteral("red"));
    QCOMPARE(prod->tls.unknownFields.value(QStringLiteral("x_pin")).toString(),
             QStringLiteral("sha256/abc"));

    const EnvironmentPolicy qa = store->policies().forEnvironment(QStringLiteral("qa"));
    QCOMPARE(qa.kind, PolicyKind::Staging);
    QCOMPARE(qa.expiryWarningDays, 21);
    QVERIFY(!store->policies().forEnvironment(QStringLiteral("production")).consoleWritesLocked);
    QCOMPARE(store->unknownFields()
                 .value(QStringLiteral("x_team"))
                 .toObject()
                 .value(QStringLiteral("owner"))
                 .toString(),
             QStringLiteral("platform"));
    QVERIFY(!store->isModified());

    QVERIFY(store->save());
    const QByteArray first = readAll(filePath());
    QVERIFY(first.contains("\"x_ticket\": \"OPS-1\""));
    QVERIFY(first.contains("\"x_pin\": \"sha256/abc\""));
    QVERIFY(first.contains("\"x_colour\": \"red\""));
    QVERIFY(first.contains("\"reviewed\": [\n      2024,\n      2025\n    ]"));
    QCOMPARE(readAll(filePath() + QStringLiteral(".bak")), sampleFile());

    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QCOMPARE(reopened->profiles(), store->profiles());
    QCOMPARE(reopened->policies(), store->policies());
    QCOMPARE(reopened->unknownFields(), store->unknownFields());
    QCOMPARE(reopened->toBytes(), first);

    // Saving what is already there changes nothing, not even the backup.
    QVERIFY(reopened->save());
    QCOMPARE(readAll(filePath()), first);
    QCOMPARE(readAll(filePath() + QStringLiteral(".bak")), sampleFile());
}

void TestProfileStore::everyFieldAndCustomEnvironmentsRoundTrip()
{
    Profile profile = Profile::create(QStringLiteral("every field"));
    profile.service = QStringLiteral("payments");
    profile.environment = QStringLiteral("perf-lab");
    profile.host = QStringLiteral("2001:db8::10");
    profile.port = 16379;
    profile.db = 15;
    profile.username = QStringLiteral("ops");
    profile.password = SecretRef::env(QStringLiteral("PAY_REDIS"));
    profile.tls.enabled = true;
    profile.tls.verifyPeer = false;
    profile.tls.verifyHostname = false;
    profile.tls.sni = QStringLiteral("redis.pay.internal");
    profile.tls.caFile = QStringLiteral("/srv/ca.pem");
    profile.tls.caDir = QStringLiteral("/srv/ca.d");
    profile.tls.certFile = QStringLiteral("/srv/c.pem");
    profile.tls.keyFile = QStringLiteral("/srv/k.pem");
    profile.tls.keyPassphrase = SecretRef::prompt();
    profile.tls.minProtocol = QStringLiteral("TLSv1.3");
    profile.tls.ciphers = QStringLiteral("HIGH:!aNULL");
    profile.tls.ciphersuites = QStringLiteral("TLS_CHACHA20_POLY1305_SHA256");
    profile.tls.unknownFields.insert(QStringLiteral("alpn"), QJsonArray{QStringLiteral("resp3")});
    profile.expectedServerKind = QStringLiteral("dragonfly");
    profile.tags = {QStringLiteral("b"), QStringLiteral("a")};
    profile.notes = QStringLiteral("multi\nline ✓");
    profile.timeoutSeconds = 3;
    profile.unknownFields.insert(QStringLiteral("later"), QJsonValue::Null);

    EnvironmentPolicies policies;
    EnvironmentPolicy perf = EnvironmentPolicy::builtIn(PolicyKind::Staging);
    perf.expiryWarningDays = 7;
    perf.minProtocol = QStringLiteral("TLSv1.3");
    perf.clientCertificate = Requirement::Required;
    perf.colour = QStringLiteral("#abcdef");
    policies.setOverride(QStringLiteral("perf-lab"), perf);
    EnvironmentPolicy dev = EnvironmentPolicy::builtIn(PolicyKind::Development);
    dev.consoleWritesLocked = true;
    policies.setOverride(QStringLiteral("development"), dev);

    ProfileStore store(filePath());
    QVERIFY(store.upsert(profile));
    store.setPolicies(policies);
    QVERIFY(store.save());

    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QCOMPARE(reopened->profiles().size(), 1);
    QCOMPARE(reopened->profiles().first(), profile);
    QCOMPARE(reopened->policies(), policies);
    const EnvironmentPolicy readBack =
        reopened->policies().forEnvironment(QStringLiteral("perf-lab"));
    QCOMPARE(readBack.kind, PolicyKind::Staging);
    QCOMPARE(readBack.expiryWarningDays, 7);
    QCOMPARE(readBack.colour, QStringLiteral("#abcdef"));
    QVERIFY(reopened->policies().forEnvironment(QStringLiteral("development")).consoleWritesLocked);
}

void TestProfileStore::fileFormat()
{
    ProfileStore store(filePath());
    QVERIFY(store.upsert(Profile::create(QStringLiteral("a"))));
    QVERIFY(store.save());
    const QByteArray bytes = readAll(filePath());
    QVERIFY(bytes.startsWith("{\n  \"environments\": {},\n  \"profiles\": [\n    {\n      \""));
    QVERIFY(bytes.endsWith("  ],\n  \"schema\": \"rediscope-profiles/1\"\n}\n"));
    QVERIFY(!bytes.contains('\t'));
    QVERIFY(!bytes.contains('\r'));
    // Every line is indented by a multiple of two spaces.
    for (const QByteArray& line : bytes.split('\n')) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line.at(spaces) == ' ')
            ++spaces;
        QVERIFY2(spaces % 2 == 0, line.constData());
    }
    QCOMPARE(store.toBytes(), bytes);
}

void TestProfileStore::profilesSortedOnSave()
{
    const auto make = [](const char* service, const char* environment, const char* name,
                         const char* id) {
        Profile profile;
        profile.id = QUuid::fromString(QLatin1String(id));
        profile.service = QString::fromUtf8(service);
        profile.environment = QString::fromUtf8(environment);
        profile.name = QString::fromUtf8(name);
        return profile;
    };
    const QList<Profile> scrambled = {
        make("orders", "staging", "a", "00000000-0000-4000-8000-000000000001"),
        make("Billing", "production", "z", "00000000-0000-4000-8000-000000000002"),
        make("orders", "development", "b", "00000000-0000-4000-8000-000000000003"),
        make("billing", "development", "y", "00000000-0000-4000-8000-000000000004"),
        make("orders", "development", "a", "00000000-0000-4000-8000-000000000006"),
        make("orders", "development", "a", "00000000-0000-4000-8000-000000000005"),
    };
    ProfileStore store(filePath());
    for (const Profile& profile : scrambled)
        QVERIFY(store.upsert(profile));
    QVERIFY(store.save());

    const QStringList expected = {
        QStringLiteral("00000000-0000-4000-8000-000000000004"), // billing/development/y
        QStringLiteral("00000000-0000-4000-8000-000000000002"), // Billing/production/z
        QStringLiteral("00000000-0000-4000-8000-000000000005"), // orders/development/a (id)
        QStringLiteral("00000000-0000-4000-8000-000000000006"),
        QStringLiteral("00000000-0000-4000-8000-000000000003"), // orders/development/b
        QStringLiteral("00000000-0000-4000-8000-000000000001"), // orders/staging/a
    };
    QStringList inMemory;
    for (const Profile& profile : store.profiles())
        inMemory.append(profile.id.toString(QUuid::WithoutBraces));
    QCOMPARE(inMemory, expected);

    const QJsonArray written = QJsonDocument::fromJson(readAll(filePath()))
                                   .object()
                                   .value(QStringLiteral("profiles"))
                                   .toArray();
    QStringList inFile;
    for (const QJsonValue& value : written)
        inFile.append(value.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(inFile, expected);
}

void TestProfileStore::corruptFileIsReportedAndNeverOverwritten_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected"); // fragments of the message

    const QByteArray sample = sampleFile();
    QTest::newRow("truncated") << sample.left(sample.indexOf("\"orders qa\""))
                               << QStringList{QStringLiteral("line 14, column 60:"),
                                              QStringLiteral("the JSON is broken")};
    QTest::newRow("missing comma")
        << QByteArray("{\n  \"schema\": \"rediscope-profiles/1\"\n  \"profiles\": []\n}\n")
        << QStringList{QStringLiteral("line 3, column "), QStringLiteral("the JSON is broken")};
    QTest::newRow("invalid UTF-8 in a string")
        << QByteArray("{\n  \"schema\": \"rediscope-profiles/1\",\n"
                      "  \"profiles\": [{\"name\": \"caf\xe9 \xc3\xa9\"}]\n}\n")
        << QStringList{QStringLiteral("line 3, column 29 (byte 66)"),
                       QStringLiteral("not valid UTF-8")};
    QTest::newRow("invalid UTF-8 after non-ASCII")
        << QByteArray("{\"notes\": \"\xc3\xa9\xc3\xa9\", \"x\": \"\xed\xa0\x80\"}")
        << QStringList{QStringLiteral("line 1, column 23 (byte 24)"),
                       QStringLiteral("not valid UTF-8")};
    QTest::newRow("overlong UTF-8") << QByteArray("{\"schema\": \"\xc0\xaf\"}")
                                    << QStringList{QStringLiteral("line 1, column 13 (byte 12)")};
    QTest::newRow("not an object")
        << QByteArray("[]\n") << QStringList{QStringLiteral("must hold a JSON object")};
    QTest::newRow("no schema") << QByteArray("{\"profiles\": []}")
                               << QStringList{QStringLiteral("no \"schema\" string")};
    QTest::newRow("foreign schema")
        << QByteArray("{\"schema\": \"another-tool/3\", \"profiles\": []}")
        << QStringList{QStringLiteral("\"another-tool/3\" is not a Rediscope profiles schema")};
    QTest::newRow("schema zero") << QByteArray("{\"schema\": \"rediscope-profiles/0\"}")
                                 << QStringList{QStringLiteral("not a Rediscope profiles schema")};
    QTest::newRow("schema not a string")
        << QByteArray("{\n  \"profiles\": [],\n  \"schema\": 1\n}\n")
        << QStringList{QStringLiteral("line 3, column 13: it has no \"schema\" string")};
    QTest::newRow("profiles not a list")
        << QByteArray("{\"schema\": \"rediscope-profiles/1\", \"profiles\": {}}")
        << QStringList{QStringLiteral("line 1, column 48: \"profiles\" must be a list")};
    QTest::newRow("environments not an object")
        << QByteArray("{\"schema\": \"rediscope-profiles/1\", \"environments\": []}")
        << QStringList{QStringLiteral("line 1, column 52: \"environments\" must be an object")};
    QTest::newRow("environment entry not an object")
        << QByteArray("{\"schema\": \"rediscope-profiles/1\",\n \"environments\": {\"dev\": {}, "
                      "\"qa\": 1}}")
        << QStringList{QStringLiteral("line 2, column 36: environments.qa must be an object")};
    QTest::newRow("environment policy unknown")
        << QByteArray("{\"schema\": \"rediscope-profiles/1\", "
                      "\"environments\": {\"qa\": {\"policy\": \"lenient\"}}}")
        << QStringList{QStringLiteral("line 1, column 59: environments.qa.policy")};
    QTest::newRow("profile not an object")
        << QByteArray("{\"schema\": \"rediscope-profiles/1\",\n  \"profiles\": [{}, \"x\"]}")
        << QStringList{QStringLiteral("line 2, column 20: Profile 2 must be an object")};
    QTest::newRow("port is a string")
        << QByteArray(sample).replace("\"port\": 6380", "\"port\": \"6380\"")
        << QStringList{QStringLiteral("line 10, column 73: Profile 1 (\"orders prod\"): \"port\" "
                                      "must be a port number from 1 to 65535 (found a string)")};
    QTest::newRow("port out of range")
        << QByteArray(sample).replace("\"port\": 6380", "\"port\": 65536")
        << QStringList{QStringLiteral("line 10, column 73: Profile 1 (\"orders prod\"): \"port\""),
                       QStringLiteral("(found 65536)")};
    // The column counts characters: "é" and "€" are one each, though two and three bytes.
    QTest::newRow("port after non-ASCII text")
        << QByteArray(sample).replace("\"host\": \"orders.example.com\", \"port\": 6380",
                                      "\"host\": \"ordérs€.example.com\", \"port\": true")
        << QStringList{QStringLiteral("line 10, column 74: Profile 1 (\"orders prod\"): \"port\" "
                                      "must be a port number from 1 to 65535 (found true/false)")};
    QTest::newRow("tls not an object")
        << QByteArray(sample).replace("\"tls\": {\"enabled\": false}", "\"tls\": \"off\"")
        << QStringList{QStringLiteral(
               "line 17, column 64: Profile 3 (\"billing dev\"): \"tls\" must be an object")};
    QTest::newRow("tls field wrong type")
        << QByteArray(sample).replace("\"tls\": {\"enabled\": false}",
                                      "\"tls\": {\"enabled\": false, \"verify_peer\": \"no\"}")
        << QStringList{
               QStringLiteral("line 17, column 98: Profile 3 (\"billing dev\"): "
                              "\"tls.verify_peer\" must be true or false (found a string)")};
    QTest::newRow("tag wrong type")
        << QByteArray(sample).replace("\"tags\": [\"qa\"]", "\"tags\": [\"qa\", 7]")
        << QStringList{QStringLiteral(
               "line 15, column 75: Profile 2 (\"orders qa\"): \"tags[1]\" must be a string")};
    QTest::newRow("key given twice: the last counts")
        << QByteArray(sample).replace("\"port\": 6380", "\"port\": 6380, \"port\": []")
        << QStringList{QStringLiteral("line 10, column 87: Profile 1 (\"orders prod\"): \"port\"")};
    QTest::newRow("unknown password source")
        << QByteArray(sample).replace("{\"source\": \"keychain\"}", "{\"source\": \"vault\"}")
        << QStringList{QStringLiteral(
               "line 11, column 29: Profile 1 (\"orders prod\"): \"password.source\"")};
    QTest::newRow("bad uuid") << QByteArray(sample).replace(IdOrdersQa.toUtf8(), "22222222-zzzz")
                              << QStringList{
                                     QStringLiteral("line 14, column 12: Profile 2 "
                                                    "(\"orders qa\"): \"id\" must be a UUID")};
    QTest::newRow("duplicate id")
        << QByteArray(sample).replace(IdOrdersQa.toUtf8(), IdOrdersProd.toUtf8())
        << QStringList{
               QStringLiteral("line 14, column 12: Profile 1 (\"orders prod\") and Profile 2 "
                              "(\"orders qa\") have the same id")};
}

void TestProfileStore::corruptFileIsReportedAndNeverOverwritten()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);

    QVERIFY(writeAll(filePath(), bytes));
    const auto store = ProfileStore::open(filePath());
    QVERIFY(!store);
    QCOMPARE(store.error().code, ErrorCode::FileError);
    const QString message = store.error().message;
    QVERIFY2(message.contains(QDir::toNativeSeparators(filePath())), qPrintable(message));
    for (const QString& fragment : expected)
        QVERIFY2(message.contains(fragment), qPrintable(message));

    // Whatever the caller does next, the broken file is not replaced.
    ProfileStore fresh(filePath());
    QVERIFY(fresh.upsert(Profile::create(QStringLiteral("would overwrite"))));
    const auto saved = fresh.save();
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileError);
    QVERIFY2(saved.error().message.contains(QStringLiteral("The file was not changed")),
             qPrintable(saved.error().message));
    for (const QString& fragment : expected)
        QVERIFY2(saved.error().message.contains(fragment), qPrintable(saved.error().message));
    QCOMPARE(readAll(filePath()), bytes);
    QVERIFY(!QFile::exists(filePath() + QStringLiteral(".bak")));
}

void TestProfileStore::newerSchemaIsReadOnly()
{
    // A newer file may hold things this version cannot read: they are skipped, not fatal.
    QByteArray bytes = sampleFile("rediscope-profiles/2");
    bytes.replace("\"tags\": [\"qa\"]", "\"tags\": {\"set\": [\"qa\"]}");
    QVERIFY(writeAll(filePath(), bytes));

    auto store = ProfileStore::open(filePath());
    QVERIFY2(store, qPrintable(store ? QString() : errorText(store.error())));
    QVERIFY(store->isReadOnly());
    QVERIFY2(store->readOnlyReason().contains(QStringLiteral("\"rediscope-profiles/2\"")),
             qPrintable(store->readOnlyReason()));
    QVERIFY(store->readOnlyReason().contains(QStringLiteral("read-only")));
    QCOMPARE(store->profiles().size(), 2);
    QVERIFY(store->find(uuid(IdOrdersProd)));
    QCOMPARE(store->warnings().size(), 1);
    QVERIFY(store->warnings().first().contains(QStringLiteral("\"orders qa\"")));

    Profile changed = *store->find(uuid(IdOrdersProd));
    changed.port = 7000;
    QVERIFY(store->upsert(changed)); // in memory only
    const auto saved = store->save();
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileError);
    QVERIFY(saved.error().message.contains(store->readOnlyReason()));
    QCOMPARE(readAll(filePath()), bytes);
    QVERIFY(!QFile::exists(filePath() + QStringLiteral(".bak")));
}

void TestProfileStore::permissionsAndBackup()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions");
#endif
    QVERIFY(writeAll(filePath(), sampleFile()));
    QVERIFY(setMode(filePath(), 0644));
    const QString backup = filePath() + QStringLiteral(".bak");
    QVERIFY(writeAll(backup, "an old, world-readable backup"));
    QVERIFY(setMode(backup, 0644));

    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    Profile profile = *store->find(uuid(IdOrdersQa));
    profile.notes = QStringLiteral("first change");
    QVERIFY(store->upsert(profile));
    QVERIFY(store->save());
    QCOMPARE(modeOf(filePath()), 0600);
    QCOMPARE(modeOf(backup), 0600);
    QCOMPARE(readAll(backup), sampleFile());
    const QByteArray first = readAll(filePath());

    profile.notes = QStringLiteral("second change");
    QVERIFY(store->upsert(profile));
    QVERIFY(store->save());
    QCOMPARE(modeOf(filePath()), 0600);
    QCOMPARE(modeOf(backup), 0600);
    QCOMPARE(readAll(backup), first); // the previous good version
    QVERIFY(readAll(filePath()).contains("second change"));
}

void TestProfileStore::permissionsFixedEvenWithoutChanges()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions");
#endif
    ProfileStore store(filePath());
    QVERIFY(store.upsert(Profile::create(QStringLiteral("a"))));
    QVERIFY(store.save());
    QVERIFY(setMode(filePath(), 0664));
    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QVERIFY(reopened->save());
    QCOMPARE(modeOf(filePath()), 0600);
}

void TestProfileStore::concurrentEditsOfDifferentProfilesMerge()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto first = ProfileStore::open(filePath());
    auto second = ProfileStore::open(filePath());
    QVERIFY(first && second);

    // First: changes orders prod, adds a profile.
    Profile prod = *first->find(uuid(IdOrdersProd));
    prod.port = 7001;
    QVERIFY(first->upsert(prod));
    const auto added = first->upsert(Profile::create(QStringLiteral("added by first")));
    QVERIFY(added);
    QVERIFY(first->save());

    // Second, still on the old version: changes orders qa, removes billing dev, adds one.
    Profile qa = *second->find(uuid(IdOrdersQa));
    qa.host = QStringLiteral("qa2.example.com");
    QVERIFY(second->upsert(qa));
    QVERIFY(second->remove(uuid(IdBillingDev)));
    const auto addedToo = second->upsert(Profile::create(QStringLiteral("added by second")));
    QVERIFY(addedToo);
    const auto saved = second->save();
    QVERIFY2(saved, qPrintable(saved ? QString() : errorText(saved.error())));

    // Both survive, on disk and in the second store.
    auto check = [&](const ProfileStore& store) {
        QCOMPARE(store.profiles().size(), 4);
        QCOMPARE(store.find(uuid(IdOrdersProd))->port, quint16(7001));
        QCOMPARE(store.find(uuid(IdOrdersQa))->host, QStringLiteral("qa2.example.com"));
        QVERIFY(!store.find(uuid(IdBillingDev)));
        QVERIFY(store.find(*added));
        QVERIFY(store.find(*addedToo));
        QCOMPARE(store.unknownFields()
                     .value(QStringLiteral("x_team"))
                     .toObject()
                     .value(QStringLiteral("owner"))
                     .toString(),
                 QStringLiteral("platform"));
    };
    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    check(*reopened);
    check(*second);
    QVERIFY(!second->isModified());

    // The first store, now behind, keeps merging.
    prod.notes = QStringLiteral("again");
    QVERIFY(first->upsert(prod));
    QVERIFY(first->save());
    auto last = ProfileStore::open(filePath());
    QVERIFY(last);
    QCOMPARE(last->find(uuid(IdOrdersProd))->notes, QStringLiteral("again"));
    QCOMPARE(last->find(uuid(IdOrdersQa))->host, QStringLiteral("qa2.example.com"));
    QVERIFY(!last->find(uuid(IdBillingDev)));
    QCOMPARE(last->profiles().size(), 4);
}

void TestProfileStore::concurrentEditsOfTheSameProfileAreRefused_data()
{
    QTest::addColumn<QString>("firstAction");  // change | remove
    QTest::addColumn<QString>("secondAction"); // change | remove
    QTest::newRow("changed on both sides") << QStringLiteral("change") << QStringLiteral("change");
    QTest::newRow("removed there, changed here")
        << QStringLiteral("remove") << QStringLiteral("change");
    QTest::newRow("changed there, removed here")
        << QStringLiteral("change") << QStringLiteral("remove");
}

void TestProfileStore::concurrentEditsOfTheSameProfileAreRefused()
{
    QFETCH(QString, firstAction);
    QFETCH(QString, secondAction);

    QVERIFY(writeAll(filePath(), sampleFile()));
    auto first = ProfileStore::open(filePath());
    auto second = ProfileStore::open(filePath());
    QVERIFY(first && second);

    const auto act = [](ProfileStore& store, const QString& action, quint16 port) {
        if (action == QLatin1String("remove"))
            return store.remove(uuid(IdOrdersProd));
        Profile profile = *store.find(uuid(IdOrdersProd));
        profile.port = port;
        return store.upsert(profile).has_value();
    };
    QVERIFY(act(*first, firstAction, 7001));
    QVERIFY(first->save());
    const QByteArray written = readAll(filePath());

    // An unrelated change of the second store must not slip through either: all or nothing.
    Profile qa = *second->find(uuid(IdOrdersQa));
    qa.notes = QStringLiteral("unrelated");
    QVERIFY(second->upsert(qa));
    QVERIFY(act(*second, secondAction, 7002));
    const auto saved = second->save();
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileError);
    const QString message = saved.error().message;
    QVERIFY2(message.contains(QStringLiteral("Another program changed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("\"orders prod\" (%1)").arg(IdOrdersProd)),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("orders qa")), qPrintable(message));

    // Nothing lost: the first store's version is on disk, the second keeps its edits in memory.
    QCOMPARE(readAll(filePath()), written);
    QVERIFY(second->isModified());
    QCOMPARE(second->find(uuid(IdOrdersQa))->notes, QStringLiteral("unrelated"));
    if (secondAction == QLatin1String("change"))
        QCOMPARE(second->find(uuid(IdOrdersProd))->port, quint16(7002));
    else
        QVERIFY(!second->find(uuid(IdOrdersProd)));
    // Trying again gives the same answer.
    QVERIFY(!second->save());
    QCOMPARE(readAll(filePath()), written);
}

void TestProfileStore::concurrentDeleteOfUnchangedProfile()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto first = ProfileStore::open(filePath());
    auto second = ProfileStore::open(filePath());
    QVERIFY(first && second);

    Profile qa = *second->find(uuid(IdOrdersQa));
    qa.port = 6390;
    QVERIFY(second->upsert(qa));
    QVERIFY(second->save());

    QVERIFY(first->remove(uuid(IdOrdersProd)));
    QVERIFY(first->save());

    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QVERIFY(!reopened->find(uuid(IdOrdersProd)));
    QCOMPARE(reopened->find(uuid(IdOrdersQa))->port, quint16(6390));
    QVERIFY(reopened->find(uuid(IdBillingDev)));
}

void TestProfileStore::concurrentEnvironmentsAndUnknownKeysMerge()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto first = ProfileStore::open(filePath());
    auto second = ProfileStore::open(filePath());
    auto third = ProfileStore::open(filePath());
    QVERIFY(first && second && third);

    EnvironmentPolicies policies = first->policies();
    policies.setOverride(QStringLiteral("uat"), EnvironmentPolicy::builtIn(PolicyKind::Staging));
    first->setPolicies(policies);
    QVERIFY(first->save());

    policies = second->policies();
    EnvironmentPolicy perf = EnvironmentPolicy::builtIn(PolicyKind::Development);
    perf.expiryWarningDays = 3;
    policies.setOverride(QStringLiteral("perf"), perf);
    second->setPolicies(policies);
    QVERIFY(second->save());

    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QVERIFY(reopened->policies().overrides().contains(QStringLiteral("uat")));
    QCOMPARE(reopened->policies().forEnvironment(QStringLiteral("perf")).expiryWarningDays, 3);
    QCOMPARE(reopened->policies().forEnvironment(QStringLiteral("qa")).expiryWarningDays, 21);

    // The same environment changed differently on both sides is a conflict named as such.
    policies = third->policies();
    EnvironmentPolicy otherPerf = EnvironmentPolicy::builtIn(PolicyKind::Production);
    policies.setOverride(QStringLiteral("perf"), otherPerf);
    third->setPolicies(policies);
    const auto saved = third->save();
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.contains(QStringLiteral("environment \"perf\"")),
             qPrintable(saved.error().message));
}

void TestProfileStore::fileBrokenByAnotherProgramIsNotOverwritten()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    const QByteArray broken = sampleFile().left(120);
    QVERIFY(writeAll(filePath(), broken));

    QVERIFY(store->upsert(Profile::create(QStringLiteral("mine"))));
    const auto saved = store->save();
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.contains(QStringLiteral("another program changed it")),
             qPrintable(saved.error().message));
    QVERIFY2(saved.error().message.contains(QStringLiteral("line ")),
             qPrintable(saved.error().message));
    QCOMPARE(readAll(filePath()), broken);
    QVERIFY(!QFile::exists(filePath() + QStringLiteral(".bak")));

    // Newer schema written meanwhile: refused too.
    QVERIFY(writeAll(filePath(), sampleFile("rediscope-profiles/3")));
    const auto again = store->save();
    QVERIFY(!again);
    QVERIFY(again.error().message.contains(QStringLiteral("rediscope-profiles/3")));
    QCOMPARE(readAll(filePath()), sampleFile("rediscope-profiles/3"));
}

void TestProfileStore::fileDeletedByAnotherProgramIsRecreated()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    QVERIFY(QFile::remove(filePath()));
    QVERIFY(store->save());
    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QCOMPARE(reopened->profiles().size(), 3);
}

void TestProfileStore::inlineSecretsAreHonouredAndNeverWritten()
{
    const QByteArray password = "q7Vx!pL3#rT9-wK2";
    const QByteArray passphrase = "Zm4$eN8^uB1&yH6";
    QByteArray bytes = sampleFile();
    bytes.replace("\"password\": {\"source\": \"keychain\"}",
                  QByteArray("\"password\": \"" + password + "\""));
    bytes.replace(
        "\"tls\": {\"enabled\": false}",
        QByteArray("\"tls\": {\"key_file\": \"/k.pem\", \"key_passphrase\": {\"value\": \"" +
                   passphrase + "\"}}"));
    QVERIFY(writeAll(filePath(), bytes));

    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    const QList<InlineSecretNote> expected = {
        {uuid(IdBillingDev), QStringLiteral("billing dev"), false, true},
        {uuid(IdOrdersProd), QStringLiteral("orders prod"), true, false},
    };
    QCOMPARE(store->inlineSecretsFound(), expected);
    const Profile prod = *store->find(uuid(IdOrdersProd));
    QCOMPARE(prod.inlinePassword, password);
    QCOMPARE(prod.password, SecretRef::prompt());
    QCOMPARE(prod.toRequest().password, password); // honoured for this session
    QCOMPARE(store->find(uuid(IdBillingDev))->inlineKeyPassphrase, passphrase);
    QVERIFY(containsNoPieceOf(store->toBytes(), password));

    const QString backup = filePath() + QStringLiteral(".bak");
    QVERIFY(store->save());
    for (const QString& path : {filePath(), backup}) {
        const QByteArray written = readAll(path);
        QVERIFY(!written.isEmpty());
        QVERIFY2(containsNoPieceOf(written, password), qPrintable(path));
        QVERIFY2(containsNoPieceOf(written, passphrase), qPrintable(path));
    }
    QVERIFY(readAll(filePath()).contains("\"password\": {\n        \"source\": \"prompt\"\n"));
    // Still usable in this session.
    QCOMPARE(store->find(uuid(IdOrdersProd))->inlinePassword, password);

    // The caller moves the secret to the keychain; two more saves, nothing leaks anywhere.
    Profile moved = *store->find(uuid(IdOrdersProd));
    moved.password = SecretRef::keychain();
    moved.inlinePassword.clear();
    QVERIFY(store->upsert(moved));
    QCOMPARE(store->inlineSecretsFound().size(), 1);
    QVERIFY(store->save());
    QVERIFY(store->upsert(Profile::create(QStringLiteral("another"))));
    QVERIFY(store->save());
    for (const QString& path : {filePath(), backup}) {
        const QByteArray written = readAll(path);
        QVERIFY2(containsNoPieceOf(written, password), qPrintable(path));
        QVERIFY2(containsNoPieceOf(written, passphrase), qPrintable(path));
    }
    auto reopened = ProfileStore::open(filePath());
    QVERIFY(reopened);
    QVERIFY(reopened->inlineSecretsFound().isEmpty());
    QCOMPARE(reopened->find(uuid(IdOrdersProd))->password, SecretRef::keychain());
    QCOMPARE(reopened->find(uuid(IdBillingDev))->tls.keyPassphrase, SecretRef::prompt());
}

void TestProfileStore::writeFailureInReadOnlyDirectory()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX permissions");
#else
    const QString folder = m_dir->filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/rediscope-profiles.json");
    QVERIFY(writeAll(path, sampleFile()));
    auto store = ProfileStore::open(path);
    QVERIFY(store);
    QVERIFY(store->upsert(Profile::create(QStringLiteral("cannot be written"))));

    // Root ignores permissions: drop to "nobody" for the save (effective uid only, restored).
    const bool root = ::geteuid() == 0;
    const uid_t nobody = 65534;
    if (root) {
        QVERIFY(setMode(m_dir->path(), 0755));
        QVERIFY(::chown(QFile::encodeName(path).constData(), nobody, nobody) == 0);
    }
    QVERIFY(setMode(folder, 0555));
    if (root)
        QVERIFY(::seteuid(nobody) == 0);
    const auto saved = store->save();
    if (root)
        QVERIFY(::seteuid(0) == 0);
    QVERIFY(setMode(folder, 0755));

    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileError);
    const QString message = saved.error().message;
    QVERIFY2(message.contains(QStringLiteral("Could not save the profiles to %1")
                                  .arg(QDir::toNativeSeparators(path))),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("is not writable")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("The file was not changed")), qPrintable(message));
    QCOMPARE(readAll(path), sampleFile());
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("rediscope-profiles.json")});

    // Writable again: the same store saves.
    QVERIFY(store->save());
    QVERIFY(readAll(path).contains("cannot be written"));
#endif
}

void TestProfileStore::writeFailureKeepsOldFile()
{
    // The backup cannot be written (a folder is in the way): nothing is replaced.
    QVERIFY(writeAll(filePath(), sampleFile()));
    const QString backup = filePath() + QStringLiteral(".bak");
    QVERIFY(QDir().mkpath(backup + QStringLiteral("/occupied")));
    auto store = ProfileStore::open(filePath());
    QVERIFY(store);
    QVERIFY(store->upsert(Profile::create(QStringLiteral("x"))));
    const auto saved = store->save();
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, ErrorCode::FileError);
    QVERIFY2(saved.error().message.contains(QStringLiteral(".bak")),
             qPrintable(saved.error().message));
    QVERIFY(saved.error().message.contains(QStringLiteral("The file was not changed")));
    QVERIFY(!saved.error().detail.isEmpty());
    QCOMPARE(readAll(filePath()), sampleFile());
}

void TestProfileStore::findUpsertRemove()
{
    QVERIFY(writeAll(filePath(), sampleFile()));
    auto store = ProfileStore::open(filePath());
    QVERIFY(store);

    const auto byName = store->findByName(QStringLiteral("orders qa"));
    QVERIFY(byName);
    QCOMPARE(byName->id, uuid(IdOrdersQa));
    const auto missing = store->findByName(QStringLiteral("nope"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::InvalidArgument);

    Profile twin = Profile::create(QStringLiteral("orders qa"));
    QVERIFY(store->upsert(twin));
    const auto ambiguous = store->findByName(QStringLiteral("orders qa"));
    QVERIFY(!ambiguous);
    QVERIFY2(ambiguous.error().message.contains(IdOrdersQa), qPrintable(ambiguous.error().message));

    Profile noId;
    noId.name = QStringLiteral("no id yet");
    const auto assigned = store->upsert(noId);
    QVERIFY(assigned);
    QVERIFY(!assigned->isNull());
    QCOMPARE(store->find(*assigned)->name, QStringLiteral("no id yet"));

    Profile invalid = Profile::create(QStringLiteral("bad"));
    invalid.port = 0;
    const auto rejected = store->upsert(invalid);
    QVERIFY(!rejected);
    QCOMPARE(rejected.error().code, ErrorCode::InvalidArgument);
    QVERIFY(rejected.error().message.contains(QStringLiteral("\"port\"")));
    QVERIFY(!store->find(invalid.id));
    invalid.port = 6379;
    invalid.password = SecretRef::env(QStringLiteral("9-not-a-name"));
    QVERIFY(!store->upsert(invalid));

    QVERIFY(store->remove(uuid(IdBillingDev)));
    QVERIFY(!store->remove(uuid(IdBillingDev)));
    QVERIFY(!store->find(uuid(IdBillingDev)));
    QCOMPARE(store->profiles().size(), 4);
    QVERIFY(store->isModified());

    // A profile without an id in the file gets one, and keeps it once saved.
    QVERIFY(writeAll(filePath(), "{\"schema\": \"rediscope-profiles/1\", \"profiles\": "
                                 "[{\"name\": \"hand-made\"}]}"));
    auto handMade = ProfileStore::open(filePath());
    QVERIFY(handMade);
    QCOMPARE(handMade->warnings().size(), 1);
    QVERIFY(handMade->warnings().first().contains(QStringLiteral("had no id")));
    const QUuid given = handMade->profiles().first().id;
    QVERIFY(handMade->save());
    auto reread = ProfileStore::open(filePath());
    QVERIFY(reread);
    QVERIFY(reread->warnings().isEmpty());
    QCOMPARE(reread->profiles().first().id, given);
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_ProfileStore.moc"
