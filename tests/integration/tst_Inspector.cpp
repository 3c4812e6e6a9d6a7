// The connection engine behind `rediscope inspect`, against every lab scenario: real
// redis-server processes with real certificates.

#include "LabEnvironment.h"
#include "inspect/Inspector.h"

#include <QElapsedTimer>
#include <QTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace rediscope;
using namespace rediscope::lab;

Q_DECLARE_METATYPE(rediscope::Stage)
Q_DECLARE_METATYPE(rediscope::ErrorCode)

namespace {

// A loopback listener that never accepts: the kernel completes TCP, nobody ever answers.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(m_fd, 8);
        socklen_t length = sizeof address;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

enum class Tweak
{
    None,
    Insecure,
    NoHostnameCheck,
    ByName,
    MaxTls12,
    OnlyTls10,
    ClientCert,
    NoTls,
    NoPassword,
    WrongPassword,
    PlaintextPort,
};

InspectRequest requestFor(const QString& scenario, Tweak tweak)
{
    auto& lab = LabEnvironment::shared();
    QString error;
    LabServer* server = lab.server(scenario, &error);
    if (!server)
        qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
    InspectRequest request = server->request(lab.pki());
    switch (tweak) {
    case Tweak::None:
        break;
    case Tweak::Insecure:
        request.tls.verifyPeer = false;
        break;
    case Tweak::NoHostnameCheck:
        request.tls.verifyHostname = false;
        break;
    case Tweak::ByName:
        request.endpoint.host = QStringLiteral("localhost");
        break;
    case Tweak::MaxTls12:
        request.tls.maxProtocol = QStringLiteral("TLSv1.2");
        break;
    case Tweak::OnlyTls10:
        request.tls.minProtocol = QStringLiteral("TLSv1");
        request.tls.maxProtocol = QStringLiteral("TLSv1");
        break;
    case Tweak::ClientCert:
        request.tls.certFile = lab.pki().clientCert();
        request.tls.keyFile = lab.pki().clientKey();
        break;
    case Tweak::NoTls:
        request.endpoint.tls = false;
        break;
    case Tweak::NoPassword:
        request.password.clear();
        break;
    case Tweak::WrongPassword:
        request.password = QByteArrayLiteral("not-the-password");
        break;
    case Tweak::PlaintextPort:
        request.endpoint.tls = false;
        request.endpoint.port = server->plaintextPort();
        break;
    }
    if (scenario == QLatin1String("plaintext") && tweak == Tweak::None)
        request.endpoint.tls = true; // the well-meaning client that expects TLS
    return request;
}

QString describe(const InspectResult& result)
{
    QStringList lines;
    for (const StageResult& stage : result.stages)
        lines << QStringLiteral("%1 %2 %3")
                     .arg(stageName(stage.stage))
                     .arg(static_cast<int>(stage.status))
                     .arg(stage.message);
    if (result.error)
        lines << QStringLiteral("error: ") + result.error->toString();
    return lines.join(QLatin1Char('\n'));
}

bool hasIssue(const TlsFacts& facts, int code, int depth)
{
    for (const VerifyIssue& issue : facts.verifyIssues)
        if (issue.code == code && issue.depth == depth)
            return true;
    return false;
}

} // namespace

class tst_Inspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
    }

    void failingStage_data();
    void failingStage();
    void goodServerFacts();
    void sniAndHostnameByName();
    void negotiatesWhatIsAsked_data();
    void negotiatesWhatIsAsked();
    void verifyErrorsByDepth_data();
    void verifyErrorsByDepth();
    void insecureContinuesAndShowsChain();
    void noSanFallsBackToCommonNameOnlyForNames();
    void mutualTlsWithCertificate();
    void silentServerTimesOutInTheTlsStage();
    void refusedAndUnresolvable();
    void silentPlaintextServerTimesOutInItsStage_data();
    void silentPlaintextServerTimesOutInItsStage();
    void cancelStopsAWaitingConnection();
    void ipv6Loopback();
};

