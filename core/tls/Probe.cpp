#include "Probe.h"

#include "net/Resolver.h"
#include "tls/ProbeHandshake.h"
#include "tls/TlsAlert.h"

#include <QElapsedTimer>
#include <QHash>
#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <map>
#include <mutex>
#include <openssl/evp.h>
#include <pthread.h>
#include <thread>

namespace rediscope {

namespace {

using probe::HandshakeOutcome;
using probe::HandshakeSpec;
using Status = HandshakeOutcome::Status;

constexpr std::array<int, 4> TlsVersions{TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION,
                                         TLS1_3_VERSION};
// Offered for every TLS <= 1.2 group test: ECDHE key exchange only, so a server that shares the
// group has to use it.
constexpr char EcdheSuites[] = "kECDHE";

QString versionName(int version)
{
    switch (version) {
    case TLS1_VERSION:
        return QStringLiteral("TLSv1");
    case TLS1_1_VERSION:
        return QStringLiteral("TLSv1.1");
    case TLS1_2_VERSION:
        return QStringLiteral("TLSv1.2");
    case TLS1_3_VERSION:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("SSLv3");
    }
}

// The groups the probe tries, OpenSSL's default client list first. `tls13`: usable in TLS 1.3
// (OpenSSL 3.0 allows only these there); `ec`: an elliptic curve, testable in TLS <= 1.2.
struct GroupCandidate
{
    const char* name;
    bool tls13;
    bool ec;
};
constexpr GroupCandidate GroupCandidates[] = {
    {"x25519", true, true},
    {"secp256r1", true, true},
    {"x448", true, true},
    {"secp521r1", true, true},
    {"secp384r1", true, true},
    {"ffdhe2048", true, false},
    {"ffdhe3072", true, false},
    {"ffdhe4096", true, false},
    {"ffdhe6144", true, false},
    {"ffdhe8192", true, false},
    {"secp224r1", false, true},
    {"secp192r1", false, true},
    {"secp256k1", false, true},
    {"secp224k1", false, true},
    {"secp192k1", false, true},
    {"secp160k1", false, true},
    {"secp160r1", false, true},
    {"secp160r2", false, true},
    {"brainpoolP512r1", false, true},
    {"brainpoolP384r1", false, true},
    {"brainpoolP256r1", false, true},
    {"sect571r1", false, true},
    {"sect571k1", false, true},
    {"sect409r1", false, true},
    {"sect409k1", false, true},
    {"sect283r1", false, true},
    {"sect283k1", false, true},
    {"sect239k1", false, true},
    {"sect233r1", false, true},
    {"sect233k1", false, true},
    {"sect193r2", false, true},
    {"sect193r1", false, true},
    {"sect163r2", false, true},
    {"sect163r1", false, true},
    {"sect163k1", false, true},
};

// Whether the server certificate's key cannot authenticate the suite (an ECDSA suite with an
// RSA key, …): such a suite is refused but by a server with a second certificate of the other
// kind. Only the order of the parallel method's tests depends on it, never a result.
bool certificateMismatch(const QString& suite, int key)
{
    if (key == 0)
        return false;
    switch (cipherSuiteInfo(suite).authentication) {
    case Authentication::Rsa:
        return key != EVP_PKEY_RSA && key != EVP_PKEY_RSA_PSS;
    case Authentication::Ecdsa:
        return key != EVP_PKEY_EC && key != EVP_PKEY_ED25519 && key != EVP_PKEY_ED448;
    case Authentication::Dss:
        return key != EVP_PKEY_DSA;
    default:
        return false;
    }
}

// The candidates this OpenSSL knows, tested one by one on a scratch context.
QList<GroupCandidate> knownGroups()
{
    QList<GroupCandidate> known;
    probe::ContextPtr scratch(SSL_CTX_new(TLS_client_method()));
    for (const GroupCandidate& candidate : GroupCandidates)
        if (scratch && SSL_CTX_set1_groups_list(scratch.get(), candidate.name) == 1)
            known.append(candidate);
    return known;
}

// Cipher families the checks care about that this OpenSSL build cannot offer at all.
QStringList missingWeakFamilies()
{
    bool rc4 = false, des = false, tripleDes = false, idea = false, exportGrade = false;
    for (const QString& name : openSslCipherSuiteNames()) {
        const CipherSuiteInfo info = cipherSuiteInfo(name);
        rc4 = rc4 || info.rc4();
        des = des || info.des();
        tripleDes = tripleDes || info.tripleDes();
        idea = idea || info.idea();
        exportGrade = exportGrade || info.exportGrade;
    }
    QStringList missing;
    if (!rc4)
        missing << QStringLiteral("RC4");
    if (!des)
        missing << QStringLiteral("DES");
    if (!tripleDes)
        missing << QStringLiteral("3DES");
    if (!idea)
        missing << QStringLiteral("IDEA");
    if (!exportGrade)
        missing << QStringLiteral("EXPORT");
    return missing;
}

// A bounded number of connections to one endpoint at a time, process-wide (an audit may probe
// several profiles that point at the same server concurrently). `cap`: how many may be open,
// all probes together, for this one to open another.
class EndpointGate
{
public:
    EndpointGate(QString key, int cap, const CancelToken& cancel, const Deadline& deadline)
        : m_key(std::move(key))
    {
        std::unique_lock lock(mutex());
        for (;;) {
            int& used = counts()[m_key];
            if (used < cap) {
                ++used;
                m_held = true;
                return;
            }
            if (cancel.isCancelled() || deadline.expired())
                return;
            changed().wait_for(lock, std::chrono::milliseconds(50));
        }
    }
    ~EndpointGate()
    {
        if (!m_held)
            return;
        std::lock_guard lock(mutex());
        auto it = counts().find(m_key);
        if (it != counts().end() && --it->second <= 0)
            counts().erase(it);
        changed().notify_all();
    }
    EndpointGate(const EndpointGate&) = delete;
    EndpointGate& operator=(const EndpointGate&) = delete;
    explicit operator bool() const { return m_held; }

private:
    static std::mutex& mutex()
    {
        static std::mutex instance;
        return instance;
    }
    static std::condition_variable& changed()
    {
        static std::condition_variable instance;
        return instance;
    }
    static std::map<QString, int>& counts()
    {
        static std::map<QString, int> instance;
        return instance;
    }
    QString m_key;
    bool m_held = false;
};

// A fixed set of worker threads running posted tasks; tasks may post more. wait() returns when
// the queue is empty and no task runs, reporting progress on the waiting thread.
class Pool
{
public:
    explicit Pool(int workers) { grow(workers); }
    ~Pool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_workAvailable.notify_all();
        for (std::thread& thread : m_threads)
            thread.join();
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // At least `workers` threads from now on.
    void grow(int workers)
    {
        std::lock_guard lock(m_mutex);
        while (static_cast<int>(m_threads.size()) < workers)
            m_threads.emplace_back([this] { work(); });
    }

