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
    static constexpr int DefaultParallelism = 8;
    static constexpr int MaxParallelism = 16;

    QString host;
    quint16 port = 0;
    QString sni; // server name to send; empty: the host when it is a DNS name, none for an IP
    std::chrono::milliseconds handshakeTimeout{5000}; // one handshake (connect included)
    Deadline deadline = Deadline::never();            // the whole probe
    int parallelism = DefaultParallelism; // handshakes in flight, clamped to [1, MaxParallelism]
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
//  - Suites, per accepted version: a chain of handshakes offering every suite not selected yet
//    (the server's pick is accepted, and the picks come in the server's order when it enforces
//    one), then one handshake per suite the chain never picked, so acceptance means "accepted
//    when offered alone". One more handshake with the picks reversed tells server order from
//    client order.
//  - Groups: one handshake per group, TLS 1.3 and the highest TLS <= 1.2 version (ECDHE suites
//    only there).
// Suite and group tests only need the server's first flight: OpenSSL builds each ClientHello,
// the probe sends it and reads the answer with its own parser (ServerFlightParser) and never
// answers back, so our side does no key exchange, signature check or certificate parsing. A
// suite (or group) counts as accepted when the server selected it in its ServerHello (TLS <= 1.2:
// with its flight through ServerHelloDone); a server that then wants a client certificate changes
// nothing. TLS 1.3 groups are asked with an empty key_share: a server that accepts the group
// answers with a HelloRetryRequest naming it, so neither side computes a (finite-field) key.
// Handshakes run in parallel on a bounded pool of worker threads (the order chains first); at
// most MaxParallelism connections to one endpoint are open at any time in the whole process.
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
