// The parallel method of ProbeRun (see Probe): rounds of parallel handshakes instead of one
// sequential handshake per accepted suite.
#include "ProbeRun.h"
#include "tls/ProbeCipherSuite.h"

#include <algorithm>
#include <openssl/evp.h>

namespace rediscope::probe {

namespace {

using Status = HandshakeOutcome::Status;

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

} // namespace

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

} // namespace rediscope::probe
