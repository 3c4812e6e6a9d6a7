#pragma once

// Internal to core: one handshake of the TLS probe, with OpenSSL. Not part of the public API.

#include "common/CancelToken.h"
#include "common/Deadline.h"
#include "common/Error.h"
#include "net/SocketAddress.h"

#include <QByteArray>
#include <chrono>
#include <memory>
#include <openssl/ssl.h>
#include <optional>

namespace rediscope::probe {

struct ContextDeleter
{
    void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using ContextPtr = std::unique_ptr<SSL_CTX, ContextDeleter>;

// A client context that speaks exactly one protocol version, at security level 0 with a
// security callback that allows everything, no certificate verification, legacy (pre-RFC 5746)
// servers allowed, every TLS <= 1.2 suite (ALL:COMPLEMENTOFALL), all five TLS 1.3 suites and the
// given groups. Shared read-only by the worker threads (SSL_new only).
ContextPtr newProbeContext(int version, const QByteArray& groups, QString* error);

// The TLS <= 1.2 suites (OpenSSL names, OpenSSL's order) a context would offer at its version:
// what the version can negotiate and this build can offer (PSK and SRP suites need credentials
// and are never offered).
QStringList offerableSuites(SSL_CTX* context);

// Every TLS 1.3 suite OpenSSL 3 implements, colon-separated.
QByteArray allTls13Suites();

// OpenSSL's name of a protocol version: "TLSv1", "TLSv1.1", … "SSLv3"; hex for others.
QString versionName(int version);

struct HandshakeSpec
{
    int version = 0;         // the context's version (min = max)
    QByteArray cipherList;   // TLS <= 1.2 suites to offer; empty: the context's
    QByteArray cipherSuites; // TLS 1.3 suites to offer; empty: the context's
    QByteArray groups;       // groups to offer; empty: the context's
    // TLS 1.3 with a CertificateRequest: after our side completed without a certificate, wait
    // briefly for the server's verdict (an alert, or a session ticket that means "accepted").
    bool awaitClientAuthVerdict = false;
    // Only the server's first flight matters: OpenSSL builds the ClientHello, the probe sends it
    // and reads the answer with its own parser, and never answers back — no key exchange or
    // certificate work on our side. Accepted when the server selected a suite (TLS <= 1.2: its
    // flight up to ServerHelloDone arrived; TLS 1.3: a ServerHello or HelloRetryRequest).
    bool stopAfterServerFlight = false;
    // TLS 1.3, with stopAfterServerFlight: offer the groups with an empty key_share, so that a
    // server that accepts one answers with a HelloRetryRequest naming it (no key exchange on
    // either side). Servers must support this (RFC 8446 4.2.8); one that refuses it with an
    // alert other than handshake_failure is retried with a key share by the caller.
    bool emptyKeyShare = false;
};

struct HandshakeOutcome
{
    enum class Status
    {
        Accepted,    // the server selected a suite, and the handshake completed or failed only
                     // because the server requires a client certificate
        Rejected,    // the server refused (alert, or closed the connection)
        NotTestable, // this OpenSSL could not build a ClientHello for the spec
        Unknown,     // no answer established (TCP failure, timeout)
    };
    Status status = Status::Unknown;
    QString detail; // what happened, for notes and errors

    std::optional<Error> tcpError; // the connection itself failed
    SocketAddress peer;            // where the connection went (when it was made)
    QByteArray firstBytes;         // the first bytes the server sent (up to 16)
    // From the start of the TCP connect to the server's first byte: the link's round trips plus
    // the server's work; negative when nothing arrived.
    std::chrono::microseconds firstAnswer{-1};

    bool serverHello = false;        // a (final, not retry) ServerHello arrived
    int version = 0;                 // the version the server chose
    QString cipher;                  // OpenSSL name of the suite the server chose
    bool completed = false;          // SSL_connect succeeded
    bool stoppedEarly = false;       // stopAfterServerFlight took effect
    bool selectedThenFailed = false; // ServerHello arrived, then the handshake failed for a
                                     // reason other than the client certificate
    int alertReceived = -1;

    int certificateKey = 0; // EVP_PKEY base id of the server certificate's key (full handshakes
                            // that got that far); 0: not seen
    QString group;          // negotiated group (display name), "DH" for TLS <= 1.2 DHE, empty: none
    enum class KeyKind
    {
        None,
        Dh,
        Ec,
    };
    KeyKind keyKind = KeyKind::None;
    int keyBits = 0; // the server's ephemeral key size

    std::optional<bool> secureRenegotiation; // TLS <= 1.2 only
    bool certificateRequested = false;
    bool clientCertRequired = false;       // the failure (or the TLS 1.3 verdict) was for want of a
                                           // client certificate
    std::optional<bool> clientAuthVerdict; // TLS 1.3, awaitClientAuthVerdict: true refused
};

// One handshake on a fresh connection to the first of `addresses` that answers. Returns an error
// only when cancelled; everything else is an outcome.
Result<HandshakeOutcome> runHandshake(SSL_CTX* context, const QList<SocketAddress>& addresses,
                                      const QString& sni, const HandshakeSpec& spec,
                                      const Deadline& deadline, const CancelToken& cancel);

} // namespace rediscope::probe
