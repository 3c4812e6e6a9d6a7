#include "profile/ProfileExport.h"
#include "profile/ProfileImport.h"
#include "profile/import/ShellWords.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;

namespace {

QByteArray readSample(const QString& name)
{
    const QString path = QFINDTESTDATA(QStringLiteral("../data/import/") + name);
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString embeddedKinds(const ImportedProfile& imported)
{
    QStringList kinds;
    for (const EmbeddedFile& file : imported.embeddedFiles) {
        switch (file.kind) {
        case EmbeddedFile::Kind::CaCertificate:
            kinds.append(QStringLiteral("ca"));
            break;
        case EmbeddedFile::Kind::ClientCertificate:
            kinds.append(QStringLiteral("cert"));
            break;
        case EmbeddedFile::Kind::ClientKey:
            kinds.append(QStringLiteral("key"));
            break;
        }
    }
    return kinds.join(QLatin1Char(','));
}

// One field of an imported profile, as text, by name.
QString field(const ImportedProfile& imported, const QString& name)
{
    const Profile& p = imported.profile;
    const ProfileTls& tls = p.tls;
    if (name == QLatin1String("name"))
        return p.name;
    if (name == QLatin1String("service"))
        return p.service;
    if (name == QLatin1String("environment"))
        return p.environment;
    if (name == QLatin1String("host"))
        return p.host;
    if (name == QLatin1String("port"))
        return QString::number(p.port);
    if (name == QLatin1String("db"))
        return QString::number(p.db);
    if (name == QLatin1String("username"))
        return p.username;
    if (name == QLatin1String("password"))
        return p.password.toString();
    if (name == QLatin1String("timeout"))
        return QString::number(p.timeoutSeconds);
    if (name == QLatin1String("tags"))
        return p.tags.join(QLatin1Char(','));
    if (name == QLatin1String("tls"))
        return boolText(tls.enabled);
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
    if (name == QLatin1String("keyPassphrase"))
        return tls.keyPassphrase.toString();
    if (name == QLatin1String("minProtocol"))
        return tls.minProtocol;
    if (name == QLatin1String("ciphers"))
        return tls.ciphers;
    if (name == QLatin1String("ciphersuites"))
        return tls.ciphersuites;
    if (name == QLatin1String("secret.password"))
        return QString::fromUtf8(imported.password);
    if (name == QLatin1String("secret.keyPassphrase"))
        return QString::fromUtf8(imported.keyPassphrase);
    if (name == QLatin1String("embedded"))
        return embeddedKinds(imported);
    if (name == QLatin1String("notes"))
        return QString::number(imported.notes.size());
    if (name == QLatin1String("warnings"))
        return QString::number(imported.warnings.size());
    return QStringLiteral("<unknown field %1>").arg(name);
}

// Everything a profile would carry into the profiles file, as one text.
QString profileText(const Profile& p)
{
    QStringList parts = {p.id.toString(),
                         p.name,
                         p.service,
                         p.environment,
                         p.host,
                         QString::number(p.port),
                         QString::number(p.db),
                         p.username,
                         p.password.toString(),
                         p.password.variable,
                         p.expectedServerKind,
                         p.notes,
                         p.tls.sni,
                         p.tls.caFile,
                         p.tls.caDir,
                         p.tls.certFile,
                         p.tls.keyFile,
                         p.tls.keyPassphrase.toString(),
                         p.tls.minProtocol,
                         p.tls.ciphers,
                         p.tls.ciphersuites};
    parts += p.tags;
    parts.append(QString::fromUtf8(QJsonDocument(p.unknownFields).toJson()));
    parts.append(QString::fromUtf8(QJsonDocument(p.tls.unknownFields).toJson()));
    parts.append(QString::fromUtf8(p.inlinePassword));
    parts.append(QString::fromUtf8(p.inlineKeyPassphrase));
    return parts.join(QLatin1Char('\n'));
}

// Everything of an import result that may be shown or saved (not the transient secrets).
QString visibleText(const ImportResult& result)
{
    QStringList parts = result.warnings;
    for (const ImportedProfile& imported : result.profiles) {
        parts.append(profileText(imported.profile));
        parts += imported.notes;
        parts += imported.warnings;
        for (const EmbeddedFile& file : imported.embeddedFiles) {
            parts.append(file.sourceName);
            parts.append(file.warning);
        }
        parts.append(exportUrl(imported.profile));
        parts.append(exportRedisCli(imported.profile));
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace

class TestProfileImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleSummary_data();
    void sampleSummary();
    void sampleFields_data();
    void sampleFields();
    void sampleWarnings_data();
    void sampleWarnings();
    void secretsStayTransient_data();
    void secretsStayTransient();
    void privateKeyOnlyInEmbeddedFile();
    void freshIdsAndDefaults();
    void detection_data();
    void detection();
    void formatHints();
    void inputFields_data();
    void inputFields();
    void inputWarnings_data();
    void inputWarnings();
    void badInput_data();
    void badInput();
    void shellWords_data();
    void shellWords();
    void saveEmbeddedFiles();
    void saveEmbeddedFilesNeverOverwrites();
};

void TestProfileImport::sampleSummary_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("profiles");
    QTest::addColumn<int>("warnings");

    QTest::newRow("url plain") << "url-plain.txt"
                               << "url" << 3 << 4;
    QTest::newRow("url tls") << "url-tls.txt"
                             << "url" << 6 << 1;
    QTest::newRow("redis-cli plain") << "redis-cli-plain.sh"
                                     << "redis-cli" << 4 << 7;
    QTest::newRow("redis-cli tls") << "redis-cli-tls.sh"
                                   << "redis-cli" << 3 << 2;
    QTest::newRow("respapp plain") << "respapp-plain.json"
                                   << "respapp" << 2 << 1;
    QTest::newRow("respapp tls") << "respapp-tls.json"
                                 << "respapp" << 2 << 1;
    QTest::newRow("ardm plain") << "ardm-plain.json"
                                << "ardm" << 3 << 4;
    QTest::newRow("ardm tls (.ano)") << "ardm-tls.ano"
                                     << "ardm" << 2 << 0;
    QTest::newRow("redisinsight plain") << "redisinsight-plain.json"
                                        << "redisinsight" << 2 << 3;
    QTest::newRow("redisinsight tls") << "redisinsight-tls.json"
                                      << "redisinsight" << 2 << 7;
}

void TestProfileImport::sampleSummary()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, profiles);
    QFETCH(int, warnings);

    const QByteArray data = readSample(file);
    QVERIFY2(!data.isEmpty(), qPrintable(file));
    const std::optional<ImportFormat> detected = detectImportFormat(data);
    QVERIFY(detected.has_value());
    QCOMPARE(importFormatName(*detected), format);

    const Result<ImportResult> result = importProfiles(data);
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
    QCOMPARE(importFormatName(result->format), format);
    QCOMPARE(result->profiles.size(), profiles);
    QCOMPARE(result->warnings.size(), warnings);
    qsizetype perProfile = 0;
    for (const ImportedProfile& imported : result->profiles)
        perProfile += imported.warnings.size();
    QVERIFY(perProfile <= result->warnings.size());

    // The same with the format given explicitly.
    const Result<ImportResult> hinted = importProfiles(data, format);
    QVERIFY(hinted.has_value());
    QCOMPARE(hinted->profiles.size(), profiles);
    QCOMPARE(hinted->warnings, result->warnings);
}

