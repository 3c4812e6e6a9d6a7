// Cipher-suite metadata for the tls.cipher.* checks: what OpenSSL's own table says for the suites
// this build has, what the name parser says for suites it no longer carries (RC4, 3DES, EXPORT),
// and that the two agree on every suite OpenSSL knows.

#include "tls/ProbeCipherSuite.h"

#include <QTest>

using namespace rediscope;

Q_DECLARE_METATYPE(rediscope::KeyExchange)
Q_DECLARE_METATYPE(rediscope::Authentication)

namespace {

// The properties the checks read, as one comparable line.
QString flags(const CipherSuiteInfo& info)
{
    QStringList set;
    if (info.aead())
        set << QStringLiteral("aead");
    if (info.cbc())
        set << QStringLiteral("cbc");
    if (info.forwardSecrecy())
        set << QStringLiteral("fs");
    if (info.anonymous())
        set << QStringLiteral("anon");
    if (info.nullEncryption())
        set << QStringLiteral("null");
    if (info.exportGrade)
        set << QStringLiteral("export");
    if (info.rc4())
        set << QStringLiteral("rc4");
    if (info.des())
        set << QStringLiteral("des");
    if (info.tripleDes())
        set << QStringLiteral("3des");
    if (info.idea())
        set << QStringLiteral("idea");
    if (info.md5())
        set << QStringLiteral("md5");
    if (info.staticRsa())
        set << QStringLiteral("static-rsa");
    if (info.nullAnonOrExport())
        set << QStringLiteral("NULL_ANON_EXPORT");
    if (info.low())
        set << QStringLiteral("LOW");
    return set.join(QLatin1Char(' '));
}

} // namespace

