#include "Auditor.h"

#include "audit/CertificateChecks.h"
#include "audit/ConnectionChecks.h"
#include "audit/EnvironmentChecks.h"
#include "audit/ProfileChecks.h"
#include "audit/SharedProbes.h"
#include "audit/TlsChecks.h"
#include "common/SecureBytes.h"
#include "inspect/Inspector.h"
#include "net/Resolver.h"
#include "net/TcpSocket.h"
#include "server/LiveConfigReader.h"
#include "tls/Probe.h"

#include <QElapsedTimer>
#include <atomic>
#include <mutex>
#include <thread>

namespace rediscope {

namespace {

// A plaintext PING to the server's plaintext port: does anything answer in clear text?
std::optional<bool> plaintextPingAnswered(const QString& host, quint16 port,
                                          const Deadline& deadline, const CancelToken& cancel)
{
    auto addresses = Resolver::resolve(host, port, deadline, cancel);
    if (!addresses)
        return std::nullopt;
    TcpSocket socket(cancel);
    if (!socket.connect(*addresses, deadline))
        return false;
    static const char ping[] = "PING\r\n";
    if (!socket.writeAll(ping, sizeof ping - 1, deadline))
        return false;
    char reply[64];
    auto got = socket.readSome(reply, sizeof reply, deadline);
    // +PONG, or -NOAUTH: either way a RESP server answers in plaintext.
    return got && *got > 0 && (reply[0] == '+' || reply[0] == '-');
}

GradeInputs gradeInputs(const AuditResult& result)
{
    GradeInputs inputs;
    inputs.tlsObserved = result.inspect.tls.has_value() ||
                         (result.probe && !result.probe->acceptedProtocols().isEmpty());
    inputs.plaintextObserved = !result.inspect.endpoint.tls && result.inspect.stage(Stage::Ping) &&
                               result.inspect.stage(Stage::Ping)->ok();
    if (result.inspect.tls) {
        inputs.chainVerified = result.inspect.tls->verified;
        inputs.hostnameMatch = result.inspect.tls->hostnameMatch;
        for (const CertificateInfo& certificate : result.inspect.tls->chainSent)
            inputs.rsaKeyUnder2048 =
                inputs.rsaKeyUnder2048 || (certificate.keyType == QLatin1String("RSA") &&
                                           certificate.keyBits > 0 && certificate.keyBits < 2048);
    }
    if (result.probe && result.probe->complete() && !result.probe->allSuites().isEmpty()) {
        const ProbeResult& probe = *result.probe;
        inputs.onlyTls12Plus = !probe.accepts(u"TLSv1").value_or(false) &&
                               !probe.accepts(u"TLSv1.1").value_or(false) &&
                               !probe.accepts(u"SSLv3").value_or(false);
        inputs.onlyForwardSecret =
            !probe.anySuite([](const CipherSuiteInfo& s) { return !s.forwardSecrecy(); });
        inputs.onlyAead = !probe.anySuite([](const CipherSuiteInfo& s) { return !s.aead(); });
    }
    if (result.probe)
        inputs.suiteUnder112Bits = result.probe->anySuite(
            [](const CipherSuiteInfo& s) { return !s.nullAnonOrExport() && s.bits < 112; });
    return inputs;
}

EnvironmentTargetFacts environmentFacts(const AuditResult& result)
{
    EnvironmentTargetFacts facts;
    facts.service = result.profile.service;
    facts.environment = result.profile.environment;
    facts.profile =
        result.profile.name.isEmpty() ? result.inspect.endpoint.host : result.profile.name;
    facts.tlsEnabled = result.profile.tls.enabled;
    facts.verifyPeer = result.profile.tls.verifyPeer;
    if (result.probe && result.probe->complete())
        facts.protocols = result.probe->acceptedProtocols();
    else if (result.inspect.tls)
        facts.protocols = {result.inspect.tls->protocol};
    facts.protocols.sort();
    if (result.inspect.tls && !result.inspect.tls->chainSent.isEmpty())
        facts.leafSha256 = result.inspect.tls->chainSent.constFirst().sha256;
    return facts;
}

} // namespace

AuditResult Auditor::auditOne(const AuditTarget& target, const AuditOptions& options,
                              const CancelToken& cancel, const Progress& progress)
{
    QElapsedTimer timer;
    timer.start();
    AuditResult result;
    result.policy = target.policy;
    result.sourceFile = target.sourceFile;
    result.sourceLine = target.sourceLine;
    result.fromUrl = target.fromUrl;

    // The profile itself (no network); then forget any inline secret it carried.
    QList<Finding> findings = lintProfile(target.profile, target.policy);
    result.profile = target.profile;
    result.profile.inlinePassword.clear();
    result.profile.inlineKeyPassphrase.clear();

    // Progress: the connection is one step, each of the probe's handshakes one more. The probe
    // reports from its own thread.
    std::mutex progressMutex;
    bool connectionDone = false;
    int probeDone = 0;
    int probeTotal = 0;
    const auto report = [&] {
        if (progress)
            progress((connectionDone ? 1 : 0) + probeDone, 2 + probeTotal);
    };

    // The active probe runs alongside the connection: it needs only the address, and on a slow
    // link the two together take as long as the longer one. Its result is used only when the
    // connection found the server reachable.
    std::optional<Result<ProbeResult>> probe;
    std::thread prober;
    if (options.probe && target.profile.tls.enabled && !cancel.isCancelled()) {
        ProbeOptions probeOptions;
        probeOptions.host = target.profile.host;
        probeOptions.port = target.profile.port;
        probeOptions.sni = target.profile.tls.sni;
        probeOptions.parallelism = options.probeParallelism;
        probeOptions.handshakeTimeout =
            std::chrono::seconds(std::max(1, target.profile.timeoutSeconds));
        probeOptions.deadline =
            Deadline::in(std::chrono::seconds(std::max(5, target.profile.timeoutSeconds * 3)));
        prober = std::thread([&, probeOptions] {
            const auto probeProgress = [&](int done, int total) {
                std::lock_guard lock(progressMutex);
                probeDone = done;
                probeTotal = total;
                report();
            };
            probe = options.sharedProbes
                        ? options.sharedProbes->probe(probeOptions, cancel, target.profile.name,
                                                      probeProgress)
                        : Probe::run(probeOptions, cancel, probeProgress);
        });
    }

    InspectRequest request = target.profile.toRequest(target.password, target.keyPassphrase);
    request.environment = target.profile.environment;
    const bool authenticated = !request.password.isEmpty();
    std::optional<LiveServerFacts> live;
    result.inspect = Inspector::run(
        request, cancel,
        [&](RespConnection& connection, const Deadline& deadline, const ServerIdentity& identity) {
            live = readLiveServer(connection, deadline, identity, authenticated);
        });
    secureWipe(request.password);
    secureWipe(request.tls.keyPassphrase);
    if (live) {
        result.serverConfig = live->config;
        result.runtime = live->runtime;
    }
    {
        std::lock_guard lock(progressMutex);
        connectionDone = true;
        report();
    }

    // Confirm a plaintext port next to the TLS one with a real PING.
    if (result.serverConfig && result.profile.tls.enabled) {
        const QString port = result.serverConfig->value(QStringLiteral("port"));
        const int plainPort = port.toInt();
        if (plainPort > 0 && plainPort != target.profile.port) {
            result.runtime.plaintextPort = plainPort;
            result.runtime.plaintextPingAnswered =
                plaintextPingAnswered(target.profile.host, static_cast<quint16>(plainPort),
                                      Deadline::in(std::chrono::milliseconds(1500)), cancel);
        }
    }

    if (prober.joinable())
        prober.join();
    const bool reachable =
        !result.inspect.error || (result.inspect.error->stage != Stage::Resolve &&
                                  result.inspect.error->stage != Stage::Tcp);
    if (reachable && probe && *probe)
        result.probe = **probe;

    // Checks: pure functions of what was observed.
    findings << checkConnection(result.inspect);
    if (result.inspect.tls)
        findings << checkCertificates(*result.inspect.tls, target.policy,
                                      !target.profile.tls.caFile.isEmpty() ||
                                          !target.profile.tls.caDir.isEmpty());
    if (result.probe)
        findings << checkTls(*result.probe, target.policy);
    else if (result.inspect.tls)
        findings << checkClientAuthFromHandshake(true, result.inspect.tls->clientCertSent,
                                                 target.policy);
    if (result.serverConfig || result.runtime.configUnreadable)
        findings << checkServer(result.serverConfig.value_or(ServerConfig()), result.runtime,
                                target.policy);
    sortFindings(findings);
    result.findings = findings;
    result.grade = computeGrade(result.findings, gradeInputs(result));
    result.ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (progress)
        progress(2 + probeTotal, 2 + probeTotal);
    return result;
}

QList<AuditResult> Auditor::auditAll(const QList<AuditTarget>& targets, const AuditOptions& options,
                                     const CancelToken& cancel, const Progress& progress)
{
    QList<AuditResult> results(targets.size());
    SharedProbes sharedProbes;
    AuditOptions runOptions = options;
    runOptions.sharedProbes = &sharedProbes;
    std::atomic_int next = 0;
    std::atomic_int done = 0;
    std::mutex progressMutex;
    const int workers = std::clamp(options.targetConcurrency, 1,
                                   std::max<int>(1, static_cast<int>(targets.size())));
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
        pool.emplace_back([&] {
            for (int index = next++; index < targets.size(); index = next++) {
                results[index] = auditOne(targets.at(index), runOptions, cancel);
                const int finished = ++done;
                if (progress) {
                    std::lock_guard lock(progressMutex);
                    progress(finished, static_cast<int>(targets.size()));
                }
            }
        });
    for (std::thread& thread : pool)
        thread.join();

    // Across environments of a service.
    QList<EnvironmentTargetFacts> facts;
    for (const AuditResult& result : std::as_const(results))
        facts << environmentFacts(result);
    for (const TargetFinding& each : checkEnvironments(facts)) {
        AuditResult& result = results[each.target];
        result.findings << each.finding;
        sortFindings(result.findings);
        result.grade = computeGrade(result.findings, gradeInputs(result));
    }
    return results;
}

} // namespace rediscope
