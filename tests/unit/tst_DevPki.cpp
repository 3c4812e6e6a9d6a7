// The development PKI: the chain verifies with OpenSSL (X509_verify_cert) for the purposes and
// host names it is meant for and fails for others; subjectAltNames, extended key usage, key
// type and size, validity; key files 0600 whatever the umask; existing files are never replaced
// without force, and a refusal leaves nothing behind.

#include "pki/DevPki.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <cstdio>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

using namespace rediscope;

namespace {

struct CertFree
{
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct KeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Cert = std::unique_ptr<X509, CertFree>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Cert readCertificate(const QString& path)
{
    FILE* file = std::fopen(QFile::encodeName(path).constData(), "r");
    if (!file)
        return nullptr;
    Cert certificate(PEM_read_X509(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    return certificate;
}

Key readKey(const QString& path)
{
    FILE* file = std::fopen(QFile::encodeName(path).constData(), "r");
    if (!file)
        return nullptr;
    Key key(PEM_read_PrivateKey(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    return key;
}

// X509_verify_cert of `leaf` against `ca` for `purpose`, optionally for a host or an IP
// address. Returns the verify error (X509_V_OK when it verifies).
int verify(X509* ca, X509* leaf, int purpose, const QString& host = QString(),
           const QString& ip = QString())
{
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, ca);
    X509_STORE_CTX* context = X509_STORE_CTX_new();
    X509_STORE_CTX_init(context, store, leaf, nullptr);
    X509_STORE_CTX_set_purpose(context, purpose);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context);
    if (!host.isEmpty())
        X509_VERIFY_PARAM_set1_host(param, host.toLatin1().constData(), 0);
    if (!ip.isEmpty())
        X509_VERIFY_PARAM_set1_ip_asc(param, ip.toLatin1().constData());
    const int ok = X509_verify_cert(context);
    const int error = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(context);
    X509_STORE_CTX_free(context);
    X509_STORE_free(store);
    return error;
}

QStringList subjectAltNames(X509* certificate)
{
    QStringList entries;
    auto* names = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS) {
            entries << QStringLiteral("DNS:") +
                           QString::fromLatin1(reinterpret_cast<const char*>(
                                                   ASN1_STRING_get0_data(name->d.dNSName)),
                                               ASN1_STRING_length(name->d.dNSName));
        } else if (name->type == GEN_IPADD) {
            const int length = ASN1_STRING_length(name->d.iPAddress);
            const unsigned char* bytes = ASN1_STRING_get0_data(name->d.iPAddress);
            char buffer[64] = {};
            if (length == 4)
                std::snprintf(buffer, sizeof buffer, "%d.%d.%d.%d", bytes[0], bytes[1], bytes[2],
                              bytes[3]);
            else if (length == 16)
                inet_ntop(AF_INET6, bytes, buffer, sizeof buffer);
            entries << QStringLiteral("IP:") + QString::fromLatin1(buffer);
        }
    }
    GENERAL_NAMES_free(names);
    return entries;
}

int modeOf(const QString& path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

QStringList entriesOf(const QString& directory)
{
    QStringList names =
        QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    names.sort();
    return names;
}

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// ASN1_TIME relative to now, in days (negative: in the past).
int daysFromNow(const ASN1_TIME* time)
{
    int days = 0;
    int seconds = 0;
    ASN1_TIME_diff(&days, &seconds, nullptr, time);
    return days;
}

} // namespace

class tst_DevPki : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedPkiVerifies_data()
    {
        QTest::addColumn<int>("keyType");
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("bits");
        QTest::newRow("ECDSA P-256 (default)") << int(DevKeyType::EcP256) << "EC" << 256;
        QTest::newRow("RSA 2048") << int(DevKeyType::Rsa2048) << "RSA" << 2048;
        QTest::newRow("RSA 3072") << int(DevKeyType::Rsa3072) << "RSA" << 3072;
    }

