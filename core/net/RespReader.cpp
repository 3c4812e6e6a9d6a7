#include "RespReader.h"

#include <algorithm>
#include <cstring>
#include <hiredis/hiredis.h>

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

// What hiredis is waiting for, judged before it arrives: a bulk string announced larger than
// the reply limit, or a line (status, error, integer, length) that never ends, which hiredis
// would rescan in full on every read.
std::optional<QString> pendingProblem(const redisReader* reader, qsizetype maxBytes)
{
    constexpr size_t MaxLengthLine = 32;
    constexpr size_t MaxLine = 1024 * 1024;
    if (reader->ridx < 0)
        return std::nullopt;
    const char* pending = reader->buf + reader->pos;
    const size_t available = reader->len - reader->pos;
    switch (reader->rstack[reader->ridx].type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_ARRAY: {
        const auto* end = static_cast<const char*>(
            std::memchr(pending, '\r', std::min(available, MaxLengthLine)));
        if (!end)
            return available >= MaxLengthLine
                       ? std::optional(QStringLiteral("The server's reply is not valid RESP: a "
                                                      "length that never ends."))
                       : std::nullopt;
        bool ok = false;
        const qint64 length = QByteArray(pending, end - pending).toLongLong(&ok);
        if (ok && length > maxBytes)
            return QStringLiteral("The server announced a reply of %1 MiB, more than the %2 MiB "
                                  "accepted; refusing to read it.")
                .arg(length / (1024 * 1024))
                .arg(maxBytes / (1024 * 1024));
        return std::nullopt;
    }
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
    case REDIS_REPLY_INTEGER:
        if (available > MaxLine)
            return QStringLiteral("The server's reply is not valid RESP: a line of more than "
                                  "1 MiB without an end.");
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

} // namespace

// hiredis builds a reply as it arrives: an array is allocated as soon as it is announced. So each
// reply gets a budget of elements, checked at each announcement: "*2147483647" is refused at once
// instead of growing until the byte limit.
struct RespReader::State
{
    redisReader* reader = nullptr;
    redisReplyObjectFunctions functions{};
    qint64 elementsLeft = 0;
    qint64 refusedArray = -1; // the announcement refused in the current reply, -1 for none

    State() { reset(); }
    ~State() { redisReaderFree(reader); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    // A fresh reader (this also frees a partial reply at once).
    void reset()
    {
        if (reader)
            redisReaderFree(reader);
        reader = redisReaderCreate();
        // hiredis' own functions build the reply (its table is static); arrays are checked first.
        static const redisReplyObjectFunctions* const defaults = reader->fn;
        functions = *defaults;
        functions.createArray = [](const redisReadTask* task, int elements) -> void* {
            auto* self = static_cast<State*>(task->privdata);
            if (elements > self->elementsLeft) {
                self->refusedArray = elements;
                return nullptr; // hiredis reports an error and frees the partial reply
            }
            self->elementsLeft -= elements;
            return defaults->createArray(task, elements);
        };
        reader->fn = &functions;
        reader->privdata = this;
    }
};

RespReader::RespReader(qsizetype maxReplyBytes)
    : m_state(std::make_unique<State>())
    , m_maxReplyBytes(maxReplyBytes)
{
    startReply();
}

RespReader::~RespReader() = default;

void RespReader::startReply()
{
    m_state->elementsLeft = m_maxReplyBytes / BytesPerElement;
    m_state->refusedArray = -1;
}

void RespReader::feed(QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        redisReaderFeed(m_state->reader, bytes.data(), static_cast<size_t>(bytes.size()));
}

void RespReader::reset()
{
    m_state->reset();
}

Result<std::optional<RespValue>> RespReader::take()
{
    const auto refuse = [this](const QString& message, const QString& detail) {
        m_state->reset();
        return fail(ErrorCode::ProtocolError, Stage::None, message, detail);
    };
    void* reply = nullptr;
    if (redisReaderGetReply(m_state->reader, &reply) != REDIS_OK) {
        if (m_state->refusedArray >= 0)
            return refuse(QStringLiteral("The server announced an array of %1 elements, more "
                                         "than the %2 a reply may hold; refusing to read it.")
                              .arg(m_state->refusedArray)
                              .arg(m_maxReplyBytes / BytesPerElement),
                          QString());
        return refuse(QStringLiteral("The server's reply is not valid RESP."),
                      QString::fromLatin1(m_state->reader->errstr));
    }
    if (reply) {
        RespValue value = convert(static_cast<redisReply*>(reply));
        freeReplyObject(reply);
        return std::optional(std::move(value));
    }
    if (auto problem = pendingProblem(m_state->reader, m_maxReplyBytes))
        return refuse(*problem, QString());
    return std::optional<RespValue>();
}

Result<RespReader::Decoded> RespReader::decode(QByteArrayView bytes, qsizetype maxReplyBytes)
{
    RespReader reader(maxReplyBytes);
    reader.feed(bytes);
    Decoded decoded;
    for (;;) {
        reader.startReply();
        auto reply = reader.take();
        if (!reply)
            return std::unexpected(reply.error());
        if (!*reply)
            break;
        decoded.replies.append(std::move(**reply));
    }
    // Unread bytes, or a reply begun: hiredis keeps an empty task (type -1) on its stack after a
    // call that found nothing to read.
    const redisReader* state = reader.m_state->reader;
    decoded.incomplete = state->pos < state->len || state->ridx > 0 ||
                         (state->ridx == 0 && state->rstack[0].type >= 0);
    return decoded;
}

} // namespace rediscope
