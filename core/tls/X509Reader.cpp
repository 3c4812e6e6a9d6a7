#include "X509Reader.h"

#include <arpa/inet.h>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace rediscope {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QString nameToString(const X509_NAME* name)
{
    if (!name)
        return QString();
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, size);
}

QString commonNameOf(const X509_NAME* name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return QString();
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return QString();
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime asn1TimeToDateTime(const ASN1_TIME* time)
{
    tm parsed{};
    if (!time || ASN1_TIME_to_tm(time, &parsed) != 1)
        return QDateTime();
    return QDateTime(QDate(parsed.tm_year + 1900, parsed.tm_mon + 1, parsed.tm_mday),
                     QTime(parsed.tm_hour, parsed.tm_min, parsed.tm_sec), Qt::UTC);
}

QString ipToString(const ASN1_OCTET_STRING* ip)
{
    const unsigned char* bytes = ASN1_STRING_get0_data(ip);
    const int length = ASN1_STRING_length(ip);
    if (length == 4)
        return QStringLiteral("%1.%2.%3.%4")
            .arg(bytes[0])
            .arg(bytes[1])
            .arg(bytes[2])
            .arg(bytes[3]);
    if (length == 16) {
        char text[INET6_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET6, bytes, text, sizeof text))
            return QString::fromLatin1(text);
    }
    return QStringLiteral("<invalid IP>");
}

QString asn1ToString(const ASN1_STRING* value)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                             ASN1_STRING_length(value));
}

void readSubjectAltNames(X509* certificate, CertificateInfo& info)
{
    int critical = 0;
    auto* names = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, &critical, nullptr));
    info.hasSanExtension = X509_get_ext_by_NID(certificate, NID_subject_alt_name, -1) >= 0;
    if (!names)
        return;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        switch (name->type) {
        case GEN_DNS:
            info.san << QStringLiteral("DNS:") + asn1ToString(name->d.dNSName);
            break;
        case GEN_IPADD:
            info.san << QStringLiteral("IP:") + ipToString(name->d.iPAddress);
            break;
        case GEN_EMAIL:
            info.san << QStringLiteral("email:") + asn1ToString(name->d.rfc822Name);
            break;
        case GEN_URI:
            info.san << QStringLiteral("URI:") + asn1ToString(name->d.uniformResourceIdentifier);
            break;
        case GEN_DIRNAME:
            info.san << QStringLiteral("DirName:") + nameToString(name->d.directoryName);
            break;
        default:
            info.san << QStringLiteral("other");
            break;
        }
    }
    GENERAL_NAMES_free(names);
}

void readKey(X509* certificate, CertificateInfo& info)
{
    EVP_PKEY* key = X509_get0_pubkey(certificate);
    if (!key) {
        info.keyType = QStringLiteral("unknown");
        return;
    }
    info.keyBits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        info.keyType = QStringLiteral("RSA");
        break;
    case EVP_PKEY_EC: {
        info.keyType = QStringLiteral("EC");
        char curve[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &length) == 1)
            info.curve = QString::fromUtf8(curve, static_cast<qsizetype>(length));
        break;
    }
    case EVP_PKEY_ED25519:
        info.keyType = QStringLiteral("Ed25519");
        break;
    case EVP_PKEY_ED448:
        info.keyType = QStringLiteral("Ed448");
        break;
    case EVP_PKEY_DSA:
        info.keyType = QStringLiteral("DSA");
        break;
    case EVP_PKEY_DH:
        info.keyType = QStringLiteral("DH");
        break;
    default:
        info.keyType = QStringLiteral("unknown");
        break;
    }
}

void readUsages(X509* certificate, CertificateInfo& info)
{
    const uint32_t usage = X509_get_key_usage(certificate);
    if (usage != UINT32_MAX) {
        const std::pair<uint32_t, const char*> bits[] = {{KU_DIGITAL_SIGNATURE, "digitalSignature"},
                                                         {KU_NON_REPUDIATION, "nonRepudiation"},
                                                         {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
                                                         {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
                                                         {KU_KEY_AGREEMENT, "keyAgreement"},
                                                         {KU_KEY_CERT_SIGN, "keyCertSign"},
                                                         {KU_CRL_SIGN, "cRLSign"},
                                                         {KU_ENCIPHER_ONLY, "encipherOnly"},
                                                         {KU_DECIPHER_ONLY, "decipherOnly"}};
        for (const auto& [bit, name] : bits)
            if (usage & bit)
                info.keyUsage << QString::fromLatin1(name);
    }
    auto* eku = static_cast<EXTENDED_KEY_USAGE*>(
        X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr));
    info.hasExtendedKeyUsage = X509_get_ext_by_NID(certificate, NID_ext_key_usage, -1) >= 0;
    if (eku) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
            const ASN1_OBJECT* object = sk_ASN1_OBJECT_value(eku, i);
            const int nid = OBJ_obj2nid(object);
            if (nid != NID_undef) {
                info.extendedKeyUsage << QString::fromLatin1(OBJ_nid2sn(nid));
            } else {
                char text[128] = {};
                OBJ_obj2txt(text, sizeof text, object, 1);
                info.extendedKeyUsage << QString::fromLatin1(text);
            }
        }
        EXTENDED_KEY_USAGE_free(eku);
    }
}

} // namespace

QString drainOpenSslErrors()
{
    QStringList parts;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        parts << QString::fromLatin1(text);
    }
    return parts.join(QStringLiteral("; "));
}

QString sha256Hex(X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return QString();
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex());
}

CertificateInfo certificateFromX509(X509* certificate)
{
    CertificateInfo info;
    info.subject = nameToString(X509_get_subject_name(certificate));
    info.issuer = nameToString(X509_get_issuer_name(certificate));
    info.commonName = commonNameOf(X509_get_subject_name(certificate));

    if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr)) {
        char* hex = BN_bn2hex(serial);
        info.serial = QString::fromLatin1(hex);
        OPENSSL_free(hex);
        BN_free(serial);
    }
    info.notBefore = asn1TimeToDateTime(X509_get0_notBefore(certificate));
    info.notAfter = asn1TimeToDateTime(X509_get0_notAfter(certificate));
    info.sha256 = sha256Hex(certificate);
    readKey(certificate, info);
    info.signatureAlgorithm = QString::fromLatin1(OBJ_nid2ln(X509_get_signature_nid(certificate)));
    readSubjectAltNames(certificate, info);
    info.isCa = X509_check_ca(certificate) > 0;
    info.pathLength = static_cast<int>(X509_get_pathlen(certificate));
    const bool sameName =
        X509_NAME_cmp(X509_get_subject_name(certificate), X509_get_issuer_name(certificate)) == 0;
    info.selfSigned = sameName && X509_self_signed(certificate, 1) == 1;
    readUsages(certificate, info);

    const int length = i2d_X509(certificate, nullptr);
    if (length > 0) {
        info.der.resize(length);
        auto* out = reinterpret_cast<unsigned char*>(info.der.data());
        i2d_X509(certificate, &out);
    }
    ERR_clear_error();
    return info;
}

} // namespace rediscope
