#include "CipherPolicy.h"

#include <QRegularExpression>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace rediscope {

namespace {

bool isWeakCipher(const SSL_CIPHER* cipher)
{
    const int encryption = SSL_CIPHER_get_cipher_nid(cipher);
    const int authentication = SSL_CIPHER_get_auth_nid(cipher);
    const int digest = SSL_CIPHER_get_digest_nid(cipher);
    const QByteArray name(SSL_CIPHER_get_name(cipher));
    return encryption == NID_undef || authentication == NID_auth_null || encryption == NID_rc4 ||
           encryption == NID_rc4_40 || encryption == NID_des_cbc ||
           encryption == NID_des_ede3_cbc || encryption == NID_rc2_cbc || digest == NID_md5 ||
           name.contains("EXP") || name.contains("NULL");
}

} // namespace

WeakCipherReport weakCiphersIn(const QString& cipherList)
{
    WeakCipherReport report;
    if (cipherList.trimmed().isEmpty())
        return report;

    // Tokens that name a weak family and are not excluded ("!RC4", "-3DES").
    static const QStringList weakFamilies{
        QStringLiteral("NULL"),   QStringLiteral("eNULL"), QStringLiteral("aNULL"),
        QStringLiteral("EXPORT"), QStringLiteral("EXP"),   QStringLiteral("RC4"),
        QStringLiteral("DES"),    QStringLiteral("3DES"),  QStringLiteral("MD5"),
        QStringLiteral("ADH"),    QStringLiteral("AECDH"), QStringLiteral("LOW")};
    const QStringList tokens =
        cipherList.split(QRegularExpression(QStringLiteral("[:, ]+")), Qt::SkipEmptyParts);
    for (const QString& token : tokens) {
        if (token.startsWith(QLatin1Char('!')) || token.startsWith(QLatin1Char('-')))
            continue;
        const QString bare = token.startsWith(QLatin1Char('+')) ? token.mid(1) : token;
        for (const QString& part : bare.split(QLatin1Char('+')))
            if (weakFamilies.contains(part) && !report.tokens.contains(part))
                report.tokens << part;
        // A single suite named by its OpenSSL name, e.g. DES-CBC3-SHA or EXP-RC4-MD5: judged by
        // its name even when this OpenSSL no longer knows it.
        static const QStringList weakParts{
            QStringLiteral("DES"), QStringLiteral("CBC3"), QStringLiteral("RC4"),
            QStringLiteral("RC2"), QStringLiteral("NULL"), QStringLiteral("EXP"),
            QStringLiteral("MD5"), QStringLiteral("ADH"),  QStringLiteral("AECDH")};
        const QStringList parts = bare.split(QLatin1Char('-'));
        if (parts.size() > 1)
            for (const QString& part : parts)
                if (weakParts.contains(part) && !report.tokens.contains(bare)) {
                    report.tokens << bare;
                    break;
                }
    }

    SSL_CTX* context = SSL_CTX_new(TLS_method());
    if (!context)
        return report;
    SSL_CTX_set_security_level(context, 0);
    SSL_CTX_set_min_proto_version(context, 0);
    if (SSL_CTX_set_cipher_list(context, cipherList.toLatin1().constData()) != 1) {
        report.invalid = true;
    } else if (STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(context)) {
        for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
            const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
            if (QByteArray(SSL_CIPHER_get_version(cipher)) == "TLSv1.3")
                continue; // TLS 1.3 suites come from ciphersuites, not this list
            if (isWeakCipher(cipher))
                report.admitted << QString::fromLatin1(SSL_CIPHER_get_name(cipher));
        }
    }
    SSL_CTX_free(context);
    ERR_clear_error();
    return report;
}

} // namespace rediscope