class tst_ProbeCipherSuite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("fromOpenSsl");
        QTest::addColumn<KeyExchange>("kx");
        QTest::addColumn<Authentication>("auth");
        QTest::addColumn<QString>("encryption");
        QTest::addColumn<QString>("mac");
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("flags");

        // In this OpenSSL's table.
        QTest::newRow("TLS 1.3 AES-256")
            << QStringLiteral("TLS_AES_256_GCM_SHA384") << true << KeyExchange::Any
            << Authentication::Any << QStringLiteral("AES-256-GCM") << QStringLiteral("AEAD") << 256
            << QStringLiteral("aead fs");
        QTest::newRow("TLS 1.3 CCM_8")
            << QStringLiteral("TLS_AES_128_CCM_8_SHA256") << true << KeyExchange::Any
            << Authentication::Any << QStringLiteral("AES-128-CCM8") << QStringLiteral("AEAD")
            << 128 << QStringLiteral("aead fs");
        QTest::newRow("ECDHE-RSA GCM")
            << QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256") << true << KeyExchange::Ecdhe
            << Authentication::Rsa << QStringLiteral("AES-128-GCM") << QStringLiteral("AEAD") << 128
            << QStringLiteral("aead fs");
        QTest::newRow("ECDHE-ECDSA ChaCha20")
            << QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305") << true << KeyExchange::Ecdhe
            << Authentication::Ecdsa << QStringLiteral("CHACHA20-POLY1305")
            << QStringLiteral("AEAD") << 256 << QStringLiteral("aead fs");
        QTest::newRow("ECDHE ARIA, RSA implied")
            << QStringLiteral("ECDHE-ARIA256-GCM-SHA384") << true << KeyExchange::Ecdhe
            << Authentication::Rsa << QStringLiteral("ARIA-256-GCM") << QStringLiteral("AEAD")
            << 256 << QStringLiteral("aead fs");
        QTest::newRow("DHE-RSA CBC")
            << QStringLiteral("DHE-RSA-AES256-SHA256") << true << KeyExchange::Dhe
            << Authentication::Rsa << QStringLiteral("AES-256-CBC") << QStringLiteral("SHA256")
            << 256 << QStringLiteral("cbc fs");
        QTest::newRow("DHE-RSA CCM8")
            << QStringLiteral("DHE-RSA-AES128-CCM8") << true << KeyExchange::Dhe
            << Authentication::Rsa << QStringLiteral("AES-128-CCM8") << QStringLiteral("AEAD")
            << 128 << QStringLiteral("aead fs");
        QTest::newRow("static RSA CBC (no-fs lab)")
            << QStringLiteral("AES128-SHA") << true << KeyExchange::Rsa << Authentication::Rsa
            << QStringLiteral("AES-128-CBC") << QStringLiteral("SHA1") << 128
            << QStringLiteral("cbc static-rsa");
        QTest::newRow("static RSA GCM")
            << QStringLiteral("AES256-GCM-SHA384") << true << KeyExchange::Rsa
            << Authentication::Rsa << QStringLiteral("AES-256-GCM") << QStringLiteral("AEAD") << 256
            << QStringLiteral("aead static-rsa");
        QTest::newRow("static RSA Camellia")
            << QStringLiteral("CAMELLIA128-SHA") << true << KeyExchange::Rsa << Authentication::Rsa
            << QStringLiteral("CAMELLIA-128-CBC") << QStringLiteral("SHA1") << 128
            << QStringLiteral("cbc static-rsa");
        QTest::newRow("anonymous DH")
            << QStringLiteral("ADH-AES128-GCM-SHA256") << true << KeyExchange::Dhe
            << Authentication::None << QStringLiteral("AES-128-GCM") << QStringLiteral("AEAD")
            << 128 << QStringLiteral("aead fs anon NULL_ANON_EXPORT");
        QTest::newRow("anonymous ECDH")
            << QStringLiteral("AECDH-AES256-SHA") << true << KeyExchange::Ecdhe
            << Authentication::None << QStringLiteral("AES-256-CBC") << QStringLiteral("SHA1")
            << 256 << QStringLiteral("cbc fs anon NULL_ANON_EXPORT");
        QTest::newRow("NULL cipher")
            << QStringLiteral("NULL-SHA256") << true << KeyExchange::Rsa << Authentication::Rsa
            << QStringLiteral("NULL") << QStringLiteral("SHA256") << 0
            << QStringLiteral("null static-rsa NULL_ANON_EXPORT");
        QTest::newRow("NULL-MD5") << QStringLiteral("NULL-MD5") << true << KeyExchange::Rsa
                                  << Authentication::Rsa << QStringLiteral("NULL")
                                  << QStringLiteral("MD5") << 0
                                  << QStringLiteral("null md5 static-rsa NULL_ANON_EXPORT");
        QTest::newRow("ECDHE NULL")
            << QStringLiteral("ECDHE-ECDSA-NULL-SHA") << true << KeyExchange::Ecdhe
            << Authentication::Ecdsa << QStringLiteral("NULL") << QStringLiteral("SHA1") << 0
            << QStringLiteral("fs null NULL_ANON_EXPORT");
        QTest::newRow("PSK") << QStringLiteral("PSK-AES256-GCM-SHA384") << true << KeyExchange::Psk
                             << Authentication::Psk << QStringLiteral("AES-256-GCM")
                             << QStringLiteral("AEAD") << 256 << QStringLiteral("aead");
        QTest::newRow("RSA-PSK") << QStringLiteral("RSA-PSK-AES128-CBC-SHA256") << true
                                 << KeyExchange::RsaPsk << Authentication::Rsa
                                 << QStringLiteral("AES-128-CBC") << QStringLiteral("SHA256") << 128
                                 << QStringLiteral("cbc");
        QTest::newRow("SRP") << QStringLiteral("SRP-RSA-AES-256-CBC-SHA") << true
                             << KeyExchange::Srp << Authentication::Rsa
                             << QStringLiteral("AES-256-CBC") << QStringLiteral("SHA1") << 256
                             << QStringLiteral("cbc");
        QTest::newRow("by IANA name")
            << QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA") << true << KeyExchange::Ecdhe
            << Authentication::Rsa << QStringLiteral("AES-128-CBC") << QStringLiteral("SHA1") << 128
            << QStringLiteral("cbc fs");

        // Not in this build (no-weak-ssl-ciphers): parsed from the name.
        QTest::newRow("3DES") << QStringLiteral("DES-CBC3-SHA") << false << KeyExchange::Rsa
                              << Authentication::Rsa << QStringLiteral("3DES-EDE-CBC")
                              << QStringLiteral("SHA1") << 112
                              << QStringLiteral("cbc 3des static-rsa LOW");
        QTest::newRow("ECDHE 3DES")
            << QStringLiteral("ECDHE-RSA-DES-CBC3-SHA") << false << KeyExchange::Ecdhe
            << Authentication::Rsa << QStringLiteral("3DES-EDE-CBC") << QStringLiteral("SHA1")
            << 112 << QStringLiteral("cbc fs 3des LOW");
        QTest::newRow("RC4-MD5") << QStringLiteral("RC4-MD5") << false << KeyExchange::Rsa
                                 << Authentication::Rsa << QStringLiteral("RC4")
                                 << QStringLiteral("MD5") << 128
                                 << QStringLiteral("rc4 md5 static-rsa LOW");
        QTest::newRow("single DES")
            << QStringLiteral("EDH-RSA-DES-CBC-SHA") << false << KeyExchange::Dhe
            << Authentication::Rsa << QStringLiteral("DES-CBC") << QStringLiteral("SHA1") << 56
            << QStringLiteral("cbc fs des LOW");
        QTest::newRow("IDEA") << QStringLiteral("IDEA-CBC-SHA") << false << KeyExchange::Rsa
                              << Authentication::Rsa << QStringLiteral("IDEA-CBC")
                              << QStringLiteral("SHA1") << 128
                              << QStringLiteral("cbc idea static-rsa LOW");
        QTest::newRow("SEED") << QStringLiteral("SEED-SHA") << false << KeyExchange::Rsa
                              << Authentication::Rsa << QStringLiteral("SEED-CBC")
                              << QStringLiteral("SHA1") << 128 << QStringLiteral("cbc static-rsa");
        QTest::newRow("EXPORT RC4")
            << QStringLiteral("EXP-RC4-MD5") << false << KeyExchange::Rsa << Authentication::Rsa
            << QStringLiteral("RC4") << QStringLiteral("MD5") << 40
            << QStringLiteral("export rc4 md5 static-rsa NULL_ANON_EXPORT LOW");
        QTest::newRow("EXPORT anonymous DES")
            << QStringLiteral("EXP-ADH-DES-CBC-SHA") << false << KeyExchange::Dhe
            << Authentication::None << QStringLiteral("DES-CBC") << QStringLiteral("SHA1") << 40
            << QStringLiteral("cbc fs anon export des NULL_ANON_EXPORT LOW");
        QTest::newRow("anonymous RC4")
            << QStringLiteral("ADH-RC4-MD5") << false << KeyExchange::Dhe << Authentication::None
            << QStringLiteral("RC4") << QStringLiteral("MD5") << 128
            << QStringLiteral("fs anon rc4 md5 NULL_ANON_EXPORT LOW");
        QTest::newRow("static ECDH")
            << QStringLiteral("ECDH-ECDSA-AES128-SHA") << false << KeyExchange::Ecdh
            << Authentication::Ecdsa << QStringLiteral("AES-128-CBC") << QStringLiteral("SHA1")
            << 128 << QStringLiteral("cbc");
        QTest::newRow("IANA 3DES")
            << QStringLiteral("TLS_RSA_WITH_3DES_EDE_CBC_SHA") << false << KeyExchange::Rsa
            << Authentication::Rsa << QStringLiteral("3DES-EDE-CBC") << QStringLiteral("SHA1")
            << 112 << QStringLiteral("cbc 3des static-rsa LOW");
        QTest::newRow("IANA export RC4 40")
            << QStringLiteral("TLS_RSA_EXPORT_WITH_RC4_40_MD5") << false << KeyExchange::Rsa
            << Authentication::Rsa << QStringLiteral("RC4") << QStringLiteral("MD5") << 40
            << QStringLiteral("export rc4 md5 static-rsa NULL_ANON_EXPORT LOW");
        QTest::newRow("IANA anonymous DES40")
            << QStringLiteral("TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA") << false << KeyExchange::Dhe
            << Authentication::None << QStringLiteral("DES-CBC") << QStringLiteral("SHA1") << 40
            << QStringLiteral("cbc fs anon export des NULL_ANON_EXPORT LOW");
        QTest::newRow("IANA RC4 128")
            << QStringLiteral("TLS_ECDHE_RSA_WITH_RC4_128_SHA") << false << KeyExchange::Ecdhe
            << Authentication::Rsa << QStringLiteral("RC4") << QStringLiteral("SHA1") << 128
            << QStringLiteral("fs rc4 LOW");
        QTest::newRow("IANA Camellia GCM")
            << QStringLiteral("TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256") << false
            << KeyExchange::Dhe << Authentication::Rsa << QStringLiteral("CAMELLIA-128-GCM")
            << QStringLiteral("AEAD") << 128 << QStringLiteral("aead fs");
    }

    void classify()
    {
        QFETCH(QString, name);
        QFETCH(bool, fromOpenSsl);
        QFETCH(KeyExchange, kx);
        QFETCH(Authentication, auth);
        QFETCH(QString, encryption);
        QFETCH(QString, mac);
        QFETCH(int, bits);
        QFETCH(QString, flags);
        const CipherSuiteInfo info = cipherSuiteInfo(name);
        QVERIFY(info.isValid());
        QCOMPARE(info.fromOpenSsl, fromOpenSsl);
        QCOMPARE(info.keyExchange, kx);
        QCOMPARE(info.authentication, auth);
        QCOMPARE(info.encryption, encryption);
        QCOMPARE(info.mac, mac);
        QCOMPARE(info.bits, bits);
        QCOMPARE(::flags(info), flags);
    }

    void openSslNamesAndIds()
    {
        const CipherSuiteInfo byName =
            cipherSuiteInfo(QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
        QCOMPARE(byName.ianaName, QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        QCOMPARE(byName.id, quint16(0xC02F));
        QCOMPARE(byName.minProtocol, QStringLiteral("TLSv1.2"));
        // The IANA name finds the same entry, under OpenSSL's name.
        const CipherSuiteInfo byIana =
            cipherSuiteInfo(QStringLiteral("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        QCOMPARE(byIana.name, QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
        QCOMPARE(byIana.id, quint16(0xC02F));
        QCOMPARE(cipherSuiteInfo(QStringLiteral("TLS_AES_128_GCM_SHA256")).id, quint16(0x1301));
        QCOMPARE(cipherSuiteInfo(QStringLiteral("TLS_AES_128_GCM_SHA256")).minProtocol,
                 QStringLiteral("TLSv1.3"));
        QCOMPARE(cipherSuiteInfo(QStringLiteral("AES128-SHA")).minProtocol,
                 QStringLiteral("SSLv3"));
    }

    // The parser and OpenSSL's table agree on every suite OpenSSL can name, by either name: the
    // parser is what classifies suites this build lacks, so it must be right where it can be
    // checked.
    void parserAgreesWithOpenSsl()
    {
        const QStringList names = openSslCipherSuiteNames();
        QVERIFY2(names.size() > 100, qPrintable(QString::number(names.size())));
        QVERIFY(names.startsWith(QStringLiteral("TLS_AES_256_GCM_SHA384")));
        for (const QString& name : names) {
            const CipherSuiteInfo table = cipherSuiteInfo(name);
            QVERIFY2(table.fromOpenSsl && table.isValid(), qPrintable(name));
            for (const QString& spelling : {table.name, table.ianaName}) {
                const CipherSuiteInfo parsed = cipherSuiteInfoFromName(spelling);
                QVERIFY2(parsed.isValid(), qPrintable(spelling));
                QVERIFY2(!parsed.fromOpenSsl, qPrintable(spelling));
                const QString context = spelling + QStringLiteral(": ") + table.summary() +
                                        QStringLiteral(" vs ") + parsed.summary();
                QVERIFY2(parsed.keyExchange == table.keyExchange, qPrintable(context));
                QVERIFY2(parsed.authentication == table.authentication, qPrintable(context));
                QVERIFY2(parsed.encryption == table.encryption, qPrintable(context));
                QVERIFY2(parsed.mac == table.mac, qPrintable(context));
                QVERIFY2(parsed.bits == table.bits, qPrintable(context));
                QVERIFY2(parsed.exportGrade == table.exportGrade, qPrintable(context));
                QVERIFY2(::flags(parsed) == ::flags(table), qPrintable(context));
            }
        }
    }

    void invalidNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("word") << QStringLiteral("DEFAULT");
        QTest::newRow("cipher string") << QStringLiteral("HIGH:!aNULL");
        QTest::newRow("unknown bulk") << QStringLiteral("ECDHE-RSA-FOO128-SHA");
        QTest::newRow("IANA unknown kx") << QStringLiteral("TLS_FOO_WITH_AES_128_GCM_SHA256");
        QTest::newRow("IANA no mac") << QStringLiteral("TLS_RSA_WITH_AES_128_CBC");
    }

    void invalidNames()
    {
        QFETCH(QString, name);
        QVERIFY(!cipherSuiteInfo(name).isValid());
    }

    void names()
    {
        QCOMPARE(keyExchangeName(KeyExchange::Ecdhe), QStringLiteral("ECDHE"));
        QCOMPARE(keyExchangeName(KeyExchange::Any), QStringLiteral("any"));
        QCOMPARE(authenticationName(Authentication::None), QStringLiteral("anon"));
        QCOMPARE(cipherSuiteInfo(QStringLiteral("ECDHE-RSA-AES128-SHA")).summary(),
                 QStringLiteral("ECDHE, RSA, AES-128-CBC, SHA1, 128 bits"));
        QCOMPARE(cipherSuiteInfo(QStringLiteral("TLS_CHACHA20_POLY1305_SHA256")).summary(),
                 QStringLiteral("CHACHA20-POLY1305, 256 bits"));
    }
};

QTEST_GUILESS_MAIN(tst_ProbeCipherSuite)
#include "tst_ProbeCipherSuite.moc"
