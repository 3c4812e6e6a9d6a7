// No secret byte reaches disk or output. Distinctive passwords and key passphrases are written
// through the profile store (inline in a hand-edited file, and in memory) and through the real
// `rediscope profiles` command (add with a password in the URL, import of a URL with a password
// and a key passphrase, of a redis-cli command line with -a, of RESP.app, Another Redis Desktop
// Manager and RedisInsight exports with their passwords, and of a hand-edited Rediscope file).
// Then every byte of every version of the profiles file and its .bak, of every export format,
// of every command's standard output and error, and of every file left under HOME is searched
// for each secret: as is, in base64 (every alignment, standard and URL alphabet),
// percent-encoded, hex, JSON \u-escaped and UTF-16. The keychain (gnome-keyring in a private
// D-Bus session) must hold the secrets, which proves they really went through the code.
//
// The connection paths too: a lab server that requires a client certificate and a password
// (an ACL user with a distinctive password), reached with the lab's client key encrypted under
// a distinctive passphrase, through `rediscope audit` (every report format, with and without
// the probe, and with a wrong passphrase and a wrong password) and `rediscope inspect`. The
// reports must show that the key was decrypted and the password accepted, and no output or
// report may hold either secret.

#include "KeyringSession.h"
#include "LabEnvironment.h"
#include "inspect/Inspector.h"
#include "net/RespConnection.h"
#include "profile/ProfileExport.h"
#include "profile/ProfileJson.h"
#include "profile/ProfileStore.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace keyringsession;
using namespace rediscope;

namespace {

// Every secret has non-ASCII bytes and characters a URL must escape, so that the encoded forms
// differ from the raw one.
const QByteArray AddPassword("hyg-Add-pw-41:\xc3\xa9/\xe2\x82\xac"); // ":é/€"
const QByteArray UrlPassword("hyg-Url-pw-52@\xc3\xa9?#");            // "@é?#"
const QByteArray UrlKeyPassphrase("hyg-Url-kp-63~\xc3\xa9&=");       // "~é&="
const QByteArray CliPassword("hyg-Cli-pw-74$\xc3\xa9 x");            // "$é x"
const QByteArray RespPassword("hyg-Resp-pw-85%\xc3\xa9");            // "%é"
const QByteArray ArdmPassword("hyg-Ardm-pw-96+\xc3\xa9");            // "+é"
const QByteArray InsightPassword("hyg-Insight-pw-07!\xc3\xa9");      // "!é"
const QByteArray InlinePassword("hyg-Inline-pw-18;\xc3\xa9");        // hand-edited file
const QByteArray InlinePassphrase("hyg-Inline-kp-29,\xc3\xa9");      // hand-edited file
const QByteArray StorePassword("hyg-Store-pw-30\xc3\xa9");           // through ProfileStore
const QByteArray StorePassphrase("hyg-Store-kp-31\xc3\xa9");         // through ProfileStore
const QByteArray RefusedPassword("hyg-Refused-pw-42\xc3\xa9");       // no keychain
const QByteArray LabUserPassword("hyg-Lab-pw-53^\xc3\xa9");          // ACL user of the lab
const QByteArray KeyPassphrase("hyg-Key-kp-64*\xc3\xa9");            // encrypted client key
const QByteArray WrongPassphrase("hyg-Wrong-kp-75(\xc3\xa9");        // refused by the key
const QByteArray WrongPassword("hyg-Wrong-pw-86)\xc3\xa9");          // refused by the server

QList<QByteArray> allSecrets()
{
    return {AddPassword,     UrlPassword,     CliPassword,     RespPassword,
            ArdmPassword,    InsightPassword, InlinePassword,  InlinePassphrase,
            StorePassword,   StorePassphrase, RefusedPassword, UrlKeyPassphrase,
            LabUserPassword, KeyPassphrase,   WrongPassphrase, WrongPassword};
}

// Base64 of `secret` as it appears inside the encoding of a longer blob, at each of the three
// alignments: the characters that depend on the secret's bytes only.
QList<QByteArray> base64Forms(const QByteArray& secret)
{
    QList<QByteArray> forms;
    for (int offset = 0; offset < 3; ++offset) {
        for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray encoded = QByteArray(QByteArray(offset, 'x') + secret)
                                           .toBase64(options | QByteArray::OmitTrailingEquals);
            // Skip the group that mixes in the prefix, and the last group (it mixes in what
            // follows the secret).
            const qsizetype start = offset == 0 ? 0 : 4;
            const qsizetype end = (encoded.size() / 4) * 4 - 4;
            if (end > start + 8)
                forms << encoded.mid(start, end - start);
        }
    }
    return forms;
}