void TestProfileImport::sampleFields_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char* file, int index, const char* fieldName,
                        const QString& expected) {
        QTest::addRow("%s/%d/%s", file, index, fieldName)
            << QString::fromLatin1(file) << index << QString::fromLatin1(fieldName) << expected;
    };
    const QString t = QStringLiteral("true");
    const QString f = QStringLiteral("false");
    const QString none;

    // url-plain.txt
    row("url-plain.txt", 0, "name", QStringLiteral("localhost:6379"));
    row("url-plain.txt", 0, "host", QStringLiteral("localhost"));
    row("url-plain.txt", 0, "port", QStringLiteral("6379"));
    row("url-plain.txt", 0, "tls", f);
    row("url-plain.txt", 0, "environment", QStringLiteral("development"));
    row("url-plain.txt", 0, "password", QStringLiteral("none"));
    row("url-plain.txt", 0, "secret.password", none);
    row("url-plain.txt", 0, "timeout", QStringLiteral("10"));
    row("url-plain.txt", 1, "name", QStringLiteral("cache.internal.example:6380"));
    row("url-plain.txt", 1, "host", QStringLiteral("cache.internal.example"));
    row("url-plain.txt", 1, "port", QStringLiteral("6380"));
    row("url-plain.txt", 1, "db", QStringLiteral("2"));
    row("url-plain.txt", 1, "username", QStringLiteral("app"));
    row("url-plain.txt", 1, "secret.password", QStringLiteral("url-Plain-Pa55"));
    row("url-plain.txt", 1, "password", QStringLiteral("none"));
    row("url-plain.txt", 1, "timeout", QStringLiteral("3"));
    row("url-plain.txt", 1, "warnings", QStringLiteral("2"));
    row("url-plain.txt", 2, "host", QStringLiteral("10.0.0.7"));
    row("url-plain.txt", 2, "db", QStringLiteral("5"));
    row("url-plain.txt", 2, "secret.password", QStringLiteral("url-Query-Pa55"));
    row("url-plain.txt", 2, "tls", f);
    row("url-plain.txt", 2, "warnings", QStringLiteral("2"));

    // url-tls.txt
    row("url-tls.txt", 0, "host", QStringLiteral("prod-cache.example.com"));
    row("url-tls.txt", 0, "port", QStringLiteral("6380"));
    row("url-tls.txt", 0, "db", QStringLiteral("1"));
    row("url-tls.txt", 0, "username", QStringLiteral("default"));
    row("url-tls.txt", 0, "secret.password", QStringLiteral("url-Tls-Pa55@x"));
    row("url-tls.txt", 0, "tls", t);
    row("url-tls.txt", 0, "verifyPeer", t);
    row("url-tls.txt", 0, "verifyHostname", t);
    row("url-tls.txt", 0, "caFile", QStringLiteral("/etc/ssl/redis/ca.pem"));
    row("url-tls.txt", 0, "certFile", QStringLiteral("/etc/ssl/redis/client.crt"));
    row("url-tls.txt", 0, "keyFile", QStringLiteral("/etc/ssl/redis/client.key"));
    row("url-tls.txt", 0, "secret.keyPassphrase", QStringLiteral("url-Key-Pa55"));
    row("url-tls.txt", 0, "keyPassphrase", QStringLiteral("none"));
    row("url-tls.txt", 0, "minProtocol", QStringLiteral("TLSv1.3"));
    row("url-tls.txt", 0, "ciphers", QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"));
    row("url-tls.txt", 0, "timeout", QStringLiteral("3"));
    row("url-tls.txt", 0, "warnings", QStringLiteral("0"));
    row("url-tls.txt", 1, "host", QStringLiteral("staging-cache.example.com"));
    row("url-tls.txt", 1, "verifyPeer", f);
    row("url-tls.txt", 1, "verifyHostname", f);
    row("url-tls.txt", 2, "port", QStringLiteral("6390"));
    row("url-tls.txt", 2, "verifyPeer", f);
    row("url-tls.txt", 2, "timeout", QStringLiteral("2"));
    row("url-tls.txt", 2, "warnings", QStringLiteral("1"));
    row("url-tls.txt", 3, "name", QStringLiteral("[::1]:6379"));
    row("url-tls.txt", 3, "host", QStringLiteral("::1"));
    row("url-tls.txt", 3, "db", QStringLiteral("3"));
    row("url-tls.txt", 3, "verifyPeer", t);
    row("url-tls.txt", 3, "verifyHostname", f);
    row("url-tls.txt", 3, "sni", QStringLiteral("cache.internal"));
    row("url-tls.txt", 4, "host", QStringLiteral("legacy.example.com"));
    row("url-tls.txt", 4, "verifyPeer", f);
    row("url-tls.txt", 4, "verifyHostname", f);
    row("url-tls.txt", 5, "verifyPeer", t);
    row("url-tls.txt", 5, "verifyHostname", f);
    row("url-tls.txt", 5, "caDir", QStringLiteral("/etc/ssl/certs"));
    row("url-tls.txt", 5, "notes", QStringLiteral("1"));

    // redis-cli-plain.sh
    row("redis-cli-plain.sh", 0, "name", QStringLiteral("127.0.0.1:6379"));
    row("redis-cli-plain.sh", 0, "tls", f);
    row("redis-cli-plain.sh", 0, "warnings", QStringLiteral("0"));
    row("redis-cli-plain.sh", 1, "host", QStringLiteral("cache.internal.example"));
    row("redis-cli-plain.sh", 1, "port", QStringLiteral("6380"));
    row("redis-cli-plain.sh", 1, "db", QStringLiteral("3"));
    row("redis-cli-plain.sh", 1, "username", QStringLiteral("app"));
    row("redis-cli-plain.sh", 1, "secret.password", QStringLiteral("cli-Plain-Pa55 w/space"));
    row("redis-cli-plain.sh", 1, "warnings", QStringLiteral("1"));
    row("redis-cli-plain.sh", 2, "host", QStringLiteral("queue.internal.example"));
    row("redis-cli-plain.sh", 2, "password", QStringLiteral("env:REDIS_PASSWORD"));
    row("redis-cli-plain.sh", 2, "secret.password", none);
    row("redis-cli-plain.sh", 2, "warnings", QStringLiteral("4"));
    row("redis-cli-plain.sh", 3, "host", QStringLiteral("10.1.2.3"));
    row("redis-cli-plain.sh", 3, "port", QStringLiteral("6381"));
    row("redis-cli-plain.sh", 3, "db", QStringLiteral("4"));
    row("redis-cli-plain.sh", 3, "username", QStringLiteral("worker"));
    row("redis-cli-plain.sh", 3, "secret.password", QStringLiteral("cli-Uri-Pa55"));
    row("redis-cli-plain.sh", 3, "warnings", QStringLiteral("2"));

    // redis-cli-tls.sh
    row("redis-cli-tls.sh", 0, "host", QStringLiteral("10.20.30.40"));
    row("redis-cli-tls.sh", 0, "port", QStringLiteral("6380"));
    row("redis-cli-tls.sh", 0, "username", QStringLiteral("admin"));
    row("redis-cli-tls.sh", 0, "password", QStringLiteral("prompt"));
    row("redis-cli-tls.sh", 0, "tls", t);
    row("redis-cli-tls.sh", 0, "verifyPeer", t);
    row("redis-cli-tls.sh", 0, "verifyHostname", t);
    row("redis-cli-tls.sh", 0, "caFile", QStringLiteral("/etc/redis/tls/ca.crt"));
    row("redis-cli-tls.sh", 0, "certFile", QStringLiteral("/etc/redis/tls/client.crt"));
    row("redis-cli-tls.sh", 0, "keyFile", QStringLiteral("/etc/redis/tls/client.key"));
    row("redis-cli-tls.sh", 0, "sni", QStringLiteral("cache.prod.example.com"));
    row("redis-cli-tls.sh", 0, "ciphers",
        QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384"));
    row("redis-cli-tls.sh", 0, "ciphersuites", QStringLiteral("TLS_AES_256_GCM_SHA384"));
    row("redis-cli-tls.sh", 0, "notes", QStringLiteral("1"));
    row("redis-cli-tls.sh", 0, "warnings", QStringLiteral("0"));
    row("redis-cli-tls.sh", 1, "host", QStringLiteral("staging.example.com"));
    row("redis-cli-tls.sh", 1, "secret.password", QStringLiteral("cli-Env-Pa55"));
    row("redis-cli-tls.sh", 1, "tls", t);
    row("redis-cli-tls.sh", 1, "verifyPeer", f);
    row("redis-cli-tls.sh", 1, "verifyHostname", f);
    row("redis-cli-tls.sh", 1, "timeout", QStringLiteral("3"));
    row("redis-cli-tls.sh", 2, "host", QStringLiteral("dev.example.com"));
    row("redis-cli-tls.sh", 2, "secret.password", QStringLiteral("cli-Tls-Pa55\"q"));
    row("redis-cli-tls.sh", 2, "tls", f);
    row("redis-cli-tls.sh", 2, "caFile", QStringLiteral("ca.pem"));
    row("redis-cli-tls.sh", 2, "caDir", QStringLiteral("/etc/ssl/certs"));
    row("redis-cli-tls.sh", 2, "warnings", QStringLiteral("2"));

    // respapp-plain.json
    row("respapp-plain.json", 0, "name", QStringLiteral("local"));
    row("respapp-plain.json", 0, "host", QStringLiteral("127.0.0.1"));
    row("respapp-plain.json", 0, "port", QStringLiteral("6379"));
    row("respapp-plain.json", 0, "tls", f);
    row("respapp-plain.json", 1, "name", QStringLiteral("sessions"));
    row("respapp-plain.json", 1, "host", QStringLiteral("sessions.internal.example"));
    row("respapp-plain.json", 1, "port", QStringLiteral("6380"));
    row("respapp-plain.json", 1, "username", QStringLiteral("sess"));
    row("respapp-plain.json", 1, "secret.password", QStringLiteral("resp-Plain-Pa55"));
    row("respapp-plain.json", 1, "tls", f);
    row("respapp-plain.json", 1, "timeout", QStringLiteral("60"));
    row("respapp-plain.json", 1, "tags", QStringLiteral("Team A"));
    row("respapp-plain.json", 1, "warnings", QStringLiteral("1"));

    // respapp-tls.json
    row("respapp-tls.json", 0, "name", QStringLiteral("prod cache"));
    row("respapp-tls.json", 0, "host", QStringLiteral("cache.prod.example.com"));
    row("respapp-tls.json", 0, "port", QStringLiteral("6380"));
    row("respapp-tls.json", 0, "username", QStringLiteral("ops"));
    row("respapp-tls.json", 0, "secret.password", QStringLiteral("resp-Tls-Pa55"));
    row("respapp-tls.json", 0, "tls", t);
    row("respapp-tls.json", 0, "verifyPeer", t);
    row("respapp-tls.json", 0, "verifyHostname", t);
    row("respapp-tls.json", 0, "caFile", QStringLiteral("/home/ops/certs/ca.pem"));
    row("respapp-tls.json", 0, "certFile", QStringLiteral("/home/ops/certs/client.pem"));
    row("respapp-tls.json", 0, "keyFile", QStringLiteral("/home/ops/certs/client.key"));
    row("respapp-tls.json", 0, "timeout", QStringLiteral("15"));
    row("respapp-tls.json", 0, "notes", QStringLiteral("1"));
    row("respapp-tls.json", 0, "warnings", QStringLiteral("0"));
    row("respapp-tls.json", 1, "host", QStringLiteral("cache.staging.example.com"));
    row("respapp-tls.json", 1, "tls", t);
    row("respapp-tls.json", 1, "verifyPeer", f);
    row("respapp-tls.json", 1, "verifyHostname", f);
    row("respapp-tls.json", 1, "secret.password", none);
    row("respapp-tls.json", 1, "timeout", QStringLiteral("3"));
    row("respapp-tls.json", 1, "warnings", QStringLiteral("1"));

    // ardm-plain.json
    row("ardm-plain.json", 0, "name", QStringLiteral("127.0.0.1@6379"));
    row("ardm-plain.json", 0, "tls", f);
    row("ardm-plain.json", 0, "warnings", QStringLiteral("0"));
    row("ardm-plain.json", 1, "host", QStringLiteral("sentinel.internal.example"));
    row("ardm-plain.json", 1, "port", QStringLiteral("26379"));
    row("ardm-plain.json", 1, "secret.password", QStringLiteral("ardm-Plain-Pa55"));
    row("ardm-plain.json", 1, "warnings", QStringLiteral("3"));
    row("ardm-plain.json", 2, "host", QStringLiteral("cluster-seed.internal.example"));
    row("ardm-plain.json", 2, "port", QStringLiteral("7000"));
    row("ardm-plain.json", 2, "warnings", QStringLiteral("1"));

    // ardm-tls.ano (base64)
    row("ardm-tls.ano", 0, "name", QStringLiteral("prod"));
    row("ardm-tls.ano", 0, "host", QStringLiteral("cache.prod.example.com"));
    row("ardm-tls.ano", 0, "port", QStringLiteral("6380"));
    row("ardm-tls.ano", 0, "db", QStringLiteral("2"));
    row("ardm-tls.ano", 0, "username", QStringLiteral("appuser"));
    row("ardm-tls.ano", 0, "secret.password", QStringLiteral("ardm-Tls-Pa55"));
    row("ardm-tls.ano", 0, "tls", t);
    row("ardm-tls.ano", 0, "verifyPeer", t);
    row("ardm-tls.ano", 0, "verifyHostname", t);
    row("ardm-tls.ano", 0, "caFile", QStringLiteral("/Users/dev/certs/ca.crt"));
    row("ardm-tls.ano", 0, "certFile", QStringLiteral("/Users/dev/certs/client.crt"));
    row("ardm-tls.ano", 0, "keyFile", QStringLiteral("/Users/dev/certs/client.key"));
    row("ardm-tls.ano", 0, "sni", QStringLiteral("cache.prod.example.com"));
    row("ardm-tls.ano", 0, "notes", QStringLiteral("1"));
    row("ardm-tls.ano", 1, "name", QStringLiteral("fork with switch"));
    row("ardm-tls.ano", 1, "tls", t);
    row("ardm-tls.ano", 1, "verifyPeer", f);
    row("ardm-tls.ano", 1, "verifyHostname", f);
    row("ardm-tls.ano", 1, "caFile", none);
    row("ardm-tls.ano", 1, "notes", QStringLiteral("0"));

    // redisinsight-plain.json
    row("redisinsight-plain.json", 0, "name", QStringLiteral("Local"));
    row("redisinsight-plain.json", 0, "host", QStringLiteral("localhost"));
    row("redisinsight-plain.json", 0, "username", QStringLiteral("default"));
    row("redisinsight-plain.json", 0, "secret.password", QStringLiteral("ri-Plain-Pa55"));
    row("redisinsight-plain.json", 0, "environment", QStringLiteral("staging"));
    row("redisinsight-plain.json", 0, "tags", QStringLiteral("team:payments"));
    row("redisinsight-plain.json", 0, "tls", f);
    row("redisinsight-plain.json", 0, "warnings", QStringLiteral("0"));
    row("redisinsight-plain.json", 1, "host", QStringLiteral("sentinel.example.com"));
    row("redisinsight-plain.json", 1, "port", QStringLiteral("26379"));
    row("redisinsight-plain.json", 1, "secret.password", QStringLiteral("ri-SentinelAuth-Pa55"));
    row("redisinsight-plain.json", 1, "environment", QStringLiteral("development"));
    row("redisinsight-plain.json", 1, "warnings", QStringLiteral("3"));

    // redisinsight-tls.json
    const QString cloud = QStringLiteral("redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com");
    row("redisinsight-tls.json", 0, "name", QStringLiteral("Cloud prod"));
    row("redisinsight-tls.json", 0, "host", cloud);
    row("redisinsight-tls.json", 0, "port", QStringLiteral("12345"));
    row("redisinsight-tls.json", 0, "username", QStringLiteral("default"));
    row("redisinsight-tls.json", 0, "secret.password", QStringLiteral("ri-Tls-Pa55"));
    row("redisinsight-tls.json", 0, "tls", t);
    row("redisinsight-tls.json", 0, "sni", cloud);
    row("redisinsight-tls.json", 0, "verifyPeer", t);
    row("redisinsight-tls.json", 0, "verifyHostname", t);
    row("redisinsight-tls.json", 0, "environment", QStringLiteral("production"));
    row("redisinsight-tls.json", 0, "tags", none);
    row("redisinsight-tls.json", 0, "timeout", QStringLiteral("30"));
    row("redisinsight-tls.json", 0, "embedded", QStringLiteral("ca,cert,key"));
    row("redisinsight-tls.json", 0, "caFile", none);
    row("redisinsight-tls.json", 0, "warnings", QStringLiteral("3"));
    row("redisinsight-tls.json", 0, "notes", QStringLiteral("1"));
    row("redisinsight-tls.json", 1, "host", QStringLiteral("cache.staging.example.com"));
    row("redisinsight-tls.json", 1, "port", QStringLiteral("6380"));
    row("redisinsight-tls.json", 1, "tls", t);
    row("redisinsight-tls.json", 1, "verifyPeer", f);
    row("redisinsight-tls.json", 1, "verifyHostname", f);
    row("redisinsight-tls.json", 1, "embedded", none);
    row("redisinsight-tls.json", 1, "warnings", QStringLiteral("4"));
    row("redisinsight-tls.json", 1, "notes", QStringLiteral("1"));
}

void TestProfileImport::sampleFields()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const Result<ImportResult> result = importProfiles(readSample(file));
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
    QVERIFY(index < result->profiles.size());
    QCOMPARE(::field(result->profiles.at(index), field), expected);
}

