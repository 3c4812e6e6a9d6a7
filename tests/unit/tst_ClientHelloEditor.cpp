#include "tls/ClientHelloEditor.h"

#include <QTest>
#include <openssl/ssl.h>

using namespace rediscope;

namespace {

// A real ClientHello, as OpenSSL writes it for a TLS 1.3 client offering these groups.
QByteArray openSslClientHello(const char* groups)
{
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
    SSL_CTX_set1_groups_list(context, groups);
    SSL* ssl = SSL_new(context);
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, in, out);
    SSL_connect(ssl);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    QByteArray record(data, static_cast<qsizetype>(size));
    SSL_free(ssl);
    SSL_CTX_free(context);
    return record;
}

// What OpenSSL's own server-side parser thinks of a ClientHello: fed to a TLS 1.3 server, a
// well-formed hello with no usable key share gets a HelloRetryRequest (a ServerHello record).
QByteArray serverAnswer(const QByteArray& hello)
{
    SSL_CTX* context = SSL_CTX_new(TLS_server_method());
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    X509* certificate = X509_new();
    X509_set_pubkey(certificate, key);
    X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
    X509_sign(certificate, key, EVP_sha256());
    SSL_CTX_use_certificate(context, certificate);
    SSL_CTX_use_PrivateKey(context, key);
    SSL* ssl = SSL_new(context);
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    BIO_write(in, hello.constData(), static_cast<int>(hello.size()));
    SSL_set_bio(ssl, in, out);
    SSL_accept(ssl);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    QByteArray answer(data, static_cast<qsizetype>(std::max(size, 0L)));
    SSL_free(ssl);
    SSL_CTX_free(context);
    X509_free(certificate);
    EVP_PKEY_free(key);
    return answer;
}

} // namespace

class tst_ClientHelloEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripIsByteExact()
    {
        const QByteArray hello = openSslClientHello("x25519:secp256r1");
        const ClientHelloEditor editor(hello);
        QVERIFY(editor.isValid());
        QCOMPARE(editor.record(), hello);
        QVERIFY(editor.extension(ClientHelloEditor::KeyShare).has_value());
        QCOMPARE(*editor.extension(ClientHelloEditor::SupportedGroups),
                 QByteArray::fromHex("0004001d0017"));
        QVERIFY(!editor.extension(0x7777).has_value());
    }

    void emptyKeyShareGetsAHelloRetryRequest()
    {
        ClientHelloEditor editor(openSslClientHello("x25519:secp256r1"));
        QVERIFY(editor.setExtension(ClientHelloEditor::KeyShare, QByteArray(2, '\0')));
        QVERIFY(editor.setExtension(ClientHelloEditor::SupportedGroups,
                                    QByteArray::fromHex("00020017")));
        QVERIFY(!editor.setExtension(0x7777, {}));
        const QByteArray edited = editor.record();
        QVERIFY(edited.size() < openSslClientHello("x25519").size() + 8);
        const ClientHelloEditor reread(edited);
        QVERIFY(reread.isValid());
        QCOMPARE(*reread.extension(ClientHelloEditor::KeyShare), QByteArray(2, '\0'));

        // A real TLS 1.3 server reads the edited hello and asks for P-256 (group 23).
        const QByteArray answer = serverAnswer(edited);
        QVERIFY2(answer.size() > 60, answer.toHex().constData());
        QCOMPARE(answer.at(0), char(22)); // a handshake record, not an alert
        QCOMPARE(answer.at(5), char(2));  // ServerHello (HelloRetryRequest)
        QCOMPARE(answer.mid(11, 32),
                 QByteArray::fromHex(
                     "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C"));
        QVERIFY(answer.contains(QByteArray::fromHex("003300020017"))); // key_share: secp256r1
    }

    void rejectsWhatIsNotOneClientHello_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray hello = openSslClientHello("x25519");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("truncated") << hello.left(hello.size() - 3);
        QTest::addRow("two records") << hello + hello;
        QTest::addRow("alert") << QByteArray::fromHex("15030300020228");
        QByteArray serverHelloType = hello;
        serverHelloType[5] = 2;
        QTest::addRow("not a ClientHello") << serverHelloType;
        // One byte more than the extensions' length says, with the record and message lengths
        // grown to match.
        QByteArray badExtensions = hello + QByteArray(1, '\0');
        const int recordLength = static_cast<int>(badExtensions.size() - 5);
        badExtensions[3] = static_cast<char>(recordLength >> 8);
        badExtensions[4] = static_cast<char>(recordLength & 0xff);
        const int messageLength = recordLength - 4;
        badExtensions[7] = static_cast<char>(messageLength >> 8);
        badExtensions[8] = static_cast<char>(messageLength & 0xff);
        QTest::addRow("extension overrun") << badExtensions;
    }
    void rejectsWhatIsNotOneClientHello()
    {
        QFETCH(QByteArray, bytes);
        const ClientHelloEditor editor(bytes);
        QVERIFY(!editor.isValid());
        QVERIFY(editor.record().isEmpty());
    }
};

QTEST_APPLESS_MAIN(tst_ClientHelloEditor)
#include "tst_ClientHelloEditor.moc"
