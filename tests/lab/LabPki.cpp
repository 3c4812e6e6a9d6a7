#include "LabPki.h"

#include <QDir>
#include <QFile>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <tuple>

namespace rediscope::lab {

namespace {

struct KeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree
{
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

constexpr long Day = 24 * 60 * 60;

struct Spec
{
    QString commonName;
    QStringList san; // "DNS:…", "IP:…"
    bool ca = false;
    int pathLength = -1;
    bool clientAuth = false;
    long notBeforeDays = -1;
    long notAfterDays = 365;
    const EVP_MD* digest = EVP_sha256();
};

Error sslFailure(const QString& what)
{
    QStringList errors;
    while (unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        errors << QString::fromLatin1(text);
    }
    return Error{ErrorCode::FileError, Stage::None, what, errors.join(QStringLiteral("; "))};
}

bool addExtension(X509* certificate, X509* issuer, int nid, const QString& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.toLatin1().constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

Result<Cert> issue(const Spec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuerKey)
{
    Cert certificate(X509_new());
    X509_set_version(certificate.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate.get()));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), spec.notBeforeDays * Day);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), spec.notAfterDays * Day);
    X509_set_pubkey(certificate.get(), key);

    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Rediscope Lab"), -1, -1, 0);
    const QByteArray commonName = spec.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName.constData()), -1,
                               -1, 0);
    X509* signer = issuer ? issuer : certificate.get();
    X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer));

    bool ok = true;
    if (spec.ca) {
        ok = ok &&
             addExtension(certificate.get(), signer, NID_basic_constraints,
                          spec.pathLength >= 0
                              ? QStringLiteral("critical,CA:TRUE,pathlen:%1").arg(spec.pathLength)
                              : QStringLiteral("critical,CA:TRUE"));
        ok = ok && addExtension(certificate.get(), signer, NID_key_usage,
                                QStringLiteral("critical,keyCertSign,cRLSign"));
    } else {
        ok = ok && addExtension(certificate.get(), signer, NID_basic_constraints,
                                QStringLiteral("critical,CA:FALSE"));
        ok = ok && addExtension(certificate.get(), signer, NID_key_usage,
                                QStringLiteral("critical,digitalSignature,keyEncipherment"));
        ok = ok && addExtension(certificate.get(), signer, NID_ext_key_usage,
                                spec.clientAuth ? QStringLiteral("clientAuth")
                                                : QStringLiteral("serverAuth"));
    }
    ok = ok && addExtension(certificate.get(), signer, NID_subject_key_identifier,
                            QStringLiteral("hash"));
    if (issuer)
        ok = ok && addExtension(certificate.get(), signer, NID_authority_key_identifier,
                                QStringLiteral("keyid:always"));
    if (!spec.san.isEmpty())
        ok = ok && addExtension(certificate.get(), signer, NID_subject_alt_name,
                                spec.san.join(QLatin1Char(',')));
    if (!ok)
        return std::unexpected(
            sslFailure(QStringLiteral("Could not add the certificate's extensions.")));
    if (X509_sign(certificate.get(), issuerKey ? issuerKey : key, spec.digest) <= 0)
        return std::unexpected(
            sslFailure(QStringLiteral("Could not sign %1.").arg(spec.commonName)));
    return certificate;
}

Result<void> writeFile(const QString& path, const QByteArray& data, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(data);
    return {};
}

QByteArray pemOf(X509* certificate)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

QByteArray pemOf(EVP_PKEY* key)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

Result<Key> rsaKey(unsigned int bits)
{
    Key key(EVP_RSA_gen(bits));
    if (!key)
        return std::unexpected(sslFailure(QStringLiteral("Could not generate an RSA key.")));
    return key;
}

} // namespace