void TestProfileImport::sampleWarnings_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected"); // each must be a substring of some warning

    QTest::newRow("url plain") << "url-plain.txt"
                               << QStringList{
                                      QStringLiteral("\"decode_responses\" is a client setting"),
                                      QStringLiteral("\"health_check_interval\" is a client"),
                                      QStringLiteral("\"foo\" is not one Rediscope knows"),
                                      QStringLiteral("TLS option \"ssl_cert_reqs\" was ignored"),
                                      QStringLiteral("Profile \"10.0.0.7:6379\":")};
    QTest::newRow("url tls") << "url-tls.txt"
                             << QStringList{QStringLiteral(
                                    "Profile \"dev-cache.example.com:6390\": the URL option "
                                    "\"pool_size\"")};
    QTest::newRow("redis-cli plain")
        << "redis-cli-plain.sh"
        << QStringList{QStringLiteral("(PING ...)"),
                       QStringLiteral("-c (cluster mode"),
                       QStringLiteral("--scan selects a redis-cli mode"),
                       QStringLiteral("--pattern selects a redis-cli mode"),
                       QStringLiteral("shell operator '|'"),
                       QStringLiteral("words before redis-cli (\"docker ...\")"),
                       QStringLiteral("-s (a Unix socket)")};
    QTest::newRow("redis-cli tls")
        << "redis-cli-tls.sh"
        << QStringList{QStringLiteral("-3 (RESP3)"),
                       QStringLiteral("--cacert, --cacertdir given without --tls")};
    QTest::newRow("respapp plain")
        << "respapp-plain.json"
        << QStringList{QStringLiteral("Profile \"sessions\": RESP.app connects through an SSH "
                                      "tunnel via ops@bastion.example.com:22")};
    QTest::newRow("respapp tls") << "respapp-tls.json"
                                 << QStringList{QStringLiteral(
                                        "RESP.app field \"some_future_field\" is not one")};
    QTest::newRow("ardm plain")
        << "ardm-plain.json"
        << QStringList{QStringLiteral("SSH tunnel via deploy@jump.example.com:22"),
                       QStringLiteral("Sentinel connection (sentinelOptions, master group "
                                      "\"mymaster\")"),
                       QStringLiteral("read-only in Another Redis Desktop Manager"),
                       QStringLiteral("Profile \"cluster\": it is a cluster connection")};
    QTest::newRow("redisinsight plain")
        << "redisinsight-plain.json"
        << QStringList{QStringLiteral("Sentinel connection (master group \"mymaster\")"),
                       QStringLiteral("SSH tunnel via ops@bastion.example.com:22"),
                       QStringLiteral("decompresses values with GZIP")};
    QTest::newRow("redisinsight tls")
        << "redisinsight-tls.json"
        << QStringList{QStringLiteral("CA certificate \"redis-cloud-ca\" is embedded"),
                       QStringLiteral("client certificate \"prod-client\" is embedded"),
                       QStringLiteral("client private key \"prod-client\" is embedded"),
                       QStringLiteral("CA certificate \"staging-ca\" was exported without its "
                                      "content"),
                       QStringLiteral("client certificate \"staging-client\" was exported "
                                      "without"),
                       QStringLiteral("private key of the client certificate \"staging-client\""),
                       QStringLiteral("cluster (connectionType CLUSTER)")};
}

