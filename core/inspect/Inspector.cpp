#include "Inspector.h"

#include "common/Plural.h"
#include "common/SecureBytes.h"
#include "net/Resolver.h"
#include "net/RespConnection.h"
#include "net/Session.h"
#include "net/TcpSocket.h"
#include "tls/TlsSession.h"

#include <QElapsedTimer>

namespace rediscope {

namespace {

class StageRunner
{
public:
    StageRunner(InspectResult& result, const Deadline& deadline)
        : m_result(result)
        , m_deadline(deadline)
    {}

    void begin() { m_timer.start(); }

    void finish(Stage stage, StageResult::Status status, QString message)
    {
        m_result.stages.append(StageResult{stage, status, elapsedMs(), std::move(message)});
    }

    // Records a failed stage and the error that stopped the connection.
    void failWith(Stage stage, Error error)
    {
        error.stage = stage;
        if (error.code == ErrorCode::Timeout)
            error.message = QStringLiteral("%1 did not finish within the timeout. %2")
                                .arg(stageTitle(stage), error.message);
        finish(stage, StageResult::Status::Failed, error.message);
        m_result.error = std::move(error);
    }

    const Deadline& deadline() const { return m_deadline; }

private:
    double elapsedMs() const { return static_cast<double>(m_timer.nsecsElapsed()) / 1e6; }

    InspectResult& m_result;
    Deadline m_deadline;
    QElapsedTimer m_timer;
};

QString chainSummary(const TlsFacts& facts)
{
    const auto& chain = facts.chainVerified.isEmpty() ? facts.chainSent : facts.chainVerified;
    if (chain.isEmpty())
        return QStringLiteral("no certificate");
    return QStringLiteral("%1, anchor %2")
        .arg(countOf(chain.size(), "certificate", "certificates"))
        .arg(chain.constLast().commonName.isEmpty() ? chain.constLast().subject
                                                    : chain.constLast().commonName);
}

QString verifyFailureMessage(const TlsFacts& facts)
{
    int depth = 0;
    for (const VerifyIssue& issue : facts.verifyIssues)
        if (issue.message == facts.verifyError) {
            depth = issue.depth;
            break;
        }
    QString subject;
    const auto& chain = facts.chainVerified.isEmpty() ? facts.chainSent : facts.chainVerified;
    if (depth < chain.size())
        subject = chain.at(depth).subject;
    return QStringLiteral("The certificate chain does not verify: %1 (depth %2%3).")
        .arg(facts.verifyError)
        .arg(depth)
        .arg(subject.isEmpty() ? QString() : QStringLiteral(", ") + subject);
}

QString verifyAdvice(const TlsFacts& facts)
{
    for (const VerifyIssue& issue : facts.verifyIssues) {
        switch (issue.code) {
        case 10: // X509_V_ERR_CERT_HAS_EXPIRED
            return QStringLiteral("Renew the server certificate.");
        case 9: // X509_V_ERR_CERT_NOT_YET_VALID
            return QStringLiteral("The certificate is not valid yet: check the server's and this "
                                  "machine's clocks.");
        case 18: // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        case 19: // X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        case 20: // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        case 21: // X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
            return QStringLiteral("Give the profile the CA that issued the server certificate "
                                  "(--cacert), or have the server send its intermediate.");
        default:
            break;
        }
    }
    return QStringLiteral("Fix the certificate, or trust its CA with --cacert.");
}

// The server closed or garbled our first plaintext command: find out whether it speaks TLS.
std::optional<QString> confirmTls(const InspectRequest& request, const SocketAddress& address,
                                  const Deadline& deadline, const CancelToken& cancel)
{
    auto socket = std::make_unique<TcpSocket>(cancel);
    const Deadline probeDeadline = deadline.capped(std::chrono::milliseconds(3000));
    if (!socket->connect({address}, probeDeadline))
        return std::nullopt;
    TlsSession session(std::move(socket));
    TlsOptions options;
    options.verifyPeer = false;
    options.verifyHostname = false;
    options.minProtocol = QStringLiteral("TLSv1");
    options.securityLevel = 0;
    if (!session.handshake(request.endpoint.host, options, probeDeadline))
        return std::nullopt;
    const QString protocol = session.facts().protocol;
    session.close();
    return protocol;
}

// The server stays silent after our ClientHello: a plaintext Redis waits for a newline that a
// ClientHello never brings. Ask it in plaintext on a second connection.
std::optional<Error> confirmPlaintext(const SocketAddress& address, const Deadline& deadline,
                                      const CancelToken& cancel)
{
    TcpSocket socket(cancel);
    if (!socket.connect({address}, deadline))
        return std::nullopt;
    static const char ping[] = "PING\r\n";
    if (!socket.writeAll(ping, sizeof ping - 1, deadline))
        return std::nullopt;
    char buffer[128];
    auto got = socket.readSome(buffer, sizeof buffer, deadline);
    if (!got || *got < 1 || !QByteArrayView("+-").contains(buffer[0]))
        return std::nullopt;
    QByteArray line(buffer, *got);
    line = line.left(line.indexOf('\r') >= 0 ? line.indexOf('\r') : line.size());
    for (char& c : line)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            c = '?';
    return Error{ErrorCode::PlaintextOnTlsPort, Stage::Tls,
                 QStringLiteral("The server does not answer TLS on this port but answers plaintext "
                                "RESP: this port does not speak TLS. Use the server's tls-port, or "
                                "turn TLS off in the profile if the server has none."),
                 QStringLiteral("plaintext PING answered: %1").arg(QString::fromLatin1(line))};
}

// The fields of a `HELLO 2` reply (a flat array: key, value, key, value, …) that are text or
// numbers; nested values (the modules list) are left out.
QHash<QString, QString> helloFields(const RespValue& reply)
{
    QHash<QString, QString> fields;
    for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2) {
        const RespValue& key = reply.elements.at(i);
        const RespValue& value = reply.elements.at(i + 1);
        if (key.type != RespValue::Type::String && key.type != RespValue::Type::Status)
            continue;
        if (value.type == RespValue::Type::Integer)
            fields.insert(QString::fromUtf8(key.text), QString::number(value.integer));
        else if (value.type == RespValue::Type::String || value.type == RespValue::Type::Status)
            fields.insert(QString::fromUtf8(key.text), QString::fromUtf8(value.text));
    }
    return fields;
}

} // namespace