    // `urgent` tasks go to the front of the queue: the sequential suite-order chains are the
    // probe's critical path, everything else fills the gaps.
    void post(std::function<void()> task, bool urgent = false)
    {
        {
            std::lock_guard lock(m_mutex);
            if (urgent)
                m_queue.push_front(std::move(task));
            else
                m_queue.push_back(std::move(task));
            ++m_total;
        }
        m_workAvailable.notify_one();
    }

    void wait(const std::function<void(int, int)>& progress)
    {
        int reportedDone = -1;
        int reportedTotal = -1;
        std::unique_lock lock(m_mutex);
        for (;;) {
            const bool idle = m_queue.empty() && m_running == 0;
            if (progress && (m_done != reportedDone || m_total != reportedTotal)) {
                reportedDone = m_done;
                reportedTotal = m_total;
                lock.unlock();
                progress(reportedDone, reportedTotal);
                lock.lock();
                continue;
            }
            if (idle)
                return;
            m_progressed.wait_for(lock, std::chrono::milliseconds(50));
        }
    }

private:
    void work()
    {
        // A peer that closes first must not kill the process: writes then fail with EPIPE.
        sigset_t blocked;
        sigemptyset(&blocked);
        sigaddset(&blocked, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_workAvailable.wait(lock, [this] { return m_quit || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            std::function<void()> task = std::move(m_queue.front());
            m_queue.pop_front();
            ++m_running;
            lock.unlock();
            task();
            lock.lock();
            --m_running;
            ++m_done;
            m_progressed.notify_all();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_workAvailable;
    std::condition_variable m_progressed;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    int m_running = 0;
    int m_done = 0;
    int m_total = 0;
    bool m_quit = false;
};

// The server began a TLS handshake, then it ended without a TLS alert: a reset, or a flight this
// client cannot read (a certificate chain over OpenSSL's limit). Not a refusal: no verdict.
bool brokenHandshake(const HandshakeOutcome& outcome)
{
    return outcome.status == Status::Rejected && outcome.alertReceived < 0 &&
           !outcome.firstBytes.isEmpty() && outcome.firstBytes.at(0) == 0x16;
}

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
    probe::ContextPtr context;
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
    std::unique_ptr<Pool> m_pool;

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

QList<SocketAddress> ProbeRun::addresses()
{
    std::lock_guard lock(m_mutex);
    return m_peer ? QList<SocketAddress>{*m_peer} : m_resolved;
}

std::optional<HandshakeOutcome> ProbeRun::handshake(VersionState& state, const HandshakeSpec& spec,
                                                    const QString& label)
{
    std::optional<HandshakeOutcome> last;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (stopped()) {
            m_skipped = true;
            return std::nullopt;
        }
        const int cap = m_explicitLimit
                            ? m_limit.load()
                            : std::max(m_limit.load(), ProbeOptions::EndpointConnections);
        const EndpointGate gate(m_gateKey, cap, m_cancel, m_options.deadline);
        if (!gate) {
            m_skipped = true;
            return std::nullopt;
        }
        auto outcome =
            probe::runHandshake(state.context.get(), addresses(), m_sni, spec,
                                m_options.deadline.capped(m_options.handshakeTimeout), m_cancel);
        ++m_handshakes;
        if (!outcome) {
            m_skipped = true;
            return std::nullopt;
        }
        if (!outcome->tcpError) {
            std::lock_guard lock(m_mutex);
            if (!m_peer)
                m_peer = outcome->peer;
        }
        last = std::move(*outcome);
        if (last->status != Status::Unknown)
            break;
        if (m_options.deadline.expired()) {
            m_skipped = true;
            return std::nullopt;
        }
    }
    std::lock_guard lock(m_mutex);
    if (last->status == Status::Unknown)
        m_errors << QStringLiteral("%1: no answer (%2)").arg(label, last->detail);
    else if (last->selectedThenFailed)
        m_notes << QStringLiteral("%1: %2; not counted as accepted.").arg(label, last->detail);
    return last;
}

HandshakeSpec ProbeRun::suiteSpec(const VersionState& state, const QStringList& suites) const
{
    HandshakeSpec spec;
    spec.version = state.version;
    spec.stopAfterServerFlight = true;
    const QByteArray list = suites.join(QLatin1Char(':')).toLatin1();
    if (state.version == TLS1_3_VERSION)
        spec.cipherSuites = list;
    else
        spec.cipherList = list;
    return spec;
}

void ProbeRun::testProtocol(VersionState& state)
{
    HandshakeSpec spec;
    spec.version = state.version;
    spec.awaitClientAuthVerdict = state.version == TLS1_3_VERSION;
    auto outcome = handshake(state, spec, state.name);
    {
        std::lock_guard lock(m_mutex);
        state.protocolOutcome = std::move(outcome);
        if (--m_pendingProtocols > 0)
            return;
    }
    afterProtocols();
}

void ProbeRun::afterProtocols()
{
    std::lock_guard lock(m_mutex);
    // The link's latency: the quickest first answer of the version handshakes.
    std::chrono::microseconds quickest{-1};
    for (const VersionState& state : m_versions)
        if (state.protocolOutcome && state.protocolOutcome->firstAnswer.count() >= 0 &&
            (quickest.count() < 0 || state.protocolOutcome->firstAnswer < quickest))
            quickest = state.protocolOutcome->firstAnswer;
    m_firstAnswerMs = quickest.count() < 0 ? -1.0 : static_cast<double>(quickest.count()) / 1000.0;
    const bool slow = quickest >= ProbeOptions::SlowLinkFirstAnswer;
    m_parallel = m_options.method == ProbeOptions::Method::Parallel ||
                 (m_options.method == ProbeOptions::Method::Automatic && slow);
    if (slow && !m_explicitLimit) {
        m_limit = ProbeOptions::SlowLinkParallelism;
        m_pool->grow(m_limit);
    }

    VersionState* highestLegacy = nullptr;
    for (VersionState& state : m_versions) {
        if (!state.protocolOutcome || state.protocolOutcome->status != Status::Accepted)
            continue;
        if (state.version < TLS1_3_VERSION)
            highestLegacy = &state;
        if (m_parallel) {
            startParallel(state);
        } else {
            const QStringList all = state.candidates;
            m_pool->post([this, &state, all] { selectFrom(state, all); }, true);
        }
        // The big finite-field groups first: they take longest, so they should not be last.
        if (state.version == TLS1_3_VERSION)
            for (auto group = m_groups.crbegin(); group != m_groups.crend(); ++group)
                if (group->tls13)
                    m_pool->post([this, &state, group = *group] { testGroup(state, group); });
    }
    // Like sslscan: TLS <= 1.2 groups at the highest of those versions the server accepts. The
    // parallel method first offers the curves outside OpenSSL's default list together: a server
    // that refuses them all at once has none of them (it would have chosen one), which spares a
    // handshake each on a slow link; otherwise each is tried alone.
    if (highestLegacy) {
        QList<GroupCandidate> rare;
        for (const GroupCandidate& group : std::as_const(m_groups)) {
            if (!group.ec)
                continue;
            if (m_parallel && !group.tls13)
                rare << group;
            else
                m_pool->post([this, highestLegacy, group] { testGroup(*highestLegacy, group); });
        }
        // First in the queue: when the server takes one, each follows alone.
        if (!rare.isEmpty())
            m_pool->post([this, highestLegacy, rare] { testGroups(*highestLegacy, rare); }, true);
    }
}

// One link of the version's chain (sslscan's method): offer every suite not selected yet; the
// server selects its favourite (or, when it follows the client, our first acceptable one);
// remove it and go on until the server refuses what is left.
void ProbeRun::selectFrom(VersionState& state, QStringList remaining)
{
    const auto outcome = handshake(state, suiteSpec(state, remaining),
                                   QStringLiteral("%1 suite selection").arg(state.name));
    bool done = true;
    {
        std::lock_guard lock(m_mutex);
        if (outcome && outcome->status == Status::Accepted && remaining.contains(outcome->cipher)) {
            state.picked << outcome->cipher;
            state.observed.insert(outcome->cipher,
                                  {outcome->group, outcome->keyBits, outcome->keyKind});
            remaining.removeOne(outcome->cipher);
            done = remaining.isEmpty();
        } else if (outcome && outcome->status == Status::Accepted) {
            m_notes << QStringLiteral("%1: the server selected %2, which was not offered.")
                           .arg(state.name, outcome->cipher);
            state.chainBroken = true;
        } else if (!outcome || outcome->status != Status::Rejected) {
            state.chainBroken = true;
        }
    }
    if (done)
        afterChain(state);
    else
        m_pool->post([this, &state, remaining] { selectFrom(state, remaining); }, true);
}

// Every suite the chain did not show as accepted gets a handshake of its own: acceptance means
// "accepted when offered alone", whatever the chain saw. Then the order test.
void ProbeRun::afterChain(VersionState& state)
{
    QStringList singles;
    {
        std::lock_guard lock(m_mutex);
        for (const QString& suite : std::as_const(state.candidates))
            if (!state.picked.contains(suite))
                singles << suite;
        state.pendingSingles = static_cast<int>(singles.size());
    }
    for (const QString& suite : std::as_const(singles))
        m_pool->post([this, &state, suite] { testSingle(state, suite); });
    if (singles.isEmpty())
        testReverseOrder(state);
}

void ProbeRun::testSingle(VersionState& state, const QString& suite)
{
    const auto outcome =
        handshake(state, suiteSpec(state, {suite}), QStringLiteral("%1 %2").arg(state.name, suite));
    {
        std::lock_guard lock(m_mutex);
        if (outcome && outcome->status == Status::Accepted) {
            if (outcome->cipher == suite) {
                state.singlesOnly << suite;
                state.observed.insert(suite, {outcome->group, outcome->keyBits, outcome->keyKind});
                if (!state.chainBroken)
                    m_notes << QStringLiteral("%1: %2 is accepted when offered alone but was "
                                              "never selected from a longer list.")
                                   .arg(state.name, suite);
            } else {
                m_notes << QStringLiteral("%1: offered only %2, the server selected %3.")
                               .arg(state.name, suite, outcome->cipher);
            }
        }
        if (--state.pendingSingles > 0)
            return;
    }
    testReverseOrder(state);
}

// Whose order decides: offer the selected suites in reverse. A server that enforces its own
// order selects its favourite again; one that follows the client selects our (new) first.
void ProbeRun::testReverseOrder(VersionState& state)
{
    QStringList reversed;
    {
        std::lock_guard lock(m_mutex);
        reversed = state.picked;
        if (reversed.size() < 2 || state.chainBroken)
            return;
    }
    std::reverse(reversed.begin(), reversed.end());
    m_pool->post(
        [this, &state, reversed] {
            const auto outcome = handshake(state, suiteSpec(state, reversed),
                                           QStringLiteral("%1 suite order").arg(state.name));
            std::lock_guard lock(m_mutex);
            if (!outcome || outcome->status != Status::Accepted)
                return;
            if (outcome->cipher == reversed.last()) {
                state.serverOrder = true;
            } else if (outcome->cipher == reversed.first()) {
                state.serverOrder = false;
            } else {
                m_notes << QStringLiteral("%1: the server's suite choice follows neither its own "
                                          "order nor the client's.")
                               .arg(state.name);
            }
        },
        true);
}

void ProbeRun::testGroup(VersionState& state, const GroupCandidate& group)
{
    HandshakeSpec spec;
    spec.version = state.version;
    spec.groups = group.name;
    spec.stopAfterServerFlight = true;
    if (state.version < TLS1_3_VERSION)
        spec.cipherList = EcdheSuites;
    const QString name = tlsGroupDisplayName(QString::fromLatin1(group.name));
    const QString label = QStringLiteral("%1 group %2").arg(state.name, name);
    // TLS 1.3: ask without a key share, so that an accepted group costs a HelloRetryRequest
    // rather than a key exchange (the finite-field groups are expensive on both sides). A
    // refusal other than the usual "handshake failure" may be the server objecting to the empty
    // share itself: ask again the ordinary way.
    spec.emptyKeyShare = state.version == TLS1_3_VERSION;
    auto outcome = handshake(state, spec, label);
    if (spec.emptyKeyShare && outcome && outcome->status == Status::Rejected &&
        outcome->alertReceived != TlsAlert::HandshakeFailure) {
        spec.emptyKeyShare = false;
        outcome = handshake(state, spec, label);
    }
    if (!outcome || outcome->status != Status::Accepted || outcome->group != name)
        return;
    ProbedGroup accepted;
    accepted.name = name;
    accepted.protocol = state.name;
    accepted.kind = group.ec ? ProbedGroup::Kind::Ecdhe : ProbedGroup::Kind::Dhe;
    accepted.bits = outcome->keyBits;
    std::lock_guard lock(m_mutex);
    m_acceptedGroups.append(accepted);
}

QStringList ProbeRun::names(const VersionState& state, const QList<int>& suites) const
{
    QStringList list;
    for (const int suite : suites)
        list << state.candidates.at(suite);
    return list;
}

// The parallel method (see Probe): every suffix of the candidates, and all of them reversed, at
// once. Called with m_mutex held.
void ProbeRun::startParallel(VersionState& state)
{
    const int count = static_cast<int>(state.candidates.size());
    if (count == 0)
        return;
    state.suffixPick.assign(count, -1);
    state.accepted.assign(count, 0);
    state.beats.assign(count, std::vector<char>(count, 0));
    state.pending = count + (count >= 2 ? 1 : 0);
    const int key = state.protocolOutcome ? state.protocolOutcome->certificateKey : 0;
    for (int first = 0; first < count; ++first) {
        if (certificateMismatch(state.candidates.at(first), key))
            m_pool->post([this, &state, first] { testAlone(state, first, true); });
        else
            m_pool->post([this, &state, first] { testSuffix(state, first, false); });
    }
    if (count >= 2)
        m_pool->post([this, &state] { testReversedCandidates(state); });
}

// The suite the server selected from `offered`, recorded with what it says about the server's
// preferences; -1 when it selected none of them. A test without an answer (or with a suite that
// was not offered) leaves the order partial. Called with m_mutex held.
int ProbeRun::recordPick(VersionState& state, const std::optional<HandshakeOutcome>& outcome,
                         const QList<int>& offered)
{
    if (!outcome || outcome->status != Status::Accepted) {
        if (!outcome || outcome->status != Status::Rejected)
            state.chainBroken = true;
        return -1;
    }
    const int pick = static_cast<int>(state.candidates.indexOf(outcome->cipher));
    if (pick < 0 || !offered.contains(pick)) {
        m_notes << QStringLiteral("%1: the server selected %2, which was not offered.")
                       .arg(state.name, outcome->cipher);
        state.chainBroken = true;
        return -1;
    }
    for (const int other : offered)
        if (other != pick)
            state.beats[pick][other] = 1;
    state.accepted[pick] = 1;
    if (!state.observed.contains(outcome->cipher))
        state.observed.insert(outcome->cipher,
                              {outcome->group, outcome->keyBits, outcome->keyKind});
    return pick;
}

// Offer candidates[first..]. The pick is accepted; when it is the first of them, that suite is
// preferred to every one after it. Any other suite of the list is tried alone (unless it was).
void ProbeRun::testSuffix(VersionState& state, int first, bool aloneDone)
{
    QList<int> offered;
    for (int suite = first; suite < state.candidates.size(); ++suite)
        offered << suite;
    const auto outcome = handshake(state, suiteSpec(state, names(state, offered)),
                                   QStringLiteral("%1 suite selection").arg(state.name));
    bool alone = false;
    {
        std::lock_guard lock(m_mutex);
        const int pick = recordPick(state, outcome, offered);
        state.suffixPick[first] = pick;
        if (pick != first && offered.size() > 1 && !aloneDone) {
            alone = true;
            ++state.pending;
        }
    }
    if (alone)
        m_pool->post([this, &state, first] { testAlone(state, first, false); }, true);
    parallelTestDone(state);
}

// Every candidate in reverse: a server that enforces its order selects the same suite as from
// the whole list in OpenSSL's order, one that follows the client the last accepted suite.
void ProbeRun::testReversedCandidates(VersionState& state)
{
    QList<int> offered;
    for (int suite = static_cast<int>(state.candidates.size()) - 1; suite >= 0; --suite)
        offered << suite;
    const auto outcome = handshake(state, suiteSpec(state, names(state, offered)),
                                   QStringLiteral("%1 suite order").arg(state.name));
    {
        std::lock_guard lock(m_mutex);
        const bool broken = state.chainBroken;
        state.reversePick = recordPick(state, outcome, offered);
        state.chainBroken = broken; // only this test lost: the chain's reversed test decides
    }
    parallelTestDone(state);
}

// Acceptance means "accepted when offered alone", as in the chain. `thenSuffix`: tried alone
// first (the certificate cannot authenticate it, so it is most likely refused); when it is
// accepted all the same, its suffix comes next.
void ProbeRun::testAlone(VersionState& state, int suite, bool thenSuffix)
{
    const QString name = state.candidates.at(suite);
    const auto outcome =
        handshake(state, suiteSpec(state, {name}), QStringLiteral("%1 %2").arg(state.name, name));
    {
        std::lock_guard lock(m_mutex);
        if (outcome && outcome->status == Status::Accepted) {
            if (outcome->cipher == name) {
                state.accepted[suite] = 1;
                if (!state.observed.contains(name))
                    state.observed.insert(name,
                                          {outcome->group, outcome->keyBits, outcome->keyKind});
                if (thenSuffix && suite + 1 < static_cast<int>(state.candidates.size())) {
                    ++state.pending;
                    m_pool->post([this, &state, suite] { testSuffix(state, suite, true); }, true);
                }
            } else {
                m_notes << QStringLiteral("%1: offered only %2, the server selected %3.")
                               .arg(state.name, name, outcome->cipher);
            }
        }
    }
    parallelTestDone(state);
}

void ProbeRun::parallelTestDone(VersionState& state)
{
    {
        std::lock_guard lock(m_mutex);
        if (--state.pending > 0)
            return;
    }
    orderAccepted(state);
}

// Every suite's acceptance is known. Whose order decides, when the reversed list tells; then
// the server's order, from what the picks say and what they leave open.
void ProbeRun::orderAccepted(VersionState& state)
{
    {
        std::lock_guard lock(m_mutex);
        QList<int> accepted;
        for (int suite = 0; suite < static_cast<int>(state.accepted.size()); ++suite)
            if (state.accepted[suite])
                accepted << suite;
        state.unordered = accepted;
        if (accepted.size() < 2 || state.chainBroken) {
            // Nothing to order, or some picks are missing: OpenSSL's order, like a broken chain.
            state.picked = names(state, accepted);
            return;
        }
        const int top = state.suffixPick.front();
        if (state.reversePick >= 0 && state.reversePick == top && top != accepted.last())
            state.serverOrder = true;
        else if (state.reversePick >= 0 && state.reversePick == accepted.last() &&
                 top == accepted.first())
            state.serverOrder = false;
        if (state.serverOrder == false) {
            state.picked = names(state, accepted);
            return;
        }
    }
    orderStep(state);
}

// Place every suite known to be preferred to all the others left; when some remain, one round
// of tests: all the pairs not compared yet when they are few (at most twice), otherwise the
// chain's step (offer the rest: the pick comes next).
void ProbeRun::orderStep(VersionState& state)
{
    QList<QList<int>> tests;
    {
        std::lock_guard lock(m_mutex);
        QList<int>& rest = state.unordered;
        auto& beats = state.beats;
        for (const int via : std::as_const(rest))
            for (const int from : std::as_const(rest))
                if (beats[from][via])
                    for (const int to : std::as_const(rest))
                        if (beats[via][to] && to != from)
                            beats[from][to] = 1;
        for (bool placed = true; placed && !rest.isEmpty();) {
            placed = false;
            for (const int suite : std::as_const(rest)) {
                if (std::all_of(rest.cbegin(), rest.cend(),
                                [&](int other) { return other == suite || beats[suite][other]; })) {
                    state.ordered << suite;
                    rest.removeOne(suite);
                    placed = true;
                    break;
                }
            }
        }
        if (!rest.isEmpty() && !state.orderStuck) {
            QList<QList<int>> pairs;
            for (qsizetype i = 0; i < rest.size(); ++i)
                for (qsizetype j = i + 1; j < rest.size(); ++j)
                    if (!beats[rest[i]][rest[j]] && !beats[rest[j]][rest[i]])
                        pairs.append({rest[i], rest[j]});
            constexpr int PairRounds = 2;
            if (!pairs.isEmpty() && state.pairRounds < PairRounds &&
                pairs.size() <= 2 * m_limit.load()) {
                tests = pairs;
                ++state.pairRounds;
            } else {
                tests.append(rest);
            }
            state.pending = static_cast<int>(tests.size());
        }
    }
    if (tests.isEmpty()) {
        finishOrder(state);
        return;
    }
    for (const QList<int>& offered : std::as_const(tests))
        m_pool->post([this, &state, offered] { testOrder(state, offered); }, true);
}

void ProbeRun::testOrder(VersionState& state, const QList<int>& offered)
{
    const auto outcome = handshake(state, suiteSpec(state, names(state, offered)),
                                   QStringLiteral("%1 suite order").arg(state.name));
    {
        std::lock_guard lock(m_mutex);
        if (recordPick(state, outcome, offered) < 0)
            state.orderStuck = true;
        if (--state.pending > 0)
            return;
    }
    orderStep(state);
}

// The order is known (or as much of it as the server would tell): like the chain's picks, then
// the reversed test when the reversed candidates did not decide.
void ProbeRun::finishOrder(VersionState& state)
{
    {
        std::lock_guard lock(m_mutex);
        state.picked = names(state, state.ordered);
        state.singlesOnly = names(state, state.unordered);
        if (!state.singlesOnly.isEmpty() && !state.chainBroken)
            m_notes << QStringLiteral("%1: the server would not tell where %2 come in its order; "
                                      "listed last.")
                           .arg(state.name, state.singlesOnly.join(QStringLiteral(", ")));
        if (state.serverOrder.has_value())
            return;
    }
    testReverseOrder(state);
}

// TLS <= 1.2 curves offered together: refused, none is accepted; else each alone.
void ProbeRun::testGroups(VersionState& state, const QList<GroupCandidate>& groups)
{
    HandshakeSpec spec;
    spec.version = state.version;
    spec.cipherList = EcdheSuites;
    spec.stopAfterServerFlight = true;
    QStringList labels;
    for (const GroupCandidate& group : groups) {
        spec.groups += (spec.groups.isEmpty() ? "" : ":") + QByteArray(group.name);
        labels << tlsGroupDisplayName(QString::fromLatin1(group.name));
    }
    const auto outcome = handshake(
        state, spec, QStringLiteral("%1 groups %2").arg(state.name, labels.join(QLatin1Char(' '))));
    if (groups.size() > 1 && outcome && outcome->status == Status::Rejected &&
        !outcome->selectedThenFailed)
        return;
    for (const GroupCandidate& group : groups)
        m_pool->post([this, &state, group] { testGroup(state, group); });
}

std::optional<Error> ProbeRun::connectionFailure() const
{
    std::lock_guard lock(m_mutex);
    bool anyTls = false;
    bool anyOutcome = false; // an answer of any kind, or a test this OpenSSL could not run
    bool anyRefusal = false; // an alert, or a connection closed without a word
    QString broken;          // what ended a handshake the server had begun, without an alert
    std::optional<Error> tcpError;
    QByteArray firstBytes;
    for (const VersionState& state : m_versions) {
        if (!state.protocolOutcome)
            continue;
        const HandshakeOutcome& outcome = *state.protocolOutcome;
        if (outcome.status == Status::Accepted)
            return std::nullopt;
        if (brokenHandshake(outcome) && broken.isEmpty())
            broken = QStringLiteral("%1: %2").arg(state.name, outcome.detail);
        else if (outcome.status == Status::Rejected && !brokenHandshake(outcome))
            anyRefusal = true;
        if (outcome.tcpError && !tcpError)
            tcpError = outcome.tcpError;
        if (!outcome.firstBytes.isEmpty()) {
            const char first = outcome.firstBytes.at(0);
            anyTls = anyTls || first == 0x15 || first == 0x16;
            if (firstBytes.isEmpty())
                firstBytes = outcome.firstBytes;
        }
        anyOutcome = anyOutcome || outcome.status != Status::Unknown;
    }
    if (!anyRefusal && !broken.isEmpty())
        return Error{ErrorCode::TlsHandshakeFailed, Stage::Tls,
                     QStringLiteral("The server began the TLS probe's handshakes but ended every "
                                    "one without a TLS alert: what it accepts cannot be "
                                    "established."),
                     broken};
    if (anyTls)
        return std::nullopt; // a TLS server that accepts nothing we can offer: that is a result
    if (!firstBytes.isEmpty()) {
        const QString bytes = QString::fromLatin1(firstBytes.toHex(' '));
        if (QByteArrayView("+-$*:").contains(firstBytes.at(0)))
            return Error{ErrorCode::PlaintextOnTlsPort, Stage::Tls,
                         QStringLiteral("The server answered the TLS probe in plaintext RESP: "
                                        "this port does not speak TLS."),
                         bytes};
        return Error{ErrorCode::TlsHandshakeFailed, Stage::Tls,
                     QStringLiteral("The server's answer to the TLS probe is not TLS: this port "
                                    "speaks another protocol."),
                     bytes};
    }
    if (anyOutcome)
        return std::nullopt; // it closed every connection: nothing accepted, reported as such
    if (tcpError)
        return tcpError;
    return Error{ErrorCode::Timeout,
                 Stage::Tls,
                 QStringLiteral("The server accepted the TCP connections but answered none of "
                                "the TLS probe's handshakes within the timeout: it may not speak "
                                "TLS on this port (a plaintext Redis port stays silent), or it is "
                                "overloaded."),
                 {}};
}

// The server's order when it enforces one (suites only accepted alone go last), else OpenSSL's.
QStringList ProbeRun::suiteOrder(const VersionState& state) const
{
    if (state.serverOrder == true)
        return state.picked + state.singlesOnly;
    QStringList order;
    for (const QString& suite : state.candidates)
        if (state.picked.contains(suite) || state.singlesOnly.contains(suite))
            order << suite;
    return order;
}

ProbeResult ProbeRun::assemble() const
{
    std::lock_guard lock(m_mutex);
    ProbeResult result = ProbeResult::empty();
    result.host = m_options.host;
    result.port = m_options.port;
    result.address = m_peer ? m_peer->toString() : QString();
    result.sni = m_sni;
    result.errors = m_errors;
    result.notes = m_notes;

    ProbedProtocol& sslv3 = result.protocols[0];
    sslv3.note = QStringLiteral("SSLv3 is compiled out of this OpenSSL build: not testable.");

    bool anyRequired = false;
    bool admittedWithoutCertificate = false;
    std::optional<bool> legacyRenegotiation;
    for (const VersionState& state : m_versions) {
        ProbedProtocol& protocol =
            result.protocols[ProbeResult::protocolNames().indexOf(state.name)];
        if (!state.protocolOutcome) {
            protocol.note = QStringLiteral("not tested (cancelled or out of time)");
        } else {
            const HandshakeOutcome& outcome = *state.protocolOutcome;
            switch (outcome.status) {
            case Status::Accepted:
                protocol.accepted = true;
                break;
            case Status::Rejected:
                if (brokenHandshake(outcome)) {
                    protocol.note = QStringLiteral("no verdict: %1").arg(outcome.detail);
                    break;
                }
                protocol.accepted = false;
                if (outcome.alertReceived >= 0 &&
                    outcome.alertReceived != TlsAlert::ProtocolVersion)
                    protocol.note =
                        QStringLiteral("refused with the alert \"%1\" rather than \"protocol "
                                       "version\": the server may speak %2 with suites this "
                                       "OpenSSL cannot offer")
                            .arg(TlsAlert{outcome.alertReceived}.name(), state.name);
                break;
            case Status::NotTestable:
                protocol.note = QStringLiteral("not testable: %1").arg(outcome.detail);
                break;
            case Status::Unknown:
                protocol.note = QStringLiteral("no answer: %1").arg(outcome.detail);
                break;
            }
            if (outcome.status == Status::Accepted && state.version < TLS1_3_VERSION)
                legacyRenegotiation = outcome.secureRenegotiation;
            result.clientCertRequested = result.clientCertRequested || outcome.certificateRequested;
            anyRequired = anyRequired || outcome.clientCertRequired;
            if (outcome.completed && !outcome.clientCertRequired &&
                (!outcome.certificateRequested || state.version < TLS1_3_VERSION ||
                 outcome.clientAuthVerdict == false))
                admittedWithoutCertificate = true;
        }
        for (const QString& name : suiteOrder(state)) {
            const SuiteObservation observation = state.observed.value(name);
            ProbedSuite suite;
            suite.protocol = state.name;
            suite.info = cipherSuiteInfo(name);
            suite.group = observation.group;
            suite.keyExchangeBits = observation.bits;
            protocol.suites.append(suite);
            if (observation.kind == HandshakeOutcome::KeyKind::Dh && observation.bits > 0)
                result.minDheBits = std::min(result.minDheBits.value_or(INT_MAX), observation.bits);
            if (observation.kind == HandshakeOutcome::KeyKind::Ec && observation.bits > 0)
                result.minEcdheBits =
                    std::min(result.minEcdheBits.value_or(INT_MAX), observation.bits);
        }
        protocol.serverOrder = state.serverOrder;
        if (state.serverOrder == true)
            result.serverCipherOrder = true;
        else if (state.serverOrder == false && !result.serverCipherOrder)
            result.serverCipherOrder = false;
    }
    result.secureRenegotiation = legacyRenegotiation;
    if (anyRequired)
        result.clientCertRequired = true;
    else if (admittedWithoutCertificate)
        result.clientCertRequired = false;
    if (anyRequired)
        result.notes << QStringLiteral("The server requires a client certificate: handshakes "
                                       "refused only for want of one were counted as accepted.");

    // TLS 1.3 groups first, each list in the probe's candidate order.
    for (const bool tls13 : {true, false}) {
        for (const GroupCandidate& candidate : m_groups) {
            const QString name = tlsGroupDisplayName(QString::fromLatin1(candidate.name));
            for (const ProbedGroup& group : m_acceptedGroups) {
                if ((group.protocol == QLatin1String("TLSv1.3")) != tls13 || group.name != name)
                    continue;
                result.groups.append(group);
                const bool dh = group.kind == ProbedGroup::Kind::Dhe;
                std::optional<int>& smallest = dh ? result.minDheBits : result.minEcdheBits;
                if (group.bits > 0)
                    smallest = std::min(smallest.value_or(INT_MAX), group.bits);
            }
        }
    }

    if (const QStringList missing = missingWeakFamilies(); !missing.isEmpty())
        result.notes << QStringLiteral("This OpenSSL build cannot offer %1 suites, so they were "
                                       "not tested.")
                            .arg(missing.join(QStringLiteral(", ")));
    result.handshakes = m_handshakes;
    result.parallelMethod = m_parallel;
    result.connections = m_limit;
    result.firstAnswerMs = m_firstAnswerMs;
    return result;
}

Result<ProbeResult> ProbeRun::execute(const std::function<void(int, int)>& progress)
{
    QElapsedTimer clock;
    clock.start();
    if (m_options.host.isEmpty() || m_options.port == 0)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("The TLS probe needs a host and a port."));
    m_sni = !m_options.sni.isEmpty()      ? m_options.sni
            : isIpLiteral(m_options.host) ? QString()
                                          : m_options.host;
    m_gateKey = m_options.host.toLower() + QLatin1Char(':') + QString::number(m_options.port);

    auto resolved = Resolver::resolve(m_options.host, m_options.port, m_options.deadline, m_cancel);
    if (!resolved)
        return std::unexpected(resolved.error());
    m_resolved = *resolved;

    m_groups = knownGroups();
    QByteArray groupList;
    for (const GroupCandidate& group : std::as_const(m_groups))
        groupList += (groupList.isEmpty() ? "" : ":") + QByteArray(group.name);
    for (size_t i = 0; i < TlsVersions.size(); ++i) {
        VersionState& state = m_versions[i];
        state.version = TlsVersions[i];
        state.name = versionName(state.version);
        QString error;
        state.context = probe::newProbeContext(state.version, groupList, &error);
        if (!state.context)
            return fail(ErrorCode::TlsHandshakeFailed, Stage::Tls,
                        QStringLiteral("OpenSSL could not set up the TLS probe."), error);
        if (state.version == TLS1_3_VERSION)
            state.candidates = QString::fromLatin1(probe::allTls13Suites()).split(QLatin1Char(':'));
        else
            state.candidates = probe::offerableSuites(state.context.get());
    }

    m_explicitLimit = m_options.parallelism > 0;
    m_limit = m_explicitLimit ? std::min(m_options.parallelism, ProbeOptions::MaxParallelism)
                              : ProbeOptions::DefaultParallelism;
    m_pool = std::make_unique<Pool>(m_limit);
    m_pendingProtocols = static_cast<int>(m_versions.size());
    for (VersionState& state : m_versions)
        m_pool->post([this, &state] { testProtocol(state); });
    m_pool->wait(progress);
    m_pool.reset();

    if (m_cancel.isCancelled())
        return fail(ErrorCode::Cancelled, Stage::Tls,
                    QStringLiteral("The TLS probe was cancelled."));
    if (m_skipped)
        return fail(ErrorCode::Timeout, Stage::Tls,
                    QStringLiteral("The TLS probe did not finish within its time limit (%1 "
                                   "handshakes done); allow more time.")
                        .arg(m_handshakes.load()));
    if (auto failure = connectionFailure())
        return std::unexpected(*failure);

    ProbeResult result = assemble();
    if (result.acceptedProtocols().isEmpty())
        result.notes << QStringLiteral("The server accepted none of the protocol versions with "
                                       "anything this OpenSSL can offer.");
    result.ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return result;
}

} // namespace

Result<ProbeResult> Probe::run(const ProbeOptions& options, const CancelToken& cancel,
                               std::function<void(int done, int total)> progress)
{
    ProbeRun run(options, cancel);
    return run.execute(progress);
}

} // namespace rediscope
