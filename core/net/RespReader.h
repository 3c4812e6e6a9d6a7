#pragma once

#include "common/Error.h"
#include "net/RespValue.h"

#include <QByteArrayView>
#include <QList>
#include <memory>
#include <optional>

namespace rediscope {

// The RESP2 reply decoder, hiredis as the codec: bytes in, RespValues out, no I/O. Bytes are fed
// as they arrive; take() returns each complete reply. A hostile reply is refused as early as it
// can be seen — an array announced with more elements than the budget of the reply (hiredis
// allocates it at once, about 64 bytes an element), a bulk string announced larger than the
// reply limit, a line that never ends — before its bytes arrive.
//
// After an error the stream's state is unknown: the reader starts afresh (what was buffered is
// dropped), as a connection does when it gives up on one.
class RespReader
{
public:
    static constexpr qsizetype DefaultMaxReplyBytes = 64 * 1024 * 1024;
    // What one array element costs once decoded: the budget of a reply is maxReplyBytes / this.
    static constexpr qsizetype BytesPerElement = 64;

    explicit RespReader(qsizetype maxReplyBytes = DefaultMaxReplyBytes);
    ~RespReader();
    RespReader(const RespReader&) = delete;
    RespReader& operator=(const RespReader&) = delete;

    qsizetype maxReplyBytes() const { return m_maxReplyBytes; }
    // Takes effect with the next startReply().
    void setMaxReplyBytes(qsizetype bytes) { m_maxReplyBytes = bytes; }

    // A new reply begins: its element budget is full again.
    void startReply();
    void feed(QByteArrayView bytes);
    // The next complete reply; nullopt while more bytes are needed. Errors are ProtocolError
    // with a message for people (and hiredis' words in the detail), and reset the reader.
    Result<std::optional<RespValue>> take();
    // Drops everything buffered and any partial reply.
    void reset();

    // The pure form: every reply in `bytes`, each with its own budget. `incomplete` tells that
    // bytes after the last complete reply begin another one.
    struct Decoded
    {
        QList<RespValue> replies;
        bool incomplete = false;
    };
    static Result<Decoded> decode(QByteArrayView bytes,
                                  qsizetype maxReplyBytes = DefaultMaxReplyBytes);

private:
    struct State;
    std::unique_ptr<State> m_state;
    qsizetype m_maxReplyBytes;
};

} // namespace rediscope
