// The certificate model, from the lab's generated certificates (DER and PEM).

#include "LabPki.h"
#include "tls/CertificateInfo.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rediscope;
using namespace rediscope::lab;

class tst_CertificateInfo : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    LabPki m_pki;

    QList<CertificateInfo> load(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        auto list = CertificateInfo::fromPem(file.readAll());
        return list ? *list : QList<CertificateInfo>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        auto pki = LabPki::generate(m_directory.path());
        QVERIFY2(pki.has_value(), qPrintable(pki ? QString() : pki.error().toString()));
        m_pki = *pki;
    }

    void serverCertificates_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("commonName");
        QTest::addColumn<int>("keyBits");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QStringList>("san");
        QTest::addColumn<bool>("selfSigned");
        QTest::addColumn<int>("chainLength");
        QTest::addColumn<int>("daysLeftSign"); // -1 expired, 1 valid

        const QStringList local{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1"),
                                QStringLiteral("IP:::1")};
        const QString sha256 = QStringLiteral("sha256WithRSAEncryption");
        QTest::newRow("good") << QStringLiteral("good") << QStringLiteral("localhost") << 2048
                              << sha256 << local << false << 2 << 1;
        QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("localhost") << 2048
                                 << sha256 << local << false << 2 << -1;
        QTest::newRow("wrong-host")
            << QStringLiteral("wrong-host") << QStringLiteral("wrong.example.net") << 2048 << sha256
            << QStringList{QStringLiteral("DNS:wrong.example.net")} << false << 2 << 1;
        QTest::newRow("self-signed") << QStringLiteral("self-signed") << QStringLiteral("localhost")
                                     << 2048 << sha256 << local << true << 1 << 1;
        QTest::newRow("weak-key") << QStringLiteral("weak-key") << QStringLiteral("localhost")
                                  << 1024 << sha256 << local << false << 2 << 1;
        QTest::newRow("sha1") << QStringLiteral("sha1") << QStringLiteral("localhost") << 2048
                              << QStringLiteral("sha1WithRSAEncryption") << local << false << 2
                              << 1;
        QTest::newRow("no-san") << QStringLiteral("no-san") << QStringLiteral("localhost") << 2048
                                << sha256 << QStringList() << false << 2 << 1;
    }

    void serverCertificates()
    {
        QFETCH(QString, kind);
        QFETCH(QString, commonName);
        QFETCH(int, keyBits);
        QFETCH(QString, signature);
        QFETCH(QStringList, san);
        QFETCH(bool, selfSigned);
        QFETCH(int, chainLength);
        QFETCH(int, daysLeftSign);

        const QList<CertificateInfo> chain = load(m_pki.serverCert(kind));
        QCOMPARE(chain.size(), chainLength);
        const CertificateInfo& leaf = chain.first();
        QCOMPARE(leaf.commonName, commonName);
        QVERIFY(leaf.subject.contains(QStringLiteral("CN=") + commonName));
        QCOMPARE(leaf.keyType, QStringLiteral("RSA"));
        QCOMPARE(leaf.keyBits, keyBits);
        QCOMPARE(leaf.signatureAlgorithm, signature);
        QCOMPARE(leaf.san, san);
        QCOMPARE(leaf.hasSanExtension, !san.isEmpty());
        QCOMPARE(leaf.selfSigned, selfSigned);
        QVERIFY(!leaf.isCa);
        QCOMPARE(leaf.extendedKeyUsage, QStringList{QStringLiteral("serverAuth")});
        QVERIFY(leaf.keyUsage.contains(QStringLiteral("digitalSignature")));
        QCOMPARE(leaf.sha256.size(), 64);
        QVERIFY(!leaf.serial.isEmpty());
        QVERIFY(leaf.notBefore.isValid() && leaf.notAfter.isValid());
        QCOMPARE(leaf.notBefore.timeSpec(), Qt::UTC);
        QVERIFY(leaf.daysLeft() * daysLeftSign > 0);
        if (chainLength == 2) {
            QCOMPARE(leaf.issuer, chain.at(1).subject);
            QVERIFY(chain.at(1).isCa);
            QCOMPARE(chain.at(1).pathLength, 0);
            QVERIFY(chain.at(1).keyUsage.contains(QStringLiteral("keyCertSign")));
        } else {
            QCOMPARE(leaf.issuer, leaf.subject);
        }
    }

    void rootAndClient()
    {
        const auto root = load(m_pki.rootCa());
        QCOMPARE(root.size(), 1);
        QVERIFY(root.first().isCa);
        QVERIFY(root.first().selfSigned);
        QCOMPARE(root.first().pathLength, -1);
        const auto client = load(m_pki.clientCert());
        QCOMPARE(client.size(), 2);
        QCOMPARE(client.first().extendedKeyUsage, QStringList{QStringLiteral("clientAuth")});
    }

    void derAndPemRoundTrip()
    {
        const CertificateInfo leaf = load(m_pki.serverCert(QStringLiteral("good"))).first();
        auto fromDer = CertificateInfo::fromDer(leaf.der);
        QVERIFY(fromDer.has_value());
        QCOMPARE(fromDer->sha256, leaf.sha256);
        QCOMPARE(fromDer->subject, leaf.subject);
        auto fromPem = CertificateInfo::fromPem(leaf.pem());
        QVERIFY(fromPem.has_value());
        QCOMPARE(fromPem->size(), 1);
        QCOMPARE(fromPem->first().sha256, leaf.sha256);
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArrayLiteral("hello, certificate");
        QTest::newRow("truncated DER") << QByteArray("\x30\x82\x05\x00\x30", 5);
        QTest::newRow("broken PEM")
            << QByteArrayLiteral("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    }

    void rejectsGarbage()
    {
        QFETCH(QByteArray, data);
        auto der = CertificateInfo::fromDer(data);
        QVERIFY(!der.has_value());
        QCOMPARE(der.error().code, ErrorCode::InvalidArgument);
        auto pem = CertificateInfo::fromPem(data);
        QVERIFY(!pem.has_value());
        QVERIFY(pem.error().message.contains(QLatin1String("PEM")));
    }
};

QTEST_GUILESS_MAIN(tst_CertificateInfo)
#include "tst_CertificateInfo.moc"
