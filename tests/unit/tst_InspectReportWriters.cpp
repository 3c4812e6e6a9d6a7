#include "common/ErrorNames.h"
#include "inspect/InspectRequest.h"
#include "inspect/InspectResult.h"
#include "report/InspectJsonWriter.h"
#include "report/InspectTextWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace rediscope;

namespace {

const QString kLeafSha = QStringLiteral("0123456789abcdef0123456789abcdef"
                                        "fedcba9876543210fedcba9876543210");
const QString kRootSha = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

QDateTime fixedNow()
{
    return QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
}

StageResult stage(Stage which, StageResult::Status status, double ms, const char* message)
{
    return StageResult{which, status, ms, QString::fromUtf8(message)};
}

CertificateInfo leafCertificate()
{
    CertificateInfo leaf;
    leaf.subject = QStringLiteral("CN=redis.example.com,O=Rediscope Lab");
    leaf.issuer = QStringLiteral("CN=Rediscope Lab CA,O=Rediscope Lab");
    leaf.commonName = QStringLiteral("redis.example.com");
    leaf.serial = QStringLiteral("1A2B3C");
    leaf.notBefore = fixedNow().addDays(-30);
    leaf.notAfter = fixedNow().addDays(90);
    leaf.sha256 = kLeafSha;
    leaf.keyType = QStringLiteral("EC");
    leaf.keyBits = 256;
    leaf.curve = QStringLiteral("prime256v1");
    leaf.signatureAlgorithm = QStringLiteral("ecdsa-with-SHA256");
    leaf.san = {QStringLiteral("DNS:redis.example.com"), QStringLiteral("IP:10.0.0.5")};
    leaf.hasSanExtension = true;
    leaf.keyUsage = {QStringLiteral("digitalSignature")};
    leaf.extendedKeyUsage = {QStringLiteral("serverAuth")};
    leaf.hasExtendedKeyUsage = true;
    return leaf;
}

CertificateInfo rootCertificate()
{
    CertificateInfo root;
    root.subject = QStringLiteral("CN=Rediscope Lab CA,O=Rediscope Lab");
    root.issuer = root.subject;
    root.commonName = QStringLiteral("Rediscope Lab CA");
    root.serial = QStringLiteral("01");
    root.notBefore = fixedNow().addDays(-365);
    root.notAfter = fixedNow().addDays(3650);
    root.sha256 = kRootSha;
    root.keyType = QStringLiteral("RSA");
    root.keyBits = 4096;
    root.signatureAlgorithm = QStringLiteral("sha256WithRSAEncryption");
    root.isCa = true;
    root.pathLength = 0;
    root.selfSigned = true;
    root.keyUsage = {QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")};
    return root;
}

// TLS 1.3 to a host whose leaf the server sends and whose root comes from the trust store.
InspectResult goodResult()
{
    InspectResult result;
    result.endpoint = Endpoint{QStringLiteral("redis.example.com"), 6380, 0, true};
    result.sni = QStringLiteral("redis.example.com");
    result.peer = QStringLiteral("10.0.0.5:6380");
    result.environment = QStringLiteral("production");
    result.stages = {
        stage(Stage::Resolve, StageResult::Status::Ok, 0.41234, "redis.example.com → 10.0.0.5"),
        stage(Stage::Tcp, StageResult::Status::Ok, 1.23456, "connected to 10.0.0.5:6380"),
        stage(Stage::Tls, StageResult::Status::Ok, 7.899,
              "TLSv1.3, TLS_AES_256_GCM_SHA384, X25519"),
        stage(Stage::Verify, StageResult::Status::Ok, 0.0, "chain verified"),
        stage(Stage::Hostname, StageResult::Status::Ok, 0.01,
              "redis.example.com matches the certificate"),
        stage(Stage::Auth, StageResult::Status::Skipped, 0.0, "no credentials configured"),
        stage(Stage::Ping, StageResult::Status::Ok, 0.3, "PONG"),
        stage(Stage::Info, StageResult::Status::Ok, 0.9, "Redis 7.0.15"),
    };
    TlsFacts tls;
    tls.protocol = QStringLiteral("TLSv1.3");
    tls.cipherOpenssl = QStringLiteral("TLS_AES_256_GCM_SHA384");
    tls.cipherIana = QStringLiteral("TLS_AES_256_GCM_SHA384");
    tls.cipherBits = 256;
    tls.group = QStringLiteral("X25519");
    tls.peerTempKey = QStringLiteral("X25519, 253 bits");
    tls.sniSent = QStringLiteral("redis.example.com");
    tls.verified = true;
    tls.hostnameChecked = QStringLiteral("redis.example.com");
    tls.hostnameMatch = true;
    tls.chainSent = {leafCertificate()};
    tls.chainVerified = {leafCertificate(), rootCertificate()};
    result.tls = tls;
    ServerIdentity server;
    server.kind = QStringLiteral("redis");
    server.version = QStringLiteral("7.0.15");
    server.mode = QStringLiteral("standalone");
    server.role = QStringLiteral("master");
    result.server = server;
    result.totalMs = 10.9;
    return result;
}

// rediss:// to a port that answers in plaintext.
InspectResult plaintextOnTlsPortResult()
{
    InspectResult result;
    result.endpoint = Endpoint{QStringLiteral("127.0.0.1"), 6379, 2, true};
    result.peer = QStringLiteral("127.0.0.1:6379");
    result.environment = QStringLiteral("staging");
    const QString message = QStringLiteral("The server answered in plaintext on a port expected to "
                                           "speak TLS: use redis:// or the server's TLS port.");
    result.stages = {
        stage(Stage::Resolve, StageResult::Status::Ok, 0.01, "127.0.0.1 is an IP address"),
        stage(Stage::Tcp, StageResult::Status::Ok, 0.2, "connected to 127.0.0.1:6379"),
        StageResult{Stage::Tls, StageResult::Status::Failed, 3.0, message},
    };
    result.error = Error{ErrorCode::PlaintextOnTlsPort, Stage::Tls, message,
                         QStringLiteral("first bytes: 2d 45 52 52")};
    result.totalMs = 3.3;
    return result;
}

// redis:// on a development server: no TLS at all.
InspectResult plainResult()
{
    InspectResult result;
    result.endpoint = Endpoint{QStringLiteral("localhost"), 6379, 0, false};
    result.peer = QStringLiteral("127.0.0.1:6379");
    result.environment = QStringLiteral("development");
    result.stages = {
        stage(Stage::Resolve, StageResult::Status::Ok, 0.1, "localhost → 127.0.0.1"),
        stage(Stage::Tcp, StageResult::Status::Ok, 0.1, "connected to 127.0.0.1:6379"),
        stage(Stage::Auth, StageResult::Status::Skipped, 0.0, "no credentials configured"),
        stage(Stage::Ping, StageResult::Status::Ok, 0.1, "PONG"),
        stage(Stage::Info, StageResult::Status::Ok, 0.2, "Valkey 8.0.1"),
    };
    ServerIdentity server;
    server.kind = QStringLiteral("valkey");
    server.version = QStringLiteral("8.0.1");
    server.mode = QStringLiteral("standalone");
    server.role = QStringLiteral("replica");
    result.server = server;
    return result;
}

InspectResult resultNamed(const QString& name)
{
    if (name == QLatin1String("good"))
        return goodResult();
    if (name == QLatin1String("plaintext"))
        return plaintextOnTlsPortResult();
    if (name == QLatin1String("plain"))
        return plainResult();
    qFatal("unknown fixture");
}

QSet<QString> keySet(const QJsonObject& object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

QSet<QString> setOf(std::initializer_list<const char*> names)
{
    QSet<QString> set;
    for (const char* name : names)
        set.insert(QString::fromLatin1(name));
    return set;
}

// The JSON as a consumer reads it: serialised and parsed back.
QJsonObject roundTrip(const QJsonObject& object)
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("writer produced invalid JSON");
    return document.object();
}

QJsonObject target(const InspectResult& result)
{
    return roundTrip(inspectTargetToJson(result, fixedNow()));
}

QString plainText(const InspectResult& result)
{
    return inspectToText(result, false, fixedNow());
}

} // namespace

class TestInspectReportWriters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // JSON
    void documentEnvelope();
    void targetKeys_data();
    void targetKeys();
    void nullableMembers_data();
    void nullableMembers();
    void endpoint_data();
    void endpoint();
    void stages_data();
    void stages();
    void msRoundedToHundredths_data();
    void msRoundedToHundredths();
    void tlsObject();
    void tlsAbsentValuesAreNull();
    void certificates();
    void chainFallsBackToSentChain();
    void errorObject();
    void serverObject();
    void errorCodeNames_data();
    void errorCodeNames();
    void errorCodeNamesAreUniqueSnakeCase();

