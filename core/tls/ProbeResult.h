#pragma once

#include "tls/ProbeCipherSuite.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace rediscope {

// One cipher suite the server accepted at one protocol version, with what the probe's handshake
// for it negotiated.
struct ProbedSuite
{
    QString protocol; // TLSv1 … TLSv1.3
    CipherSuiteInfo info;
    QString group;           // key-exchange group of that handshake: X25519, P-256, ffdhe2048,
                             // "DH" for a server-chosen TLS <= 1.2 DHE group; empty for static RSA
    int keyExchangeBits = 0; // size of the server's ephemeral key (253 for X25519, 2048 for a
                             // 2048-bit DH group); 0 when there was none or it was not seen
};

// One key-exchange group the server accepted (one handshake offering only that group).
struct ProbedGroup
{
    enum class Kind
    {
        Ecdhe,
        Dhe,
    };
    QString name;     // X25519, P-256, P-384, P-521, X448, ffdhe2048, brainpoolP256r1, …
    QString protocol; // the version it was tested at: TLSv1.3, or the highest TLS <= 1.2 accepted
    Kind kind = Kind::Ecdhe;
    int bits = 0; // size of the server's key share as measured (X25519: 253)
};

// The result for one protocol version.
struct ProbedProtocol
{
    QString name;                 // SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3
    std::optional<bool> accepted; // nullopt: could not be tested (see note), never a guess
    QList<ProbedSuite> suites;    // accepted suites: the server's preference order when it enforces
                                  // one, otherwise this OpenSSL's order
    std::optional<bool> serverOrder; // the server picks by its own preference (nullopt: fewer
                                     // than two suites, or the answers were inconsistent)
    QString note;                    // why `accepted` is unknown, or a caveat

    QStringList suiteNames() const;
};

// Everything the active TLS probe observed about one endpoint. A value type; no OpenSSL objects.
struct ProbeResult
{
    QString host;
    quint16 port = 0;
    QString address; // the IP every probe handshake went to, "127.0.0.1:6380"
    QString sni;     // the server name sent; empty when none

    QList<ProbedProtocol> protocols; // always the five of protocolNames(), in that order
    QList<ProbedGroup> groups;       // TLS 1.3 groups first, then TLS <= 1.2 ones

    std::optional<bool> serverCipherOrder;   // true if any version enforces server order
    std::optional<bool> secureRenegotiation; // RFC 5746, from a TLS <= 1.2 handshake; nullopt
                                             // when no TLS <= 1.2 version is accepted
    std::optional<int> minDheBits;    // smallest finite-field DH group the server used (DHE suites
                                      // and TLS 1.3 ffdhe groups); nullopt when none was seen
    std::optional<int> minEcdheBits;  // smallest ECDHE curve the server accepted or used
    bool clientCertRequested = false; // the server sent a CertificateRequest
    std::optional<bool> clientCertRequired; // a handshake without a certificate was refused
                                            // because of it; nullopt when not determined

    int handshakes = 0; // TLS handshakes performed (connections opened)
    // How the suites were learnt: the parallel method for a slow link, or the chain (see Probe),
    // the handshakes in flight allowed, and the quickest first answer of the version handshakes
    // (negative: none arrived) that chose them.
    bool parallelMethod = false;
    int connections = 0;
    double firstAnswerMs = -1;
    double ms = 0;      // wall time of the whole probe
    QStringList errors; // tests whose outcome stayed unknown (timeouts, …): the result is
                        // incomplete when this is not empty
    QStringList notes;  // caveats worth showing (suites this OpenSSL cannot offer, …)

    // "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
    static QStringList protocolNames();
    // A result with the five protocols present and unknown.
    static ProbeResult empty();

    bool complete() const { return errors.isEmpty(); }
    const ProbedProtocol* protocol(QStringView name) const;
    std::optional<bool> accepts(QStringView protocol) const;
    QStringList acceptedProtocols() const;
    // Accepted suite names at one version, in the result's order.
    QStringList cipherNames(QStringView protocol) const;
    // Every accepted (version, suite) pair, newest version first.
    QList<ProbedSuite> allSuites() const;
    bool anySuite(const std::function<bool(const CipherSuiteInfo&)>& predicate) const;
    QList<ProbedSuite>
    suitesWhere(const std::function<bool(const CipherSuiteInfo&)>& predicate) const;
    // Accepted group names without duplicates (TLS 1.3 first), or those tested at one version.
    QStringList groupNames() const;
    QStringList groupNames(QStringView protocol) const;
};

// Rediscope's display name for an OpenSSL group name: x25519 → X25519, secp256r1 / prime256v1 →
// P-256, secp384r1 → P-384, secp521r1 → P-521, x448 → X448; others unchanged (ffdhe2048, …).
QString tlsGroupDisplayName(const QString& openSslName);
// The OpenSSL name of a TLS group by its IANA id (RFC 8422, 7919, 8446 registry); "0x…" when
// unknown.
QString tlsGroupName(int ianaId);

} // namespace rediscope