void TestProfileImport::sampleWarnings()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);

    const Result<ImportResult> result = importProfiles(readSample(file));
    QVERIFY(result.has_value());
    for (const QString& text : expected) {
        bool found = false;
        for (const QString& warning : result->warnings)
            found = found || warning.contains(text);
        QVERIFY2(found, qPrintable(QStringLiteral("no warning contains \"%1\" in:\n%2")
                                       .arg(text, result->warnings.join(QLatin1Char('\n')))));
    }
}

void TestProfileImport::secretsStayTransient_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("imported"); // must reach a transient field
    QTest::addColumn<QStringList>("dropped");  // must appear nowhere, not even transient

    QTest::newRow("url plain") << "url-plain.txt"
                               << QStringList{QStringLiteral("url-Plain-Pa55"),
                                              QStringLiteral("url-Query-Pa55")}
                               << QStringList();
    QTest::newRow("url tls") << "url-tls.txt"
                             << QStringList{QStringLiteral("url-Tls-Pa55@x"),
                                            QStringLiteral("url-Key-Pa55")}
                             << QStringList{QStringLiteral("url-Tls-Pa55%40x")};
    QTest::newRow("redis-cli plain")
        << "redis-cli-plain.sh"
        << QStringList{QStringLiteral("cli-Plain-Pa55 w/space"), QStringLiteral("cli-Uri-Pa55")}
        << QStringList();
    QTest::newRow("redis-cli tls")
        << "redis-cli-tls.sh"
        << QStringList{QStringLiteral("cli-Env-Pa55"), QStringLiteral("cli-Tls-Pa55\"q")}
        << QStringList();
    QTest::newRow("respapp plain")
        << "respapp-plain.json" << QStringList{QStringLiteral("resp-Plain-Pa55")}
        << QStringList{QStringLiteral("resp-Ssh-Pa55")};
    QTest::newRow("respapp tls") << "respapp-tls.json"
                                 << QStringList{QStringLiteral("resp-Tls-Pa55")} << QStringList();
    QTest::newRow("ardm plain") << "ardm-plain.json"
                                << QStringList{QStringLiteral("ardm-Plain-Pa55")}
                                << QStringList{QStringLiteral("ardm-Node-Pa55"),
                                               QStringLiteral("ardm-Ssh-Pa55")};
    QTest::newRow("ardm tls") << "ardm-tls.ano" << QStringList{QStringLiteral("ardm-Tls-Pa55")}
                              << QStringList();
    QTest::newRow("redisinsight plain")
        << "redisinsight-plain.json"
        << QStringList{QStringLiteral("ri-Plain-Pa55"), QStringLiteral("ri-SentinelAuth-Pa55")}
        << QStringList{QStringLiteral("ri-Sentinel-Pa55"), QStringLiteral("ri-Ssh-Pa55")};
    QTest::newRow("redisinsight tls")
        << "redisinsight-tls.json" << QStringList{QStringLiteral("ri-Tls-Pa55")} << QStringList();
}