    // Text
    void statusWords_data();
    void statusWords();
    void stageLineLayout();
    void colour_data();
    void colour();
    void hostileTextIsNeutralised();
    void diagnosis();
    void tlsBlock();
    void hostnameMismatch();
    void verificationFailure();
    void withoutTls_data();
    void withoutTls();
    void chainBlock();
    void validity_data();
    void validity();
    void fingerprint();
    void lineWidth_data();
    void lineWidth();
    void endpointUrls_data();
    void endpointUrls();

    // Both
    void noSecretInOutput();
};

void TestInspectReportWriters::documentEnvelope()
{
    const QJsonObject document = roundTrip(
        inspectDocument({goodResult(), plaintextOnTlsPortResult(), plainResult()}, fixedNow()));
    QCOMPARE(keySet(document), setOf({"schema", "tool", "generated_at", "targets"}));
    QCOMPARE(document.value(QStringLiteral("schema")).toString(),
             QStringLiteral("rediscope-audit/1"));
    const QJsonObject tool = document.value(QStringLiteral("tool")).toObject();
    QCOMPARE(tool.value(QStringLiteral("name")).toString(), QStringLiteral("rediscope"));
    QCOMPARE(tool.value(QStringLiteral("version")).toString(), QStringLiteral(REDISCOPE_VERSION));
    QVERIFY(!tool.value(QStringLiteral("version")).toString().isEmpty());
    QCOMPARE(document.value(QStringLiteral("generated_at")).toString(),
             QStringLiteral("2025-06-01T12:00:00Z"));
    const QJsonArray targets = document.value(QStringLiteral("targets")).toArray();
    QCOMPARE(targets.size(), 3);
    QCOMPARE(targets.at(0).toObject().value(QStringLiteral("environment")).toString(),
             QStringLiteral("production"));
    QCOMPARE(targets.at(1).toObject().value(QStringLiteral("environment")).toString(),
             QStringLiteral("staging"));
    QCOMPARE(targets.at(2).toObject().value(QStringLiteral("environment")).toString(),
             QStringLiteral("development"));

    // Without an explicit time the document is stamped now, in UTC.
    const QString stamp = inspectDocument({}).value(QStringLiteral("generated_at")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)"))
                 .match(stamp)
                 .hasMatch(),
             qPrintable(stamp));
    QVERIFY(inspectDocument({}).value(QStringLiteral("targets")).toArray().isEmpty());
}

void TestInspectReportWriters::targetKeys_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("good") << QStringLiteral("good");
    QTest::newRow("plaintext on TLS port") << QStringLiteral("plaintext");
    QTest::newRow("no TLS") << QStringLiteral("plain");
}

void TestInspectReportWriters::targetKeys()
{
    QFETCH(QString, fixture);
    const QJsonObject object = target(resultNamed(fixture));
    QCOMPARE(keySet(object), setOf({"profile", "environment", "service", "endpoint", "stages",
                                    "tls", "probe", "server", "findings", "grade", "error"}));
    QVERIFY(object.value(QStringLiteral("findings")).isArray());
    QVERIFY(object.value(QStringLiteral("findings")).toArray().isEmpty());
    QVERIFY(object.value(QStringLiteral("stages")).isArray());
    QVERIFY(object.value(QStringLiteral("endpoint")).isObject());
    QVERIFY(object.value(QStringLiteral("environment")).isString());
}

void TestInspectReportWriters::nullableMembers_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("isNull");

    for (const char* fixture : {"good", "plaintext", "plain"})
        for (const char* key : {"profile", "service", "probe", "grade"})
            QTest::addRow("%s/%s", fixture, key)
                << QString::fromLatin1(fixture) << QString::fromLatin1(key) << true;

    QTest::newRow("good/tls") << QStringLiteral("good") << QStringLiteral("tls") << false;
    QTest::newRow("good/server") << QStringLiteral("good") << QStringLiteral("server") << false;
    QTest::newRow("good/error") << QStringLiteral("good") << QStringLiteral("error") << true;
    QTest::newRow("plaintext/tls") << QStringLiteral("plaintext") << QStringLiteral("tls") << true;
    QTest::newRow("plaintext/server")
        << QStringLiteral("plaintext") << QStringLiteral("server") << true;
    QTest::newRow("plaintext/error")
        << QStringLiteral("plaintext") << QStringLiteral("error") << false;
    QTest::newRow("plain/tls") << QStringLiteral("plain") << QStringLiteral("tls") << true;
    QTest::newRow("plain/server") << QStringLiteral("plain") << QStringLiteral("server") << false;
    QTest::newRow("plain/error") << QStringLiteral("plain") << QStringLiteral("error") << true;
}

