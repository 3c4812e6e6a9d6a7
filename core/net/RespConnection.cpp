#include "RespConnection.h"

#include <hiredis/hiredis.h>
#include <vector>

namespace rediscope {

namespace {

RespValue convert(const redisReply* reply)
{
    RespValue value;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        value.type = RespValue::Type::Status;
        value.text = QByteArray(reply->str, static_cast<qsizetype>(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        value.type = RespValue::Type::Error;
        value.text = QByteArray(reply->str, static_cast<qsizetype>(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        value.type = RespValue::Type::Integer;
        value.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
        value.type = RespValue::Type::String;
        value.text = QByteArray(reply->str, static_cast<qsizetype>(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        value.type = RespValue::Type::Array;
        value.elements.reserve(static_cast<qsizetype>(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            value.elements.append(convert(reply->element[i]));
        break;
    default:
        value.type = RespValue::Type::Nil;
        break;
    }
    return value;
}

} // namespace

struct RespConnection::Reader
{
    redisReader* reader = redisReaderCreate();
    ~Reader() { redisReaderFree(reader); }
};

RespConnection::RespConnection(Transport& transport)
    : m_transport(transport)
    , m_reader(std::make_unique<Reader>())
{}

RespConnection::~RespConnection() = default;

Result<RespValue> RespConnection::command(const QList<QByteArray>& arguments,
                                          const Deadline& deadline)
{
    if (arguments.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None, QStringLiteral("Empty command."));
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
        return fail(ErrorCode::ProtocolError, Stage::None,
                    QStringLiteral("Could not encode the command."));
    auto sent = m_transport.writeAll(encoded, static_cast<qsizetype>(size), deadline);
    // The buffer may hold a password: wipe it before it goes back to the allocator.
    std::fill(encoded, encoded + size, '\0');
    redisFreeCommand(encoded);
    if (!sent)
        return std::unexpected(sent.error());
    return readReply(deadline);
}

Result<RespValue> RespConnection::readReply(const Deadline& deadline)
{
    qsizetype received = 0;
    char buffer[16 * 1024];
    for (;;) {
        void* reply = nullptr;
        if (redisReaderGetReply(m_reader->reader, &reply) != REDIS_OK) {
            const QString detail = QString::fromLatin1(m_reader->reader->errstr);
            redisReaderFree(m_reader->reader);
            m_reader->reader = redisReaderCreate();
            return fail(ErrorCode::ProtocolError, Stage::None,
                        QStringLiteral("The server's reply is not valid RESP."), detail);
        }
        if (reply) {
            RespValue value = convert(static_cast<redisReply*>(reply));
            freeReplyObject(reply);
            return value;
        }
        if (received > m_maxReplyBytes)
            return fail(ErrorCode::ProtocolError, Stage::None,
                        QStringLiteral("The server's reply exceeds %1 MiB; refusing to read more.")
                            .arg(m_maxReplyBytes / (1024 * 1024)));
        auto got = m_transport.readSome(buffer, sizeof buffer, deadline);
        if (!got)
            return std::unexpected(got.error());
        received += *got;
        redisReaderFeed(m_reader->reader, buffer, static_cast<size_t>(*got));
    }
}

} // namespace rediscope