void TestProfileImport::secretsStayTransient()
{
    QFETCH(QString, file);
    QFETCH(QStringList, imported);
    QFETCH(QStringList, dropped);

    const QByteArray data = readSample(file);
    const Result<ImportResult> result = importProfiles(data);
    QVERIFY(result.has_value());
    const QString visible = visibleText(*result);
    // Every password of the samples contains "Pa55", and nothing else does.
    QVERIFY2(!visible.contains(QLatin1String("Pa55")),
             qPrintable(QStringLiteral("a secret leaked into a profile, note, warning or "
                                       "export of %1")
                            .arg(file)));

    QByteArrayList transient;
    for (const ImportedProfile& profile : result->profiles) {
        transient.append(profile.password);
        transient.append(profile.keyPassphrase);
    }
    for (const QString& secret : imported) {
        QVERIFY2(transient.contains(secret.toUtf8()), qPrintable(secret));
        QVERIFY(!visible.contains(secret));
    }
    for (const QString& secret : dropped) {
        QVERIFY(!transient.contains(secret.toUtf8()));
        QVERIFY(!visible.contains(secret));
    }
}

void TestProfileImport::privateKeyOnlyInEmbeddedFile()
{
    const QByteArray data = readSample(QStringLiteral("redisinsight-tls.json"));
    const QJsonDocument document = QJsonDocument::fromJson(data);
    const QString key = document.array()
                            .at(0)
                            .toObject()
                            .value(QLatin1String("clientCert"))
                            .toObject()
                            .value(QLatin1String("key"))
                            .toString();
    QVERIFY(key.contains(QLatin1String("PRIVATE KEY")));
    const QString body = key.split(QLatin1Char('\n')).at(1); // a line of the key itself
    QVERIFY(body.size() > 20);

    const Result<ImportResult> result = importProfiles(data);
    QVERIFY(result.has_value());
    QVERIFY(!visibleText(*result).contains(body));
    const ImportedProfile& imported = result->profiles.at(0);
    QCOMPARE(imported.embeddedFiles.size(), 3);
    QCOMPARE(imported.embeddedFiles.at(2).kind, EmbeddedFile::Kind::ClientKey);
    QCOMPARE(imported.embeddedFiles.at(2).content, key.toUtf8());
    QCOMPARE(imported.embeddedFiles.at(2).sourceName, QStringLiteral("prod-client"));
}

void TestProfileImport::freshIdsAndDefaults()
{
    const QByteArray data = readSample(QStringLiteral("respapp-tls.json"));
    const Result<ImportResult> first = importProfiles(data);
    const Result<ImportResult> second = importProfiles(data);
    QVERIFY(first.has_value() && second.has_value());
    QSet<QUuid> ids;
    for (const ImportResult* result : {&*first, &*second}) {
        for (const ImportedProfile& imported : result->profiles) {
            QVERIFY(!imported.profile.id.isNull());
            ids.insert(imported.profile.id);
            QCOMPARE(imported.profile.password, SecretRef::none());
            QVERIFY(imported.profile.inlinePassword.isEmpty());
            QVERIFY(imported.profile.service.isEmpty());
            QCOMPARE(imported.profile.tls.minProtocol, QStringLiteral("TLSv1.2"));
        }
    }
    QCOMPARE(ids.size(), 4);

    // A name that sounds like production is no reason to pick an environment.
    const Result<ImportResult> named =
        importProfiles(R"([{"name": "PRODUCTION live", "host": "prod.example.com", "port": 6379,
                             "ssl": true}])");
    QVERIFY(named.has_value());
    QCOMPARE(named->profiles.at(0).profile.environment, QStringLiteral("development"));
}

void TestProfileImport::detection_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("format"); // empty: not recognised

    QTest::newRow("url") << QByteArray("rediss://cache:6380") << "url";
    QTest::newRow("url after comments")
        << QByteArray("\xEF\xBB\xBF# my servers\n\nREDIS://a\n") << "url";
    QTest::newRow("redis-cli") << QByteArray("redis-cli -h a") << "redis-cli";
    QTest::newRow("redis-cli path") << QByteArray("/opt/redis/bin/redis-cli --tls") << "redis-cli";
    QTest::newRow("valkey-cli") << QByteArray("valkey-cli -p 6380") << "redis-cli";
    QTest::newRow("options only") << QByteArray("-h a -p 6380") << "redis-cli";
    QTest::newRow("env assignment") << QByteArray("REDISCLI_AUTH=x redis-cli") << "redis-cli";
    QTest::newRow("docker exec") << QByteArray("docker exec -it c redis-cli -h a") << "redis-cli";
    QTest::newRow("respapp minimal")
        << QByteArray(R"([{"host":"127.0.0.1","name":"local","port":6379}])") << "respapp";
    QTest::newRow("respapp group")
        << QByteArray(R"([{"type":"group","name":"g","connections":[{"host":"a"}]}])") << "respapp";
    QTest::newRow("respapp auth") << QByteArray(R"([{"host":"a","auth":"x"}])") << "respapp";
    QTest::newRow("ardm storage object")
        << QByteArray(R"({"1700_ab":{"host":"a","port":6379,"auth":""}})") << "ardm";
    QTest::newRow("ardm json") << QByteArray(R"([{"host":"a","separator":":","cluster":false}])")
                               << "ardm";
    QTest::newRow("ardm base64")
        << QByteArray(R"([{"host":"a","separator":":","cluster":false}])").toBase64() << "ardm";
    QTest::newRow("redisinsight minimal")
        << QByteArray(R"([{"host":"a","password":"x"}])") << "redisinsight";
    QTest::newRow("redisinsight")
        << QByteArray(R"([{"host":"a","port":1,"connectionType":"STANDALONE","tls":false}])")
        << "redisinsight";
    QTest::newRow("redisinsight base64")
        << QByteArray(R"([{"host":"a","connectionType":"STANDALONE"}])").toBase64()
        << "redisinsight";
    QTest::newRow("prose") << QByteArray("Hello, these are my servers") << "";
    QTest::newRow("json without hosts") << QByteArray(R"([{"a":1}])") << "";
    QTest::newRow("broken json") << QByteArray("[{") << "";
    QTest::newRow("empty") << QByteArray("  \n") << "";
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01", 4) << "";
}

void TestProfileImport::detection()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, format);

    const std::optional<ImportFormat> detected = detectImportFormat(data);
    QCOMPARE(detected ? importFormatName(*detected) : QString(), format);
}

void TestProfileImport::formatHints()
{
    QCOMPARE(importFormatNames(),
             (QStringList{QStringLiteral("auto"), QStringLiteral("url"),
                          QStringLiteral("redis-cli"), QStringLiteral("respapp"),
                          QStringLiteral("ardm"), QStringLiteral("redisinsight")}));
    for (const QString& name : importFormatNames()) {
        const std::optional<ImportFormat> format = importFormatFromName(name.toUpper());
        QVERIFY(format.has_value());
        QCOMPARE(importFormatName(*format), name);
        QVERIFY(!importFormatTitle(*format).isEmpty());
    }
    QVERIFY(!importFormatFromName(QStringLiteral("rdm")).has_value());

    // The hint wins over detection: RESP.app's minimal file read as ARDM gives the same endpoint.
    const QByteArray minimal = R"([{"host":"127.0.0.1","name":"local","port":6379}])";
    const Result<ImportResult> asArdm = importProfiles(minimal, QStringLiteral("ardm"));
    QVERIFY(asArdm.has_value());
    QCOMPARE(asArdm->format, ImportFormat::Ardm);
    QCOMPARE(asArdm->profiles.at(0).profile.name, QStringLiteral("local"));
    // An empty hint means auto.
    const Result<ImportResult> empty = importProfiles(minimal, QString());
    QVERIFY(empty.has_value());
    QCOMPARE(empty->format, ImportFormat::RespApp);
}