void TestInspectReportWriters::nullableMembers()
{
    QFETCH(QString, fixture);
    QFETCH(QString, key);
    QFETCH(bool, isNull);
    const QJsonObject object = target(resultNamed(fixture));
    QVERIFY(object.contains(key)); // null, never missing
    QCOMPARE(object.value(key).isNull(), isNull);
    if (!isNull)
        QVERIFY(object.value(key).isObject());
}

void TestInspectReportWriters::endpoint_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("sni"); // empty: JSON null

    QTest::newRow("good") << QStringLiteral("good") << QStringLiteral("redis.example.com") << 6380
                          << true << QStringLiteral("redis.example.com");
    QTest::newRow("plaintext") << QStringLiteral("plaintext") << QStringLiteral("127.0.0.1") << 6379
                               << true << QString();
    QTest::newRow("plain") << QStringLiteral("plain") << QStringLiteral("localhost") << 6379
                           << false << QString();
}

void TestInspectReportWriters::endpoint()
{
    QFETCH(QString, fixture);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, tls);
    QFETCH(QString, sni);
    const QJsonObject endpoint =
        target(resultNamed(fixture)).value(QStringLiteral("endpoint")).toObject();
    QCOMPARE(keySet(endpoint), setOf({"host", "port", "tls", "sni"}));
    QCOMPARE(endpoint.value(QStringLiteral("host")).toString(), host);
    QVERIFY(endpoint.value(QStringLiteral("port")).isDouble());
    QCOMPARE(endpoint.value(QStringLiteral("port")).toInt(), port);
    QVERIFY(endpoint.value(QStringLiteral("tls")).isBool());
    QCOMPARE(endpoint.value(QStringLiteral("tls")).toBool(), tls);
    if (sni.isEmpty()) {
        QVERIFY(endpoint.value(QStringLiteral("sni")).isNull());
    } else {
        QCOMPARE(endpoint.value(QStringLiteral("sni")).toString(), sni);
    }
}

void TestInspectReportWriters::stages_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QList<bool>>("oks");

    QTest::newRow("good") << QStringLiteral("good")
                          << QStringList{QStringLiteral("resolve"),  QStringLiteral("tcp"),
                                         QStringLiteral("tls"),      QStringLiteral("verify"),
                                         QStringLiteral("hostname"), QStringLiteral("auth"),
                                         QStringLiteral("ping"),     QStringLiteral("info")}
                          << QStringList{QStringLiteral("ok"), QStringLiteral("ok"),
                                         QStringLiteral("ok"), QStringLiteral("ok"),
                                         QStringLiteral("ok"), QStringLiteral("skipped"),
                                         QStringLiteral("ok"), QStringLiteral("ok")}
                          << QList<bool>{true, true, true, true, true, true, true, true};
    QTest::newRow("plaintext") << QStringLiteral("plaintext")
                               << QStringList{QStringLiteral("resolve"), QStringLiteral("tcp"),
                                              QStringLiteral("tls")}
                               << QStringList{QStringLiteral("ok"), QStringLiteral("ok"),
                                              QStringLiteral("failed")}
                               << QList<bool>{true, true, false};

    QTest::newRow("plain") << QStringLiteral("plain")
                           << QStringList{QStringLiteral("resolve"), QStringLiteral("tcp"),
                                          QStringLiteral("auth"), QStringLiteral("ping"),
                                          QStringLiteral("info")}
                           << QStringList{QStringLiteral("ok"), QStringLiteral("ok"),
                                          QStringLiteral("skipped"), QStringLiteral("ok"),
                                          QStringLiteral("ok")}
                           << QList<bool>{true, true, true, true, true};
}

void TestInspectReportWriters::stages()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, names);
    QFETCH(QStringList, statuses);
    QFETCH(QList<bool>, oks);
    const InspectResult result = resultNamed(fixture);
    const QJsonArray stages = target(result).value(QStringLiteral("stages")).toArray();
    QCOMPARE(stages.size(), names.size());
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const QJsonObject stage = stages.at(i).toObject();
        QCOMPARE(keySet(stage), setOf({"name", "ok", "status", "ms", "message"}));
        QCOMPARE(stage.value(QStringLiteral("name")).toString(), names.at(i));
        QCOMPARE(stage.value(QStringLiteral("status")).toString(), statuses.at(i));
        QVERIFY(stage.value(QStringLiteral("ok")).isBool());
        QCOMPARE(stage.value(QStringLiteral("ok")).toBool(), oks.at(i));
        QVERIFY(stage.value(QStringLiteral("ms")).isDouble());
        QCOMPARE(stage.value(QStringLiteral("message")).toString(), result.stages.at(i).message);
    }
}

void TestInspectReportWriters::msRoundedToHundredths_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<double>("expected");
    QTest::newRow("0.41234") << 0.41234 << 0.41;
    QTest::newRow("1.23456") << 1.23456 << 1.23;
    QTest::newRow("7.899") << 7.899 << 7.9;
    QTest::newRow("zero") << 0.0 << 0.0;
    QTest::newRow("1234.5678") << 1234.5678 << 1234.57;
}

