#include "ClientHelloEditor.h"

namespace rediscope {

namespace {

int byteAt(const QByteArray& bytes, qsizetype at)
{
    return static_cast<unsigned char>(bytes.at(at));
}

int u16(const QByteArray& bytes, qsizetype at)
{
    return (byteAt(bytes, at) << 8) | byteAt(bytes, at + 1);
}

void appendU16(QByteArray& out, qsizetype value)
{
    out.append(static_cast<char>((value >> 8) & 0xff));
    out.append(static_cast<char>(value & 0xff));
}

void appendU24(QByteArray& out, qsizetype value)
{
    out.append(static_cast<char>((value >> 16) & 0xff));
    appendU16(out, value);
}

} // namespace

ClientHelloEditor::ClientHelloEditor(const QByteArray& record)
{
    // Record: type(1) = handshake, version(2), length(2); message: type(1) = client_hello,
    // length(3); body: legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2>
    // compression_methods<1..2^8-1> extensions<8..2^16-1>.
    if (record.size() < 5 + 4 || byteAt(record, 0) != 22 || u16(record, 3) != record.size() - 5)
        return;
    if (byteAt(record, 5) != 1)
        return;
    const qsizetype bodyLength = (byteAt(record, 6) << 16) | u16(record, 7);
    if (bodyLength != record.size() - 9)
        return;
    const QByteArray body = record.mid(9);
    qsizetype at = 2 + 32;
    if (body.size() < at + 1)
        return;
    at += 1 + byteAt(body, at);
    if (body.size() < at + 2)
        return;
    at += 2 + u16(body, at);
    if (body.size() < at + 1)
        return;
    at += 1 + byteAt(body, at);
    if (body.size() < at + 2)
        return;
    const qsizetype prefixEnd = at;
    const qsizetype end = at + 2 + u16(body, at);
    if (end != body.size())
        return;
    at += 2;
    QList<std::pair<int, QByteArray>> extensions;
    while (at < end) {
        if (end - at < 4)
            return;
        const int type = u16(body, at);
        const qsizetype size = u16(body, at + 2);
        at += 4;
        if (end - at < size)
            return;
        extensions.append({type, body.mid(at, size)});
        at += size;
    }
    m_recordVersion = record.mid(1, 2);
    m_prefix = body.left(prefixEnd);
    m_extensions = std::move(extensions);
    m_valid = true;
}

std::optional<QByteArray> ClientHelloEditor::extension(int type) const
{
    for (const auto& [id, data] : m_extensions)
        if (id == type)
            return data;
    return std::nullopt;
}

bool ClientHelloEditor::setExtension(int type, const QByteArray& data)
{
    for (auto& [id, value] : m_extensions) {
        if (id == type) {
            value = data;
            return true;
        }
    }
    return false;
}

QByteArray ClientHelloEditor::record() const
{
    if (!m_valid)
        return {};
    QByteArray extensions;
    for (const auto& [id, data] : m_extensions) {
        appendU16(extensions, id);
        appendU16(extensions, data.size());
        extensions.append(data);
    }
    QByteArray body = m_prefix;
    appendU16(body, extensions.size());
    body.append(extensions);
    QByteArray message;
    message.append(char(1));
    appendU24(message, body.size());
    message.append(body);
    QByteArray out;
    out.append(char(22));
    out.append(m_recordVersion);
    appendU16(out, message.size());
    out.append(message);
    return out;
}

} // namespace rediscope
