#include "RespConnection.h"

#include "common/SecureBytes.h"

#include <algorithm>
#include <hiredis/hiredis.h>
#include <openssl/crypto.h>
#include <vector>

namespace rediscope {

RespConnection::RespConnection(Transport& transport)
    : m_transport(transport)
{}

RespConnection::~RespConnection() = default;

namespace {

// Appends the RESP encoding of one command to `out`; false when it cannot be encoded.
bool encodeCommand(const QList<QByteArray>& arguments, QByteArray& out)
{
    std::vector<const char*> pointers;
    std::vector<size_t> lengths;
    for (const QByteArray& argument : arguments) {
        pointers.push_back(argument.constData());
        lengths.push_back(static_cast<size_t>(argument.size()));
    }
    char* encoded = nullptr;
    const long long size = redisFormatCommandArgv(&encoded, static_cast<int>(arguments.size()),
                                                  pointers.data(), lengths.data());
    if (size < 0 || !encoded)
        return false;
    out.append(encoded, static_cast<qsizetype>(size));
    // The buffer may hold a password: wipe it before it goes back to the allocator.
    OPENSSL_cleanse(encoded, static_cast<size_t>(size));
    redisFreeCommand(encoded);
    return true;
}

} // namespace

Result<RespValue> RespConnection::command(const QList<QByteArray>& arguments,
                                          const Deadline& deadline)
{
    auto replies = pipeline({arguments}, deadline);
    if (!replies)
        return std::unexpected(replies.error());
    return replies->takeFirst();
}

Result<QList<RespValue>> RespConnection::pipeline(const QList<QList<QByteArray>>& commands,
                                                  const Deadline& deadline)
{
    // Room for everything up front: a reallocation would leave a copy of a password behind.
    qsizetype capacity = 0;
    for (const QList<QByteArray>& arguments : commands) {
        capacity += 16;
        for (const QByteArray& argument : arguments)
            capacity += argument.size() + 32;
    }
    QByteArray encoded;
    encoded.reserve(capacity);
    for (const QList<QByteArray>& arguments : commands) {
        if (arguments.isEmpty())
            return fail(ErrorCode::InvalidArgument, Stage::None, QStringLiteral("Empty command."));
        if (!encodeCommand(arguments, encoded)) {
            secureWipe(encoded);
            return fail(ErrorCode::ProtocolError, Stage::None,
                        QStringLiteral("Could not encode the command."));
        }
    }
    if (commands.isEmpty())
        return QList<RespValue>();
    auto sent = m_transport.writeAll(encoded.constData(), encoded.size(), deadline);
    secureWipe(encoded); // may hold a password
    if (!sent)
        return std::unexpected(sent.error());
    QList<RespValue> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        auto reply = readReply(deadline);
        if (!reply)
            return std::unexpected(reply.error());
        replies.append(std::move(*reply));
    }
    return replies;
}

Result<RespValue> RespConnection::readReply(const Deadline& deadline)
{
    qsizetype received = 0;
    char buffer[16 * 1024];
    m_reader.startReply();
    const auto refuse = [this](ErrorCode code, const QString& message, const QString& detail) {
        m_reader.reset();
        return fail(code, Stage::None, message, detail);
    };
    for (;;) {
        auto reply = m_reader.take();
        if (!reply)
            return std::unexpected(reply.error());
        if (*reply)
            return std::move(**reply);
        if (received > m_reader.maxReplyBytes())
            return refuse(
                ErrorCode::ProtocolError,
                QStringLiteral("The server's reply exceeds %1 MiB; refusing to read more.")
                    .arg(m_reader.maxReplyBytes() / (1024 * 1024)),
                QString());
        // A server that keeps sending never makes a read wait: the deadline is checked here too.
        if (deadline.expired())
            return refuse(ErrorCode::Timeout,
                          QStringLiteral("The server kept sending, but its reply did not end "
                                         "within the timeout."),
                          QStringLiteral("%1 bytes received").arg(received));
        auto got = m_transport.readSome(buffer, sizeof buffer, deadline);
        if (!got && got.error().code == ErrorCode::Timeout && received > 0)
            return refuse(ErrorCode::Timeout,
                          QStringLiteral("The server began a reply but sent only %1 bytes of it "
                                         "within the timeout: it stalls or trickles.")
                              .arg(received),
                          QString());
        if (!got)
            return std::unexpected(got.error());
        received += *got;
        m_reader.feed(QByteArrayView(buffer, *got));
    }
}

} // namespace rediscope