void TestInspectReportWriters::msRoundedToHundredths()
{
    QFETCH(double, ms);
    QFETCH(double, expected);
    InspectResult result = plainResult();
    result.stages[0].ms = ms;
    const QJsonValue value = target(result)
                                 .value(QStringLiteral("stages"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("ms"));
    QVERIFY(value.isDouble());
    QCOMPARE(value.toDouble(), expected);
}

void TestInspectReportWriters::tlsObject()
{
    const QJsonObject tls = target(goodResult()).value(QStringLiteral("tls")).toObject();
    QCOMPARE(keySet(tls),
             setOf({"protocol", "cipher", "cipher_openssl", "group", "peer_temp_key", "verified",
                    "verify_error", "hostname_match", "hostname_checked", "resumed", "ocsp_stapled",
                    "client_cert_requested", "client_cert_sent", "chain", "chain_sent_count"}));
    QCOMPARE(tls.value(QStringLiteral("protocol")).toString(), QStringLiteral("TLSv1.3"));
    QCOMPARE(tls.value(QStringLiteral("cipher")).toString(),
             QStringLiteral("TLS_AES_256_GCM_SHA384"));
    QCOMPARE(tls.value(QStringLiteral("cipher_openssl")).toString(),
             QStringLiteral("TLS_AES_256_GCM_SHA384"));
    QCOMPARE(tls.value(QStringLiteral("group")).toString(), QStringLiteral("X25519"));
    QCOMPARE(tls.value(QStringLiteral("peer_temp_key")).toString(),
             QStringLiteral("X25519, 253 bits"));
    QCOMPARE(tls.value(QStringLiteral("hostname_checked")).toString(),
             QStringLiteral("redis.example.com"));
    QVERIFY(tls.value(QStringLiteral("verify_error")).isNull());
    for (const char* key : {"verified", "hostname_match"}) {
        QVERIFY2(tls.value(QLatin1String(key)).isBool(), key);
        QVERIFY2(tls.value(QLatin1String(key)).toBool(), key);
    }
    for (const char* key :
         {"resumed", "ocsp_stapled", "client_cert_requested", "client_cert_sent"}) {
        QVERIFY2(tls.value(QLatin1String(key)).isBool(), key);
        QVERIFY2(!tls.value(QLatin1String(key)).toBool(), key);
    }
    QCOMPARE(tls.value(QStringLiteral("chain_sent_count")).toInt(), 1);
    QCOMPARE(tls.value(QStringLiteral("chain")).toArray().size(), 2);

    // The IANA name and the OpenSSL name are different fields for TLS 1.2 suites.
    InspectResult tls12 = goodResult();
    tls12.tls->protocol = QStringLiteral("TLSv1.2");
    tls12.tls->cipherOpenssl = QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256");
    tls12.tls->cipherIana = QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    const QJsonObject tls12Json = target(tls12).value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls12Json.value(QStringLiteral("cipher")).toString(),
             QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    QCOMPARE(tls12Json.value(QStringLiteral("cipher_openssl")).toString(),
             QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
}

void TestInspectReportWriters::tlsAbsentValuesAreNull()
{
    InspectResult result = goodResult();
    result.tls->group.clear();
    result.tls->peerTempKey.clear();
    result.tls->verified = false;
    result.tls->verifyError = QStringLiteral("self-signed certificate in certificate chain");
    result.tls->resumed = true;
    result.tls->clientCertRequested = true;
    const QJsonObject tls = target(result).value(QStringLiteral("tls")).toObject();
    QVERIFY(tls.contains(QStringLiteral("group")));
    QVERIFY(tls.value(QStringLiteral("group")).isNull());
    QVERIFY(tls.value(QStringLiteral("peer_temp_key")).isNull());
    QCOMPARE(tls.value(QStringLiteral("verified")).toBool(true), false);
    QCOMPARE(tls.value(QStringLiteral("verify_error")).toString(),
             QStringLiteral("self-signed certificate in certificate chain"));
    QCOMPARE(tls.value(QStringLiteral("resumed")).toBool(), true);
    QCOMPARE(tls.value(QStringLiteral("client_cert_requested")).toBool(), true);
    QCOMPARE(tls.value(QStringLiteral("client_cert_sent")).toBool(true), false);
}

void TestInspectReportWriters::certificates()
{
    const QJsonArray chain = target(goodResult())
                                 .value(QStringLiteral("tls"))
                                 .toObject()
                                 .value(QStringLiteral("chain"))
                                 .toArray();
    QCOMPARE(chain.size(), 2);
    const QJsonObject leaf = chain.at(0).toObject();
    const QJsonObject root = chain.at(1).toObject();
    const QSet<QString> keys =
        setOf({"subject", "issuer", "serial", "not_before", "not_after", "sha256", "key_type",
               "key_bits", "signature_algorithm", "san", "is_ca", "self_signed", "verify_errors",
               "sent_by_server", "key_usage", "extended_key_usage", "days_left"});
    QCOMPARE(keySet(leaf), keys);
    QCOMPARE(keySet(root), keys);

    QCOMPARE(leaf.value(QStringLiteral("subject")).toString(),
             QStringLiteral("CN=redis.example.com,O=Rediscope Lab"));
    QCOMPARE(leaf.value(QStringLiteral("issuer")).toString(),
             QStringLiteral("CN=Rediscope Lab CA,O=Rediscope Lab"));
    QCOMPARE(leaf.value(QStringLiteral("serial")).toString(), QStringLiteral("1A2B3C"));
    QCOMPARE(leaf.value(QStringLiteral("not_before")).toString(),
             QStringLiteral("2025-05-02T12:00:00Z"));
    QCOMPARE(leaf.value(QStringLiteral("not_after")).toString(),
             QStringLiteral("2025-08-30T12:00:00Z"));
    QCOMPARE(leaf.value(QStringLiteral("sha256")).toString(), kLeafSha);
    QCOMPARE(leaf.value(QStringLiteral("key_type")).toString(), QStringLiteral("EC"));
    QVERIFY(leaf.value(QStringLiteral("key_bits")).isDouble());
    QCOMPARE(leaf.value(QStringLiteral("key_bits")).toInt(), 256);
    QCOMPARE(leaf.value(QStringLiteral("signature_algorithm")).toString(),
             QStringLiteral("ecdsa-with-SHA256"));
    QCOMPARE(leaf.value(QStringLiteral("san")).toArray(),
             QJsonArray({QStringLiteral("DNS:redis.example.com"), QStringLiteral("IP:10.0.0.5")}));
    QCOMPARE(leaf.value(QStringLiteral("is_ca")).toBool(true), false);
    QCOMPARE(leaf.value(QStringLiteral("self_signed")).toBool(true), false);
    QVERIFY(leaf.value(QStringLiteral("verify_errors")).isArray());
    QVERIFY(leaf.value(QStringLiteral("verify_errors")).toArray().isEmpty());
    QCOMPARE(leaf.value(QStringLiteral("key_usage")).toArray(),
             QJsonArray({QStringLiteral("digitalSignature")}));
    QCOMPARE(leaf.value(QStringLiteral("extended_key_usage")).toArray(),
             QJsonArray({QStringLiteral("serverAuth")}));
    QCOMPARE(leaf.value(QStringLiteral("days_left")).toInt(), 90);

    // The server sent only the leaf; the root came from the trust store.
    QVERIFY(leaf.value(QStringLiteral("sent_by_server")).isBool());
    QCOMPARE(leaf.value(QStringLiteral("sent_by_server")).toBool(), true);
    QVERIFY(root.value(QStringLiteral("sent_by_server")).isBool());
    QCOMPARE(root.value(QStringLiteral("sent_by_server")).toBool(true), false);

    QCOMPARE(root.value(QStringLiteral("is_ca")).toBool(), true);
    QCOMPARE(root.value(QStringLiteral("self_signed")).toBool(), true);
    QCOMPARE(root.value(QStringLiteral("key_type")).toString(), QStringLiteral("RSA"));
    QCOMPARE(root.value(QStringLiteral("key_bits")).toInt(), 4096);
    QVERIFY(root.value(QStringLiteral("san")).toArray().isEmpty());
    QVERIFY(root.value(QStringLiteral("extended_key_usage")).toArray().isEmpty());
    QCOMPARE(root.value(QStringLiteral("days_left")).toInt(), 3650);
}

void TestInspectReportWriters::chainFallsBackToSentChain()
{
    InspectResult result = goodResult();
    CertificateInfo leaf = leafCertificate();
    leaf.verifyErrors = {QStringLiteral("unable to get local issuer certificate (20)")};
    result.tls->verified = false;
    result.tls->chainVerified.clear();
    result.tls->chainSent = {leaf, rootCertificate()};
    const QJsonObject tls = target(result).value(QStringLiteral("tls")).toObject();
    const QJsonArray chain = tls.value(QStringLiteral("chain")).toArray();
    QCOMPARE(chain.size(), 2);
    QCOMPARE(tls.value(QStringLiteral("chain_sent_count")).toInt(), 2);
    QCOMPARE(chain.at(0).toObject().value(QStringLiteral("sha256")).toString(), kLeafSha);
    QCOMPARE(chain.at(1).toObject().value(QStringLiteral("sha256")).toString(), kRootSha);
    for (const QJsonValue& certificate : chain)
        QCOMPARE(certificate.toObject().value(QStringLiteral("sent_by_server")).toBool(), true);
    QCOMPARE(chain.at(0).toObject().value(QStringLiteral("verify_errors")).toArray(),
             QJsonArray({QStringLiteral("unable to get local issuer certificate (20)")}));
}

void TestInspectReportWriters::errorObject()
{
    const QJsonObject object = target(plaintextOnTlsPortResult());
    const QJsonObject error = object.value(QStringLiteral("error")).toObject();
    QCOMPARE(keySet(error), setOf({"stage", "code", "message", "detail"}));
    QCOMPARE(error.value(QStringLiteral("stage")).toString(), QStringLiteral("tls"));
    QCOMPARE(error.value(QStringLiteral("code")).toString(),
             QStringLiteral("plaintext_on_tls_port"));
    QVERIFY(error.value(QStringLiteral("message"))
                .toString()
                .startsWith(QLatin1String("The server answered in plaintext")));
    QCOMPARE(error.value(QStringLiteral("detail")).toString(),
             QStringLiteral("first bytes: 2d 45 52 52"));

    InspectResult noDetail = plaintextOnTlsPortResult();
    noDetail.error->detail.clear();
    noDetail.error->code = ErrorCode::Timeout;
    const QJsonObject error2 = target(noDetail).value(QStringLiteral("error")).toObject();
    QVERIFY(error2.contains(QStringLiteral("detail")));
    QVERIFY(error2.value(QStringLiteral("detail")).isNull());
    QCOMPARE(error2.value(QStringLiteral("code")).toString(), QStringLiteral("timeout"));
}

void TestInspectReportWriters::serverObject()
{
    const QJsonObject server = target(plainResult()).value(QStringLiteral("server")).toObject();
    QCOMPARE(keySet(server), setOf({"kind", "version", "mode", "role"}));
    QCOMPARE(server.value(QStringLiteral("kind")).toString(), QStringLiteral("valkey"));
    QCOMPARE(server.value(QStringLiteral("version")).toString(), QStringLiteral("8.0.1"));
    QCOMPARE(server.value(QStringLiteral("mode")).toString(), QStringLiteral("standalone"));
    QCOMPARE(server.value(QStringLiteral("role")).toString(), QStringLiteral("replica"));
}

void TestInspectReportWriters::errorCodeNames_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");
    QTest::newRow("plaintext") << ErrorCode::PlaintextOnTlsPort
                               << QStringLiteral("plaintext_on_tls_port");
    QTest::newRow("tls expected") << ErrorCode::TlsExpectedByServer
                                  << QStringLiteral("tls_expected_by_server");
    QTest::newRow("verify") << ErrorCode::VerifyFailed << QStringLiteral("verify_failed");
    QTest::newRow("hostname") << ErrorCode::HostnameMismatch << QStringLiteral("hostname_mismatch");
    QTest::newRow("client cert") << ErrorCode::ClientCertRequired
                                 << QStringLiteral("client_cert_required");
    QTest::newRow("refused") << ErrorCode::ConnectRefused << QStringLiteral("connect_refused");
    QTest::newRow("io") << ErrorCode::IoError << QStringLiteral("io_error");
    QTest::newRow("invalid") << ErrorCode::InvalidArgument << QStringLiteral("invalid_argument");
    QTest::newRow("file") << ErrorCode::FileError << QStringLiteral("file_error");
}

void TestInspectReportWriters::errorCodeNames()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);
    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));

    InspectResult result = plaintextOnTlsPortResult();
    result.error->code = code;
    QCOMPARE(target(result)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             name);
}