void tst_Inspector::failingStage_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("tweak");
    QTest::addColumn<Stage>("stage"); // Stage::None: every stage succeeds
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("phrase");

    auto row = [](const char* name, const char* scenario, Tweak tweak, Stage stage, ErrorCode code,
                  const char* phrase) {
        QTest::newRow(name) << QString::fromLatin1(scenario) << static_cast<int>(tweak) << stage
                            << code << QString::fromLatin1(phrase);
    };
    const auto ok = ErrorCode::IoError; // unused for passing rows
    row("good", "good", Tweak::None, Stage::None, ok, "");
    row("legacy", "legacy", Tweak::None, Stage::None, ok, "");
    row("tls13-only", "tls13-only", Tweak::None, Stage::None, ok, "");
    row("no-fs", "no-fs", Tweak::None, Stage::None, ok, "");
    row("nopass without password", "nopass", Tweak::NoPassword, Stage::None, ok, "");
    row("plaintext-too TLS port", "plaintext-too", Tweak::None, Stage::None, ok, "");
    row("plaintext-too plaintext port", "plaintext-too", Tweak::PlaintextPort, Stage::None, ok, "");
    row("plaintext without TLS", "plaintext", Tweak::NoTls, Stage::None, ok, "");
    row("wrong-host without hostname check", "wrong-host", Tweak::NoHostnameCheck, Stage::None, ok,
        "");

    row("expired", "expired", Tweak::None, Stage::Verify, ErrorCode::VerifyFailed,
        "certificate has expired");
    row("not-yet-valid", "not-yet-valid", Tweak::None, Stage::Verify, ErrorCode::VerifyFailed,
        "not yet valid");
    row("self-signed", "self-signed", Tweak::None, Stage::Verify, ErrorCode::VerifyFailed,
        "self-signed");
    row("weak-key", "weak-key", Tweak::None, Stage::Verify, ErrorCode::VerifyFailed,
        "key too weak");
    row("sha1", "sha1", Tweak::None, Stage::Verify, ErrorCode::VerifyFailed, "too weak");
    row("wrong-host", "wrong-host", Tweak::None, Stage::Hostname, ErrorCode::HostnameMismatch,
        "not valid for 127.0.0.1");
    row("no-san by IP", "no-san", Tweak::None, Stage::Hostname, ErrorCode::HostnameMismatch,
        "no subjectAltName");
    row("mtls without certificate", "mtls", Tweak::None, Stage::Tls, ErrorCode::ClientCertRequired,
        "requires a client certificate");
    row("tls13-only with TLS 1.2 max", "tls13-only", Tweak::MaxTls12, Stage::Tls,
        ErrorCode::TlsHandshakeFailed, "protocol version");
    row("good with TLS 1.0 only", "good", Tweak::OnlyTls10, Stage::Tls,
        ErrorCode::TlsHandshakeFailed, "protocol version");
    row("plaintext server on TLS", "plaintext", Tweak::None, Stage::Tls,
        ErrorCode::PlaintextOnTlsPort, "plaintext");
    row("TLS server without TLS", "good", Tweak::NoTls, Stage::Auth, ErrorCode::TlsExpectedByServer,
        "expects TLS");
    row("wrong password", "good", Tweak::WrongPassword, Stage::Auth, ErrorCode::AuthFailed,
        "rejected the credentials");
    row("password missing", "good", Tweak::NoPassword, Stage::Ping, ErrorCode::AuthFailed,
        "requires a password");
    row("password sent to nopass", "nopass", Tweak::WrongPassword, Stage::Auth,
        ErrorCode::AuthFailed, "no password set");
}