void TestProfileImport::inputFields_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    const QString url = QStringLiteral("url");
    const QString cli = QStringLiteral("redis-cli");
    const QString t = QStringLiteral("true");
    const QString f = QStringLiteral("false");

    // URL query options
    QTest::newRow("insecure bare") << "rediss://h?insecure" << url << 0 << "verifyPeer" << f;
    QTest::newRow("insecure=false") << "rediss://h?insecure=false" << url << 0 << "verifyPeer" << t;
    QTest::newRow("verifyPeer NONE")
        << "rediss://h?verifyPeer=NONE" << url << 0 << "verifyPeer" << f;
    QTest::newRow("verifyPeer FULL hostname")
        << "rediss://h?verifyPeer=FULL" << url << 0 << "verifyHostname" << t;
    QTest::newRow("cert_reqs none wins over check_hostname")
        << "rediss://h?ssl_cert_reqs=none&ssl_check_hostname=true" << url << 0 << "verifyHostname"
        << f;
    QTest::newRow("check_hostname empty keeps default")
        << "rediss://h?ssl_check_hostname=" << url << 0 << "verifyHostname" << t;
    QTest::newRow("check_hostname no")
        << "rediss://h?ssl_check_hostname=No" << url << 0 << "verifyHostname" << f;
    QTest::newRow("min version name")
        << "rediss://h?ssl_min_version=TLSv1_2" << url << 0 << "minProtocol"
        << "TLSv1.2";
    QTest::newRow("min version 771")
        << "rediss://h?ssl_min_version=771" << url << 0 << "minProtocol"
        << "TLSv1.2";
    QTest::newRow("database") << "redis://h?database=7" << url << 0 << "db"
                              << "7";
    QTest::newRow("db query wins over path") << "redis://h/3?db=4" << url << 0 << "db"
                                             << "4";
    QTest::newRow("go duration") << "rediss://h?dial_timeout=1m30s" << url << 0 << "timeout"
                                 << "90";
    QTest::newRow("timeout clamp") << "redis://h?timeout=99999" << url << 0 << "timeout"
                                   << "3600";
    QTest::newRow("scheme and host case") << "REDISS://H.Example" << url << 0 << "host"
                                          << "h.example";
    QTest::newRow("user in URL wins") << "rediss://u@h?username=other" << url << 0 << "username"
                                      << "u";
    QTest::newRow("username query") << "rediss://h?username=other" << url << 0 << "username"
                                    << "other";
    QTest::newRow("url password wins")
        << "redis://:a%20b@h?password=c" << url << 0 << "secret.password"
        << "a b";
    QTest::newRow("ssl_ca_data embedded")
        << "rediss://h?ssl_ca_data=-----BEGIN%20CERTIFICATE-----%0AMIIB%0A-----END%20"
           "CERTIFICATE-----%0A"
        << url << 0 << "embedded"
        << "ca";
    QTest::newRow("two urls") << "redis://a\n\n  rediss://b:7000  \n"
                              << url << 1 << "port"
                              << "7000";
    QTest::newRow("crlf") << "redis://a\r\nrediss://b\r\n" << url << 1 << "tls" << t;

    // redis-cli
    QTest::newRow("equals form") << "redis-cli --tls -h h --sni=sni.example" << cli << 0 << "sni"
                                 << "sni.example";
    QTest::newRow("quoted path with space")
        << "redis-cli --tls --cacert='/path with space/ca.pem'" << cli << 0 << "caFile"
        << "/path with space/ca.pem";
    QTest::newRow("continuation") << "redis-cli \\\n  -h a.example \\\n  -p 7000" << cli << 0
                                  << "port"
                                  << "7000";
    QTest::newRow("comment") << "redis-cli -h a # -p 7000" << cli << 0 << "port"
                             << "6379";
    QTest::newRow("backslash escapes")
        << "redis-cli -a pa\\ ss\\$x -h b" << cli << 0 << "secret.password"
        << "pa ss$x";
    QTest::newRow("double-quote escapes")
        << "redis-cli -a \"a\\\"b\\\\c\\d\"" << cli << 0 << "secret.password"
        << "a\"b\\c\\d";
    QTest::newRow("single quotes keep $")
        << "redis-cli -a '$NOT_A_VAR'" << cli << 0 << "secret.password"
        << "$NOT_A_VAR";
    QTest::newRow("password variable") << "redis-cli -a ${PW} -h e" << cli << 0 << "password"
                                       << "env:PW";
    QTest::newRow("password variable quoted") << "redis-cli -a \"$PW\"" << cli << 0 << "password"
                                              << "env:PW";
    QTest::newRow("password substitution")
        << "redis-cli -a \"$(pass show redis)\"" << cli << 0 << "password"
        << "prompt";
    QTest::newRow("password partly variable") << "redis-cli -a \"x$PW\"" << cli << 0 << "password"
                                              << "prompt";
    QTest::newRow("askpass wins") << "redis-cli -a Pa55-ignored --askpass" << cli << 0
                                  << "secret.password"
                                  << "";
    QTest::newRow("askpass ref") << "REDISCLI_AUTH=Pa55-ignored redis-cli --askpass" << cli << 0
                                 << "password"
                                 << "prompt";
    QTest::newRow("-a wins over REDISCLI_AUTH")
        << "REDISCLI_AUTH=env redis-cli -a opt" << cli << 0 << "secret.password"
        << "opt";
    QTest::newRow("-u then -p") << "redis-cli -u rediss://u:p@h.example:6390/2 -p 7000" << cli << 0
                                << "port"
                                << "7000";
    QTest::newRow("-u sets tls") << "redis-cli -u rediss://h.example" << cli << 0 << "tls" << t;
    QTest::newRow("-u without port keeps -p")
        << "redis-cli -p 7000 -u redis://h.example" << cli << 0 << "port"
        << "7000";
    QTest::newRow("-u without db keeps -n")
        << "redis-cli -n 5 -u redis://h.example" << cli << 0 << "db"
        << "5";
    QTest::newRow("-u with port") << "redis-cli -p 7000 -u redis://h.example:7001" << cli << 0
                                  << "port"
                                  << "7001";
    QTest::newRow("valkey-cli") << "valkey-cli -h v.example" << cli << 0 << "host"
                                << "v.example";
    QTest::newRow("ipv6 host name") << "redis-cli -h ::1 -p 6380" << cli << 0 << "name"
                                    << "[::1]:6380";
    QTest::newRow("cluster manager consumed")
        << "redis-cli --cluster create 127.0.0.1:7000 127.0.0.1:7001 --cluster-replicas 1 -h "
           "x.example"
        << cli << 0 << "host"
        << "x.example";
    QTest::newRow("output options silent")
        << "redis-cli --raw -r 3 -i 0.5 -d , -D ';' --json -e -x -h y.example" << cli << 0
        << "warnings"
        << "0";
    QTest::newRow("second line") << "redis-cli -h a\nredis-cli -h b -p 1" << cli << 1 << "host"
                                 << "b";
    QTest::newRow("insecure without tls kept")
        << "redis-cli --insecure -h a" << cli << 0 << "verifyPeer" << f;
    QTest::newRow("-t timeout") << "redis-cli -t 0.2" << cli << 0 << "timeout"
                                << "1";
}