void TestInspectReportWriters::errorCodeNamesAreUniqueSnakeCase()
{
    const QRegularExpression snake(QStringLiteral("^[a-z]+(_[a-z]+)*$"));
    QSet<QString> seen;
    for (int value = static_cast<int>(ErrorCode::InvalidArgument);
         value <= static_cast<int>(ErrorCode::FileError); ++value) {
        const auto code = static_cast<ErrorCode>(value);
        const QString name = errorCodeName(code);
        QVERIFY2(snake.match(name).hasMatch(), qPrintable(name));
        QVERIFY2(name != QLatin1String("unknown"), qPrintable(QString::number(value)));
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
    }
    QCOMPARE(errorCodeFromName(QStringLiteral("no_such_code")), std::nullopt);
    QCOMPARE(errorCodeFromName(QString()), std::nullopt);
}

void TestInspectReportWriters::statusWords_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("good") << QStringLiteral("good")
                          << QStringList{QStringLiteral("\n  OK    Resolve "),
                                         QStringLiteral("\n  OK    TLS handshake "),
                                         QStringLiteral("\n  SKIP  Authentication "),
                                         QStringLiteral("connected, every stage passed")}
                          << QStringList{QStringLiteral("FAIL"), QStringLiteral("WARN"),
                                         QStringLiteral("Diagnosis")};
    QTest::newRow("plaintext") << QStringLiteral("plaintext")
                               << QStringList{QStringLiteral("\n  OK    TCP connect "),
                                              QStringLiteral("\n  FAIL  TLS handshake "),
                                              QStringLiteral("FAILED at tls handshake"),
                                              QStringLiteral("\nDiagnosis\n")}
                               << QStringList{QStringLiteral("SKIP"), QStringLiteral("WARN"),
                                              QStringLiteral("Certificate chain")};
    QTest::newRow("plain") << QStringLiteral("plain")
                           << QStringList{QStringLiteral("\n  OK    PING "),
                                          QStringLiteral("\n  SKIP  Authentication ")}
                           << QStringList{QStringLiteral("FAIL"), QStringLiteral("Diagnosis"),
                                          QStringLiteral("Certificate chain")};

    QTest::newRow("warning") << QStringLiteral("good-warning")
                             << QStringList{QStringLiteral("\n  WARN  Hostname check "),
                                            QStringLiteral("connected with 1 warning")}
                             << QStringList{QStringLiteral("FAIL")};
}

