#include "ProbeCipherSuite.h"

#include <QHash>
#include <QRegularExpression>
#include <openssl/objects.h>
#include <openssl/ssl.h>

namespace rediscope {

namespace {

// Every TLS 1.3 suite OpenSSL 3 implements (its default list holds only the first three).
constexpr char AllTls13Suites[] = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                                  "TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
                                  "TLS_AES_128_CCM_8_SHA256";

QString latin1(const char* text)
{
    return text ? QString::fromLatin1(text) : QString();
}

// "AES-128-GCM" and friends from the algorithm, key size and mode the name or table gave.
QString encryptionName(const QString& algorithm, int keyBits, const QString& mode)
{
    if (algorithm == QLatin1String("NULL"))
        return QStringLiteral("NULL");
    if (algorithm == QLatin1String("CHACHA20"))
        return QStringLiteral("CHACHA20-POLY1305");
    if (algorithm == QLatin1String("RC4"))
        return QStringLiteral("RC4");
    if (algorithm == QLatin1String("3DES"))
        return QStringLiteral("3DES-EDE-CBC");
    if (algorithm == QLatin1String("DES") || algorithm == QLatin1String("IDEA") ||
        algorithm == QLatin1String("SEED") || algorithm == QLatin1String("RC2"))
        return algorithm + QStringLiteral("-CBC");
    if (keyBits > 0)
        return QStringLiteral("%1-%2-%3").arg(algorithm).arg(keyBits).arg(mode);
    return algorithm + QLatin1Char('-') + mode;
}

QString macName(const QString& token)
{
    if (token == QLatin1String("SHA"))
        return QStringLiteral("SHA1");
    if (token == QLatin1String("SHA256") || token == QLatin1String("SHA384") ||
        token == QLatin1String("MD5"))
        return token;
    return QString();
}

// Symmetric strength as OpenSSL counts it.
int strengthBits(const QString& algorithm, int keyBits, bool exportGrade)
{
    if (algorithm == QLatin1String("NULL"))
        return 0;
    if (algorithm == QLatin1String("CHACHA20"))
        return 256;
    if (algorithm == QLatin1String("3DES"))
        return 112;
    if (exportGrade)
        return 40;
    if (algorithm == QLatin1String("DES"))
        return 56;
    if (algorithm == QLatin1String("RC4") || algorithm == QLatin1String("IDEA") ||
        algorithm == QLatin1String("SEED") || algorithm == QLatin1String("RC2"))
        return keyBits > 0 ? keyBits : 128;
    return keyBits;
}

// The bulk-cipher part of a name, as tokens after key exchange and before the MAC:
// OpenSSL style ["AES256", "GCM"], ["AES", "256", "CBC"], ["DES", "CBC3"]; IANA style
// ["AES", "128", "CCM", "8"], ["3DES", "EDE", "CBC"], ["RC4", "40"].
bool parseBulk(QStringList tokens, bool exportGrade, CipherSuiteInfo& info)
{
    if (tokens.isEmpty())
        return false;
    static const QRegularExpression head(QStringLiteral(
        "^(AES|CAMELLIA|ARIA|CHACHA20|RC4|3DES|DES40|DES|IDEA|SEED|NULL|RC2)(\\d*)$"));
    const auto match = head.match(tokens.takeFirst());
    if (!match.hasMatch())
        return false;
    QString algorithm = match.captured(1);
    int keyBits = match.captured(2).toInt();
    if (algorithm == QLatin1String("DES40")) {
        algorithm = QStringLiteral("DES");
        exportGrade = true;
    }
    QString mode = QStringLiteral("CBC");
    bool ccm = false;
    for (const QString& token : std::as_const(tokens)) {
        bool number = false;
        const int value = token.toInt(&number);
        if (number) {
            if (ccm && value == 8)
                mode = QStringLiteral("CCM8");
            else if (keyBits == 0)
                keyBits = value;
        } else if (token == QLatin1String("GCM")) {
            mode = token;
        } else if (token == QLatin1String("CCM")) {
            mode = token;
            ccm = true;
        } else if (token == QLatin1String("CCM8")) {
            mode = token;
        } else if (token == QLatin1String("CBC3")) {
            algorithm = QStringLiteral("3DES");
        } else if (token == QLatin1String("POLY1305") || token == QLatin1String("CBC") ||
                   token == QLatin1String("EDE")) {
            // implied by the algorithm
        } else {
            return false;
        }
    }
    if (algorithm == QLatin1String("RC4") && exportGrade)
        keyBits = 40;
    info.encryption =
        encryptionName(algorithm, algorithm == QLatin1String("RC4") ? 0 : keyBits, mode);
    info.bits = strengthBits(algorithm, keyBits, exportGrade);
    info.exportGrade = exportGrade;
    return true;
}

CipherSuiteInfo parseIanaName(const QString& name)
{
    CipherSuiteInfo info;
    QString body = name.mid(4); // after "TLS_" or "SSL_"
    const qsizetype with = body.indexOf(QLatin1String("_WITH_"));
    QString bulk;
    bool exportGrade = false;
    if (with < 0) {
        info.keyExchange = KeyExchange::Any;
        info.authentication = Authentication::Any;
        info.minProtocol = QStringLiteral("TLSv1.3");
        bulk = body;
    } else {
        QStringList kx = body.left(with).split(QLatin1Char('_'));
        bulk = body.mid(with + 6);
        for (qsizetype i = kx.size() - 1; i >= 0; --i)
            if (kx.at(i).startsWith(QLatin1String("EXPORT"))) {
                exportGrade = true;
                kx.removeAt(i);
            }
        const QString key = kx.join(QLatin1Char('_'));
        static const QHash<QString, std::pair<KeyExchange, Authentication>> kinds{
            {QStringLiteral("RSA"), {KeyExchange::Rsa, Authentication::Rsa}},
            {QStringLiteral("ECDHE_RSA"), {KeyExchange::Ecdhe, Authentication::Rsa}},
            {QStringLiteral("ECDHE_ECDSA"), {KeyExchange::Ecdhe, Authentication::Ecdsa}},
            {QStringLiteral("ECDHE_PSK"), {KeyExchange::EcdhePsk, Authentication::Psk}},
            {QStringLiteral("ECDH_anon"), {KeyExchange::Ecdhe, Authentication::None}},
            {QStringLiteral("ECDH_RSA"), {KeyExchange::Ecdh, Authentication::Rsa}},
            {QStringLiteral("ECDH_ECDSA"), {KeyExchange::Ecdh, Authentication::Ecdsa}},
            {QStringLiteral("DHE_RSA"), {KeyExchange::Dhe, Authentication::Rsa}},
            {QStringLiteral("DHE_DSS"), {KeyExchange::Dhe, Authentication::Dss}},
            {QStringLiteral("DHE_PSK"), {KeyExchange::DhePsk, Authentication::Psk}},
            {QStringLiteral("PSK_DHE"), {KeyExchange::DhePsk, Authentication::Psk}}, // RFC 6655
            {QStringLiteral("DH_anon"), {KeyExchange::Dhe, Authentication::None}},
            {QStringLiteral("DH_RSA"), {KeyExchange::Dh, Authentication::Rsa}},
            {QStringLiteral("DH_DSS"), {KeyExchange::Dh, Authentication::Dss}},
            {QStringLiteral("PSK"), {KeyExchange::Psk, Authentication::Psk}},
            {QStringLiteral("RSA_PSK"), {KeyExchange::RsaPsk, Authentication::Rsa}},
            {QStringLiteral("SRP_SHA"), {KeyExchange::Srp, Authentication::Srp}},
            {QStringLiteral("SRP_SHA_RSA"), {KeyExchange::Srp, Authentication::Rsa}},
            {QStringLiteral("SRP_SHA_DSS"), {KeyExchange::Srp, Authentication::Dss}},
            {QStringLiteral("NULL"), {KeyExchange::Rsa, Authentication::None}},
        };
        const auto found = kinds.constFind(key);
        if (found == kinds.cend())
            return {};
        info.keyExchange = found->first;
        info.authentication = found->second;
    }
    QStringList tokens = bulk.split(QLatin1Char('_'));
    const QString mac = macName(tokens.last());
    if (!mac.isEmpty())
        tokens.removeLast();
    if (tokens == QStringList{QStringLiteral("NULL"), QStringLiteral("NULL")})
        tokens.removeLast(); // TLS_NULL_WITH_NULL_NULL
    if (!parseBulk(tokens, exportGrade, info))
        return {};
    info.mac = info.aead() ? QStringLiteral("AEAD") : mac;
    if (info.mac.isEmpty())
        return {};
    info.name = name;
    info.ianaName = name;
    return info;
}

CipherSuiteInfo parseOpenSslName(const QString& name)
{
    CipherSuiteInfo info;
    QStringList tokens = name.split(QLatin1Char('-'));
    bool exportGrade = false;
    if (tokens.first().startsWith(QLatin1String("EXP"))) {
        exportGrade = true;
        tokens.removeFirst();
    }
    if (tokens.isEmpty())
        return {};
    const auto take = [&tokens](const char* token) {
        if (!tokens.isEmpty() && tokens.first() == QLatin1String(token)) {
            tokens.removeFirst();
            return true;
        }
        return false;
    };
    const auto signer = [&](Authentication fallback) {
        if (take("RSA"))
            return Authentication::Rsa;
        if (take("ECDSA"))
            return Authentication::Ecdsa;
        if (take("DSS"))
            return Authentication::Dss;
        return fallback;
    };
    if (take("ECDHE")) {
        if (take("PSK")) {
            info.keyExchange = KeyExchange::EcdhePsk;
            info.authentication = Authentication::Psk;
        } else {
            info.keyExchange = KeyExchange::Ecdhe;
            info.authentication = signer(Authentication::Rsa); // ECDHE-ARIA256-GCM-SHA384 is RSA
        }
    } else if (take("AECDH")) {
        info.keyExchange = KeyExchange::Ecdhe;
        info.authentication = Authentication::None;
    } else if (take("ADH")) {
        info.keyExchange = KeyExchange::Dhe;
        info.authentication = Authentication::None;
    } else if (take("DHE") || take("EDH")) {
        if (take("PSK")) {
            info.keyExchange = KeyExchange::DhePsk;
            info.authentication = Authentication::Psk;
        } else {
            info.keyExchange = KeyExchange::Dhe;
            info.authentication = signer(Authentication::Unknown);
        }
    } else if (take("ECDH")) {
        info.keyExchange = KeyExchange::Ecdh;
        info.authentication = signer(Authentication::Unknown);
    } else if (take("DH")) {
        info.keyExchange = KeyExchange::Dh;
        info.authentication = signer(Authentication::Unknown);
    } else if (tokens.size() > 1 && tokens.at(0) == QLatin1String("RSA") &&
               tokens.at(1) == QLatin1String("PSK")) {
        tokens.remove(0, 2);
        info.keyExchange = KeyExchange::RsaPsk;
        info.authentication = Authentication::Rsa;
    } else if (take("PSK")) {
        info.keyExchange = KeyExchange::Psk;
        info.authentication = Authentication::Psk;
    } else if (take("SRP")) {
        info.keyExchange = KeyExchange::Srp;
        info.authentication = signer(Authentication::Srp);
    } else {
        info.keyExchange = KeyExchange::Rsa;
        info.authentication = Authentication::Rsa;
    }
    if (info.authentication == Authentication::Unknown || tokens.isEmpty())
        return {};
    const QString mac = macName(tokens.last());
    if (!mac.isEmpty())
        tokens.removeLast();
    if (!parseBulk(tokens, exportGrade, info))
        return {};
    info.mac = info.aead() ? QStringLiteral("AEAD") : mac;
    if (info.mac.isEmpty())
        return {};
    info.name = name;
    return info;
}

KeyExchange keyExchangeFromNid(int nid)
{
    switch (nid) {
    case NID_kx_any:
        return KeyExchange::Any;
    case NID_kx_ecdhe:
        return KeyExchange::Ecdhe;
    case NID_kx_dhe:
        return KeyExchange::Dhe;
    case NID_kx_rsa:
        return KeyExchange::Rsa;
    case NID_kx_psk:
        return KeyExchange::Psk;
    case NID_kx_ecdhe_psk:
        return KeyExchange::EcdhePsk;
    case NID_kx_dhe_psk:
        return KeyExchange::DhePsk;
    case NID_kx_rsa_psk:
        return KeyExchange::RsaPsk;
    case NID_kx_srp:
        return KeyExchange::Srp;
    case NID_kx_gost:
    case NID_kx_gost18:
        return KeyExchange::Gost;
    default:
        return KeyExchange::Unknown;
    }
}

Authentication authenticationFromNid(int nid)
{
    switch (nid) {
    case NID_auth_any:
        return Authentication::Any;
    case NID_auth_rsa:
        return Authentication::Rsa;
    case NID_auth_ecdsa:
        return Authentication::Ecdsa;
    case NID_auth_dss:
        return Authentication::Dss;
    case NID_auth_null:
        return Authentication::None;
    case NID_auth_psk:
        return Authentication::Psk;
    case NID_auth_srp:
        return Authentication::Srp;
    case NID_auth_gost01:
    case NID_auth_gost12:
        return Authentication::Gost;
    default:
        return Authentication::Unknown;
    }
}

QString encryptionFromNid(int nid, const QString& name)
{
    const bool ccm8 = name.contains(QLatin1String("CCM8")) || name.contains(QLatin1String("CCM_8"));
    switch (nid) {
    case NID_undef:
        return QStringLiteral("NULL");
    case NID_aes_128_gcm:
        return QStringLiteral("AES-128-GCM");
    case NID_aes_256_gcm:
        return QStringLiteral("AES-256-GCM");
    case NID_aes_128_ccm:
        return ccm8 ? QStringLiteral("AES-128-CCM8") : QStringLiteral("AES-128-CCM");
    case NID_aes_256_ccm:
        return ccm8 ? QStringLiteral("AES-256-CCM8") : QStringLiteral("AES-256-CCM");
    case NID_aes_128_cbc:
        return QStringLiteral("AES-128-CBC");
    case NID_aes_256_cbc:
        return QStringLiteral("AES-256-CBC");
    case NID_chacha20_poly1305:
        return QStringLiteral("CHACHA20-POLY1305");
    case NID_camellia_128_cbc:
        return QStringLiteral("CAMELLIA-128-CBC");
    case NID_camellia_256_cbc:
        return QStringLiteral("CAMELLIA-256-CBC");
    case NID_aria_128_gcm:
        return QStringLiteral("ARIA-128-GCM");
    case NID_aria_256_gcm:
        return QStringLiteral("ARIA-256-GCM");
    case NID_des_ede3_cbc:
        return QStringLiteral("3DES-EDE-CBC");
    case NID_des_cbc:
        return QStringLiteral("DES-CBC");
    case NID_rc4:
    case NID_rc4_40:
        return QStringLiteral("RC4");
    case NID_idea_cbc:
        return QStringLiteral("IDEA-CBC");
    case NID_seed_cbc:
        return QStringLiteral("SEED-CBC");
    default:
        return latin1(OBJ_nid2sn(nid));
    }
}

QString macFromNid(int nid, bool aead)
{
    if (aead)
        return QStringLiteral("AEAD");
    switch (nid) {
    case NID_sha1:
        return QStringLiteral("SHA1");
    case NID_sha256:
        return QStringLiteral("SHA256");
    case NID_sha384:
        return QStringLiteral("SHA384");
    case NID_md5:
        return QStringLiteral("MD5");
    default:
        return latin1(OBJ_nid2sn(nid));
    }
}

CipherSuiteInfo infoFromCipher(const SSL_CIPHER* cipher)
{
    CipherSuiteInfo info;
    info.name = latin1(SSL_CIPHER_get_name(cipher));
    info.ianaName = latin1(SSL_CIPHER_standard_name(cipher));
    info.id = SSL_CIPHER_get_protocol_id(cipher);
    info.minProtocol = latin1(SSL_CIPHER_get_version(cipher));
    info.keyExchange = keyExchangeFromNid(SSL_CIPHER_get_kx_nid(cipher));
    info.authentication = authenticationFromNid(SSL_CIPHER_get_auth_nid(cipher));
    info.encryption = encryptionFromNid(SSL_CIPHER_get_cipher_nid(cipher), info.name);
    info.mac = macFromNid(SSL_CIPHER_get_digest_nid(cipher), SSL_CIPHER_is_aead(cipher) == 1);
    info.bits = SSL_CIPHER_get_bits(cipher, nullptr);
    info.fromOpenSsl = true;
    return info;
}

struct CipherTable
{
    QList<CipherSuiteInfo> suites;
    QHash<QString, qsizetype> byName; // OpenSSL and IANA names
};

const CipherTable& cipherTable()
{
    static const CipherTable table = [] {
        CipherTable result;
        SSL_CTX* context = SSL_CTX_new(TLS_method());
        if (!context)
            return result;
        SSL_CTX_set_security_level(context, 0);
        SSL_CTX_set_cipher_list(context, "ALL:COMPLEMENTOFALL");
        SSL_CTX_set_ciphersuites(context, AllTls13Suites);
        if (STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(context)) {
            for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
                const CipherSuiteInfo info = infoFromCipher(sk_SSL_CIPHER_value(ciphers, i));
                result.byName.insert(info.name, result.suites.size());
                if (!info.ianaName.isEmpty())
                    result.byName.insert(info.ianaName, result.suites.size());
                result.suites.append(info);
            }
        }
        SSL_CTX_free(context);
        return result;
    }();
    return table;
}

} // namespace

