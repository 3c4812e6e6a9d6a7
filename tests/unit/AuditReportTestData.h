#pragma once

// Hand-made audit results for the report writer tests (tst_Audit*.cpp): a good TLS target with a
// probe, a target whose TLS handshake failed (no TLS facts, no probe), a plaintext URL target,
// and a target whose only grade cap is trust. Values that could come from a hostile server or
// file carry `|`, backticks, ANSI escapes and XML specials on purpose.

#include "audit/AuditResult.h"
#include "audit/CheckRegistry.h"

#include <QDateTime>

namespace rediscope::testdata {

inline QDateTime fixedNow()
{
    return QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
}

inline Finding makeFinding(const char* id, Severity severity, const QString& detail,
                           const QString& evidence, const QString& remediation = QString())
{
    const QString name = QString::fromLatin1(id);
    const CheckDefinition* definition = findCheck(name);
    return Finding{
        name,      severity, definition ? definition->title : name,
        detail,    evidence, remediation.isEmpty() ? QStringLiteral("Fix it.") : remediation,
        QString(), 0};
}

inline StageResult makeStage(Stage which, StageResult::Status status, double ms,
                             const char* message)
{
    return StageResult{which, status, ms, QString::fromUtf8(message)};
}

inline CertificateInfo leafCertificate()
{
    CertificateInfo leaf;
    leaf.subject = QStringLiteral("CN=redis.example.com,O=Rediscope Lab");
    leaf.issuer = QStringLiteral("CN=Rediscope Lab CA,O=Rediscope Lab");
    leaf.commonName = QStringLiteral("redis.example.com");
    leaf.serial = QStringLiteral("1A2B3C");
    leaf.notBefore = fixedNow().addDays(-30);
    leaf.notAfter = fixedNow().addDays(45);
    leaf.sha256 = QStringLiteral("0123456789abcdef0123456789abcdef"
                                 "fedcba9876543210fedcba9876543210");
    leaf.keyType = QStringLiteral("EC");
    leaf.keyBits = 256;
    leaf.signatureAlgorithm = QStringLiteral("ecdsa-with-SHA256");
    leaf.san = {QStringLiteral("DNS:redis.example.com"), QStringLiteral("IP:10.0.0.5")};
    leaf.hasSanExtension = true;
    leaf.keyUsage = {QStringLiteral("digitalSignature")};
    leaf.extendedKeyUsage = {QStringLiteral("serverAuth")};
    leaf.hasExtendedKeyUsage = true;
    return leaf;
}

inline CertificateInfo rootCertificate()
{
    CertificateInfo root;
    root.subject = QStringLiteral("CN=Rediscope Lab CA,O=Rediscope Lab");
    root.issuer = root.subject;
    root.commonName = QStringLiteral("Rediscope Lab CA");
    root.serial = QStringLiteral("01");
    root.notBefore = fixedNow().addDays(-365);
    root.notAfter = fixedNow().addDays(3650);
    root.sha256 = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    root.keyType = QStringLiteral("RSA");
    root.keyBits = 4096;
    root.signatureAlgorithm = QStringLiteral("sha256WithRSAEncryption");
    root.isCa = true;
    root.selfSigned = true;
    root.keyUsage = {QStringLiteral("keyCertSign"), QStringLiteral("cRLSign")};
    return root;
}

inline ProbedSuite suite(const char* protocol, const char* name, const char* group, int bits)
{
    ProbedSuite probed;
    probed.protocol = QString::fromLatin1(protocol);
    probed.info = cipherSuiteInfo(QString::fromLatin1(name));
    probed.info.name = QString::fromLatin1(name);
    probed.group = QString::fromLatin1(group);
    probed.keyExchangeBits = bits;
    return probed;
}

inline ProbeResult goodProbe()
{
    ProbeResult probe = ProbeResult::empty();
    probe.host = QStringLiteral("redis.example.com");
    probe.port = 6380;
    probe.address = QStringLiteral("10.0.0.5:6380");
    probe.sni = QStringLiteral("redis.example.com");
    for (ProbedProtocol& protocol : probe.protocols) {
        if (protocol.name == QLatin1String("SSLv3")) {
            protocol.note = QStringLiteral("this OpenSSL cannot offer SSLv3");
        } else if (protocol.name == QLatin1String("TLSv1") ||
                   protocol.name == QLatin1String("TLSv1.1")) {
            protocol.accepted = false;
        } else if (protocol.name == QLatin1String("TLSv1.2")) {
            protocol.accepted = true;
            protocol.suites = {
                suite("TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256", "X25519", 253),
                suite("TLSv1.2", "ECDHE-ECDSA-AES256-SHA384", "X25519", 253),
            };
            protocol.serverOrder = true;
        } else {
            protocol.accepted = true;
            protocol.suites = {
                suite("TLSv1.3", "TLS_AES_256_GCM_SHA384", "X25519", 253),
                suite("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519", 253),
            };
        }
    }
    probe.groups = {ProbedGroup{QStringLiteral("X25519"), QStringLiteral("TLSv1.3"),
                                ProbedGroup::Kind::Ecdhe, 253},
                    ProbedGroup{QStringLiteral("P-256"), QStringLiteral("TLSv1.3"),
                                ProbedGroup::Kind::Ecdhe, 256}};
    probe.serverCipherOrder = true;
    probe.secureRenegotiation = true;
    probe.minEcdheBits = 253;
    probe.clientCertRequested = false;
    probe.clientCertRequired = false;
    probe.handshakes = 23;
    probe.ms = 181.456;
    return probe;
}

// prod-cache: TLS 1.3, verified chain, a probe, an expiring leaf; from a profiles file.
inline AuditResult goodTarget()
{
    AuditResult result;
    result.profile = Profile::create(QStringLiteral("prod-cache"));
    result.profile.service = QStringLiteral("cache");
    result.profile.environment = QStringLiteral("production");
    result.profile.host = QStringLiteral("redis.example.com");
    result.profile.port = 6380;
    result.policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
    result.policy.name = QStringLiteral("production");
    result.sourceFile = QStringLiteral("/srv/repo/config/rediscope-profiles.json");
    result.sourceLine = 12;

    InspectResult& inspect = result.inspect;
    inspect.endpoint = Endpoint{QStringLiteral("redis.example.com"), 6380, 0, true};
    inspect.sni = QStringLiteral("redis.example.com");
    inspect.peer = QStringLiteral("10.0.0.5:6380");
    inspect.environment = QStringLiteral("production");
    inspect.stages = {
        makeStage(Stage::Resolve, StageResult::Status::Ok, 1.2, "10.0.0.5"),
        makeStage(Stage::Tcp, StageResult::Status::Ok, 0.4, "connected to 10.0.0.5:6380"),
        makeStage(Stage::Tls, StageResult::Status::Ok, 3.1, "TLSv1.3, TLS_AES_256_GCM_SHA384"),
        makeStage(Stage::Verify, StageResult::Status::Ok, 0.2, "chain verified"),
        makeStage(Stage::Hostname, StageResult::Status::Ok, 0.0, "redis.example.com matches"),
        makeStage(Stage::Auth, StageResult::Status::Ok, 0.5, "authenticated as default"),
        makeStage(Stage::Ping, StageResult::Status::Ok, 0.3, "PONG"),
        makeStage(Stage::Info, StageResult::Status::Ok, 0.6, "Redis 7.0.15"),
    };
    TlsFacts tls;
    tls.protocol = QStringLiteral("TLSv1.3");
    tls.cipherOpenssl = QStringLiteral("TLS_AES_256_GCM_SHA384");
    tls.cipherIana = QStringLiteral("TLS_AES_256_GCM_SHA384");
    tls.cipherBits = 256;
    tls.group = QStringLiteral("X25519");
    tls.peerTempKey = QStringLiteral("X25519, 253 bits");
    tls.sniSent = QStringLiteral("redis.example.com");
    tls.verified = true;
    tls.hostnameChecked = QStringLiteral("redis.example.com");
    tls.hostnameMatch = true;
    tls.chainSent = {leafCertificate()};
    tls.chainVerified = {leafCertificate(), rootCertificate()};
    inspect.tls = tls;
    ServerIdentity server;
    server.kind = QStringLiteral("redis");
    server.version = QStringLiteral("7.0.15");
    server.mode = QStringLiteral("standalone");
    server.role = QStringLiteral("master");
    inspect.server = server;
    inspect.totalMs = 6.3;

    result.probe = goodProbe();
    ServerConfig config;
    result.serverConfig = config;

    result.findings = {
        makeFinding("cert.expires_soon", Severity::Medium,
                    QStringLiteral("The leaf redis.example.com expires in 45 days."),
                    QStringLiteral("leaf | CN=`redis`: notAfter 2025-07-16"),
                    QStringLiteral("Renew the certificate (Redis tls-cert-file; Dragonfly "
                                   "--tls_cert_file).")),
        makeFinding("tls.cipher.cbc", Severity::Low,
                    QStringLiteral("The server accepts CBC-mode suites."),
                    QStringLiteral("TLSv1.2 ECDHE-ECDSA-AES256-SHA384")),
        makeFinding("tls.client_auth.not_required", Severity::Low,
                    QStringLiteral("The server completes a handshake without a client "
                                   "certificate."),
                    QStringLiteral("handshake completed with no client certificate")),
    };
    result.grade.grade = QStringLiteral("A-");
    result.grade.reasons = {QStringLiteral("A- — cert.expires_soon: Certificate expires soon")};
    result.ms = 190.5;
    return result;
}

// staging-cache: the TLS handshake failed, so there are no TLS facts, no probe, no server.
inline AuditResult failedTarget()
{
    AuditResult result;
    result.profile = Profile::create(QStringLiteral("staging-cache"));
    result.profile.service = QStringLiteral("cache");
    result.profile.environment = QStringLiteral("staging");
    result.profile.host = QStringLiteral("staging.example.com");
    result.profile.port = 6380;
    result.policy = EnvironmentPolicy::builtIn(PolicyKind::Staging);
    result.policy.name = QStringLiteral("staging");
    result.sourceFile = QStringLiteral("/srv/repo/config/rediscope-profiles.json");
    result.sourceLine = 40;

    InspectResult& inspect = result.inspect;
    inspect.endpoint = Endpoint{QStringLiteral("staging.example.com"), 6380, 0, true};
    inspect.environment = QStringLiteral("staging");
    inspect.stages = {
        makeStage(Stage::Resolve, StageResult::Status::Ok, 2.0, "10.0.1.9"),
        makeStage(Stage::Tcp, StageResult::Status::Ok, 0.7, "connected to 10.0.1.9:6380"),
        makeStage(Stage::Tls, StageResult::Status::Failed, 4.2,
                  "handshake failed: alert handshake_failure"),
    };
    inspect.error = Error{ErrorCode::TlsHandshakeFailed, Stage::Tls,
                          QStringLiteral("The TLS handshake failed: the server sent alert "
                                         "handshake_failure."),
                          QStringLiteral("SSL alert number 40")};
    inspect.totalMs = 6.9;

    result.findings = {
        makeFinding("conn.tls_handshake_failed", Severity::High,
                    QStringLiteral("The TLS handshake failed: alert <handshake_failure> & "
                                   "\"more\"."),
                    QStringLiteral("stage tls: tls_handshake_failed (SSL alert number 40)")),
        makeFinding("profile.no_auth", Severity::Medium,
                    QStringLiteral("The profile has neither a username nor a password."),
                    QStringLiteral("username empty, password source none")),
    };
    result.ms = 8.0;
    return result;
}

// A plaintext URL target (redis://10.0.0.7:6379): no profile name, no service, no TLS.
inline AuditResult urlTarget()
{
    AuditResult result;
    result.profile = Profile::create();
    result.profile.environment = QStringLiteral("production");
    result.profile.host = QStringLiteral("10.0.0.7");
    result.profile.port = 6379;
    result.profile.tls.enabled = false;
    result.policy = EnvironmentPolicy::builtIn(PolicyKind::Production);
    result.policy.name = QStringLiteral("production");
    result.fromUrl = true;

    InspectResult& inspect = result.inspect;
    inspect.endpoint = Endpoint{QStringLiteral("10.0.0.7"), 6379, 0, false};
    inspect.environment = QStringLiteral("production");
    inspect.stages = {
        makeStage(Stage::Resolve, StageResult::Status::Ok, 0.0, "10.0.0.7"),
        makeStage(Stage::Tcp, StageResult::Status::Ok, 0.3, "connected to 10.0.0.7:6379"),
        makeStage(Stage::Auth, StageResult::Status::Skipped, 0.0, "no credentials"),
        makeStage(Stage::Ping, StageResult::Status::Ok, 0.2, "PONG"),
        makeStage(Stage::Info, StageResult::Status::Ok, 0.4, "Valkey 8.0.1"),
    };
    ServerIdentity server;
    server.kind = QStringLiteral("valkey");
    server.version = QStringLiteral("8.0.1");
    server.mode = QStringLiteral("standalone");
    server.role = QStringLiteral("master");
    inspect.server = server;
    inspect.totalMs = 0.9;

    ServerConfig config;
    result.serverConfig = config;
    result.findings = {
        makeFinding("profile.tls_disabled", Severity::Critical,
                    QStringLiteral("The production profile connects without TLS."),
                    QStringLiteral("tls.enabled = false")),
        makeFinding("server.nopass", Severity::Critical,
                    QStringLiteral("The server ran a command on a connection that never "
                                   "authenticated \x1b[31mred\x1b[0m."),
                    QStringLiteral("a command succeeded without AUTH")),
        makeFinding("server.protected_mode_off", Severity::Critical,
                    QStringLiteral("Protected mode is off and the default user needs no "
                                   "password."),
                    QStringLiteral("protected-mode no")),
    };
    result.grade.grade = QStringLiteral("F");
    result.grade.reasons = {QStringLiteral("no TLS: the connection is not protected")};
    result.ms = 3.0;
    return result;
}

// dev-cache: a self-signed leaf without a pinned CA — grade T, A if trust were fixed.
inline AuditResult trustTarget()
{
    AuditResult result = goodTarget();
    result.profile.name = QStringLiteral("dev-cache");
    result.profile.environment = QStringLiteral("development");
    result.policy = EnvironmentPolicy::builtIn(PolicyKind::Development);
    result.policy.name = QStringLiteral("development");
    result.inspect.tls->verified = false;
    result.inspect.tls->verifyError = QStringLiteral("self-signed certificate");
    result.findings = {
        makeFinding("cert.untrusted", Severity::Medium,
                    QStringLiteral("The chain does not lead to a trusted CA (the system store)."),
                    QStringLiteral("depth 0: self-signed certificate")),
        makeFinding("cert.self_signed", Severity::Low,
                    QStringLiteral("The server certificate is self-signed."),
                    QStringLiteral("subject = issuer = CN=redis.example.com")),
    };
    result.grade.grade = QStringLiteral("T");
    result.grade.ifTrustFixed = QStringLiteral("A");
    result.grade.reasons = {QStringLiteral("T — cert.untrusted: Chain not trusted")};
    return result;
}

} // namespace rediscope::testdata