void TestInspectReportWriters::statusWords()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    InspectResult result;
    if (fixture == QLatin1String("good-warning")) {
        result = goodResult();
        result.stages[4].status = StageResult::Status::Warning;
    } else {
        result = resultNamed(fixture);
    }
    const QString text = plainText(result);
    for (const QString& phrase : present)
        QVERIFY2(text.contains(phrase), qPrintable(phrase + QStringLiteral("\n---\n") + text));
    for (const QString& phrase : absent)
        QVERIFY2(!text.contains(phrase), qPrintable(phrase + QStringLiteral("\n---\n") + text));
}

void TestInspectReportWriters::stageLineLayout()
{
    const QStringList lines = plainText(goodResult()).split(QLatin1Char('\n'));
    const qsizetype heading = lines.indexOf(QStringLiteral("Stages"));
    QVERIFY(heading >= 0);
    // One line per stage, in order, ms right-aligned with one decimal.
    const QStringList expected = {
        QStringLiteral("  OK    Resolve                 0.4 ms  redis.example.com → 10.0.0.5"),
        QStringLiteral("  OK    TCP connect             1.2 ms  connected to 10.0.0.5:6380"),
        QStringLiteral("  OK    TLS handshake           7.9 ms  TLSv1.3, TLS_AES_256_GCM_SHA384, "
                       "X25519"),
        QStringLiteral("  OK    Chain verification      0.0 ms  chain verified"),
        QStringLiteral("  OK    Hostname check          0.0 ms  redis.example.com matches the "
                       "certificate"),
        QStringLiteral("  SKIP  Authentication          0.0 ms  no credentials configured"),
        QStringLiteral("  OK    PING                    0.3 ms  PONG"),
        QStringLiteral("  OK    INFO                    0.9 ms  Redis 7.0.15"),
    };
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(lines.value(heading + 1 + i), expected.at(i));

    // A long message wraps under itself, not under the status column.
    InspectResult result = goodResult();
    result.stages[0].message = QString(30, QLatin1Char('x'));
    for (int i = 0; i < 5; ++i)
        result.stages[0].message +=
            QStringLiteral(" word") + QString::number(i) + QString(8, QLatin1Char('y'));
    const QStringList wrapped = plainText(result).split(QLatin1Char('\n'));
    const qsizetype first = wrapped.indexOf(QStringLiteral("Stages")) + 1;
    QVERIFY(wrapped.at(first).size() <= 100);
    QVERIFY(
        wrapped.at(first + 1).startsWith(QString(40, QLatin1Char(' ')) + QStringLiteral("word")));
}

void TestInspectReportWriters::colour_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("colouredWord");
    QTest::newRow("good") << QStringLiteral("good") << QStringLiteral("\x1b[32mOK\x1b[0m");
    QTest::newRow("plaintext") << QStringLiteral("plaintext")
                               << QStringLiteral("\x1b[31mFAIL\x1b[0m");
    QTest::newRow("plain") << QStringLiteral("plain") << QStringLiteral("\x1b[2mSKIP\x1b[0m");
}

void TestInspectReportWriters::colour()
{
    QFETCH(QString, fixture);
    QFETCH(QString, colouredWord);
    const InspectResult result = resultNamed(fixture);
    const QString plain = inspectToText(result, false, fixedNow());
    const QString coloured = inspectToText(result, true, fixedNow());
    QVERIFY(!plain.contains(QLatin1Char('\x1b')));
    QVERIFY(coloured.contains(QLatin1Char('\x1b')));
    QVERIFY2(coloured.contains(colouredWord), qPrintable(coloured));

    // Stripping the escapes gives back the plain report: colour adds no information.
    QString stripped = coloured;
    stripped.remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9;]*m")));
    QCOMPARE(stripped, plain);
}

void TestInspectReportWriters::hostileTextIsNeutralised()
{
    InspectResult result = goodResult();
    result.stages[7].message = QStringLiteral("evil\x1b]0;pwned\x07\x1b[2J reply");
    result.tls->chainVerified[0].subject = QStringLiteral("CN=\x1b[31mfake\u202Eexe.crt");
    result.server->version = QStringLiteral("7.0\x1b[1m");
    for (const bool colour : {false, true}) {
        const QString text = inspectToText(result, colour, fixedNow());
        QVERIFY(!text.contains(QStringLiteral("\x1b]")));
        QVERIFY(!text.contains(QStringLiteral("\x1b[2J")));
        QVERIFY(!text.contains(QLatin1Char('\x07')));
        QVERIFY(!text.contains(QChar(0x202E)));
        QVERIFY(!text.contains(QStringLiteral("\x1b[31mfake")));
        QVERIFY(text.contains(QStringLiteral("evil\\x1b]0;pwned\\x07\\x1b[2J reply")));
        QVERIFY(text.contains(QStringLiteral("CN=\\x1b[31mfake\\x202eexe.crt")));
    }
    QVERIFY(!inspectToText(result, false, fixedNow()).contains(QLatin1Char('\x1b')));
}

void TestInspectReportWriters::diagnosis()
{
    const QString text = plainText(plaintextOnTlsPortResult());
    QVERIFY(text.contains(
        QStringLiteral("\nDiagnosis\n  TLS handshake failed (plaintext_on_tls_port)\n")));
    QVERIFY(text.contains(QStringLiteral("  The server answered in plaintext")));
    QVERIFY(text.contains(QStringLiteral("  Detail: first bytes: 2d 45 52 52\n")));
    QVERIFY(text.contains(QStringLiteral("No TLS session was established.")));
    QVERIFY(text.contains(QStringLiteral("rediss://127.0.0.1:6379/2  ·  environment: staging")));
    QVERIFY(text.contains(QStringLiteral("Server  not identified")));
}