    void generatedPkiVerifies()
    {
        QFETCH(int, keyType);
        QFETCH(QString, algorithm);
        QFETCH(int, bits);
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        DevPkiOptions options;
        options.directory = temporary.filePath(QStringLiteral("pki"));
        options.hosts = {QStringLiteral("localhost"), QStringLiteral("Redis.Dev.Example.COM"),
                         QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
        options.days = 90;
        options.keyType = DevKeyType(keyType);
        options.clientCertificate = true;
        const auto written = DevPki::generate(options);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
        const QDir dir(options.directory);
        QCOMPARE(written->size(), 6);
        QCOMPARE(entriesOf(dir.path()),
                 (QStringList{QStringLiteral("ca.key"), QStringLiteral("ca.pem"),
                              QStringLiteral("client.key"), QStringLiteral("client.pem"),
                              QStringLiteral("server.key"), QStringLiteral("server.pem")}));

        const Cert ca = readCertificate(dir.filePath(QStringLiteral("ca.pem")));
        const Cert server = readCertificate(dir.filePath(QStringLiteral("server.pem")));
        const Cert client = readCertificate(dir.filePath(QStringLiteral("client.pem")));
        QVERIFY(ca && server && client);

        // The chain, for the purposes the certificates are for.
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER), X509_V_OK);
        QCOMPARE(verify(ca.get(), client.get(), X509_PURPOSE_SSL_CLIENT), X509_V_OK);
        // ... and not for the others.
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_CLIENT),
                 X509_V_ERR_INVALID_PURPOSE);
        QCOMPARE(verify(ca.get(), client.get(), X509_PURPOSE_SSL_SERVER),
                 X509_V_ERR_INVALID_PURPOSE);
        // A CA the chain does not lead to.
        QCOMPARE(verify(server.get(), server.get(), X509_PURPOSE_SSL_SERVER) == X509_V_OK, false);

        // Host names and addresses: the SANs match, others do not.
        for (const char* host : {"localhost", "redis.dev.example.com"})
            QCOMPARE(
                verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER, QString::fromLatin1(host)),
                X509_V_OK);
        for (const char* ip : {"127.0.0.1", "::1"})
            QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER, QString(),
                            QString::fromLatin1(ip)),
                     X509_V_OK);
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER,
                        QStringLiteral("other.example.com")),
                 X509_V_ERR_HOSTNAME_MISMATCH);
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER, QString(),
                        QStringLiteral("10.0.0.1")),
                 X509_V_ERR_IP_ADDRESS_MISMATCH);
        QCOMPARE(subjectAltNames(server.get()),
                 (QStringList{QStringLiteral("DNS:localhost"),
                              QStringLiteral("DNS:redis.dev.example.com"),
                              QStringLiteral("IP:127.0.0.1"), QStringLiteral("IP:::1")}));

        // Extended key usage, CA flags.
        QVERIFY(X509_get_extension_flags(server.get()) & EXFLAG_XKUSAGE);
        QCOMPARE(X509_get_extended_key_usage(server.get()), uint32_t(XKU_SSL_SERVER));
        QCOMPARE(X509_get_extended_key_usage(client.get()), uint32_t(XKU_SSL_CLIENT));
        QCOMPARE(X509_check_ca(ca.get()), 1);
        QCOMPARE(X509_check_ca(server.get()), 0);
        QCOMPARE(X509_check_ca(client.get()), 0);
        QVERIFY(X509_get_key_usage(server.get()) & KU_DIGITAL_SIGNATURE);
        QVERIFY(X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN);

        // Keys: the type and size asked for, matching their certificates.
        for (const char* name : {"ca", "server", "client"}) {
            const QString base = QString::fromLatin1(name);
            const Key key = readKey(dir.filePath(base + QStringLiteral(".key")));
            QVERIFY2(key, name);
            QVERIFY2(EVP_PKEY_is_a(key.get(), algorithm.toLatin1().constData()), name);
            QCOMPARE(EVP_PKEY_get_bits(key.get()), bits);
            if (algorithm == QLatin1String("EC")) {
                char group[64] = {};
                size_t length = 0;
                QVERIFY(EVP_PKEY_get_group_name(key.get(), group, sizeof group, &length) == 1);
                QCOMPARE(QString::fromLatin1(group), QStringLiteral("prime256v1"));
            }
            const Cert certificate = readCertificate(dir.filePath(base + QStringLiteral(".pem")));
            QVERIFY2(X509_check_private_key(certificate.get(), key.get()) == 1, name);
            QCOMPARE(X509_get_signature_nid(certificate.get()), algorithm == QLatin1String("EC")
                                                                    ? NID_ecdsa_with_SHA256
                                                                    : NID_sha256WithRSAEncryption);
        }

        // Validity: from (a little before) now, for the days asked; the CA for ten years.
        QVERIFY(daysFromNow(X509_get0_notBefore(server.get())) <= 0);
        const int serverDays = daysFromNow(X509_get0_notAfter(server.get()));
        QVERIFY2(serverDays >= 89 && serverDays <= 90, qPrintable(QString::number(serverDays)));
        const int clientDays = daysFromNow(X509_get0_notAfter(client.get()));
        QVERIFY(clientDays >= 89 && clientDays <= 90);
        QVERIFY(daysFromNow(X509_get0_notAfter(ca.get())) >= DevPki::CaMinimumDays - 1);

        // Modes: keys private, certificates readable, a new directory private.
        for (const char* key : {"ca.key", "server.key", "client.key"})
            QCOMPARE(modeOf(dir.filePath(QString::fromLatin1(key))), 0600);
        for (const char* certificate : {"ca.pem", "server.pem", "client.pem"})
            QCOMPARE(modeOf(dir.filePath(QString::fromLatin1(certificate))), 0644);
        QCOMPARE(modeOf(dir.path()), 0700);
    }

    void serverCertificateForReplication()
    {
        QTemporaryDir temporary;
        DevPkiOptions options;
        options.directory = temporary.path();
        options.serverAlsoClient = true;
        QVERIFY(DevPki::generate(options));
        const Cert ca = readCertificate(temporary.filePath(QStringLiteral("ca.pem")));
        const Cert server = readCertificate(temporary.filePath(QStringLiteral("server.pem")));
        QCOMPARE(X509_get_extended_key_usage(server.get()),
                 uint32_t(XKU_SSL_SERVER | XKU_SSL_CLIENT));
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_CLIENT), X509_V_OK);
        QCOMPARE(entriesOf(temporary.path()).size(), 4); // no client certificate
    }

    void keysArePrivateWhateverTheUmask()
    {
        QTemporaryDir temporary;
        DevPkiOptions options;
        options.directory = temporary.path();
        options.clientCertificate = true;
        const mode_t previous = ::umask(0);
        const auto written = DevPki::generate(
            options, {{QStringLiteral("secret.conf"), QByteArrayLiteral("x\n"), true},
                      {QStringLiteral("public.txt"), QByteArrayLiteral("y\n"), false}});
        ::umask(previous);
        QVERIFY(written);
        for (const char* key : {"ca.key", "server.key", "client.key", "secret.conf"})
            QCOMPARE(modeOf(temporary.filePath(QString::fromLatin1(key))), 0600);
        for (const char* file : {"ca.pem", "server.pem", "client.pem", "public.txt"})
            QCOMPARE(modeOf(temporary.filePath(QString::fromLatin1(file))), 0644);
        QCOMPARE(contentOf(temporary.filePath(QStringLiteral("secret.conf"))),
                 QByteArrayLiteral("x\n"));
    }

    void refusesToOverwrite()
    {
        QTemporaryDir temporary;
        DevPkiOptions options;
        options.directory = temporary.path();
        QVERIFY(DevPki::generate(options));
        const QStringList before = entriesOf(temporary.path());
        const QByteArray caBefore = contentOf(temporary.filePath(QStringLiteral("ca.pem")));
        const QByteArray keyBefore = contentOf(temporary.filePath(QStringLiteral("ca.key")));

        const auto again = DevPki::generate(options);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::FileError);
        QVERIFY2(again.error().message.contains(QLatin1String("ca.key")) &&
                     again.error().message.contains(QLatin1String("--force")),
                 qPrintable(again.error().message));
        QCOMPARE(entriesOf(temporary.path()), before); // no temporary file left either
        QCOMPARE(contentOf(temporary.filePath(QStringLiteral("ca.pem"))), caBefore);
        QCOMPARE(contentOf(temporary.filePath(QStringLiteral("ca.key"))), keyBefore);
    }

    void oneExistingFileStopsTheWholeSet()
    {
        QTemporaryDir temporary;
        QFile existing(temporary.filePath(QStringLiteral("redis.conf")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("port 6379\n");
        existing.close();
        DevPkiOptions options;
        options.directory = temporary.path();
        const auto written = DevPki::generate(
            options, {{QStringLiteral("redis.conf"), QByteArrayLiteral("new"), true}});
        QVERIFY(!written);
        QVERIFY(written.error().message.contains(QLatin1String("redis.conf")));
        QCOMPARE(entriesOf(temporary.path()), QStringList{QStringLiteral("redis.conf")});
        QCOMPARE(contentOf(temporary.filePath(QStringLiteral("redis.conf"))),
                 QByteArrayLiteral("port 6379\n"));
    }

    void forceReplaces()
    {
        QTemporaryDir temporary;
        DevPkiOptions options;
        options.directory = temporary.path();
        QVERIFY(DevPki::generate(options));
        const QByteArray caBefore = contentOf(temporary.filePath(QStringLiteral("ca.pem")));
        const QByteArray keyBefore = contentOf(temporary.filePath(QStringLiteral("server.key")));
        QFile::setPermissions(temporary.filePath(QStringLiteral("server.key")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ReadOther);
        options.force = true;
        const auto written = DevPki::generate(options);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
        QVERIFY(contentOf(temporary.filePath(QStringLiteral("ca.pem"))) != caBefore);
        QVERIFY(contentOf(temporary.filePath(QStringLiteral("server.key"))) != keyBefore);
        QCOMPARE(modeOf(temporary.filePath(QStringLiteral("server.key"))), 0600);
        QCOMPARE(entriesOf(temporary.path()).size(), 4);
        // The new set is consistent: the new server certificate chains to the new CA.
        const Cert ca = readCertificate(temporary.filePath(QStringLiteral("ca.pem")));
        const Cert server = readCertificate(temporary.filePath(QStringLiteral("server.pem")));
        QCOMPARE(verify(ca.get(), server.get(), X509_PURPOSE_SSL_SERVER), X509_V_OK);
    }

    void badOptionsWriteNothing_data()
    {
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("extraName");
        QTest::newRow("bad host") << QStringList{QStringLiteral("bad_host")} << 365 << QString();
        QTest::newRow("no host") << QStringList{} << 365 << QString();
        QTest::newRow("zero days") << QStringList{QStringLiteral("localhost")} << 0 << QString();
        QTest::newRow("too many days")
            << QStringList{QStringLiteral("localhost")} << DevPki::MaxDays + 1 << QString();
        QTest::newRow("extra file outside the directory")
            << QStringList{QStringLiteral("localhost")} << 365 << QStringLiteral("../x.conf");
        QTest::newRow("extra file named like a key")
            << QStringList{QStringLiteral("localhost")} << 365 << QStringLiteral("ca.key");
    }

    void badOptionsWriteNothing()
    {
        QFETCH(QStringList, hosts);
        QFETCH(int, days);
        QFETCH(QString, extraName);
        QTemporaryDir temporary;
        DevPkiOptions options;
        options.directory = temporary.filePath(QStringLiteral("pki"));
        options.hosts = hosts;
        options.days = days;
        QList<DevPkiExtraFile> extra;
        if (!extraName.isEmpty())
            extra << DevPkiExtraFile{extraName, QByteArrayLiteral("x"), false};
        const auto written = DevPki::generate(options, extra);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFileInfo::exists(options.directory));
    }

    void subjectAltName_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("expected"); // empty: rejected
        QTest::newRow("localhost") << "localhost"
                                   << "DNS:localhost";
        QTest::newRow("upper case, trailing dot") << "Redis.Example.COM."
                                                  << "DNS:redis.example.com";
        QTest::newRow("wildcard") << "*.dev.example.com"
                                  << "DNS:*.dev.example.com";
        QTest::newRow("IPv4") << "127.0.0.1"
                              << "IP:127.0.0.1";
        QTest::newRow("IPv6") << "::1"
                              << "IP:::1";
        QTest::newRow("IPv6 in brackets") << "[::1]"
                                          << "IP:::1";
        QTest::newRow("IPv6 canonical") << "2001:DB8:0::0:1"
                                        << "IP:2001:db8::1";
        QTest::newRow("wildcard of a TLD") << "*.com"
                                           << "";
        QTest::newRow("wildcard inside") << "a.*.example.com"
                                         << "";
        QTest::newRow("underscore") << "bad_host"
                                    << "";
        QTest::newRow("leading hyphen") << "-bad.example.com"
                                        << "";
        QTest::newRow("empty label") << "a..b"
                                     << "";
        QTest::newRow("space") << "ex ample"
                               << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("URL") << "rediss://host"
                             << "";
        QTest::newRow("label too long")
            << QString(64, QLatin1Char('a')) + QStringLiteral(".com") << "";
    }

    void subjectAltName()
    {
        QFETCH(QString, host);
        QFETCH(QString, expected);
        QCOMPARE(DevPki::subjectAltName(host).value_or(QString()), expected);
    }

    void loopback_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << "localhost" << true;
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.1.2.3") << "127.1.2.3" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("[::1]") << "[::1]" << true;
        QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
        QTest::newRow("myhost") << "myhost" << false;
        QTest::newRow("::2") << "::2" << false;
    }

    void loopback()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(DevPki::isLoopback(host), loopback);
    }

    void keyTypeNames()
    {
        for (const DevKeyType type : {DevKeyType::EcP256, DevKeyType::Rsa2048, DevKeyType::Rsa3072})
            QCOMPARE(devKeyTypeFromName(devKeyTypeName(type)), std::optional<DevKeyType>(type));
        QCOMPARE(devKeyTypeFromName(QStringLiteral("RSA1024")), std::nullopt);
        QCOMPARE(devKeyTypeFromName(QStringLiteral("ed25519")), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(tst_DevPki)
#include "tst_DevPki.moc"