void tst_Inspector::failingStage()
{
    QFETCH(QString, scenario);
    QFETCH(int, tweak);
    QFETCH(Stage, stage);
    QFETCH(ErrorCode, code);
    QFETCH(QString, phrase);

    const InspectResult result = Inspector::run(requestFor(scenario, static_cast<Tweak>(tweak)));
    if (stage == Stage::None) {
        QVERIFY2(result.allStagesOk() || !result.error, qPrintable(describe(result)));
        QVERIFY2(!result.error, qPrintable(describe(result)));
        QVERIFY2(result.server.has_value(), qPrintable(describe(result)));
        QCOMPARE(result.server->kind, QStringLiteral("redis"));
        QVERIFY(!result.server->version.isEmpty());
        QCOMPARE(result.stages.constLast().stage, Stage::Info);
        return;
    }
    QVERIFY2(result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.error->stage, stage);
    QCOMPARE(result.error->code, code);
    QVERIFY2(result.error->toString().contains(phrase, Qt::CaseInsensitive),
             qPrintable(describe(result)));
    QCOMPARE(result.stages.constLast().stage, stage);
    QCOMPARE(result.stages.constLast().status, StageResult::Status::Failed);
    QVERIFY(!result.server.has_value());
}

void tst_Inspector::goodServerFacts()
{
    const InspectResult result = Inspector::run(requestFor(QStringLiteral("good"), Tweak::None));
    QVERIFY2(result.allStagesOk(), qPrintable(describe(result)));
    QVERIFY(result.tls.has_value());
    const TlsFacts& tls = *result.tls;
    QCOMPARE(tls.protocol, QStringLiteral("TLSv1.3"));
    QVERIFY(tls.cipherIana.startsWith(QLatin1String("TLS_")));
    QCOMPARE(tls.cipherIana, tls.cipherOpenssl); // TLS 1.3 suites share the IANA name
    QVERIFY(!tls.group.isEmpty());
    QVERIFY(tls.verified);
    QVERIFY(tls.verifyIssues.isEmpty());
    QVERIFY(tls.hostnameMatch);
    QCOMPARE(tls.hostnameChecked, QStringLiteral("127.0.0.1"));
    QVERIFY(tls.sniSent.isEmpty());        // no SNI for an IP address
    QCOMPARE(tls.chainSent.size(), 2);     // leaf + intermediate
    QCOMPARE(tls.chainVerified.size(), 3); // … + root
    QCOMPARE(tls.chainSent.at(0).commonName, QStringLiteral("localhost"));
    QCOMPARE(tls.chainSent.at(1).commonName, QStringLiteral("Rediscope Lab Intermediate CA"));
    QCOMPARE(tls.chainVerified.at(2).commonName, QStringLiteral("Rediscope Lab Root CA"));
    QVERIFY(tls.chainVerified.at(2).selfSigned);
    QVERIFY(!tls.chainSent.at(0).isCa);
    QVERIFY(tls.chainSent.at(0).extendedKeyUsage.contains(QStringLiteral("serverAuth")));
    QCOMPARE(tls.chainSent.at(0).keyBits, 2048);
    QVERIFY(!tls.clientCertRequested);
    QCOMPARE(result.server->role, QStringLiteral("master"));
    QCOMPARE(result.server->mode, QStringLiteral("standalone"));
    QVERIFY(result.stage(Stage::Auth)->status == StageResult::Status::Ok);
}

void tst_Inspector::sniAndHostnameByName()
{
    const InspectResult result = Inspector::run(requestFor(QStringLiteral("good"), Tweak::ByName));
    QVERIFY2(result.allStagesOk(), qPrintable(describe(result)));
    QCOMPARE(result.tls->sniSent, QStringLiteral("localhost"));
    QCOMPARE(result.sni, QStringLiteral("localhost"));
    QCOMPARE(result.tls->hostnameChecked, QStringLiteral("localhost"));
    QVERIFY(result.tls->hostnameMatch);
}