void TestInspectReportWriters::tlsBlock()
{
    const QString text = plainText(goodResult());
    const QStringList phrases = {
        QStringLiteral("\nTLS\n"),
        QStringLiteral("  Protocol       TLSv1.3\n"),
        QStringLiteral("  Cipher         TLS_AES_256_GCM_SHA384 (256-bit)\n"),
        QStringLiteral("  Group          X25519\n"),
        QStringLiteral("  Peer temp key  X25519, 253 bits\n"),
        QStringLiteral("  SNI sent       redis.example.com\n"),
        QStringLiteral("  Verification   verified\n"),
        QStringLiteral("  Hostname       redis.example.com matches the certificate\n"),
        QStringLiteral("  Resumption     full handshake (not resumed)\n"),
        QStringLiteral("  OCSP staple    none\n"),
        QStringLiteral("  Client cert    not requested\n"),
        QStringLiteral("\nServer  Redis 7.0.15 (standalone, master)\n"),
    };
    for (const QString& phrase : phrases)
        QVERIFY2(text.contains(phrase), qPrintable(phrase + QStringLiteral("\n---\n") + text));

    InspectResult tls12 = goodResult();
    tls12.tls->cipherOpenssl = QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256");
    tls12.tls->cipherIana = QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    tls12.tls->cipherBits = 128;
    tls12.tls->sniSent.clear();
    tls12.sni.clear();
    tls12.tls->resumed = true;
    tls12.tls->ocspStapled = true;
    tls12.tls->clientCertRequested = true;
    const QString text12 = plainText(tls12);
    QVERIFY(
        text12.contains(QStringLiteral("  Cipher         TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"
                                       "                 (OpenSSL ECDHE-RSA-AES128-GCM-SHA256, "
                                       "128-bit)\n")));
    QVERIFY(text12.contains(QStringLiteral("  SNI sent       none\n")));
    QVERIFY(text12.contains(QStringLiteral("  Resumption     resumed session\n")));
    QVERIFY(text12.contains(QStringLiteral("  OCSP staple    stapled\n")));
    QVERIFY(text12.contains(QStringLiteral("  Client cert    requested, none sent\n")));
}

void TestInspectReportWriters::hostnameMismatch()
{
    InspectResult result = goodResult();
    result.tls->hostnameChecked = QStringLiteral("cache.internal");
    result.tls->hostnameMatch = false;
    result.stages[4].status = StageResult::Status::Warning;
    const QString text = plainText(result);
    // Too long for one line: the SAN list moves to the next line, whole.
    QVERIFY2(text.contains(QStringLiteral("\n  Hostname       cache.internal does NOT match the "
                                          "certificate\n"
                                          "                 (SAN: DNS:redis.example.com, "
                                          "IP:10.0.0.5)\n")),
             qPrintable(text));
    InspectResult shortName = result;
    shortName.tls->hostnameChecked = QStringLiteral("db");
    QVERIFY(plainText(shortName).contains(
        QStringLiteral("\n  Hostname       db does NOT match the certificate (SAN: "
                       "DNS:redis.example.com, IP:10.0.0.5)\n")));
    QVERIFY(!text.contains(QStringLiteral("matches the certificate\n  Resumption")));

    // Without a SAN the CN is what the client would have compared against.
    result.tls->chainSent[0].san.clear();
    result.tls->chainSent[0].hasSanExtension = false;
    QVERIFY(plainText(result).contains(
        QStringLiteral("does NOT match the certificate (no SAN; CN=redis.example.com)")));
    QCOMPARE(target(result)
                 .value(QStringLiteral("tls"))
                 .toObject()
                 .value(QStringLiteral("hostname_match"))
                 .toBool(true),
             false);
}

void TestInspectReportWriters::verificationFailure()
{
    InspectResult result = goodResult();
    result.tls->verified = false;
    result.tls->verifyError = QStringLiteral("certificate has expired");
    result.tls->chainVerified[0].verifyErrors = {QStringLiteral("certificate has expired (10)")};
    const QString text = plainText(result);
    QVERIFY(
        text.contains(QStringLiteral("  Verification   NOT verified: certificate has expired\n")));
    QVERIFY(text.contains(QStringLiteral("      Verify      certificate has expired (10)\n")));
    QVERIFY(text.contains(QStringLiteral("      Verify      no errors\n"))); // the root
}

void TestInspectReportWriters::withoutTls_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("plain") << QStringLiteral("plain")
                           << QStringLiteral("\nTLS\n  Not used: everything on this connection, "
                                             "the password included, travels in plaintext.\n");
    QTest::newRow("plaintext") << QStringLiteral("plaintext")
                               << QStringLiteral("\nTLS\n  No TLS session was established.\n");
}

void TestInspectReportWriters::withoutTls()
{
    QFETCH(QString, fixture);
    QFETCH(QString, phrase);
    const QString text = plainText(resultNamed(fixture));
    QVERIFY2(text.contains(phrase), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("Protocol ")));
    QVERIFY(!text.contains(QStringLiteral("Certificate chain")));
}

void TestInspectReportWriters::chainBlock()
{
    const QString text = plainText(goodResult());
    const QStringList phrases = {
        QStringLiteral("\nCertificate chain (leaf → root)\n"
                       "  [0] CN=redis.example.com,O=Rediscope Lab\n"
                       "      Issuer      CN=Rediscope Lab CA,O=Rediscope Lab\n"),
        QStringLiteral("      Key         EC 256 bits (prime256v1)\n"),
        QStringLiteral("      Signature   ecdsa-with-SHA256\n"),
        QStringLiteral("      SAN         DNS:redis.example.com, IP:10.0.0.5\n"),
        QStringLiteral("      Usage       digitalSignature, serverAuth\n"),
        QStringLiteral("      Flags       not a CA\n      Sent        by the server\n"
                       "      Verify      no errors\n"),
        QStringLiteral("  [1] CN=Rediscope Lab CA,O=Rediscope Lab\n"),
        QStringLiteral("      Key         RSA 4096 bits\n"),
        QStringLiteral("      SAN         none\n"),
        QStringLiteral("      Flags       CA (path length 0), self-signed\n"
                       "      Sent        no: taken from the local trust store\n"),
    };
    for (const QString& phrase : phrases)
        QVERIFY2(text.contains(phrase), qPrintable(phrase + QStringLiteral("\n---\n") + text));
    QVERIFY(!text.contains(QStringLiteral("[2]")));

    // A certificate the server sent that verification did not use is mentioned.
    InspectResult extra = goodResult();
    CertificateInfo stray = rootCertificate();
    stray.subject = QStringLiteral("CN=Old Intermediate");
    stray.sha256 = QString(64, QLatin1Char('c'));
    extra.tls->chainSent.append(stray);
    QVERIFY(plainText(extra).contains(QStringLiteral(
        "The server also sent 1 certificate outside this chain: CN=Old Intermediate")));

    // No verified chain: the sent chain is shown and labelled as such.
    InspectResult unverified = goodResult();
    unverified.tls->chainVerified.clear();
    const QString unverifiedText = plainText(unverified);
    QVERIFY(unverifiedText.contains(QStringLiteral("As the server sent it")));
    QVERIFY(unverifiedText.contains(QStringLiteral("  [0] CN=redis.example.com")));
    QVERIFY(!unverifiedText.contains(QStringLiteral("  [1] ")));
}

