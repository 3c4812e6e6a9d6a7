#pragma once

#include "common/CancelToken.h"
#include "common/Deadline.h"
#include "common/Error.h"
#include "tls/ProbeResult.h"

#include <chrono>
#include <functional>

namespace rediscope {

struct ProbeOptions
{
    // Handshakes in flight when `parallelism` is automatic: on a fast link the probe is bound by
    // CPU (ours and the server's), on a slow one by round trips.
    static constexpr int DefaultParallelism = 8;
    static constexpr int SlowLinkParallelism = 24;
    static constexpr int MaxParallelism = 32;
    // Connections one endpoint gets from all the probes of this process together when no probe
    // asked for a limit of its own (or a larger one).
    static constexpr int EndpointConnections = 16;
    // The link counts as slow when the quickest first answer of the version handshakes (TCP
    // connect to the server's first byte) took at least this long: about two round trips of
    // 2.5 ms, far above loopback or a LAN (there the probe is bound by CPU and the chain is as
    // quick), and where the chain's sequential round trips start to dominate.
    static constexpr std::chrono::microseconds SlowLinkFirstAnswer{5000};

    enum class Method
    {
        Automatic, // the chain on a fast link, the parallel method on a slow one
        Chain,
        Parallel,
    };

    QString host;
    quint16 port = 0;
    QString sni; // server name to send; empty: the host when it is a DNS name, none for an IP
    std::chrono::milliseconds handshakeTimeout{5000}; // one handshake (connect included)
    Deadline deadline = Deadline::never();            // the whole probe
    // Handshakes (connections) in flight. 0: automatic (DefaultParallelism, SlowLinkParallelism
    // on a slow link); otherwise clamped to [1, MaxParallelism], and then also the most
    // connections this process opens to the endpoint at a time, counting every probe of it.
    int parallelism = 0;
    Method method = Method::Automatic; // how suites and their order are learnt (see Probe)
};

// The active TLS probe: which protocol versions, cipher suites and key-exchange groups a server
// accepts, whether it enforces its own suite order, secure renegotiation, the sizes of the
// ephemeral keys it uses, and whether it insists on a client certificate.
//
// Every test is one handshake on its own connection, made with the probe's own OpenSSL context
// for that version (min = max) at security level 0, with a security callback that refuses
// nothing, so that what the server offers is seen even where a normal client would refuse it.
//  - Versions: one full handshake each (TLS 1.0 … 1.3) offering everything; SSLv3 is compiled out
//    of this OpenSSL and reported as not testable (null). These handshakes also give secure
//    renegotiation (highest TLS <= 1.2 version) and the client-certificate verdict.
//  - Suites, per accepted version, by one of two methods that give the same answers. The version
//    handshakes tell how far the server is (ProbeOptions::SlowLinkFirstAnswer).
//    The chain (fast links; the fewest handshakes): sslscan's method, offer every suite not
//    selected yet (the server's pick is accepted, and the picks come in the server's order when
//    it enforces one), then one handshake per suite the chain never picked, so acceptance means
//    "accepted when offered alone". One more handshake with the picks reversed tells server order
//    from client order.
//    The parallel method (slow links; a few rounds of parallel handshakes instead of one
//    sequential handshake per accepted suite): in OpenSSL's order, offer every suffix of the
//    version's suites at once, plus the whole list reversed. A suffix's pick is accepted; a suite
//    that is its own suffix's pick is preferred to every suite after it, so when the server's
//    order is OpenSSL's (as with OpenSSL's default and ALL cipher strings) these picks already are
//    the full order. Every suite that is not its suffix's pick is tried alone, as in the chain.
//    (A suite the server certificate's key cannot authenticate is tried alone first, and its
//    suffix only when it is accepted all the same: that spares a handshake per suite that is
//    almost always refused.)
//    The reversed list tells server order from client order when it can; otherwise the chain's
//    reversed test runs once the order is known. Suites whose order the picks leave open are
//    compared in pairs in one parallel round when there are few pairs, else by the chain's step
//    (offer the rest, the pick comes next), until every suite has its place.
//  - Groups: one handshake per group, TLS 1.3 and the highest TLS <= 1.2 version (ECDHE suites
//    only there). The parallel method first offers the TLS <= 1.2 curves outside OpenSSL's
//    default list all together, and tries them one by one only when the server takes one.
// Suite and group tests only need the server's first flight: OpenSSL builds each ClientHello,
// the probe sends it and reads the answer with its own parser (ServerFlightParser) and never
// answers back, so our side does no key exchange, signature check or certificate parsing. A
// suite (or group) counts as accepted when the server selected it in its ServerHello (TLS <= 1.2:
// with its flight through ServerHelloDone); a server that then wants a client certificate changes
// nothing. TLS 1.3 groups are asked with an empty key_share: a server that accepts the group
// answers with a HelloRetryRequest naming it, so neither side computes a (finite-field) key.
// Handshakes run in parallel on a bounded pool of worker threads (the order chains first); the
// process opens at most EndpointConnections (or the larger limit a probe asked for) connections
// to one endpoint at any time, all its probes together.
//
// Blocking; call it off the GUI thread. `progress` is called on the calling thread with the
// handshakes done so far and the total planned so far (the total grows as the probe learns what
// the server accepts). Errors: bad options, resolve/TCP failures, a peer that does not speak TLS,
// the deadline, or cancellation. Tests whose outcome could not be established (a handshake
// timing out twice) do not fail the probe; they are listed in ProbeResult::errors.
class Probe
{
public:
    static Result<ProbeResult> run(const ProbeOptions& options, const CancelToken& cancel,
                                   std::function<void(int done, int total)> progress = {});
};

} // namespace rediscope
