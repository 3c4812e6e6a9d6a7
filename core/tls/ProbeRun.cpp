#include "ProbeRun.h"

#include "net/Resolver.h"
#include "tls/ProbeEndpointGate.h"
#include "tls/TlsAlert.h"

#include <QElapsedTimer>
#include <algorithm>
#include <climits>

namespace rediscope::probe {

namespace {

using Status = HandshakeOutcome::Status;

constexpr std::array<int, 4> TlsVersions{TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION,
                                         TLS1_3_VERSION};

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

// The server began a TLS handshake, then it ended without a TLS alert: a reset, or a flight this
// client cannot read (a certificate chain over OpenSSL's limit). Not a refusal: no verdict.
bool brokenHandshake(const HandshakeOutcome& outcome)
{
    return outcome.status == Status::Rejected && outcome.alertReceived < 0 &&
           !outcome.firstBytes.isEmpty() && outcome.firstBytes.at(0) == 0x16;
}

} // namespace

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
        const ProbeEndpointGate gate(m_gateKey, cap, m_cancel, m_options.deadline);
        if (!gate) {
            m_skipped = true;
            return std::nullopt;
        }
        auto outcome =
            runHandshake(state.context.get(), addresses(), m_sni, spec,
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
        state.context = newProbeContext(state.version, groupList, &error);
        if (!state.context)
            return fail(ErrorCode::TlsHandshakeFailed, Stage::Tls,
                        QStringLiteral("OpenSSL could not set up the TLS probe."), error);
        if (state.version == TLS1_3_VERSION)
            state.candidates = QString::fromLatin1(allTls13Suites()).split(QLatin1Char(':'));
        else
            state.candidates = offerableSuites(state.context.get());
    }

    m_explicitLimit = m_options.parallelism > 0;
    m_limit = m_explicitLimit ? std::min(m_options.parallelism, ProbeOptions::MaxParallelism)
                              : ProbeOptions::DefaultParallelism;
    m_pool = std::make_unique<ProbeTaskPool>(m_limit);
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

} // namespace rediscope::probe