void tst_Inspector::negotiatesWhatIsAsked_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("tweak");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("cipherPrefix");
    QTest::newRow("legacy TLS 1.0") << QStringLiteral("legacy") << int(Tweak::OnlyTls10)
                                    << QStringLiteral("TLSv1") << QStringLiteral("ECDHE-");
    QTest::newRow("good TLS 1.2") << QStringLiteral("good") << int(Tweak::MaxTls12)
                                  << QStringLiteral("TLSv1.2") << QStringLiteral("ECDHE-RSA-");
    QTest::newRow("no-fs static RSA") << QStringLiteral("no-fs") << int(Tweak::None)
                                      << QStringLiteral("TLSv1.2") << QStringLiteral("AES");
}

void tst_Inspector::negotiatesWhatIsAsked()
{
    QFETCH(QString, scenario);
    QFETCH(int, tweak);
    QFETCH(QString, protocol);
    QFETCH(QString, cipherPrefix);
    const InspectResult result = Inspector::run(requestFor(scenario, static_cast<Tweak>(tweak)));
    QVERIFY2(result.tls.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.tls->protocol, protocol);
    QVERIFY2(result.tls->cipherOpenssl.startsWith(cipherPrefix),
             qPrintable(result.tls->cipherOpenssl));
    QVERIFY(result.tls->cipherIana.startsWith(QLatin1String("TLS_")));
}

void tst_Inspector::verifyErrorsByDepth_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("chainSent");
    QTest::newRow("expired") << QStringLiteral("expired") << 10 << 2;
    QTest::newRow("not-yet-valid") << QStringLiteral("not-yet-valid") << 9 << 2;
    QTest::newRow("self-signed") << QStringLiteral("self-signed") << 18 << 1;
    QTest::newRow("weak-key") << QStringLiteral("weak-key") << 66 << 2;
    QTest::newRow("sha1") << QStringLiteral("sha1") << 68 << 2;
}

void tst_Inspector::verifyErrorsByDepth()
{
    QFETCH(QString, scenario);
    QFETCH(int, code);
    QFETCH(int, chainSent);
    const InspectResult result = Inspector::run(requestFor(scenario, Tweak::None));
    QVERIFY2(result.tls.has_value(), qPrintable(describe(result)));
    const TlsFacts& tls = *result.tls;
    QVERIFY(!tls.verified);
    QVERIFY2(hasIssue(tls, code, 0), qPrintable(describe(result)));
    QCOMPARE(tls.chainSent.size(), chainSent);
    // The error is attached to the leaf, and only to it.
    QVERIFY(!tls.chainSent.at(0).verifyErrors.isEmpty());
    for (qsizetype i = 1; i < tls.chainSent.size(); ++i)
        QVERIFY2(tls.chainSent.at(i).verifyErrors.isEmpty(),
                 qPrintable(tls.chainSent.at(i).verifyErrors.join(QLatin1Char(';'))));
    // The password was never sent: the connection stopped at the verify stage.
    QVERIFY(!result.stage(Stage::Auth));
}

void tst_Inspector::insecureContinuesAndShowsChain()
{
    const InspectResult result =
        Inspector::run(requestFor(QStringLiteral("expired"), Tweak::Insecure));
    QVERIFY2(!result.error, qPrintable(describe(result)));
    QCOMPARE(result.stage(Stage::Verify)->status, StageResult::Status::Warning);
    QVERIFY(result.stage(Stage::Verify)->message.contains(QLatin1String("expired")));
    QVERIFY(!result.allStagesOk());
    QVERIFY(result.server.has_value());
    QCOMPARE(result.tls->chainSent.size(), 2);
    QVERIFY(result.tls->chainSent.at(0).notAfter < QDateTime::currentDateTimeUtc());
}

void tst_Inspector::noSanFallsBackToCommonNameOnlyForNames()
{
    const InspectResult byName =
        Inspector::run(requestFor(QStringLiteral("no-san"), Tweak::ByName));
    QVERIFY2(byName.allStagesOk(), qPrintable(describe(byName)));
    QVERIFY(byName.tls->hostnameMatch);
    QVERIFY(!byName.tls->chainSent.at(0).hasSanExtension);
}

