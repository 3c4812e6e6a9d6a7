// The probe's result as the checks and report writers read it: protocol lookups, suite queries,
// group names and their display spelling, option bounds.

#include "tls/Probe.h"
#include "tls/ProbeResult.h"

#include <QTest>

using namespace rediscope;

namespace {

ProbedSuite suite(const QString& protocol, const QString& name)
{
    ProbedSuite result;
    result.protocol = protocol;
    result.info = cipherSuiteInfo(name);
    return result;
}

ProbedProtocol& protocolOf(ProbeResult& result, const QString& name)
{
    return result.protocols[ProbeResult::protocolNames().indexOf(name)];
}

// A server like the lab's no-fs scenario plus TLS 1.3 and an anonymous suite on TLS 1.0.
ProbeResult sample()
{
    ProbeResult result = ProbeResult::empty();
    protocolOf(result, QStringLiteral("TLSv1")).accepted = true;
    protocolOf(result, QStringLiteral("TLSv1")).suites = {
        suite(QStringLiteral("TLSv1"), QStringLiteral("ADH-AES128-SHA"))};
    protocolOf(result, QStringLiteral("TLSv1.1")).accepted = false;
    protocolOf(result, QStringLiteral("TLSv1.2")).accepted = true;
    protocolOf(result, QStringLiteral("TLSv1.2")).suites = {
        suite(QStringLiteral("TLSv1.2"), QStringLiteral("AES128-SHA")),
        suite(QStringLiteral("TLSv1.2"), QStringLiteral("AES256-SHA256"))};
    protocolOf(result, QStringLiteral("TLSv1.3")).accepted = true;
    protocolOf(result, QStringLiteral("TLSv1.3")).suites = {
        suite(QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"))};
    result.groups = {
        {QStringLiteral("X25519"), QStringLiteral("TLSv1.3"), ProbedGroup::Kind::Ecdhe, 253},
        {QStringLiteral("ffdhe2048"), QStringLiteral("TLSv1.3"), ProbedGroup::Kind::Dhe, 2048},
        {QStringLiteral("X25519"), QStringLiteral("TLSv1.2"), ProbedGroup::Kind::Ecdhe, 253},
        {QStringLiteral("P-256"), QStringLiteral("TLSv1.2"), ProbedGroup::Kind::Ecdhe, 256},
    };
    return result;
}

} // namespace

class tst_ProbeResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyHasFiveUnknownProtocols()
    {
        const ProbeResult result = ProbeResult::empty();
        QCOMPARE(ProbeResult::protocolNames(),
                 QStringList({QStringLiteral("SSLv3"), QStringLiteral("TLSv1"),
                              QStringLiteral("TLSv1.1"), QStringLiteral("TLSv1.2"),
                              QStringLiteral("TLSv1.3")}));
        QCOMPARE(result.protocols.size(), 5);
        for (const ProbedProtocol& protocol : result.protocols) {
            QVERIFY(!protocol.accepted.has_value());
            QVERIFY(protocol.suites.isEmpty());
        }
        QVERIFY(result.acceptedProtocols().isEmpty());
        QVERIFY(!result.accepts(QStringLiteral("SSLv3")).has_value());
        QVERIFY(!result.accepts(QStringLiteral("TLSv9")).has_value());
        QVERIFY(result.complete());
    }

    void protocolQueries()
    {
        const ProbeResult result = sample();
        QCOMPARE(result.acceptedProtocols(),
                 QStringList({QStringLiteral("TLSv1"), QStringLiteral("TLSv1.2"),
                              QStringLiteral("TLSv1.3")}));
        QCOMPARE(result.accepts(QStringLiteral("TLSv1.1")), std::optional<bool>(false));
        QCOMPARE(result.accepts(QStringLiteral("TLSv1.3")), std::optional<bool>(true));
        QVERIFY(!result.accepts(QStringLiteral("SSLv3")).has_value());
        QCOMPARE(result.cipherNames(QStringLiteral("TLSv1.2")),
                 QStringList({QStringLiteral("AES128-SHA"), QStringLiteral("AES256-SHA256")}));
        QVERIFY(result.cipherNames(QStringLiteral("TLSv1.1")).isEmpty());
        QCOMPARE(result.protocol(QStringLiteral("TLSv1.2"))->name, QStringLiteral("TLSv1.2"));
        QCOMPARE(result.protocol(QStringLiteral("nope")), nullptr);
    }

    void suiteQueries()
    {
        const ProbeResult result = sample();
        const QList<ProbedSuite> all = result.allSuites();
        QCOMPARE(all.size(), 4);
        QCOMPARE(all.first().protocol, QStringLiteral("TLSv1.3")); // newest version first
        QCOMPARE(all.last().protocol, QStringLiteral("TLSv1"));
        QVERIFY(result.anySuite([](const CipherSuiteInfo& info) { return info.anonymous(); }));
        QVERIFY(result.anySuite([](const CipherSuiteInfo& info) { return info.staticRsa(); }));
        QVERIFY(!result.anySuite([](const CipherSuiteInfo& info) { return info.rc4(); }));
        const QList<ProbedSuite> cbc =
            result.suitesWhere([](const CipherSuiteInfo& info) { return info.cbc(); });
        QCOMPARE(cbc.size(), 3);
        QCOMPARE(cbc.first().info.name, QStringLiteral("AES128-SHA"));
        // TLS 1.3 counts as forward secret; the TLS 1.2 suites here do not.
        const QList<ProbedSuite> fs =
            result.suitesWhere([](const CipherSuiteInfo& info) { return info.forwardSecrecy(); });
        QCOMPARE(fs.size(), 2);
    }

    void groupNames()
    {
        const ProbeResult result = sample();
        QCOMPARE(result.groupNames(),
                 QStringList({QStringLiteral("X25519"), QStringLiteral("ffdhe2048"),
                              QStringLiteral("P-256")}));
        QCOMPARE(result.groupNames(QStringLiteral("TLSv1.2")),
                 QStringList({QStringLiteral("X25519"), QStringLiteral("P-256")}));
        QVERIFY(result.groupNames(QStringLiteral("TLSv1")).isEmpty());
    }

    void displayNames_data()
    {
        QTest::addColumn<QString>("openssl");
        QTest::addColumn<QString>("display");
        QTest::newRow("x25519") << QStringLiteral("x25519") << QStringLiteral("X25519");
        QTest::newRow("X25519") << QStringLiteral("X25519") << QStringLiteral("X25519");
        QTest::newRow("x448") << QStringLiteral("x448") << QStringLiteral("X448");
        QTest::newRow("secp256r1") << QStringLiteral("secp256r1") << QStringLiteral("P-256");
        QTest::newRow("prime256v1") << QStringLiteral("prime256v1") << QStringLiteral("P-256");
        QTest::newRow("secp384r1") << QStringLiteral("secp384r1") << QStringLiteral("P-384");
        QTest::newRow("secp521r1") << QStringLiteral("secp521r1") << QStringLiteral("P-521");
        QTest::newRow("secp224r1") << QStringLiteral("secp224r1") << QStringLiteral("P-224");
        QTest::newRow("prime192v1") << QStringLiteral("prime192v1") << QStringLiteral("P-192");
        QTest::newRow("ffdhe2048") << QStringLiteral("ffdhe2048") << QStringLiteral("ffdhe2048");
        QTest::newRow("brainpool")
            << QStringLiteral("brainpoolP256r1") << QStringLiteral("brainpoolP256r1");
        QTest::newRow("secp256k1 is not P-256")
            << QStringLiteral("secp256k1") << QStringLiteral("secp256k1");
    }

    void displayNames()
    {
        QFETCH(QString, openssl);
        QFETCH(QString, display);
        QCOMPARE(tlsGroupDisplayName(openssl), display);
    }

    void incompleteWhenErrors()
    {
        ProbeResult result = sample();
        QVERIFY(result.complete());
        result.errors << QStringLiteral("TLSv1.2 AES128-SHA: no answer (timed out)");
        QVERIFY(!result.complete());
    }

    void badOptionsFailFast()
    {
        ProbeOptions options;
        auto result = Probe::run(options, CancelToken());
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        options.host = QStringLiteral("127.0.0.1");
        result = Probe::run(options, CancelToken()); // port 0
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }

    void cancelledBeforeStart()
    {
        ProbeOptions options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = 9; // never contacted: the token is already cancelled
        CancelToken cancel;
        cancel.cancel();
        const auto result = Probe::run(options, cancel);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(tst_ProbeResult)
#include "tst_ProbeResult.moc"
