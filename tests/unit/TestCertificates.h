#pragma once

// Certificates made in memory with the OpenSSL API for the cert.* check tests: any key type and
// size, digest, validity window, keyUsage and extendedKeyUsage, issued by any certificate (or
// self-signed). Nothing is written to disk. Header-only: only tests include it.

#include "tls/CertificateInfo.h"

#include <QDateTime>
#include <QStringList>
#include <memory>
#include <openssl/dsa.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace rediscope::testcert {

struct KeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree
{
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using Key = std::shared_ptr<EVP_PKEY>;
using Cert = std::shared_ptr<X509>;

inline Key rsaKey(unsigned int bits)
{
    return Key(EVP_RSA_gen(bits), KeyFree());
}

// curve: OpenSSL group name, "P-224", "P-256", …
inline Key ecKey(const char* curve)
{
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve), KeyFree());
}

inline Key ed25519Key()
{
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), KeyFree());
}

inline Key dsaKey(int bits)
{
    EVP_PKEY* parameters = nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr)) {
        if (EVP_PKEY_paramgen_init(context) == 1 &&
            EVP_PKEY_CTX_set_dsa_paramgen_bits(context, bits) == 1)
            EVP_PKEY_paramgen(context, &parameters);
        EVP_PKEY_CTX_free(context);
    }
    if (parameters) {
        if (EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_pkey(nullptr, parameters, nullptr)) {
            if (EVP_PKEY_keygen_init(context) == 1)
                EVP_PKEY_keygen(context, &key);
            EVP_PKEY_CTX_free(context);
        }
        EVP_PKEY_free(parameters);
    }
    return Key(key, KeyFree());
}

// What to put in one certificate. Empty keyUsage / extendedKeyUsage: the extension is left out.
struct CertificateSpec
{
    QString commonName = QStringLiteral("redis.example");
    QStringList san{QStringLiteral("DNS:redis.example"), QStringLiteral("IP:127.0.0.1")};
    QDateTime notBefore = QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC);
    QDateTime notAfter = QDateTime(QDate(2028, 5, 31), QTime(0, 0), Qt::UTC); // 365 days
    bool ca = false;
    QString keyUsage = QStringLiteral("critical,digitalSignature,keyEncipherment");
    QString extendedKeyUsage = QStringLiteral("serverAuth");
    const EVP_MD* digest = EVP_sha256(); // nullptr: the key type's own (Ed25519)
};

// A CA's spec: 2020 to 2045, CA:TRUE, keyCertSign.
inline CertificateSpec caSpec(const QString& commonName)
{
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.san.clear();
    spec.notBefore = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    spec.notAfter = QDateTime(QDate(2045, 1, 1), QTime(0, 0), Qt::UTC);
    spec.ca = true;
    spec.keyUsage = QStringLiteral("critical,keyCertSign,cRLSign");
    spec.extendedKeyUsage.clear();
    return spec;
}

inline bool addExtension(X509* certificate, X509* issuer, int nid, const QString& value)
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

// A certificate for `key`, signed by issuerKey as `issuer` (both null: self-signed). Null on
// failure.
inline Cert makeCertificate(const CertificateSpec& spec, EVP_PKEY* key, X509* issuer = nullptr,
                            EVP_PKEY* issuerKey = nullptr)
{
    if (!key)
        return {};
    Cert certificate(X509_new(), CertFree());
    X509* x509 = certificate.get();
    X509_set_version(x509, 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509));
    BN_free(number);
    ASN1_TIME_set(X509_getm_notBefore(x509), spec.notBefore.toSecsSinceEpoch());
    ASN1_TIME_set(X509_getm_notAfter(x509), spec.notAfter.toSecsSinceEpoch());
    X509_set_pubkey(x509, key);
    X509_NAME* name = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Rediscope Test"), -1, -1, 0);
    const QByteArray commonName = spec.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName.constData()), -1,
                               -1, 0);
    X509* signer = issuer ? issuer : x509;
    X509_set_issuer_name(x509, X509_get_subject_name(signer));
    bool ok = addExtension(x509, signer, NID_basic_constraints,
                           spec.ca ? QStringLiteral("critical,CA:TRUE")
                                   : QStringLiteral("critical,CA:FALSE"));
    if (!spec.keyUsage.isEmpty())
        ok = ok && addExtension(x509, signer, NID_key_usage, spec.keyUsage);
    if (!spec.extendedKeyUsage.isEmpty())
        ok = ok && addExtension(x509, signer, NID_ext_key_usage, spec.extendedKeyUsage);
    ok = ok && addExtension(x509, signer, NID_subject_key_identifier, QStringLiteral("hash"));
    if (issuer)
        ok = ok && addExtension(x509, signer, NID_authority_key_identifier,
                                QStringLiteral("keyid:always"));
    if (!spec.san.isEmpty())
        ok =
            ok && addExtension(x509, signer, NID_subject_alt_name, spec.san.join(QLatin1Char(',')));
    if (!ok || X509_sign(x509, issuerKey ? issuerKey : key, spec.digest) <= 0)
        return {};
    return certificate;
}

inline QByteArray derOf(X509* certificate)
{
    unsigned char* data = nullptr;
    const int size = i2d_X509(certificate, &data);
    if (size <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char*>(data), size);
    OPENSSL_free(data);
    return der;
}

// The certificate as Rediscope reads it; an invalid (empty) info on failure.
inline CertificateInfo infoOf(const QByteArray& der)
{
    auto info = CertificateInfo::fromDer(der);
    return info ? *info : CertificateInfo();
}

inline CertificateInfo infoOf(const Cert& certificate)
{
    return certificate ? infoOf(derOf(certificate.get())) : CertificateInfo();
}

// An MD5-signed certificate relabelled md2WithRSAEncryption: OpenSSL 3 cannot sign with MD2, but a
// server may still present such a certificate. The two AlgorithmIdentifiers are rewritten (the
// signature no longer verifies, which the checks do not look at below the root).
inline QByteArray md5ToMd2(QByteArray der)
{
    const QByteArray md5 = QByteArray::fromHex("06092a864886f70d010104");
    const QByteArray md2 = QByteArray::fromHex("06092a864886f70d010102");
    return der.replace(md5, md2);
}

} // namespace rediscope::testcert