void tst_Inspector::mutualTlsWithCertificate()
{
    const InspectResult result =
        Inspector::run(requestFor(QStringLiteral("mtls"), Tweak::ClientCert));
    QVERIFY2(result.allStagesOk(), qPrintable(describe(result)));
    QVERIFY(result.tls->clientCertRequested);
    QVERIFY(result.tls->clientCertSent);
}

void tst_Inspector::silentServerTimesOutInTheTlsStage()
{
    const SilentListener listener;
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.port = listener.port();
    request.timeout = std::chrono::milliseconds(400);
    QElapsedTimer timer;
    timer.start();
    const InspectResult result = Inspector::run(request);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.error->code, ErrorCode::Timeout);
    QCOMPARE(result.error->stage, Stage::Tls);
    QVERIFY(result.error->message.contains(QLatin1String("TLS handshake did not finish")));
    QVERIFY2(elapsed >= 350 && elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void tst_Inspector::refusedAndUnresolvable()
{
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.port = freePort(); // nobody listens there
    InspectResult result = Inspector::run(request);
    QVERIFY(result.error.has_value());
    QCOMPARE(result.error->stage, Stage::Tcp);
    QCOMPARE(result.error->code, ErrorCode::ConnectRefused);
    QVERIFY(result.error->message.contains(QLatin1String("refused")));

    request.endpoint.host = QStringLiteral("no-such-host.invalid");
    result = Inspector::run(request);
    QVERIFY(result.error.has_value());
    QCOMPARE(result.error->stage, Stage::Resolve);
    QCOMPARE(result.error->code, ErrorCode::ResolveFailed);
    QVERIFY(result.error->message.contains(QLatin1String("no-such-host.invalid")));
}

void tst_Inspector::silentPlaintextServerTimesOutInItsStage_data()
{
    QTest::addColumn<bool>("withPassword");
    QTest::addColumn<Stage>("stage");
    QTest::newRow("AUTH") << true << Stage::Auth;
    QTest::newRow("PING") << false << Stage::Ping;
}

void tst_Inspector::silentPlaintextServerTimesOutInItsStage()
{
    QFETCH(bool, withPassword);
    QFETCH(Stage, stage);
    const SilentListener listener;
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.port = listener.port();
    request.endpoint.tls = false;
    if (withPassword)
        request.password = QByteArrayLiteral("secret-for-timeout");
    request.timeout = std::chrono::milliseconds(300);
    const InspectResult result = Inspector::run(request);
    QVERIFY2(result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.error->code, ErrorCode::Timeout);
    QCOMPARE(result.error->stage, stage);
    QVERIFY2(result.error->message.contains(stageTitle(stage)), qPrintable(result.error->message));
    QVERIFY(!result.error->toString().contains(QLatin1String("secret-for-timeout")));
}

void tst_Inspector::cancelStopsAWaitingConnection()
{
    const SilentListener listener;
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.port = listener.port();
    request.timeout = std::chrono::milliseconds(30000);
    CancelToken cancel;
    QElapsedTimer timer;
    timer.start();
    std::thread canceller([cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel.cancel();
    });
    const InspectResult result = Inspector::run(request, cancel);
    canceller.join();
    QVERIFY(result.error.has_value());
    QCOMPARE(result.error->code, ErrorCode::Cancelled);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void tst_Inspector::ipv6Loopback()
{
    InspectRequest request = requestFor(QStringLiteral("good"), Tweak::None);
    request.endpoint.host = QStringLiteral("::1");
    const InspectResult result = Inspector::run(request);
    if (result.error && result.error->stage == Stage::Tcp &&
        result.error->code == ErrorCode::Unreachable)
        QSKIP("this machine has no IPv6 loopback");
    QVERIFY2(result.allStagesOk(), qPrintable(describe(result)));
    QCOMPARE(result.peer, QStringLiteral("[::1]:%1").arg(request.endpoint.port));
    QVERIFY(result.tls->hostnameMatch); // the lab certificate lists IP:::1
}

QTEST_GUILESS_MAIN(tst_Inspector)
#include "tst_Inspector.moc"