QByteArray jsonEscaped(const QByteArray& secret, bool upperHex = false)
{
    QByteArray out;
    for (const QChar ch : QString::fromUtf8(secret)) {
        if (ch.unicode() < 0x80) {
            out.append(static_cast<char>(ch.unicode()));
        } else {
            const QString hex = QStringLiteral("%1").arg(ch.unicode(), 4, 16, QLatin1Char('0'));
            out.append("\\u" + (upperHex ? hex.toUpper() : hex).toLatin1());
        }
    }
    return out;
}

// Every form a secret could take in a file or an output.
QList<QByteArray> formsOf(const QByteArray& secret)
{
    QList<QByteArray> forms{secret};
    forms << base64Forms(secret);
    const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(secret));
    forms << percent << percent.toLower();
    forms << QUrl::toPercentEncoding(QString::fromUtf8(secret), "!$&'()*+,;=:@/?");
    forms << secret.toHex() << secret.toHex().toUpper();
    forms << jsonEscaped(secret) << jsonEscaped(secret, true);
    const QString text = QString::fromUtf8(secret);
    forms << QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
    return forms;
}

// The secrets (by their index in allSecrets()) found in `blob`, in any form.
QStringList leaksIn(const QByteArray& blob)
{
    QStringList found;
    const QList<QByteArray> secrets = allSecrets();
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        for (const QByteArray& form : formsOf(secrets.at(i))) {
            if (!form.isEmpty() && blob.contains(form)) {
                found << QStringLiteral("secret #%1 (a form of %2 bytes)").arg(i).arg(form.size());
                break;
            }
        }
    }
    return found;
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

QString sample(const char* name)
{
    return QFINDTESTDATA(QStringLiteral("../data/import/") + QLatin1String(name));
}

QProcessEnvironment baseEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("REDISCLI_AUTH"));
    environment.remove(QStringLiteral("DISPLAY"));
    return environment;
}

} // namespace