void TestProfileImport::inputFields()
{
    QFETCH(QString, input);
    QFETCH(QString, hint);
    QFETCH(int, index);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    for (const QString& formatHint : {hint, QStringLiteral("auto")}) {
        const Result<ImportResult> result = importProfiles(input.toUtf8(), formatHint);
        QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
        QCOMPARE(importFormatName(result->format), hint);
        QVERIFY(index < result->profiles.size());
        QCOMPARE(::field(result->profiles.at(index), field), expected);
        QVERIFY(!visibleText(*result).contains(QLatin1String("Pa55")));
    }
}

void TestProfileImport::inputWarnings_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("secret"); // must not be in any warning

    QTest::newRow("command words hidden")
        << "redis-cli -h a.example auth admin Pa55word" << QStringList{QStringLiteral("(AUTH ...)")}
        << "Pa55word";
    QTest::newRow("odd command not echoed")
        << "redis-cli -h a.example 'Pa55 word'"
        << QStringList{QStringLiteral("the command after the options is not part")} << "Pa55";
    QTest::newRow("askpass ignores -a")
        << "redis-cli -a Pa55 --askpass"
        << QStringList{QStringLiteral("--askpass asks for the password")} << "Pa55";
    QTest::newRow("substitution prompt")
        << "redis-cli -a \"$(vault read Pa55)\""
        << QStringList{QStringLiteral("shell substitution Rediscope cannot run")} << "Pa55";
    QTest::newRow("other env ignored")
        << "TERM=xterm redis-cli" << QStringList{QStringLiteral("TERM was ignored")} << "";
    QTest::newRow("address family")
        << "redis-cli -4" << QStringList{QStringLiteral("-4 (prefer IPv4")} << "";
    QTest::newRow("-u query ignored")
        << "redis-cli -u redis://h?x=1"
        << QStringList{QStringLiteral("query options of the -u URI were ignored")} << "";
    QTest::newRow("url unknown key value hidden")
        << "rediss://h?mystery=Pa55"
        << QStringList{QStringLiteral("\"mystery\" is not one Rediscope knows")} << "Pa55";
    QTest::newRow("url bad cert_reqs")
        << "rediss://h?ssl_cert_reqs=maybe"
        << QStringList{QStringLiteral("ssl_cert_reqs=\"maybe\"")} << "";
    QTest::newRow("url check_hostname without verification")
        << "rediss://h?ssl_cert_reqs=none&ssl_check_hostname=true"
        << QStringList{QStringLiteral("ssl_check_hostname=true has no effect")} << "";
    QTest::newRow("url #insecure on plain")
        << "redis://h#insecure" << QStringList{QStringLiteral("#insecure fragment was ignored")}
        << "";
    QTest::newRow("url bad duration")
        << "redis://h?timeout=soon" << QStringList{QStringLiteral("timeout=\"soon\" is not a")}
        << "";
    QTest::newRow("respapp skipped entry")
        << R"([{"host":"good","ssl":true},{"host":"bad host","auth":"Pa55","ssl":true}])"
        << QStringList{QStringLiteral("RESP.app entry 2 was skipped")} << "Pa55";
    QTest::newRow("respapp bad port")
        << R"([{"host":"good","ssl":true},{"name":"n","host":"h","port":70000,"ssl":true}])"
        << QStringList{QStringLiteral("RESP.app entry 2 (\"n\") was skipped: the port 70000 is "
                                      "out of range")}
        << "";
    QTest::newRow("ardm unknown ssl field")
        << R"([{"host":"a","sslOptions":{"ca":"","alpn":"x"}}])"
        << QStringList{QStringLiteral("\"sslOptions.alpn\"")} << "";
    QTest::newRow("redisinsight bad environment tag")
        << R"([{"host":"a","password":"Pa55","tags":[{"key":"env","value":"  "}]}])"
        << QStringList{QStringLiteral("does not name an environment")} << "Pa55";
}

void TestProfileImport::inputWarnings()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    QFETCH(QString, secret);

    const Result<ImportResult> result = importProfiles(input.toUtf8());
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
    const QString all = result->warnings.join(QLatin1Char('\n'));
    for (const QString& text : expected)
        QVERIFY2(all.contains(text), qPrintable(all));
    if (!secret.isEmpty())
        QVERIFY(!visibleText(*result).contains(secret));
}

void TestProfileImport::badInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("message");        // a part of the error message
    QTest::addColumn<QString>("mustNotContain"); // e.g. a secret

    const QString a = QStringLiteral("auto");
    QTest::newRow("empty") << QByteArray() << a << "empty"
                           << "";
    QTest::newRow("blank") << QByteArray(" \n\t\n") << a << "empty"
                           << "";
    QTest::newRow("prose") << QByteArray("hello world") << a << "Could not recognise"
                           << "";
    QTest::newRow("trailing comma") << QByteArray("[{\"host\": \"a\",}]") << a << "not valid JSON"
                                    << "";
    QTest::newRow("json position")
        << QByteArray("[\n  {\"host\": \"a\"\n   \"port\": 1}\n]") << a << "line 3, column"
        << "";
    QTest::newRow("json not connections")
        << QByteArray("{\"foo\": 1}") << a << "not a connections export"
        << "";
    QTest::newRow("json numbers") << QByteArray("[1, 2, 3]") << a << "not a connections export"
                                  << "";
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><connections/>") << a << "XML"
                         << "";
    QTest::newRow("invalid utf-8") << QByteArray("redis://a\n\xff\xfe") << a
                                   << "not UTF-8 text: invalid byte at line 2, column 1"
                                   << "";
    QTest::newRow("bad base64 json")
        << QByteArray("W3siaG9zdCI6") << a << "base64-decoded content is not valid JSON"
        << "";
    QTest::newRow("unknown hint") << QByteArray("redis://a") << "rdm"
                                  << "Unknown import format \"rdm\""
                                  << "";
    QTest::newRow("text for a json format") << QByteArray("redis://a") << "respapp"
                                            << "neither JSON nor base64"
                                            << "";
    QTest::newRow("respapp object") << QByteArray("{\"host\":\"a\"}") << "respapp"
                                    << "JSON list of connections"
                                    << "";
    QTest::newRow("no usable entry")
        << QByteArray(R"([{"host":"a","port":"99999","separator":":","auth":"Pa55"}])") << a
        << "the port 99999 is out of range"
        << "Pa55";
    QTest::newRow("no host") << QByteArray(R"([{"name":"x","auth":"Pa55"}])") << "respapp"
                             << "it has no host"
                             << "Pa55";
    QTest::newRow("url line") << QByteArray("redis://ok\n\nhttp://bad") << "url"
                              << "Line 3:"
                              << "";
    QTest::newRow("url password not echoed") << QByteArray("redis://u:Pa55@bad host") << "url"
                                             << "Line 1"
                                             << "Pa55";
    QTest::newRow("url only comments") << QByteArray("# nothing\n") << "url"
                                       << "No URL found"
                                       << "";
    QTest::newRow("cli missing value")
        << QByteArray("redis-cli -h") << a << "Line 1: -h needs a value"
        << "";
    QTest::newRow("cli unknown option") << QByteArray("redis-cli \\\n --bogus 1") << a
                                        << "Line 1: --bogus is not a redis-cli option"
                                        << "";
    QTest::newRow("cli glued password") << QByteArray("redis-cli -aPa55word") << a
                                        << "-a must be followed by its value as a separate word"
                                        << "Pa55";
    QTest::newRow("cli unknown with value")
        << QByteArray("redis-cli --password=Pa55") << a << "--password is not"
        << "Pa55";
    QTest::newRow("cli unterminated quote")
        << QByteArray("redis-cli -h a\nredis-cli -a 'Pa55") << a << "Line 2: the single quote"
        << "Pa55";
    QTest::newRow("cli unterminated double quote")
        << QByteArray("redis-cli -a \"x") << a << "double quote"
        << "";
    QTest::newRow("cli host variable")
        << QByteArray("redis-cli -h $REDIS_HOST") << a << "shell variable $REDIS_HOST"
        << "";
    QTest::newRow("cli host substitution")
        << QByteArray("redis-cli -h `hostname`") << a << "shell substitution"
        << "";
    QTest::newRow("cli bad host") << QByteArray("redis-cli -h 'my host'") << a << "Line 1: -h:"
                                  << "";
    QTest::newRow("cli bad port") << QByteArray("redis-cli -p 0") << a << "-p \"0\" is not a port"
                                  << "";
    QTest::newRow("cli bad db") << QByteArray("redis-cli -n x") << a << "-n \"x\""
                                << "";
    QTest::newRow("cli bad uri") << QByteArray("redis-cli -u http://u:Pa55@h") << a
                                 << "-u: The scheme"
                                 << "Pa55";
    QTest::newRow("cli env prefix") << QByteArray("env A=1 redis-cli") << "redis-cli"
                                    << "\"env\""
                                    << "";
    QTest::newRow("cli not redis-cli") << QByteArray("curl -h a") << "redis-cli"
                                       << "expected a redis-cli command line"
                                       << "";
    QTest::newRow("too large") << QByteArray(10 * 1024 * 1024 + 1, 'a') << a << "larger than 10 MB"
                               << "";
}