Result<LabPki> LabPki::generate(const QString& directory)
{
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot create the lab directory %1.").arg(directory));
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    LabPki pki;
    pki.m_directory = QDir(directory).absolutePath();

    auto rootKey = rsaKey(2048);
    auto intermediateKey = rsaKey(2048);
    auto leafKey = rsaKey(2048);
    auto weakKey = rsaKey(1024);
    if (!rootKey || !intermediateKey || !leafKey || !weakKey)
        return fail(ErrorCode::FileError, Stage::None, QStringLiteral("Key generation failed."));

    Spec rootSpec{QStringLiteral("Rediscope Lab Root CA"), {}, true, -1, false, -1, 3650};
    auto root = issue(rootSpec, rootKey->get(), nullptr, nullptr);
    if (!root)
        return std::unexpected(root.error());
    Spec intermediateSpec{
        QStringLiteral("Rediscope Lab Intermediate CA"), {}, true, 0, false, -1, 1825};
    auto intermediate =
        issue(intermediateSpec, intermediateKey->get(), root->get(), rootKey->get());
    if (!intermediate)
        return std::unexpected(intermediate.error());

    const QStringList localSan{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1"),
                               QStringLiteral("IP:::1")};
    struct ServerKind
    {
        QString name;
        Spec spec;
        EVP_PKEY* key;
        bool selfSigned;
    };
    const ServerKind kinds[] = {
        {QStringLiteral("good"), {QStringLiteral("localhost"), localSan}, leafKey->get(), false},
        {QStringLiteral("expired"),
         {QStringLiteral("localhost"), localSan, false, -1, false, -400, -30},
         leafKey->get(),
         false},
        {QStringLiteral("not-yet-valid"),
         {QStringLiteral("localhost"), localSan, false, -1, false, 30, 400},
         leafKey->get(),
         false},
        {QStringLiteral("wrong-host"),
         {QStringLiteral("wrong.example.net"), {QStringLiteral("DNS:wrong.example.net")}},
         leafKey->get(),
         false},
        {QStringLiteral("self-signed"),
         {QStringLiteral("localhost"), localSan},
         leafKey->get(),
         true},
        {QStringLiteral("weak-key"),
         {QStringLiteral("localhost"), localSan},
         weakKey->get(),
         false},
        {QStringLiteral("sha1"),
         {QStringLiteral("localhost"), localSan, false, -1, false, -1, 365, EVP_sha1()},
         leafKey->get(),
         false},
        {QStringLiteral("no-san"), {QStringLiteral("localhost"), {}}, leafKey->get(), false},
    };

    const QByteArray intermediatePem = pemOf(intermediate->get());
    for (const ServerKind& kind : kinds) {
        auto certificate = kind.selfSigned ? issue(kind.spec, kind.key, nullptr, nullptr)
                                           : issue(kind.spec, kind.key, intermediate->get(),
                                                   intermediateKey->get());
        if (!certificate)
            return std::unexpected(certificate.error());
        QByteArray chain = pemOf(certificate->get());
        if (!kind.selfSigned)
            chain += intermediatePem;
        if (auto written = writeFile(pki.serverCert(kind.name), chain, false); !written)
            return std::unexpected(written.error());
        if (auto written = writeFile(pki.serverKey(kind.name), pemOf(kind.key), true); !written)
            return std::unexpected(written.error());
    }

    Spec clientSpec{QStringLiteral("rediscope-lab-client"), {}, false, -1, true, -1, 365};
    auto client = issue(clientSpec, leafKey->get(), intermediate->get(), intermediateKey->get());
    if (!client)
        return std::unexpected(client.error());
    // Client certificates near and past their end, for the profile checks.
    for (const auto& [name, notBefore, notAfter] :
         {std::tuple{QStringLiteral("client-expiring"), -340L, 20L},
          std::tuple{QStringLiteral("client-expired"), -400L, -2L}}) {
        Spec spec{QStringLiteral("rediscope-lab-client"), {}, false, -1, true, notBefore, notAfter};
        auto certificate = issue(spec, leafKey->get(), intermediate->get(), intermediateKey->get());
        if (!certificate)
            return std::unexpected(certificate.error());
        if (auto written = writeFile(pki.path(name + QStringLiteral(".pem")),
                                     pemOf(certificate->get()) + intermediatePem, false);
            !written)
            return std::unexpected(written.error());
    }
    const struct
    {
        QString path;
        QByteArray data;
        bool secret;
    } files[] = {
        {pki.rootCa(), pemOf(root->get()), false},
        {pki.intermediateCa(), intermediatePem, false},
        {pki.clientCert(), pemOf(client->get()) + intermediatePem, false},
        {pki.clientKey(), pemOf(leafKey->get()), true},
        {pki.path(QStringLiteral("root-ca.key")), pemOf(rootKey->get()), true},
    };
    for (const auto& file : files)
        if (auto written = writeFile(file.path, file.data, file.secret); !written)
            return std::unexpected(written.error());
    return pki;
}

} // namespace rediscope::lab
