#pragma once

#include <QString>
#include <QStringList>

namespace rediscope {

// Key exchange of a cipher suite (TLS 1.3 suites do not fix one: Any).
enum class KeyExchange
{
    Unknown,
    Any,      // TLS 1.3: negotiated separately (always ephemeral)
    Ecdhe,    // ephemeral elliptic-curve Diffie-Hellman (also anonymous AECDH)
    Dhe,      // ephemeral finite-field Diffie-Hellman (also anonymous ADH)
    Rsa,      // static RSA key transport: no forward secrecy
    Ecdh,     // static ECDH (certificate key)
    Dh,       // static DH (certificate key)
    Psk,      // pre-shared key
    EcdhePsk, // ECDHE + PSK
    DhePsk,   // DHE + PSK
    RsaPsk,   // RSA + PSK
    Srp,      // Secure Remote Password
    Gost,
};

// Server authentication of a cipher suite.
enum class Authentication
{
    Unknown,
    Any, // TLS 1.3: by the certificate's key, whatever it is
    Rsa,
    Ecdsa,
    Dss,
    None, // anonymous (aNULL): no server authentication at all
    Psk,
    Srp,
    Gost,
};

QString keyExchangeName(KeyExchange kx);         // "ECDHE", "DHE", "RSA", "any", …
QString authenticationName(Authentication auth); // "RSA", "ECDSA", "anon", "any", …

// What one cipher suite is made of, and the properties the tls.cipher.* checks judge.
struct CipherSuiteInfo
{
    QString name;        // OpenSSL's name (for TLS 1.3 suites OpenSSL uses the IANA name)
    QString ianaName;    // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; empty when not known
    quint16 id = 0;      // IANA code point (0xC02F); 0 when not known
    QString minProtocol; // oldest version the suite exists in: SSLv3, TLSv1, TLSv1.2, TLSv1.3
    KeyExchange keyExchange = KeyExchange::Unknown;
    Authentication authentication = Authentication::Unknown;
    QString encryption; // AES-128-GCM, AES-256-CBC, CHACHA20-POLY1305, 3DES-EDE-CBC, RC4, NULL, …
    QString mac;        // AEAD, SHA1, SHA256, SHA384, MD5
    int bits = 0;       // effective symmetric strength (OpenSSL's figure: 3DES is 112, NULL 0)
    bool exportGrade = false; // an EXPORT suite (40/56-bit by design)
    bool fromOpenSsl = false; // true: read from this OpenSSL's cipher table; false: parsed

    bool isValid() const { return !name.isEmpty() && keyExchange != KeyExchange::Unknown; }

    bool isTls13() const { return keyExchange == KeyExchange::Any; }
    bool aead() const;           // GCM, CCM, ChaCha20-Poly1305
    bool cbc() const;            // a block cipher in CBC mode
    bool forwardSecrecy() const; // ephemeral key exchange (ECDHE, DHE, their PSK forms, TLS 1.3)
    bool anonymous() const { return authentication == Authentication::None; }
    bool nullEncryption() const { return encryption == QLatin1String("NULL"); }
    bool rc4() const { return encryption.startsWith(QLatin1String("RC4")); }
    bool des() const { return encryption.startsWith(QLatin1String("DES")); } // single DES
    bool tripleDes() const { return encryption.startsWith(QLatin1String("3DES")); }
    bool idea() const { return encryption.startsWith(QLatin1String("IDEA")); }
    bool md5() const { return mac == QLatin1String("MD5"); }
    bool staticRsa() const { return keyExchange == KeyExchange::Rsa; }
    // tls.cipher.null_anon_export
    bool nullAnonOrExport() const { return nullEncryption() || anonymous() || exportGrade; }
    // tls.cipher.low: RC4, DES, 3DES, IDEA or under 112 bits of strength (NULL is judged above)
    bool low() const
    {
        return rc4() || des() || tripleDes() || idea() || (!nullEncryption() && bits < 112);
    }

    // Short facts for people, e.g. "ECDHE, RSA, AES-128-GCM, AEAD, 128 bits".
    QString summary() const;
};

// The metadata of a suite named by OpenSSL's name or its IANA name. Suites this OpenSSL knows
// come from its own cipher table (fromOpenSsl = true); others (RC4, 3DES, EXPORT suites a build
// no longer carries) are parsed from the name. Returns an invalid info for unparsable names.
CipherSuiteInfo cipherSuiteInfo(const QString& name);

// The name parser alone (no OpenSSL lookup); exposed so tests can hold it against OpenSSL's table.
CipherSuiteInfo cipherSuiteInfoFromName(const QString& name);

// Every cipher suite this OpenSSL build can name (TLS 1.3 ones first), OpenSSL's names.
QStringList openSslCipherSuiteNames();

} // namespace rediscope