void TestInspectReportWriters::validity_data()
{
    QTest::addColumn<QDateTime>("notBefore");
    QTest::addColumn<QDateTime>("notAfter");
    QTest::addColumn<QString>("phrase");

    const QDateTime now = fixedNow();
    QTest::newRow("valid") << now.addDays(-30) << now.addDays(90)
                           << QStringLiteral(
                                  "2025-05-02 12:00 → 2025-08-30 12:00 UTC (90 days left)");
    QTest::newRow("one day") << now.addDays(-30) << now.addSecs(36 * 3600)
                             << QStringLiteral("(1 day left)");
    QTest::newRow("hours") << now.addDays(-30) << now.addSecs(3600)
                           << QStringLiteral("(less than a day left)");
    QTest::newRow("expired") << now.addDays(-400) << now.addDays(-3)
                             << QStringLiteral("(expired 3 days ago)");
    QTest::newRow("just expired") << now.addDays(-400) << now.addSecs(-60)
                                  << QStringLiteral("(expired less than a day ago)");
    QTest::newRow("not yet valid")
        << now.addDays(2) << now.addDays(400) << QStringLiteral("(not valid for 2 more days)");
    QTest::newRow("not yet valid, hours")
        << now.addSecs(3600) << now.addDays(400) << QStringLiteral("(not valid for 1 more day)");
    QTest::newRow("unknown") << QDateTime() << QDateTime()
                             << QStringLiteral("? → ? UTC (validity unknown)");
}

void TestInspectReportWriters::validity()
{
    QFETCH(QDateTime, notBefore);
    QFETCH(QDateTime, notAfter);
    QFETCH(QString, phrase);
    InspectResult result = goodResult();
    result.tls->chainVerified[0].notBefore = notBefore;
    result.tls->chainVerified[0].notAfter = notAfter;
    const QString text = plainText(result);
    QVERIFY2(text.contains(QStringLiteral("\n      Valid       ")), qPrintable(text));
    QVERIFY2(text.contains(phrase), qPrintable(text));

    const QJsonObject leaf = target(result)
                                 .value(QStringLiteral("tls"))
                                 .toObject()
                                 .value(QStringLiteral("chain"))
                                 .toArray()
                                 .at(0)
                                 .toObject();
    QCOMPARE(leaf.value(QStringLiteral("not_after")).isNull(), !notAfter.isValid());
    QCOMPARE(leaf.value(QStringLiteral("days_left")).isNull(), !notAfter.isValid());
}

void TestInspectReportWriters::fingerprint()
{
    QCOMPARE(colonFingerprint(QStringLiteral("0a1bff")), QStringLiteral("0A:1B:FF"));
    QCOMPARE(colonFingerprint(QString()), QString());
    const QString text = plainText(goodResult());
    QVERIFY2(text.contains(QStringLiteral(
                 "      SHA-256     01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:\n"
                 "                  FE:DC:BA:98:76:54:32:10:FE:DC:BA:98:76:54:32:10\n")),
             qPrintable(text));
}

void TestInspectReportWriters::lineWidth_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("good") << QStringLiteral("good");
    QTest::newRow("plaintext") << QStringLiteral("plaintext");
    QTest::newRow("plain") << QStringLiteral("plain");
    QTest::newRow("long messages") << QStringLiteral("long");
}

void TestInspectReportWriters::lineWidth()
{
    QFETCH(QString, fixture);
    InspectResult result;
    if (fixture == QLatin1String("long")) {
        result = goodResult();
        QStringList san;
        for (int i = 0; i < 20; ++i)
            san << QStringLiteral("DNS:node-%1.redis.cluster.example.com").arg(i);
        result.tls->chainVerified[0].san = san;
        result.tls->verified = false;
        result.tls->verifyError = QStringLiteral("unable to get local issuer certificate");
        result.tls->hostnameMatch = false;
        result.tls->chainSent[0].san = san;
        result.stages[3].message = QStringLiteral("verification failed ").repeated(12).trimmed();
    } else {
        result = resultNamed(fixture);
    }
    const QStringList lines = plainText(result).split(QLatin1Char('\n'));
    for (const QString& line : lines)
        QVERIFY2(line.size() <= 100, qPrintable(line));
}

void TestInspectReportWriters::endpointUrls_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("db");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("url");
    QTest::newRow("tls") << QStringLiteral("redis.example.com") << 6380 << 0 << true
                         << QStringLiteral("rediss://redis.example.com:6380/0");
    QTest::newRow("plain db 3") << QStringLiteral("localhost") << 6379 << 3 << false
                                << QStringLiteral("redis://localhost:6379/3");
    QTest::newRow("ipv6") << QStringLiteral("::1") << 6380 << 0 << true
                          << QStringLiteral("rediss://[::1]:6380/0");
}

void TestInspectReportWriters::endpointUrls()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, db);
    QFETCH(bool, tls);
    QFETCH(QString, url);
    const Endpoint endpoint{host, static_cast<quint16>(port), db, tls};
    QCOMPARE(endpointUrl(endpoint), url);
    InspectResult result = plainResult();
    result.endpoint = endpoint;
    QVERIFY(plainText(result).startsWith(url + QStringLiteral("  ·  environment: development\n")));
}

void TestInspectReportWriters::noSecretInOutput()
{
    // Build the result the way the inspector does: from the request's endpoint and environment.
    InspectRequest request;
    request.endpoint = Endpoint{QStringLiteral("redis.example.com"), 6380, 0, true};
    request.username = QStringLiteral("alice");
    request.password = QByteArrayLiteral("hunter2-S3cr3t!");
    request.tls.keyPassphrase = QByteArrayLiteral("key-passphrase-42");
    request.environment = QStringLiteral("production");

    InspectResult result = goodResult();
    result.endpoint = request.endpoint;
    result.environment = request.environment;
    result.stages[5] = StageResult{Stage::Auth, StageResult::Status::Ok, 0.4,
                                   QStringLiteral("authenticated as alice")};

    const QString json =
        QString::fromUtf8(QJsonDocument(inspectDocument({result}, fixedNow())).toJson());
    for (const bool colour : {false, true}) {
        const QString text = inspectToText(result, colour, fixedNow());
        for (const QString& output : {text, json}) {
            QVERIFY(!output.contains(QString::fromUtf8(request.password)));
            QVERIFY(!output.contains(QStringLiteral("hunter2")));
            QVERIFY(!output.contains(QString::fromUtf8(request.tls.keyPassphrase)));
            // No userinfo in any URL form, not even an empty one ("rediss://:pw@", "//@").
            QVERIFY(!output.contains(QLatin1Char('@')));
        }
        const QString header = text.section(QLatin1Char('\n'), 0, 0);
        QVERIFY(header.contains(QStringLiteral("rediss://redis.example.com:6380/0")));
        QVERIFY(!header.contains(QStringLiteral("alice")));
    }
}

QTEST_GUILESS_MAIN(TestInspectReportWriters)

#include "tst_InspectReportWriters.moc"