QString keyExchangeName(KeyExchange kx)
{
    switch (kx) {
    case KeyExchange::Any:
        return QStringLiteral("any");
    case KeyExchange::Ecdhe:
        return QStringLiteral("ECDHE");
    case KeyExchange::Dhe:
        return QStringLiteral("DHE");
    case KeyExchange::Rsa:
        return QStringLiteral("RSA");
    case KeyExchange::Ecdh:
        return QStringLiteral("ECDH");
    case KeyExchange::Dh:
        return QStringLiteral("DH");
    case KeyExchange::Psk:
        return QStringLiteral("PSK");
    case KeyExchange::EcdhePsk:
        return QStringLiteral("ECDHE-PSK");
    case KeyExchange::DhePsk:
        return QStringLiteral("DHE-PSK");
    case KeyExchange::RsaPsk:
        return QStringLiteral("RSA-PSK");
    case KeyExchange::Srp:
        return QStringLiteral("SRP");
    case KeyExchange::Gost:
        return QStringLiteral("GOST");
    case KeyExchange::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString authenticationName(Authentication auth)
{
    switch (auth) {
    case Authentication::Any:
        return QStringLiteral("any");
    case Authentication::Rsa:
        return QStringLiteral("RSA");
    case Authentication::Ecdsa:
        return QStringLiteral("ECDSA");
    case Authentication::Dss:
        return QStringLiteral("DSS");
    case Authentication::None:
        return QStringLiteral("anon");
    case Authentication::Psk:
        return QStringLiteral("PSK");
    case Authentication::Srp:
        return QStringLiteral("SRP");
    case Authentication::Gost:
        return QStringLiteral("GOST");
    case Authentication::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool CipherSuiteInfo::aead() const
{
    return encryption.endsWith(QLatin1String("-GCM")) ||
           encryption.contains(QLatin1String("-CCM")) ||
           encryption == QLatin1String("CHACHA20-POLY1305");
}

bool CipherSuiteInfo::cbc() const
{
    return encryption.endsWith(QLatin1String("-CBC"));
}

bool CipherSuiteInfo::forwardSecrecy() const
{
    switch (keyExchange) {
    case KeyExchange::Any:
    case KeyExchange::Ecdhe:
    case KeyExchange::Dhe:
    case KeyExchange::EcdhePsk:
    case KeyExchange::DhePsk:
        return true;
    default:
        return false;
    }
}

QString CipherSuiteInfo::summary() const
{
    QStringList parts;
    if (keyExchange != KeyExchange::Any)
        parts << keyExchangeName(keyExchange) << authenticationName(authentication);
    parts << encryption;
    if (!aead())
        parts << mac;
    parts << QStringLiteral("%1 bits").arg(bits);
    if (exportGrade)
        parts << QStringLiteral("EXPORT");
    return parts.join(QStringLiteral(", "));
}

CipherSuiteInfo cipherSuiteInfoFromName(const QString& name)
{
    if (name.isEmpty())
        return {};
    if (name.startsWith(QLatin1String("TLS_")) || name.startsWith(QLatin1String("SSL_")))
        return parseIanaName(name);
    return parseOpenSslName(name);
}

CipherSuiteInfo cipherSuiteInfo(const QString& name)
{
    const CipherTable& table = cipherTable();
    if (const auto found = table.byName.constFind(name); found != table.byName.cend())
        return table.suites.at(*found);
    return cipherSuiteInfoFromName(name);
}

QStringList openSslCipherSuiteNames()
{
    QStringList names;
    for (const CipherSuiteInfo& info : cipherTable().suites)
        names << info.name;
    return names;
}

} // namespace rediscope
