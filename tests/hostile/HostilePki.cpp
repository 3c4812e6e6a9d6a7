#include "HostilePki.h"

#include <QDir>
#include <QFile>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <utility>
#include <vector>

namespace rediscope::hostile {

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

struct Spec
{
    QList<std::pair<int, QByteArray>> subject; // NID, value (stored as UTF8String, any length)
    bool ca = false;
    QStringList san; // "DNS:…", "IP:…"
    qint64 serial = 1;
    QByteArray notBefore = "20000101000000Z"; // ASN.1 time: UTCTime (13) or GeneralizedTime (15)
    QByteArray notAfter = "20991231235959Z";
    qsizetype commentBytes = 0; // a Netscape comment extension of this many bytes
};

Error sslFailure(const QString& what)
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        errors << QString::fromLatin1(text);
    }
    return Error{ErrorCode::FileError, Stage::None, what, errors.join(QStringLiteral("; "))};
}

bool addExtension(X509* certificate, X509* issuer, int nid, const QByteArray& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

Result<Cert> issue(const Spec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuerKey)
{
    Cert certificate(X509_new());
    X509* cert = certificate.get();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set_int64(X509_get_serialNumber(cert), spec.serial);
    if (ASN1_TIME_set_string(X509_getm_notBefore(cert), spec.notBefore.constData()) != 1 ||
        ASN1_TIME_set_string(X509_getm_notAfter(cert), spec.notAfter.constData()) != 1)
        return std::unexpected(sslFailure(QStringLiteral("Could not set the validity dates.")));
    X509_set_pubkey(cert, key);

    X509_NAME* name = X509_get_subject_name(cert);
    for (const auto& [nid, value] : spec.subject)
        if (X509_NAME_add_entry_by_NID(name, nid, V_ASN1_UTF8STRING,
                                       reinterpret_cast<const unsigned char*>(value.constData()),
                                       static_cast<int>(value.size()), -1, 0) != 1)
            return std::unexpected(sslFailure(QStringLiteral("Could not build the subject.")));
    X509* signer = issuer ? issuer : cert;
    X509_set_issuer_name(cert, X509_get_subject_name(signer));

    bool ok = addExtension(cert, signer, NID_basic_constraints,
                           spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    ok = ok && addExtension(cert, signer, NID_key_usage,
                            spec.ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    if (!spec.ca)
        ok = ok && addExtension(cert, signer, NID_ext_key_usage, "serverAuth");
    ok = ok && addExtension(cert, signer, NID_subject_key_identifier, "hash");
    if (issuer)
        ok = ok && addExtension(cert, signer, NID_authority_key_identifier, "keyid:always");
    if (!spec.san.isEmpty())
        ok = ok && addExtension(cert, signer, NID_subject_alt_name,
                                spec.san.join(QLatin1Char(',')).toLatin1());
    if (spec.commentBytes > 0)
        ok = ok &&
             addExtension(cert, signer, NID_netscape_comment, QByteArray(spec.commentBytes, 'A'));
    if (!ok)
        return std::unexpected(sslFailure(QStringLiteral("Could not add the extensions.")));
    if (X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return std::unexpected(sslFailure(QStringLiteral("Could not sign a certificate.")));
    return certificate;
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

Result<void> writeFile(const QString& path, const QByteArray& data, bool secret = false)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot write %1.").arg(path));
    return {};
}

Result<Key> ecKey()
{
    Key key(EVP_EC_gen("P-256"));
    if (!key)
        return std::unexpected(sslFailure(QStringLiteral("Could not generate an EC key.")));
    return key;
}

QList<std::pair<int, QByteArray>> commonName(const char* name)
{
    return {{NID_organizationName, QByteArrayLiteral("Rediscope Hostile")},
            {NID_commonName, QByteArray(name)}};
}

} // namespace

Result<HostilePki> HostilePki::generate(const QString& directory)
{
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot create the directory %1.").arg(directory));
    HostilePki pki;
    pki.m_directory = QDir(directory).absolutePath();
    const QString base = pki.m_directory + QLatin1Char('/');

    auto caKey = ecKey();
    auto leafKey = ecKey();
    if (!caKey || !leafKey)
        return std::unexpected(caKey ? leafKey.error() : caKey.error());
    Spec caSpec;
    caSpec.subject = commonName("Rediscope Hostile CA");
    caSpec.ca = true;
    auto ca = issue(caSpec, caKey->get(), nullptr, nullptr);
    if (!ca)
        return std::unexpected(ca.error());
    if (auto ok = writeFile(pki.caFile(), pemOf(ca->get())); !ok)
        return std::unexpected(ok.error());

    const QStringList localSan{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    const QByteArray leafKeyPem = pemOf(leafKey->get());
    const auto save = [&](const char* name, const QByteArray& chain) -> Result<void> {
        const QString stem = base + QString::fromLatin1(name);
        if (auto ok = writeFile(stem + QStringLiteral(".pem"), chain); !ok)
            return ok;
        return writeFile(stem + QStringLiteral(".key"), leafKeyPem, true);
    };

    // good
    Spec goodSpec;
    goodSpec.subject = commonName("hostile.localhost");
    goodSpec.san = localSan;
    goodSpec.serial = 2;
    auto good = issue(goodSpec, leafKey->get(), ca->get(), caKey->get());
    if (!good)
        return std::unexpected(good.error());
    if (auto ok = save("good", pemOf(good->get())); !ok)
        return std::unexpected(ok.error());

    // chain-100: CA → intermediate 1 → … → intermediate 99 → leaf; sent leaf first.
    {
        std::vector<Cert> intermediates;
        std::vector<Key> keys;
        X509* issuer = ca->get();
        EVP_PKEY* issuerKey = caKey->get();
        for (int i = 1; i <= 99; ++i) {
            auto key = ecKey();
            if (!key)
                return std::unexpected(key.error());
            Spec spec;
            const QByteArray name = "Rediscope Hostile Intermediate " + QByteArray::number(i);
            spec.subject = commonName(name.constData());
            spec.ca = true;
            spec.serial = 100 + i;
            auto intermediate = issue(spec, key->get(), issuer, issuerKey);
            if (!intermediate)
                return std::unexpected(intermediate.error());
            issuer = intermediate->get();
            issuerKey = key->get();
            intermediates.push_back(std::move(*intermediate));
            keys.push_back(std::move(*key));
        }
        Spec leafSpec = goodSpec;
        leafSpec.serial = 3;
        auto leaf = issue(leafSpec, leafKey->get(), issuer, issuerKey);
        if (!leaf)
            return std::unexpected(leaf.error());
        QByteArray chain = pemOf(leaf->get());
        for (auto it = intermediates.crbegin(); it != intermediates.crend(); ++it)
            chain += pemOf(it->get());
        if (auto ok = save("chain-100", chain); !ok)
            return std::unexpected(ok.error());
    }

    // cert-1mib
    {
        Spec spec = goodSpec;
        spec.serial = 4;
        spec.commentBytes = 1024 * 1024 + 1;
        auto big = issue(spec, leafKey->get(), ca->get(), caKey->get());
        if (!big)
            return std::unexpected(big.error());
        if (auto ok = save("cert-1mib", pemOf(big->get())); !ok)
            return std::unexpected(ok.error());
    }

    // absurd-cert
    {
        Spec spec;
        spec.subject = {{NID_countryName, QByteArrayLiteral("ZZ")},
                        {NID_organizationName, QByteArray(300, 'O')}};
        for (int i = 0; i < 100; ++i)
            spec.subject.append({NID_organizationalUnitName,
                                 "Unit " + QByteArray::number(i) + ' ' + QByteArray(90, 'u')});
        spec.subject.append({NID_commonName, QByteArray(10000, 'C')});
        for (int i = 0; i < 999; ++i)
            spec.san
                << QStringLiteral("DNS:host-%1.absurd.example").arg(i, 4, 10, QLatin1Char('0'));
        spec.san << QStringLiteral("IP:127.0.0.1");
        spec.serial = -0x123456789abcLL;
        spec.notBefore = "500101000000Z";  // 1950-01-01, UTCTime
        spec.notAfter = "99991231235959Z"; // 9999-12-31, GeneralizedTime
        auto absurd = issue(spec, leafKey->get(), ca->get(), caKey->get());
        if (!absurd)
            return std::unexpected(absurd.error());
        if (auto ok = save("absurd-cert", pemOf(absurd->get())); !ok)
            return std::unexpected(ok.error());
    }
    return pki;
}

} // namespace rediscope::hostile
