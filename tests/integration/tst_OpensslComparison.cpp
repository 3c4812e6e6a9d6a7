// Rediscope's handshake facts against an independent client: `openssl s_client` on the same
// lab server must report the same protocol, cipher and leaf certificate.

#include "LabEnvironment.h"
#include "inspect/Inspector.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace rediscope;
using namespace rediscope::lab;

namespace {

struct Observed
{
    QString protocol;
    QString cipher;
    QString leafSha256;
};

QByteArray run(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(20000))
        qWarning("%s did not finish", qPrintable(program));
    return process.readAllStandardOutput();
}

Observed sClient(quint16 port, const QString& caFile, const QStringList& extra)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QStringList arguments{QStringLiteral("s_client"),
                          QStringLiteral("-connect"),
                          QStringLiteral("127.0.0.1:%1").arg(port),
                          QStringLiteral("-CAfile"),
                          caFile,
                          QStringLiteral("-noservername")};
    arguments << extra;
    const QByteArray output = run(openssl, arguments);
    Observed observed;
    const QString text = QString::fromUtf8(output);
    // The SSL-Session block: "    Protocol  : TLSv1.3" and "    Cipher    : TLS_AES_256_GCM_SHA384"
    const auto field = [&text](const char* name) {
        const QRegularExpression line(
            QStringLiteral("^\\s+%1\\s*: (\\S+)$").arg(QLatin1String(name)),
            QRegularExpression::MultilineOption);
        return line.match(text).captured(1);
    };
    observed.protocol = field("Protocol");
    observed.cipher = field("Cipher");
    // Without a session ticket yet (TLS 1.3), s_client prints no session block; its summary line
    // "New, TLSv1.3, Cipher is …" names the cipher's version, which for TLS 1.3 suites is the
    // protocol.
    const auto summary =
        QRegularExpression(QStringLiteral("New, (\\S+), Cipher is (\\S+)")).match(text);
    if (observed.cipher.isEmpty())
        observed.cipher = summary.captured(2);
    if (observed.protocol.isEmpty() && summary.captured(1) == QLatin1String("TLSv1.3"))
        observed.protocol = summary.captured(1);
    const qsizetype begin = output.indexOf("-----BEGIN CERTIFICATE-----");
    const qsizetype end = output.indexOf("-----END CERTIFICATE-----");
    if (begin >= 0 && end > begin) {
        const QByteArray pem = output.mid(begin, end - begin + 26);
        const QString fingerprint =
            QString::fromUtf8(run(openssl,
                                  {QStringLiteral("x509"), QStringLiteral("-noout"),
                                   QStringLiteral("-fingerprint"), QStringLiteral("-sha256")},
                                  pem));
        // "sha256 Fingerprint=AB:CD:…"
        observed.leafSha256 =
            fingerprint.section(QLatin1Char('='), 1).trimmed().remove(QLatin1Char(':')).toLower();
    }
    return observed;
}

} // namespace

class tst_OpensslComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(),
                 "the openssl command is required (apt-get install openssl)");
    }

    void sameHandshake_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("version"); // "" = defaults, else TLSv1 / TLSv1.2 pinned
        QTest::addColumn<bool>("clientCert"); // both clients present the lab's client certificate
        QTest::newRow("good") << QStringLiteral("good") << QString() << false;
        QTest::newRow("good TLS 1.2")
            << QStringLiteral("good") << QStringLiteral("TLSv1.2") << false;
        QTest::newRow("legacy") << QStringLiteral("legacy") << QString() << false;
        QTest::newRow("legacy TLS 1.0")
            << QStringLiteral("legacy") << QStringLiteral("TLSv1") << false;
        QTest::newRow("tls13-only") << QStringLiteral("tls13-only") << QString() << false;
        QTest::newRow("no-fs") << QStringLiteral("no-fs") << QString() << false;
        QTest::newRow("expired") << QStringLiteral("expired") << QString() << false;
        QTest::newRow("not-yet-valid") << QStringLiteral("not-yet-valid") << QString() << false;
        QTest::newRow("self-signed") << QStringLiteral("self-signed") << QString() << false;
        QTest::newRow("weak-key") << QStringLiteral("weak-key") << QString() << false;
        QTest::newRow("weak-key TLS 1.2")
            << QStringLiteral("weak-key") << QStringLiteral("TLSv1.2") << false;
        QTest::newRow("sha1") << QStringLiteral("sha1") << QString() << false;
        QTest::newRow("wrong-host") << QStringLiteral("wrong-host") << QString() << false;
        QTest::newRow("no-san") << QStringLiteral("no-san") << QString() << false;
        QTest::newRow("mtls") << QStringLiteral("mtls") << QString() << true;
        QTest::newRow("mtls TLS 1.2")
            << QStringLiteral("mtls") << QStringLiteral("TLSv1.2") << true;
        QTest::newRow("nopass") << QStringLiteral("nopass") << QString() << false;
        QTest::newRow("plaintext-too") << QStringLiteral("plaintext-too") << QString() << false;
    }

    void sameHandshake()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, version);
        QFETCH(bool, clientCert);
        auto& lab = LabEnvironment::shared();
        QString error;
        LabServer* server = lab.server(scenario, &error);
        QVERIFY2(server, qPrintable(error));

        InspectRequest request = server->request(lab.pki());
        request.tls.verifyPeer = false; // compare handshakes, whatever the chain
        request.tls.verifyHostname = false;
        QStringList extra;
        if (!version.isEmpty()) {
            request.tls.minProtocol = version;
            request.tls.maxProtocol = version;
            extra << QStringLiteral("-min_protocol") << version << QStringLiteral("-max_protocol")
                  << version;
            if (version == QLatin1String("TLSv1"))
                extra << QStringLiteral("-cipher") << QStringLiteral("DEFAULT:@SECLEVEL=0");
        }
        if (clientCert) {
            request.tls.certFile = lab.pki().clientCert();
            request.tls.keyFile = lab.pki().clientKey();
            extra << QStringLiteral("-cert") << request.tls.certFile << QStringLiteral("-key")
                  << request.tls.keyFile;
        }
        const InspectResult ours = Inspector::run(request);
        QVERIFY2(ours.tls.has_value(), qPrintable(ours.error ? ours.error->toString() : QString()));
        QVERIFY2(!ours.error, qPrintable(ours.error ? ours.error->toString() : QString()));
        QCOMPARE(ours.tls->clientCertSent, clientCert);
        const Observed theirs = sClient(server->tlsPort(), lab.pki().rootCa(), extra);
        QVERIFY2(!theirs.protocol.isEmpty(), "could not read openssl s_client's output");
        QCOMPARE(ours.tls->protocol, theirs.protocol);
        QCOMPARE(ours.tls->cipherOpenssl, theirs.cipher);
        QVERIFY(!theirs.leafSha256.isEmpty());
        QCOMPARE(ours.tls->chainSent.constFirst().sha256, theirs.leafSha256);
    }
};

QTEST_GUILESS_MAIN(tst_OpensslComparison)
#include "tst_OpensslComparison.moc"