void TestProfileImport::badInput()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, hint);
    QFETCH(QString, message);
    QFETCH(QString, mustNotContain);

    const Result<ImportResult> result = importProfiles(data, hint);
    QVERIFY2(!result.has_value(), "the input was accepted");
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    if (!mustNotContain.isEmpty()) {
        QVERIFY(!result.error().message.contains(mustNotContain));
        QVERIFY(!result.error().detail.contains(mustNotContain));
    }
}

void TestProfileImport::shellWords_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("words"); // of the first command; operators as "<op>"
    QTest::addColumn<int>("commands");

    QTest::newRow("plain") << "a b  c" << strings({"a", "b", "c"}) << 1;
    QTest::newRow("quotes") << "'a b' \"c d\" e\\ f" << strings({"a b", "c d", "e f"}) << 1;
    QTest::newRow("adjacent") << "a'b'\"c\"d" << strings({"abcd"}) << 1;
    QTest::newRow("empty quoted word") << "a '' b" << strings({"a", "", "b"}) << 1;
    QTest::newRow("continuation") << "a \\\n b\nc" << strings({"a", "b"}) << 2;
    QTest::newRow("operators") << "a|b && c > d"
                               << strings({"a", "<|>", "b", "<&&>", "c", "<>>", "d"}) << 1;
    QTest::newRow("comment") << "a #b c\n# whole line\nd" << strings({"a"}) << 2;
    QTest::newRow("hash inside word") << "a#b" << strings({"a#b"}) << 1;
    QTest::newRow("variables kept")
        << "$A ${B} \"$C\" $(d e) `f`" << strings({"$A", "${B}", "$C", "$(d e)", "`f`"}) << 1;
    QTest::newRow("lone dollar") << "a$ $" << strings({"a$", "$"}) << 1;
    QTest::newRow("multi-line quote") << "'a\nb' c\nd" << strings({"a\nb", "c"}) << 2;
}

void TestProfileImport::shellWords()
{
    QFETCH(QString, input);
    QFETCH(QStringList, words);
    QFETCH(int, commands);

    const Result<QList<ShellCommand>> split = splitShellCommands(input);
    QVERIFY(split.has_value());
    QCOMPARE(split->size(), commands);
    QStringList texts;
    for (const ShellWord& word : split->first().words)
        texts.append(word.isOperator ? QLatin1Char('<') + word.text + QLatin1Char('>') : word.text);
    QCOMPARE(texts, words);

    // shellQuote() round-trips every word.
    for (const QString& word : words) {
        if (word.startsWith(QLatin1Char('<')))
            continue;
        const Result<QList<ShellCommand>> again = splitShellCommands(shellQuote(word));
        QVERIFY(again.has_value());
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().words.size(), 1);
        QCOMPARE(again->first().words.first().text, word);
    }
}

void TestProfileImport::saveEmbeddedFiles()
{
    Result<ImportResult> result =
        importProfiles(readSample(QStringLiteral("redisinsight-tls.json")));
    QVERIFY(result.has_value());
    const qsizetype warningsBefore = result->warnings.size();
    const QByteArray key = result->profiles.at(0).embeddedFiles.at(2).content;

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("certs/imported"));
    const Result<QStringList> written = rediscope::saveEmbeddedFiles(*result, target);
    QVERIFY2(written.has_value(), written ? "" : qPrintable(written.error().message));
    QCOMPARE(written->size(), 3);

    const ImportedProfile& imported = result->profiles.at(0);
    QVERIFY(imported.embeddedFiles.isEmpty());
    QCOMPARE(imported.profile.tls.caFile,
             QDir(target).absoluteFilePath(QStringLiteral("cloud-prod-ca.pem")));
    QCOMPARE(imported.profile.tls.certFile,
             QDir(target).absoluteFilePath(QStringLiteral("cloud-prod-client.crt.pem")));
    QCOMPARE(imported.profile.tls.keyFile,
             QDir(target).absoluteFilePath(QStringLiteral("cloud-prod-client.key.pem")));
    QCOMPARE(result->warnings.size(), warningsBefore - 3);
    QCOMPARE(imported.warnings.size(), 0);
    for (const QString& warning : std::as_const(result->warnings))
        QVERIFY(!warning.contains(QLatin1String("is embedded")));

    QFile keyFile(imported.profile.tls.keyFile);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QCOMPARE(keyFile.readAll(), key);
    QCOMPARE(QFileInfo(keyFile).permissions() &
                 (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther |
                  QFile::ExeGroup | QFile::ExeOther),
             QFile::Permissions());
    QVERIFY(QFileInfo(imported.profile.tls.caFile).permissions() & QFile::ReadOther);
    QVERIFY(visibleText(*result).contains(QLatin1String("cloud-prod-ca.pem")));
}

void TestProfileImport::saveEmbeddedFilesNeverOverwrites()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile existing(dir.filePath(QStringLiteral("cloud-prod-ca.pem")));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("mine");
    existing.close();

    Result<ImportResult> result =
        importProfiles(readSample(QStringLiteral("redisinsight-tls.json")));
    QVERIFY(result.has_value());
    const Result<QStringList> written = rediscope::saveEmbeddedFiles(*result, dir.path());
    QVERIFY(written.has_value());
    QCOMPARE(result->profiles.at(0).profile.tls.caFile,
             QDir(dir.path()).absoluteFilePath(QStringLiteral("cloud-prod-2-ca.pem")));
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("mine"));

    // Nothing to save is fine; a directory that cannot be created is an error and changes nothing.
    const Result<QStringList> again = rediscope::saveEmbeddedFiles(*result, dir.path());
    QVERIFY(again.has_value());
    QVERIFY(again->isEmpty());
    Result<ImportResult> fresh =
        importProfiles(readSample(QStringLiteral("redisinsight-tls.json")));
    QVERIFY(fresh.has_value());
    const ImportResult before = *fresh;
    const Result<QStringList> failed =
        rediscope::saveEmbeddedFiles(*fresh, existing.fileName() + QStringLiteral("/sub"));
    QVERIFY(!failed.has_value());
    QCOMPARE(failed.error().code, ErrorCode::FileError);
    QCOMPARE(fresh->warnings, before.warnings);
    QCOMPARE(fresh->profiles.at(0).embeddedFiles.size(), 3);
}

QTEST_GUILESS_MAIN(TestProfileImport)
#include "tst_ProfileImport.moc"