InspectResult Inspector::run(const InspectRequest& request, const CancelToken& cancel,
                             const AfterInfo& afterInfo)
{
    return connect(request, cancel, afterInfo, nullptr);
}

InspectResult Inspector::open(const InspectRequest& request, const CancelToken& cancel,
                              std::unique_ptr<Session>* session)
{
    Q_ASSERT(session);
    session->reset();
    InspectResult result = connect(request, cancel, {}, session);
    if (result.error || !*session)
        return result;
    if (cancel.isCancelled()) {
        session->reset();
        result.error = Error{ErrorCode::Cancelled, Stage::None, QStringLiteral("Cancelled."), {}};
        return result;
    }
    if (request.endpoint.db != 0) {
        const Deadline deadline = Deadline::in(request.timeout);
        auto reply = (*session)->command(
            {QByteArrayLiteral("SELECT"), QByteArray::number(request.endpoint.db)}, deadline);
        if (!reply || reply->isError()) {
            result.error =
                reply ? Error{ErrorCode::ServerError, Stage::None,
                              QStringLiteral("The server refused to select database %1: %2")
                                  .arg(request.endpoint.db)
                                  .arg(reply->toDisplayString()),
                              QString::fromUtf8(reply->errorCode())}
                      : reply.error();
            session->reset();
        }
    }
    return result;
}

