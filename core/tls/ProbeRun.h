#pragma once

#include "tls/Probe.h"
#include "tls/ProbeGroupCandidate.h"
#include "tls/ProbeHandshake.h"
#include "tls/ProbeTaskPool.h"

#include <QHash>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace rediscope::probe {

// Offered for every TLS <= 1.2 group test: ECDHE key exchange only, so a server that shares the
// group has to use it.
inline constexpr char EcdheSuites[] = "kECDHE";

struct SuiteObservation
{
    QString group;
    int bits = 0;
    HandshakeOutcome::KeyKind kind = HandshakeOutcome::KeyKind::None;
};

struct VersionState
{
    int version = 0;
    QString name;
    ContextPtr context;
    QStringList candidates; // every suite this OpenSSL can offer at the version, OpenSSL's order
    std::optional<HandshakeOutcome> protocolOutcome;
    QStringList picked;      // suites the server selected from the remaining ones, in turn
    QStringList singlesOnly; // accepted when offered alone although the chain never selected them
    QHash<QString, SuiteObservation> observed; // per accepted suite: its key exchange
    int pendingSingles = 0;
    bool chainBroken = false; // a chain handshake had no answer: its order is partial
    std::optional<bool> serverOrder;

    // The parallel method; suites by their index in `candidates`.
    std::vector<int> suffixPick;          // the pick when offered candidates[i..]; -1: none
    std::vector<char> accepted;           // per candidate: selected from a list, or alone
    std::vector<std::vector<char>> beats; // [a][b]: offered both, the server selected a
    int reversePick = -1;                 // the pick when offered every candidate reversed
    int pending = 0;                      // handshakes of the current round still running
    int pairRounds = 0;                   // rounds of pairwise comparisons done
    QList<int> ordered;                   // placed in the server's order so far
    QList<int> unordered;                 // accepted, not placed yet (candidates' order)
    bool orderStuck = false;              // an order test had no usable answer
};

// One run of the probe (see Probe for the methods). ProbeRun.cpp: set-up, the version
// handshakes, the chain and the assembly of the result; ProbeRunParallel.cpp: the parallel method.
class ProbeRun
{
public:
    ProbeRun(const ProbeOptions& options, const CancelToken& cancel)
        : m_options(options)
        , m_cancel(cancel)
    {}

    Result<ProbeResult> execute(const std::function<void(int, int)>& progress);

private:
    bool stopped() const { return m_cancel.isCancelled() || m_options.deadline.expired(); }
    QList<SocketAddress> addresses();
    std::optional<HandshakeOutcome> handshake(VersionState& state, const HandshakeSpec& spec,
                                              const QString& label);
    HandshakeSpec suiteSpec(const VersionState& state, const QStringList& suites) const;

    void testProtocol(VersionState& state);
    void afterProtocols();
    void selectFrom(VersionState& state, QStringList remaining);
    void afterChain(VersionState& state);
    void testSingle(VersionState& state, const QString& suite);
    void testReverseOrder(VersionState& state);
    void testGroup(VersionState& state, const GroupCandidate& group);

    void startParallel(VersionState& state);
    void testSuffix(VersionState& state, int first, bool aloneDone);
    void testReversedCandidates(VersionState& state);
    void testAlone(VersionState& state, int suite, bool thenSuffix);
    void testGroups(VersionState& state, const QList<GroupCandidate>& groups);
    void parallelTestDone(VersionState& state);
    void orderAccepted(VersionState& state);
    void orderStep(VersionState& state);
    void testOrder(VersionState& state, const QList<int>& offered);
    void finishOrder(VersionState& state);
    int recordPick(VersionState& state, const std::optional<HandshakeOutcome>& outcome,
                   const QList<int>& offered);
    QStringList names(const VersionState& state, const QList<int>& suites) const;

    std::optional<Error> connectionFailure() const;
    QStringList suiteOrder(const VersionState& state) const;
    ProbeResult assemble() const;

    const ProbeOptions m_options;
    const CancelToken m_cancel;
    QString m_sni;
    QString m_gateKey;
    QList<SocketAddress> m_resolved;
    QList<GroupCandidate> m_groups;
    std::unique_ptr<ProbeTaskPool> m_pool;

    bool m_explicitLimit = false; // the caller chose the connections in flight
    std::atomic_int m_limit{0};   // connections in flight (the pool's workers)
    std::atomic_bool m_parallel{false};
    double m_firstAnswerMs = -1;

    mutable std::mutex m_mutex; // guards everything below
    std::optional<SocketAddress> m_peer;
    std::array<VersionState, 4> m_versions;
    int m_pendingProtocols = 0;
    QList<ProbedGroup> m_acceptedGroups;
    QStringList m_errors;
    QStringList m_notes;
    std::atomic_int m_handshakes{0};
    std::atomic_bool m_skipped{false};
};

} // namespace rediscope::probe
