// The connection engine behind `rediscope inspect`, against every lab scenario: real
// redis-server processes with real certificates.

#include "LabEnvironment.h"
#include "inspect/Inspector.h"
#include "net/Session.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTest>
#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace rediscope;
using namespace rediscope::lab;

Q_DECLARE_METATYPE(rediscope::Stage)
Q_DECLARE_METATYPE(rediscope::ErrorCode)
Q_DECLARE_METATYPE(rediscope::StageResult::Status)

namespace {

// A loopback listener on a port the kernel picks, for the servers below.
int listenOnLoopback(int backlog, quint16* port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd, backlog);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

// A loopback listener that never accepts: the kernel completes TCP, nobody ever answers.
class SilentListener
{
public:
    SilentListener() { m_fd = listenOnLoopback(8, &m_port); }
    ~SilentListener() { ::close(m_fd); }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

// A listener whose accept queue is full: a backlog of 0 holds one connection that nobody ever
// accepts, so Linux drops every further SYN and a new connection attempt never completes (the
// stand-in for a host behind a firewall that drops packets).
class FullBacklogListener
{
public:
    FullBacklogListener()
    {
        m_fd = listenOnLoopback(0, &m_port);
        m_filler = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(m_port);
        m_filled = ::connect(m_filler, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~FullBacklogListener()
    {
        ::close(m_filler);
        ::close(m_fd);
    }
    quint16 port() const { return m_port; }
    bool filled() const { return m_filled; }

private:
    int m_fd = -1;
    int m_filler = -1;
    bool m_filled = false;
    quint16 m_port = 0;
};

// A plaintext RESP server that answers each command (by its upper-case name) with a scripted raw
// reply; a command without one is never answered. One connection at a time, on its own thread.
class ScriptedServer
{
public:
    explicit ScriptedServer(QHash<QByteArray, QByteArray> replies)
        : m_replies(std::move(replies))
    {
        m_listener = listenOnLoopback(8, &m_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedServer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_listener);
    }
    quint16 port() const { return m_port; }
    // The names of the commands received so far, in order.
    QList<QByteArray> received() const
    {
        const std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    // The name of the first complete command in `buffer` (RESP arrays of bulk strings), which
    // is removed from it; empty while the command is incomplete.
    static QByteArray takeCommand(QByteArray& buffer)
    {
        qsizetype end = buffer.indexOf("\r\n");
        if (!buffer.startsWith('*') || end < 0)
            return {};
        const int count = buffer.mid(1, end - 1).toInt();
        qsizetype position = end + 2;
        QByteArray name;
        for (int i = 0; i < count; ++i) {
            end = buffer.indexOf("\r\n", position);
            if (end < 0 || buffer.at(position) != '$')
                return {};
            const int length = buffer.mid(position + 1, end - position - 1).toInt();
            if (buffer.size() < end + 2 + length + 2)
                return {};
            if (i == 0)
                name = buffer.mid(end + 2, length).toUpper();
            position = end + 2 + length + 2;
        }
        buffer.remove(0, position);
        return name;
    }

    bool waitReadable(int fd) const
    {
        pollfd entry{fd, POLLIN, 0};
        while (!m_stop)
            if (::poll(&entry, 1, 20) > 0)
                return true;
        return false;
    }

    void serve()
    {
        while (waitReadable(m_listener)) {
            const int client = ::accept(m_listener, nullptr, nullptr);
            if (client < 0)
                continue;
            QByteArray buffer;
            char chunk[4096];
            while (waitReadable(client)) {
                const ssize_t got = ::recv(client, chunk, sizeof chunk, 0);
                if (got <= 0)
                    break;
                buffer.append(chunk, got);
                for (QByteArray name = takeCommand(buffer); !name.isEmpty();
                     name = takeCommand(buffer)) {
                    {
                        const std::lock_guard lock(m_mutex);
                        m_received << name;
                    }
                    if (m_replies.contains(name)) {
                        const QByteArray& reply = m_replies[name];
                        (void)::send(client, reply.constData(), reply.size(), MSG_NOSIGNAL);
                    }
                }
            }
            ::close(client);
        }
    }

    const QHash<QByteArray, QByteArray> m_replies;
    mutable std::mutex m_mutex;
    QList<QByteArray> m_received;
    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop = false;
    std::thread m_thread;
};

QByteArray bulk(const QByteArray& text)
{
    return QByteArrayLiteral("$") + QByteArray::number(text.size()) + "\r\n" + text + "\r\n";
}

// A `HELLO 2` reply as a server names itself there.
QByteArray helloReply(const char* server, const char* version)
{
    return QByteArrayLiteral("*14\r\n") + bulk("server") + bulk(server) + bulk("version") +
           bulk(version) + bulk("proto") + ":2\r\n" + bulk("id") + ":5\r\n" + bulk("mode") +
           bulk("standalone") + bulk("role") + bulk("master") + bulk("modules") + "*0\r\n";
}

const QByteArray InfoText =
    QByteArrayLiteral("# Server\r\nredis_version:5.0.14\r\nredis_mode:standalone\r\n"
                      "# Replication\r\nrole:master\r\n");
const QByteArray UnknownHello = QByteArrayLiteral("-ERR unknown command 'HELLO'\r\n");

InspectRequest plaintextRequest(quint16 port, std::chrono::milliseconds timeout)
{
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.port = port;
    request.endpoint.tls = false;
    request.timeout = timeout;
    return request;
}

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
    void verifyErrorsAboveTheLeaf_data();
    void verifyErrorsAboveTheLeaf();
    void insecureContinuesAndShowsChain();
    void noSanFallsBackToCommonNameOnlyForNames();
    void mutualTlsWithCertificate();
    void silentServerTimesOutInTheTlsStage();
    void refusedAndUnresolvable();
    void tcpConnectTimesOut();
    void infoStageTimesOut_data();
    void infoStageTimesOut();
    void identityFromHelloAndInfo_data();
    void identityFromHelloAndInfo();
    void aclUserWithoutInfoIsNamedByHello();
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

void tst_Inspector::verifyErrorsAboveTheLeaf_data()
{
    QTest::addColumn<bool>("intermediateOnly"); // false: the system store, without the lab CA
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase");
    // The intermediate is trusted, but not as an anchor: its own issuer is missing.
    QTest::newRow("only the intermediate as CA")
        << true << 2 << QStringLiteral("unable to get issuer certificate");
    // The server sends leaf + intermediate; the intermediate's issuer is in no trusted store.
    QTest::newRow("system store") << false << 20
                                  << QStringLiteral("unable to get local issuer certificate");
}

void tst_Inspector::verifyErrorsAboveTheLeaf()
{
    QFETCH(bool, intermediateOnly);
    QFETCH(int, code);
    QFETCH(QString, phrase);
    InspectRequest request = requestFor(QStringLiteral("good"), Tweak::None);
    request.tls.caFile =
        intermediateOnly ? LabEnvironment::shared().pki().intermediateCa() : QString();
    request.tls.caDir.clear();
    const InspectResult result = Inspector::run(request);
    QVERIFY2(result.tls.has_value(), qPrintable(describe(result)));
    const TlsFacts& tls = *result.tls;
    QVERIFY(!tls.verified);
    QVERIFY2(hasIssue(tls, code, 1), qPrintable(describe(result)));
    for (const VerifyIssue& issue : tls.verifyIssues)
        QVERIFY2(issue.depth == 1,
                 qPrintable(QStringLiteral("depth %1: %2").arg(issue.depth).arg(issue.message)));
    // Attached to the intermediate as sent, not to the leaf.
    QCOMPARE(tls.chainSent.size(), 2);
    QVERIFY(tls.chainSent.at(0).verifyErrors.isEmpty());
    QVERIFY2(tls.chainSent.at(1).verifyErrors.join(QLatin1Char(';')).contains(phrase),
             qPrintable(tls.chainSent.at(1).verifyErrors.join(QLatin1Char(';'))));
    QVERIFY(result.error.has_value());
    QCOMPARE(result.error->stage, Stage::Verify);
    QCOMPARE(result.error->code, ErrorCode::VerifyFailed);
    QVERIFY2(result.error->message.contains(QStringLiteral("%1 (depth 1, ").arg(phrase)),
             qPrintable(result.error->message));
    QVERIFY2(result.error->message.contains(QLatin1String("Intermediate CA")),
             qPrintable(result.error->message));
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

void tst_Inspector::tcpConnectTimesOut()
{
    const FullBacklogListener listener;
    QVERIFY(listener.filled());
    InspectRequest request = plaintextRequest(listener.port(), std::chrono::milliseconds(400));
    QElapsedTimer timer;
    timer.start();
    const InspectResult result = Inspector::run(request);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.error->stage, Stage::Tcp);
    QCOMPARE(result.error->code, ErrorCode::Timeout);
    QVERIFY2(result.error->message.startsWith(
                 QStringLiteral("TCP connect did not finish within the timeout. No answer from "
                                "127.0.0.1:%1 within the timeout")
                     .arg(listener.port())),
             qPrintable(result.error->message));
    QCOMPARE(result.stages.constLast().stage, Stage::Tcp);
    QCOMPARE(result.stages.constLast().status, StageResult::Status::Failed);
    QVERIFY2(elapsed >= 350 && elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void tst_Inspector::infoStageTimesOut_data()
{
    QTest::addColumn<bool>("helloAnswered");
    QTest::addColumn<QByteArray>("lastCommand"); // the one never answered
    QTest::newRow("INFO never answered") << true << QByteArrayLiteral("INFO");
    QTest::newRow("HELLO never answered") << false << QByteArrayLiteral("HELLO");
}

void tst_Inspector::infoStageTimesOut()
{
    QFETCH(bool, helloAnswered);
    QFETCH(QByteArray, lastCommand);
    QHash<QByteArray, QByteArray> replies{{"PING", "+PONG\r\n"}};
    if (helloAnswered)
        replies.insert("HELLO", UnknownHello);
    const ScriptedServer server(replies);
    QElapsedTimer timer;
    timer.start();
    const InspectResult result =
        Inspector::run(plaintextRequest(server.port(), std::chrono::milliseconds(400)));
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.error->stage, Stage::Info);
    QCOMPARE(result.error->code, ErrorCode::Timeout);
    QCOMPARE(result.error->message,
             QStringLiteral("INFO did not finish within the timeout. Timed out waiting for the "
                            "server to answer."));
    QCOMPARE(result.stage(Stage::Ping)->status, StageResult::Status::Ok);
    QCOMPARE(result.stages.constLast().stage, Stage::Info);
    QCOMPARE(result.stages.constLast().status, StageResult::Status::Failed);
    QVERIFY(!result.server.has_value());
    QCOMPARE(server.received().constLast(), lastCommand);
    QVERIFY2(elapsed >= 350 && elapsed < 3000, qPrintable(QString::number(elapsed)));
}

void tst_Inspector::identityFromHelloAndInfo_data()
{
    QTest::addColumn<QByteArray>("hello"); // the raw reply to HELLO
    QTest::addColumn<QByteArray>("info");  // the raw reply to INFO
    QTest::addColumn<StageResult::Status>("status");
    QTest::addColumn<QString>("message"); // the INFO stage's (or the error's) message
    QTest::addColumn<QString>("kind");    // empty: no identity

    const QByteArray info = bulk(InfoText);
    const QByteArray refused =
        QByteArrayLiteral("-NOPERM this user has no permissions to run the 'info' command\r\n");
    QTest::newRow("Redis 5: HELLO unknown, INFO answers")
        << UnknownHello << info << StageResult::Status::Ok
        << QStringLiteral("Redis 5.0.14 (standalone, master)") << QStringLiteral("redis");
    QTest::newRow("HELLO and INFO: INFO is authoritative")
        << helloReply("redis", "7.2.0")
        << bulk("# Server\r\nredis_version:7.2.0\r\ndragonfly_version:df-v1.21.2\r\n")
        << StageResult::Status::Ok << QStringLiteral("Dragonfly 1.21.2 (standalone, master)")
        << QStringLiteral("dragonfly");
    QTest::newRow("Valkey: INFO refused, HELLO names it")
        << helloReply("valkey", "8.0.1") << refused << StageResult::Status::Warning
        << QStringLiteral("INFO was refused (NOPERM this user has no permissions to run the "
                          "'info' command): the server identity comes from HELLO: Valkey 8.0.1 "
                          "(standalone, master).")
        << QStringLiteral("valkey");
    QTest::newRow("HELLO unknown, INFO refused: as before")
        << UnknownHello << refused << StageResult::Status::Failed
        << QStringLiteral("INFO was refused (NOPERM this user has no permissions to run the "
                          "'info' command): the server identity is unknown.")
        << QString();
    QTest::newRow("HELLO refused, INFO refused: as before")
        << QByteArrayLiteral("-NOPERM this user has no permissions to run the 'hello' "
                             "command\r\n")
        << refused << StageResult::Status::Failed
        << QStringLiteral("INFO was refused (NOPERM this user has no permissions to run the "
                          "'info' command): the server identity is unknown.")
        << QString();
}

void tst_Inspector::identityFromHelloAndInfo()
{
    QFETCH(QByteArray, hello);
    QFETCH(QByteArray, info);
    QFETCH(StageResult::Status, status);
    QFETCH(QString, message);
    QFETCH(QString, kind);
    const ScriptedServer server({{"PING", "+PONG\r\n"}, {"HELLO", hello}, {"INFO", info}});
    const InspectResult result =
        Inspector::run(plaintextRequest(server.port(), std::chrono::milliseconds(3000)));
    const StageResult* stage = result.stage(Stage::Info);
    QVERIFY2(stage, qPrintable(describe(result)));
    QCOMPARE(stage->status, status);
    QCOMPARE(stage->message, message);
    QCOMPARE(server.received(), (QList<QByteArray>{"PING", "HELLO", "INFO"}));
    if (kind.isEmpty()) {
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->stage, Stage::Info);
        QCOMPARE(result.error->code, ErrorCode::ServerError);
        QVERIFY(!result.server.has_value());
        return;
    }
    QVERIFY2(!result.error.has_value(), qPrintable(describe(result)));
    QVERIFY(result.server.has_value());
    QCOMPARE(result.server->kind, kind);
    QCOMPARE(result.allStagesOk(), status == StageResult::Status::Ok);
}

void tst_Inspector::aclUserWithoutInfoIsNamedByHello()
{
    // An ACL user that may run everything but INFO, created on the lab's `good` server through
    // its default user. (Redis never refuses HELLO by ACL: like AUTH, it needs no permission.)
    const InspectRequest admin = requestFor(QStringLiteral("good"), Tweak::None);
    std::unique_ptr<Session> session;
    const InspectResult opened = Inspector::open(admin, {}, &session);
    QVERIFY2(session && !opened.error, qPrintable(describe(opened)));
    const QString version = opened.server->version;
    QVERIFY(!version.isEmpty());
    const Deadline deadline = Deadline::in(std::chrono::milliseconds(5000));
    auto created = session->command({"ACL", "SETUSER", "rs-noinfo", "reset", "on",
                                     ">acl-user-password", "~*", "&*", "+@all", "-info"},
                                    deadline);
    QVERIFY2(created && !created->isError(), created ? qPrintable(created->toDisplayString())
                                                     : qPrintable(created.error().message));

    InspectRequest request = admin;
    request.username = QStringLiteral("rs-noinfo");
    request.password = QByteArrayLiteral("acl-user-password");
    const InspectResult result = Inspector::run(request);
    QVERIFY2(!result.error.has_value(), qPrintable(describe(result)));
    QCOMPARE(result.stage(Stage::Auth)->status, StageResult::Status::Ok);
    const StageResult* info = result.stage(Stage::Info);
    QVERIFY(info);
    QCOMPARE(info->status, StageResult::Status::Warning);
    QVERIFY2(info->message.startsWith(QLatin1String("INFO was refused (NOPERM")),
             qPrintable(info->message));
    QVERIFY2(info->message.endsWith(
                 QStringLiteral("the server identity comes from HELLO: Redis %1 (standalone, "
                                "master).")
                     .arg(version)),
             qPrintable(info->message));
    QVERIFY(!result.allStagesOk());
    QVERIFY(result.server.has_value());
    QCOMPARE(result.server->kind, QStringLiteral("redis"));
    QCOMPARE(result.server->version, version);
    QCOMPARE(result.server->mode, QStringLiteral("standalone"));
    QCOMPARE(result.server->role, QStringLiteral("master"));
    QVERIFY(result.server->info.isEmpty()); // no INFO fields were read

    (void)session->command({"ACL", "DELUSER", "rs-noinfo"}, deadline);
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