InspectResult Inspector::connect(const InspectRequest& request, const CancelToken& cancel,
                                 const AfterInfo& afterInfo, std::unique_ptr<Session>* keep)
{
    QElapsedTimer total;
    total.start();
    InspectResult result;
    result.endpoint = request.endpoint;
    result.environment = request.environment;
    StageRunner stages(result, Deadline::in(request.timeout));
    const auto finishTotal = [&] {
        result.totalMs = static_cast<double>(total.nsecsElapsed()) / 1e6;
    };

    // resolve
    stages.begin();
    auto addresses =
        Resolver::resolve(request.endpoint.host, request.endpoint.port, stages.deadline(), cancel);
    if (!addresses) {
        stages.failWith(Stage::Resolve, addresses.error());
        finishTotal();
        return result;
    }
    QStringList ips;
    for (const SocketAddress& address : std::as_const(*addresses))
        ips << address.ip;
    stages.finish(
        Stage::Resolve, StageResult::Status::Ok,
        isIpLiteral(request.endpoint.host)
            ? QStringLiteral("%1 is an IP address").arg(request.endpoint.host)
            : QStringLiteral("%1 → %2").arg(request.endpoint.host, ips.join(QStringLiteral(", "))));

    // tcp
    stages.begin();
    auto socket = std::make_unique<TcpSocket>(cancel);
    if (auto connected = socket->connect(*addresses, stages.deadline()); !connected) {
        stages.failWith(Stage::Tcp, connected.error());
        finishTotal();
        return result;
    }
    const SocketAddress peerAddress = socket->peer();
    result.peer = peerAddress.toString();
    stages.finish(Stage::Tcp, StageResult::Status::Ok,
                  QStringLiteral("connected to %1").arg(result.peer));

    std::unique_ptr<TlsSession> session;
    Transport* transport = socket.get();
    if (request.endpoint.tls) {
        // tls
        stages.begin();
        session = std::make_unique<TlsSession>(std::move(socket));
        const auto silence = std::clamp(request.timeout / 4, std::chrono::milliseconds(200),
                                        std::chrono::milliseconds(1500));
        auto handshake = session->handshake(
            request.endpoint.host, request.tls, stages.deadline(),
            [&] { return confirmPlaintext(peerAddress, stages.deadline(), cancel); }, silence);
        result.sni = session->facts().sniSent;
        if (!handshake) {
            stages.failWith(Stage::Tls, handshake.error());
            finishTotal();
            return result;
        }
        const TlsFacts& facts = session->facts();
        result.tls = facts;
        stages.finish(
            Stage::Tls, StageResult::Status::Ok,
            QStringLiteral("%1, %2%3")
                .arg(facts.protocol, facts.cipherIana,
                     facts.group.isEmpty() ? QString() : QStringLiteral(", ") + facts.group));

        // verify: recorded in full during the handshake; judged here
        stages.begin();
        if (facts.verified) {
            stages.finish(Stage::Verify, StageResult::Status::Ok,
                          QStringLiteral("chain verified (%1)").arg(chainSummary(facts)));
        } else if (request.tls.verifyPeer) {
            Error error{ErrorCode::VerifyFailed, Stage::Verify,
                        verifyFailureMessage(facts) + QLatin1Char(' ') + verifyAdvice(facts),
                        QString()};
            stages.failWith(Stage::Verify, error);
            session->close();
            finishTotal();
            return result;
        } else {
            stages.finish(Stage::Verify, StageResult::Status::Warning,
                          verifyFailureMessage(facts) +
                              QStringLiteral(" Continuing because verification is disabled "
                                             "(--insecure)."));
        }

        // hostname
        stages.begin();
        if (facts.hostnameMatch) {
            stages.finish(Stage::Hostname, StageResult::Status::Ok,
                          QStringLiteral("%1 matches the certificate").arg(facts.hostnameChecked));
        } else {
            const QStringList san =
                facts.chainSent.isEmpty() ? QStringList() : facts.chainSent.constFirst().san;
            const QString message =
                QStringLiteral("The certificate is not valid for %1 (it names %2).")
                    .arg(facts.hostnameChecked,
                         san.isEmpty() ? QStringLiteral("no subjectAltName; CN=") +
                                             (facts.chainSent.isEmpty()
                                                  ? QString()
                                                  : facts.chainSent.constFirst().commonName)
                                       : san.join(QStringLiteral(", ")));
            if (request.tls.verifyHostname) {
                stages.failWith(Stage::Hostname,
                                Error{ErrorCode::HostnameMismatch, Stage::Hostname,
                                      message + QStringLiteral(" Connect by a name the certificate "
                                                               "lists, set --sni, or reissue the "
                                                               "certificate."),
                                      QString()});
                session->close();
                finishTotal();
                return result;
            }
            stages.finish(Stage::Hostname, StageResult::Status::Warning,
                          message + QStringLiteral(" Continuing because the hostname check is "
                                                   "disabled."));
        }
        transport = session.get();
    }

    RespConnection connection(*transport);
    const auto plaintextDiagnosis = [&](Stage stage, const Error& error) {
        if (request.endpoint.tls ||
            (error.code != ErrorCode::ConnectionClosed && error.code != ErrorCode::ProtocolError))
            return error;
        if (auto protocol = confirmTls(request, peerAddress, stages.deadline(), cancel))
            return Error{ErrorCode::TlsExpectedByServer, stage,
                         QStringLiteral("The server expects TLS on this port (it completed a %1 "
                                        "handshake): use rediss:// or --tls.")
                             .arg(*protocol),
                         error.message};
        return error;
    };

    // auth
    stages.begin();
    if (request.password.isEmpty()) {
        stages.finish(Stage::Auth, StageResult::Status::Skipped,
                      QStringLiteral("no credentials configured"));
    } else {
        QList<QByteArray> arguments{QByteArrayLiteral("AUTH")};
        if (!request.username.isEmpty())
            arguments << request.username.toUtf8();
        arguments << request.password;
        auto reply = connection.command(arguments, stages.deadline());
        secureWipe(arguments.last()); // a reference to the caller's password: released
        if (!reply) {
            stages.failWith(Stage::Auth, plaintextDiagnosis(Stage::Auth, reply.error()));
            finishTotal();
            return result;
        }
        if (reply->isError()) {
            const QByteArray code = reply->errorCode();
            QString message;
            if (code == "WRONGPASS" || reply->text.contains("invalid password"))
                message = QStringLiteral("The server rejected the credentials: wrong password, "
                                         "unknown user, or the user is disabled.");
            else if (reply->text.contains("without any password configured") ||
                     reply->text.contains("no password is set"))
                message = QStringLiteral("The server has no password set, but the profile sends "
                                         "one: the server accepts anyone.");
            else
                message = QStringLiteral("The server refused AUTH.");
            stages.failWith(Stage::Auth, Error{ErrorCode::AuthFailed, Stage::Auth, message,
                                               QString::fromUtf8(reply->errorCode())});
            finishTotal();
            return result;
        }
        stages.finish(Stage::Auth, StageResult::Status::Ok,
                      request.username.isEmpty()
                          ? QStringLiteral("authenticated as the default user")
                          : QStringLiteral("authenticated as %1").arg(request.username));
    }

    // ping
    stages.begin();
    {
        auto reply = connection.command({QByteArrayLiteral("PING")}, stages.deadline());
        if (!reply) {
            stages.failWith(Stage::Ping, plaintextDiagnosis(Stage::Ping, reply.error()));
            finishTotal();
            return result;
        }
        if (reply->isError()) {
            const bool noAuth = reply->errorCode() == "NOAUTH";
            stages.failWith(
                Stage::Ping,
                Error{noAuth ? ErrorCode::AuthFailed : ErrorCode::ServerError, Stage::Ping,
                      noAuth ? QStringLiteral("The server requires a password and the profile "
                                              "has none: set one (REDISCLI_AUTH or --askpass).")
                             : QStringLiteral("PING was refused: %1").arg(reply->toDisplayString()),
                      QString::fromUtf8(reply->errorCode())});
            finishTotal();
            return result;
        }
        stages.finish(Stage::Ping, StageResult::Status::Ok, reply->toDisplayString());
    }

    // info: HELLO 2 first (Redis 6 and later name themselves there, even to a user that may not
    // run INFO), then INFO, which stays authoritative
    stages.begin();
    {
        std::optional<ServerIdentity> hello;
        auto helloReply = connection.command({QByteArrayLiteral("HELLO"), QByteArrayLiteral("2")},
                                             stages.deadline());
        if (!helloReply) {
            stages.failWith(Stage::Info, helloReply.error());
            finishTotal();
            return result;
        }
        // An error reply (Redis before 6: unknown command; a proxy that refuses it) changes
        // nothing.
        if (helloReply->type == RespValue::Type::Array)
            hello = ServerIdentity::fromHello(helloFields(*helloReply));

        auto reply = connection.command({QByteArrayLiteral("INFO")}, stages.deadline());
        if (!reply) {
            stages.failWith(Stage::Info, reply.error());
            finishTotal();
            return result;
        }
        if (reply->isError() || reply->type != RespValue::Type::String) {
            const QString refusal = reply->isError() ? QString::fromUtf8(reply->text.left(200))
                                                     : reply->toDisplayString();
            if (hello && hello->kind != QLatin1String("unknown")) {
                result.server = *hello;
                stages.finish(Stage::Info, StageResult::Status::Warning,
                              QStringLiteral("INFO was refused (%1): the server identity comes "
                                             "from HELLO: %2.")
                                  .arg(refusal, hello->displayName()));
            } else {
                stages.failWith(Stage::Info,
                                Error{ErrorCode::ServerError, Stage::Info,
                                      QStringLiteral("INFO was refused (%1): the server identity "
                                                     "is unknown.")
                                          .arg(refusal),
                                      QString()});
                finishTotal();
                return result;
            }
        } else {
            result.server = ServerIdentity::fromInfo(reply->text);
            if (hello)
                result.server->mergeHello(*hello);
            stages.finish(Stage::Info, StageResult::Status::Ok, result.server->displayName());
        }
    }
    if (afterInfo && !cancel.isCancelled())
        afterInfo(connection, stages.deadline(), *result.server);
    if (keep) {
        // The replies so far were read in full: a fresh RESP reader can take the stream over.
        std::unique_ptr<Transport> kept;
        if (session)
            kept = std::move(session);
        else
            kept = std::move(socket);
        *keep = std::make_unique<Session>(std::move(kept), cancel);
    } else if (session) {
        session->close();
    }
    finishTotal();
    return result;
}

} // namespace rediscope