class tst_SecretHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = startUnlockedKeyring();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_dir = std::make_unique<QTemporaryDir>(qEnvironmentVariable("HOME") +
                                                QStringLiteral("/work-XXXXXX"));
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("profiles.json"));
        // The secrets are distinct, and none is a part of another.
        const QList<QByteArray> secrets = allSecrets();
        for (qsizetype i = 0; i < secrets.size(); ++i)
            for (qsizetype j = 0; j < secrets.size(); ++j)
                QVERIFY(i == j || !secrets.at(i).contains(secrets.at(j)));
    }

    void scannerFindsEveryForm_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::newRow("raw") << QByteArray("{\"x\": \"" + UrlPassword + "\"}");
        QTest::newRow("base64, aligned") << QByteArray("k=" + RespPassword.toBase64());
        QTest::newRow("base64, offset 1")
            << QByteArray("k=" + QByteArray("a" + RespPassword).toBase64());
        QTest::newRow("base64, offset 2 in a longer blob")
            << QByteArray("ab" + AddPassword + "trailing bytes").toBase64();
        QTest::newRow("base64url")
            << QByteArray("a" + InlinePassword).toBase64(QByteArray::Base64UrlEncoding);
        QTest::newRow("percent-encoded") << QByteArray(
            "rediss://u:" + QUrl::toPercentEncoding(QString::fromUtf8(UrlPassword)) + "@h");
        QTest::newRow("hex") << QByteArray("0x" + CliPassword.toHex());
        QTest::newRow("JSON \\u escape") << QByteArray("\"" + jsonEscaped(StorePassword) + "\"");
    }

    void scannerFindsEveryForm()
    {
        // The search below must be able to fail.
        QFETCH(QByteArray, blob);
        QCOMPARE(leaksIn(blob).size(), 1);
        QCOMPARE(leaksIn(QByteArray("nothing secret here")).size(), 0);
    }

    void storeNeverWritesInlineSecrets()
    {
        // A hand-edited file with the password and the key passphrase written inline.
        const QString path = m_dir->filePath(QStringLiteral("hand-edited.json"));
        QJsonObject profile{
            {QStringLiteral("id"), QStringLiteral("0b6f2a43-6f1e-4c59-9f59-0c7a3c1b2d11")},
            {QStringLiteral("name"), QStringLiteral("inline")},
            {QStringLiteral("host"), QStringLiteral("inline.example")},
            {QStringLiteral("password"), QString::fromUtf8(InlinePassword)},
            {QStringLiteral("tls"),
             QJsonObject{
                 {QStringLiteral("cert_file"), QStringLiteral("/c.pem")},
                 {QStringLiteral("key_file"), QStringLiteral("/k.pem")},
                 {QStringLiteral("key_passphrase"),
                  QJsonObject{{QStringLiteral("source"), QStringLiteral("keychain")},
                              {QStringLiteral("value"), QString::fromUtf8(InlinePassphrase)}}}}}};
        const QJsonObject root{{QStringLiteral("schema"), QStringLiteral("rediscope-profiles/1")},
                               {QStringLiteral("profiles"), QJsonArray{profile}}};
        writeAll(path, QJsonDocument(root).toJson());
        QVERIFY(!leaksIn(readAll(path)).isEmpty()); // planted: the scan sees it

        auto store = ProfileStore::open(path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QCOMPARE(store->inlineSecretsFound().size(), 1);
        const Profile loaded = store->profiles().first();
        QCOMPARE(loaded.inlinePassword, InlinePassword); // honoured for the session
        QCOMPARE(loaded.inlineKeyPassphrase, InlinePassphrase);

        // In-memory secrets on another profile, as an editor would hold them.
        Profile edited = Profile::create(QStringLiteral("edited"));
        edited.host = QStringLiteral("edited.example");
        edited.password = SecretRef::keychain();
        edited.inlinePassword = StorePassword;
        edited.tls.certFile = QStringLiteral("/c.pem");
        edited.tls.keyFile = QStringLiteral("/k.pem");
        edited.tls.keyPassphrase = SecretRef::prompt();
        edited.inlineKeyPassphrase = StorePassphrase;
        QVERIFY(store->upsert(edited));
        checkClean(QStringLiteral("ProfileStore::toBytes"), store->toBytes());
        QVERIFY(store->save());
        checkClean(QStringLiteral("the saved file"), readAll(path));
        checkClean(QStringLiteral("its .bak"), readAll(path + QStringLiteral(".bak")));

        // A second save: the .bak is now the cleaned first version.
        Profile another = Profile::create(QStringLiteral("another"));
        QVERIFY(store->upsert(another));
        QVERIFY(store->save());
        checkClean(QStringLiteral("the file after a second save"), readAll(path));
        checkClean(QStringLiteral("the .bak after a second save"),
                   readAll(path + QStringLiteral(".bak")));

        // Every export of the in-memory profiles.
        for (const Profile& p : store->profiles()) {
            checkClean(QStringLiteral("profileToJson"), QJsonDocument(profileToJson(p)).toJson());
            checkClean(QStringLiteral("exportUrl"), exportUrl(p).toUtf8());
            checkClean(QStringLiteral("exportRedisCli"), exportRedisCli(p).toUtf8());
        }
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::remove(path + QStringLiteral(".bak")));
    }

    void commandLineNeverWritesSecrets()
    {
        // add: the password in the URL, percent-encoded as a URL requires.
        const QString addUrl =
            QStringLiteral("rediss://app:%1@add.example:6380/1")
                .arg(QLatin1String(QUrl::toPercentEncoding(QString::fromUtf8(AddPassword))));
        profiles({QStringLiteral("add"), addUrl, QStringLiteral("--name"), QStringLiteral("added"),
                  QStringLiteral("--env"), QStringLiteral("production")});

        // import: a URL with a password and a key passphrase.
        const auto encode = [](const QByteArray& secret) {
            return QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(secret)));
        };
        profiles({QStringLiteral("import"),
                  QStringLiteral("rediss://ops:%1@url.example:6381?ssl_certfile=/c.pem&"
                                 "ssl_keyfile=/k.pem&ssl_password=%2")
                      .arg(encode(UrlPassword), encode(UrlKeyPassphrase)),
                  QStringLiteral("--name"), QStringLiteral("from url")});

        // import: a redis-cli command line with -a, as words and as a file.
        profiles({QStringLiteral("import"), QStringLiteral("redis-cli"), QStringLiteral("-h"),
                  QStringLiteral("cli.example"), QStringLiteral("-p"), QStringLiteral("6382"),
                  QStringLiteral("--tls"), QStringLiteral("-a"), QString::fromUtf8(CliPassword)});

        // import: RESP.app, ARDM and RedisInsight exports holding passwords.
        const QString resp = m_dir->filePath(QStringLiteral("connections.json"));
        writeAll(resp, readAll(sample("respapp-tls.json")).replace("resp-Tls-Pa55", RespPassword));
        profiles(
            {QStringLiteral("import"), resp, QStringLiteral("--from"), QStringLiteral("resp-app")});
        const QString ardm = m_dir->filePath(QStringLiteral("connections.ano"));
        writeAll(ardm, QByteArray::fromBase64(readAll(sample("ardm-tls.ano")))
                           .replace("ardm-Tls-Pa55", ArdmPassword)
                           .toBase64());
        profiles({QStringLiteral("import"), ardm});
        const QString insight = m_dir->filePath(QStringLiteral("redisinsight.json"));
        writeAll(insight,
                 readAll(sample("redisinsight-tls.json")).replace("ri-Tls-Pa55", InsightPassword));
        profiles({QStringLiteral("import"), insight, QStringLiteral("--certs-dir"),
                  m_dir->filePath(QStringLiteral("certs"))});

        // import: a hand-edited Rediscope file with inline secrets.
        const QString handEdited = m_dir->filePath(QStringLiteral("colleague.json"));
        const QJsonObject inlineProfile{
            {QStringLiteral("name"), QStringLiteral("inline")},
            {QStringLiteral("host"), QStringLiteral("inline.example")},
            {QStringLiteral("password"), QString::fromUtf8(InlinePassword)},
            {QStringLiteral("tls"),
             QJsonObject{{QStringLiteral("cert_file"), QStringLiteral("/c.pem")},
                         {QStringLiteral("key_file"), QStringLiteral("/k.pem")},
                         {QStringLiteral("key_passphrase"), QString::fromUtf8(InlinePassphrase)}}}};
        writeAll(handEdited,
                 QJsonDocument(
                     QJsonObject{{QStringLiteral("schema"), QStringLiteral("rediscope-profiles/1")},
                                 {QStringLiteral("profiles"), QJsonArray{inlineProfile}}})
                     .toJson());
        profiles({QStringLiteral("import"), handEdited});

        // The keychain holds every secret: they really went through the command.
        const QJsonArray stored = QJsonDocument::fromJson(readAll(m_file))
                                      .object()
                                      .value(QLatin1String("profiles"))
                                      .toArray();
        QSet<QByteArray> inKeychain;
        for (const QJsonValue value : stored) {
            const QString id = value.toObject().value(QLatin1String("id")).toString();
            for (const QString& field :
                 {QStringLiteral("password"), QStringLiteral("key_passphrase")})
                inKeychain.insert(keychainLookup(id, field));
        }
        for (const QByteArray& secret :
             {AddPassword, UrlPassword, UrlKeyPassphrase, CliPassword, RespPassword, ArdmPassword,
              InsightPassword, InlinePassword, InlinePassphrase})
            QVERIFY2(inKeychain.contains(secret), secret.constData());

        // Every way of reading them back.
        profiles({QStringLiteral("list")});
        profiles({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        for (const QJsonValue value : stored) {
            const QString id = value.toObject().value(QLatin1String("id")).toString();
            profiles({QStringLiteral("show"), id});
            profiles(
                {QStringLiteral("show"), id, QStringLiteral("--format"), QStringLiteral("json")});
        }
        for (const char* as : {"url", "redis-cli", "json"}) {
            const QByteArray out = profiles({QStringLiteral("export"), QStringLiteral("--all"),
                                             QStringLiteral("--as"), QString::fromLatin1(as)});
            QVERIFY2(!out.isEmpty(), as);
        }

        // Without a keychain a password is refused, and still never written.
        QProcessEnvironment noKeychain = baseEnvironment();
        noKeychain.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                          QStringLiteral("unix:path=") + m_dir->filePath(QStringLiteral("no-bus")));
        profiles({QStringLiteral("add"),
                  QStringLiteral("rediss://u:%1@refused.example").arg(encode(RefusedPassword)),
                  QStringLiteral("--name"), QStringLiteral("refused")},
                 noKeychain, 1);
        profiles({QStringLiteral("import"),
                  QStringLiteral("rediss://u:%1@refused.example").arg(encode(RefusedPassword))},
                 noKeychain, 1);

        // Removing the profiles removes the secrets from the keychain too.
        for (const QJsonValue value : stored)
            profiles(
                {QStringLiteral("remove"), value.toObject().value(QLatin1String("id")).toString()});
        for (const QJsonValue value : stored) {
            const QString id = value.toObject().value(QLatin1String("id")).toString();
            QCOMPARE(keychainLookup(id, QStringLiteral("password")), QByteArray());
            QCOMPARE(keychainLookup(id, QStringLiteral("key_passphrase")), QByteArray());
        }
        QVERIFY(m_versionsSeen > 10);
    }

    void connectAuditAndReportsNeverShowSecrets()
    {
        lab::LabEnvironment& environment = lab::LabEnvironment::shared();
        QVERIFY2(environment.setupError().isEmpty(), qPrintable(environment.setupError()));
        QString error;
        lab::LabServer* server = environment.server(QStringLiteral("mtls"), &error);
        QVERIFY2(server, qPrintable(error));
        const lab::LabPki& pki = environment.pki();

        // An ACL user with a distinctive password, made with the lab's own credentials.
        bool created = false;
        InspectRequest admin = server->request(pki);
        admin.tls.certFile = pki.clientCert();
        admin.tls.keyFile = pki.clientKey();
        const InspectResult setup = Inspector::run(
            admin, {},
            [&](RespConnection& connection, const Deadline& deadline, const ServerIdentity&) {
                auto reply =
                    connection.command({"ACL", "SETUSER", "hyg", "on",
                                        QByteArray(">" + LabUserPassword), "~*", "&*", "+@all"},
                                       deadline);
                created = reply && reply->type == RespValue::Type::Status;
            });
        QVERIFY2(created, qPrintable(QStringLiteral("ACL SETUSER failed: ") +
                                     (setup.error ? setup.error->toString() : QString())));

        // The lab's client key, encrypted with a distinctive passphrase.
        const QString encryptedKey = m_dir->filePath(QStringLiteral("client-encrypted.key"));
        QVERIFY(encryptKey(pki.clientKey(), encryptedKey, KeyPassphrase));
        QVERIFY(readAll(encryptedKey).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        const QString port = QString::number(server->tlsPort());
        const QString url = QStringLiteral("rediss://hyg@127.0.0.1:") + port;
        profiles({QStringLiteral("add"), url, QStringLiteral("--name"), QStringLiteral("lab-mtls"),
                  QStringLiteral("--env"), QStringLiteral("production"), QStringLiteral("--cacert"),
                  pki.rootCa(), QStringLiteral("--cert"), pki.clientCert(), QStringLiteral("--key"),
                  encryptedKey, QStringLiteral("--password-source"),
                  QStringLiteral("env:HYG_PASSWORD"), QStringLiteral("--key-passphrase-source"),
                  QStringLiteral("env:HYG_KEY_PASSPHRASE")});

        const auto withSecrets = [](const QByteArray& password, const QByteArray& passphrase) {
            QProcessEnvironment secrets = baseEnvironment();
            secrets.insert(QStringLiteral("HYG_PASSWORD"), QString::fromUtf8(password));
            secrets.insert(QStringLiteral("HYG_KEY_PASSPHRASE"), QString::fromUtf8(passphrase));
            return secrets;
        };
        const QStringList audit = {
            QStringLiteral("audit"),     QStringLiteral("--profiles"), m_file,
            QStringLiteral("--profile"), QStringLiteral("lab-mtls"),   QStringLiteral("--fail-on"),
            QStringLiteral("never")};
        const QProcessEnvironment good = withSecrets(LabUserPassword, KeyPassphrase);

        // Every report format, written to a file and to standard output.
        for (const char* format : {"text", "json", "sarif", "junit", "markdown"}) {
            const QString report =
                m_dir->filePath(QStringLiteral("report.") + QLatin1String(format));
            rediscope(audit + QStringList{QStringLiteral("--no-probe"), QStringLiteral("--format"),
                                          QLatin1String(format), QStringLiteral("--output"),
                                          report},
                      good);
            checkClean(QStringLiteral("the %1 report").arg(QLatin1String(format)), readAll(report));
            rediscope(audit + QStringList{QStringLiteral("--no-probe"), QStringLiteral("--format"),
                                          QLatin1String(format)},
                      good);
        }
        // The key was decrypted and the password accepted.
        const QJsonObject target =
            QJsonDocument::fromJson(readAll(m_dir->filePath(QStringLiteral("report.json"))))
                .object()
                .value(QLatin1String("targets"))
                .toArray()
                .first()
                .toObject();
        QCOMPARE(stageStatus(target, QStringLiteral("tls")), QStringLiteral("ok"));
        QCOMPARE(stageStatus(target, QStringLiteral("auth")), QStringLiteral("ok"));

        // With the probe (many more handshakes, the client key loaded for each that needs it).
        const QByteArray probed = rediscope(
            audit + QStringList{QStringLiteral("--format"), QStringLiteral("json")}, good);
        QVERIFY(!QJsonDocument::fromJson(probed)
                     .object()
                     .value(QLatin1String("targets"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("probe"))
                     .isNull());

        // A wrong passphrase: the key cannot be loaded, and the error does not quote it.
        const QByteArray wrongKey =
            rediscope(audit + QStringList{QStringLiteral("--no-probe"), QStringLiteral("--format"),
                                          QStringLiteral("json")},
                      withSecrets(LabUserPassword, WrongPassphrase));
        const QJsonObject refusedKey = QJsonDocument::fromJson(wrongKey)
                                           .object()
                                           .value(QLatin1String("targets"))
                                           .toArray()
                                           .first()
                                           .toObject();
        QCOMPARE(stageStatus(refusedKey, QStringLiteral("tls")), QStringLiteral("failed"));
        QVERIFY2(wrongKey.contains("client-encrypted.key"), wrongKey.constData());
        rediscope(audit + QStringList{QStringLiteral("--no-probe")},
                  withSecrets(LabUserPassword, WrongPassphrase));

        // A wrong password: refused by the server, and not quoted either.
        const QByteArray wrongPassword =
            rediscope(audit + QStringList{QStringLiteral("--no-probe"), QStringLiteral("--format"),
                                          QStringLiteral("json")},
                      withSecrets(WrongPassword, KeyPassphrase));
        QCOMPARE(stageStatus(QJsonDocument::fromJson(wrongPassword)
                                 .object()
                                 .value(QLatin1String("targets"))
                                 .toArray()
                                 .first()
                                 .toObject(),
                             QStringLiteral("auth")),
                 QStringLiteral("failed"));

        // inspect: the password from REDISCLI_AUTH and in the URL, the unencrypted key (inspect
        // takes no passphrase), then the encrypted one it cannot use.
        const QStringList tls = {QStringLiteral("--cacert"), pki.rootCa(), QStringLiteral("--cert"),
                                 pki.clientCert()};
        QProcessEnvironment cliAuth = baseEnvironment();
        cliAuth.insert(QStringLiteral("REDISCLI_AUTH"), QString::fromUtf8(LabUserPassword));
        for (const char* format : {"text", "json"}) {
            const QByteArray out =
                rediscope(QStringList{QStringLiteral("inspect"), url} + tls +
                              QStringList{QStringLiteral("--key"), pki.clientKey(),
                                          QStringLiteral("--format"), QLatin1String(format)},
                          cliAuth);
            if (QLatin1String(format) == QLatin1String("json"))
                QCOMPARE(stageStatus(QJsonDocument::fromJson(out).object(), QStringLiteral("auth")),
                         QStringLiteral("ok"));
        }
        const QString urlWithPassword =
            QStringLiteral("rediss://hyg:%1@127.0.0.1:%2")
                .arg(QLatin1String(QUrl::toPercentEncoding(QString::fromUtf8(LabUserPassword))),
                     port);
        rediscope(QStringList{QStringLiteral("inspect"), urlWithPassword} + tls +
                      QStringList{QStringLiteral("--key"), pki.clientKey()},
                  baseEnvironment());
        QProcessEnvironment wrongAuth = baseEnvironment();
        wrongAuth.insert(QStringLiteral("REDISCLI_AUTH"), QString::fromUtf8(WrongPassword));
        rediscope(QStringList{QStringLiteral("inspect"), url} + tls +
                      QStringList{QStringLiteral("--key"), pki.clientKey()},
                  wrongAuth, -1);
        rediscope(QStringList{QStringLiteral("inspect"), url} + tls +
                      QStringList{QStringLiteral("--key"), encryptedKey},
                  cliAuth, -1);
        QVERIFY(m_commands > 15);
    }

    void nothingUnderHomeHoldsASecret() // keep last: it scans what the others left
    {
        // The inputs written by the test itself hold secrets by design; everything else under
        // HOME (profiles files and backups, certificates written by import, Qt or keyring state)
        // must not. The keyring file is encrypted with the login password.
        const QSet<QString> inputs{m_dir->filePath(QStringLiteral("connections.json")),
                                   m_dir->filePath(QStringLiteral("connections.ano")),
                                   m_dir->filePath(QStringLiteral("redisinsight.json")),
                                   m_dir->filePath(QStringLiteral("colleague.json"))};
        QStringList hits;
        int scanned = 0;
        QDirIterator it(qEnvironmentVariable("HOME"),
                        QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (inputs.contains(path))
                continue;
            ++scanned;
            const QStringList found = leaksIn(readAll(path));
            if (!found.isEmpty())
                hits << path + QStringLiteral(": ") + found.join(QStringLiteral(", "));
        }
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        QVERIFY(scanned >= 3); // the profiles file, its .bak and the keyring at least
        QVERIFY(QFile::exists(m_file));
        QVERIFY(QFile::exists(m_file + QStringLiteral(".bak")));
    }

private:
    // The status of one connection stage ("ok", "failed", ...) in a JSON report's target or an
    // inspect result.
    static QString stageStatus(const QJsonObject& object, const QString& name)
    {
        for (const QJsonValue stage : object.value(QLatin1String("stages")).toArray())
            if (stage.toObject().value(QLatin1String("name")).toString() == name)
                return stage.toObject().value(QLatin1String("status")).toString();
        return QString();
    }

    // Writes the private key of `from` to `to` as encrypted PKCS#8 (AES-256-CBC) under
    // `passphrase`.
    static bool encryptKey(const QString& from, const QString& to, const QByteArray& passphrase)
    {
        const QByteArray pem = readAll(from);
        BIO* in = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
        EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
        BIO_free(in);
        if (!key)
            return false;
        BIO* out = BIO_new(BIO_s_mem());
        const bool written = PEM_write_bio_PKCS8PrivateKey(
                                 out, key, EVP_aes_256_cbc(), passphrase.constData(),
                                 static_cast<int>(passphrase.size()), nullptr, nullptr) == 1;
        EVP_PKEY_free(key);
        char* data = nullptr;
        const long size = BIO_get_mem_data(out, &data);
        QFile file(to);
        const bool saved = written && file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                           file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
                           file.write(data, size) == size;
        BIO_free(out);
        return saved;
    }

    // Runs `rediscope <arguments>`, checks its exit status (-1: any), and scans its output and
    // the profiles file and .bak. Returns standard output.
    QByteArray rediscope(const QStringList& arguments, const QProcessEnvironment& environment,
                         int expectedExit = 0)
    {
        const ProcessRun run =
            runProcess(QStringLiteral(REDISCOPE_BINARY), arguments, {}, environment, 120000);
        const QString label =
            QStringLiteral("command %1 (%2)").arg(++m_commands).arg(arguments.value(0));
        [&] {
            QVERIFY2(expectedExit < 0 || run.exitCode == expectedExit,
                     qPrintable(label + QStringLiteral(": exit %1: %2")
                                            .arg(run.exitCode)
                                            .arg(QString::fromUtf8(run.err))));
        }();
        checkClean(label + QStringLiteral(": standard output"), run.out);
        checkClean(label + QStringLiteral(": standard error"), run.err);
        for (const QString& path : {m_file, QString(m_file + QStringLiteral(".bak"))})
            checkClean(label + QStringLiteral(": ") + path, readAll(path));
        return run.out;
    }

    void checkClean(const QString& what, const QByteArray& blob)
    {
        const QStringList found = leaksIn(blob);
        QVERIFY2(found.isEmpty(),
                 qPrintable(what + QStringLiteral(" holds ") + found.join(QStringLiteral(", "))));
    }

    // Runs `rediscope profiles <arguments> --profiles FILE`, checks its exit status, and scans
    // its output and the profiles file and .bak as they are now. Returns standard output.
    QByteArray profiles(const QStringList& arguments,
                        const QProcessEnvironment& environment = baseEnvironment(),
                        int expectedExit = 0)
    {
        const QStringList all =
            QStringList{QStringLiteral("profiles"), QStringLiteral("--profiles"), m_file} +
            arguments;
        const ProcessRun run = runProcess(QStringLiteral(REDISCOPE_BINARY), all, {}, environment);
        // The arguments may hold a secret: name the command by its action and number only.
        const QString label =
            QStringLiteral("command %1 (%2)").arg(++m_commands).arg(arguments.value(0));
        [&] {
            QVERIFY2(run.exitCode == expectedExit,
                     qPrintable(label + QStringLiteral(": exit %1: %2")
                                            .arg(run.exitCode)
                                            .arg(QString::fromUtf8(run.err))));
        }();
        checkClean(label + QStringLiteral(": standard output"), run.out);
        checkClean(label + QStringLiteral(": standard error"), run.err);
        for (const QString& path : {m_file, QString(m_file + QStringLiteral(".bak"))}) {
            const QByteArray bytes = readAll(path);
            if (bytes.isEmpty())
                continue;
            ++m_versionsSeen;
            checkClean(label + QStringLiteral(": ") + path, bytes);
        }
        return run.out;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    int m_versionsSeen = 0;
    int m_commands = 0;
};

int main(int argc, char* argv[])
{
    if (!qEnvironmentVariableIsSet(SessionVariable))
        return runInPrivateSession(argc, argv, "tst_SecretHygiene");
    QCoreApplication app(argc, argv);
    tst_SecretHygiene test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_SecretHygiene.moc"
