// RESP reply decoding: RespReader, the layer over hiredis that turns what a server sends into
// RespValues. The first byte picks how the rest is cut into reads (1..256 bytes) and whether a
// small reply limit applies, so the refusals of oversized announcements are reached too.

#include "FuzzSupport.h"
#include "net/RespReader.h"

#include <algorithm>

using namespace rediscope;

namespace {

void render(const RespValue& value)
{
    (void)value.toDisplayString(200);
    (void)value.errorCode();
}

bool same(const RespValue& a, const RespValue& b)
{
    if (a.type != b.type || a.text != b.text || a.integer != b.integer ||
        a.elements.size() != b.elements.size())
        return false;
    for (qsizetype i = 0; i < a.elements.size(); ++i)
        if (!same(a.elements.at(i), b.elements.at(i)))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = (fuzz::quietQt(), true);
    Q_UNUSED(quiet);
    if (size < 1)
        return 0;
    const qsizetype chunk = (data[0] & 0x7f) * 2 + 1;
    const qsizetype maxBytes = (data[0] & 0x80) ? 4096 : RespReader::DefaultMaxReplyBytes;
    const QByteArrayView wire(reinterpret_cast<const char*>(data + 1),
                              static_cast<qsizetype>(size - 1));

    // All at once.
    auto whole = RespReader::decode(wire, maxBytes);
    if (whole)
        for (const RespValue& reply : whole->replies)
            render(reply);

    // In reads of `chunk` bytes, as a connection receives them.
    RespReader reader(maxBytes);
    QList<RespValue> replies;
    bool failed = false;
    for (qsizetype at = 0; at < wire.size() && !failed; at += chunk) {
        reader.feed(wire.sliced(at, std::min(chunk, wire.size() - at)));
        for (;;) {
            auto reply = reader.take();
            if (!reply) {
                failed = true;
                break;
            }
            if (!*reply)
                break;
            replies.append(std::move(**reply));
            reader.startReply();
        }
    }
    // Whatever was decoded before an error (or all of it) is the same either way: how the bytes
    // arrive never changes a reply.
    if (whole && !failed) {
        if (replies.size() != whole->replies.size())
            __builtin_trap();
        for (qsizetype i = 0; i < replies.size(); ++i)
            if (!same(replies.at(i), whole->replies.at(i)))
                __builtin_trap();
    }
    return 0;
}
