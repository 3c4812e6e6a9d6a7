#include "ServerFlightParser.h"

#include <algorithm>
#include <cstring>

namespace rediscope {

namespace {

enum RecordType : unsigned char
{
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
};

enum MessageType : unsigned char
{
    ServerHello = 2,
    ServerKeyExchange = 12,
    CertificateRequest = 13,
    ServerHelloDone = 14,
};

constexpr qsizetype RecordHeader = 5;
constexpr qsizetype MaxRecordBody = 16384 + 2048; // RFC 5246 6.2.3: ciphertext at most 2^14 + 2048
constexpr int Tls13 = 0x0304;

// RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr unsigned char HelloRetryRandom[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

int byteAt(QByteArrayView bytes, qsizetype at)
{
    return static_cast<unsigned char>(bytes[at]);
}

int u16(QByteArrayView bytes, qsizetype at)
{
    return (byteAt(bytes, at) << 8) | byteAt(bytes, at + 1);
}

bool kept(int type)
{
    return type == ServerHello || type == ServerKeyExchange || type == CertificateRequest ||
           type == ServerHelloDone;
}

} // namespace

ServerFlightParser::State ServerFlightParser::fail(const QString& problem)
{
    m_problem = problem;
    m_state = State::Malformed;
    return m_state;
}

ServerFlightParser::State ServerFlightParser::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore || bytes.isEmpty())
        return m_state;
    const qsizetype room = FirstBytesLimit - m_flight.firstBytes.size();
    if (room > 0)
        m_flight.firstBytes.append(bytes.first(std::min(room, bytes.size())));
    m_total += bytes.size();
    if (m_total > FlightLimit)
        return fail(QStringLiteral("the server sent more than %1 MiB without finishing its first "
                                   "flight")
                        .arg(FlightLimit / (1024 * 1024)));
    m_records.append(bytes);
    m_state = consumeRecords();
    if (m_state != State::NeedMore)
        m_records.clear();
    return m_state;
}

ServerFlightParser::State ServerFlightParser::consumeRecords()
{
    qsizetype at = 0;
    State state = State::NeedMore;
    while (state == State::NeedMore && m_records.size() - at >= RecordHeader) {
        const QByteArrayView header(m_records.constData() + at, RecordHeader);
        const int type = byteAt(header, 0);
        const bool known = type >= ChangeCipherSpec && type <= ApplicationData;
        if (!known || byteAt(header, 1) != 3) {
            if (!m_seenRecord)
                return State::NotTls; // the very first bytes: this is not TLS at all
            return fail(QStringLiteral("a record that is not TLS (type %1, version %2.%3)")
                            .arg(type)
                            .arg(byteAt(header, 1))
                            .arg(byteAt(header, 2)));
        }
        m_seenRecord = true;
        const qsizetype length = u16(header, 3);
        if (length > MaxRecordBody)
            return fail(QStringLiteral("a TLS record of %1 bytes (the limit is %2)")
                            .arg(length)
                            .arg(MaxRecordBody));
        if (m_records.size() - at < RecordHeader + length)
            break;
        const QByteArrayView body(m_records.constData() + at + RecordHeader, length);
        at += RecordHeader + length;
        switch (type) {
        case ChangeCipherSpec:
            m_encrypted = true;
            break;
        case Alert:
            if (m_encrypted)
                return fail(QStringLiteral("an encrypted alert in the first flight"));
            if (body.size() < 2)
                return fail(QStringLiteral("an alert record of %1 bytes").arg(body.size()));
            m_flight.alert = byteAt(body, 1);
            m_flight.alertAfterHello = m_flight.serverHello;
            state = State::Complete;
            break;
        case Handshake:
            if (m_encrypted)
                return fail(QStringLiteral("an encrypted handshake record before the verdict"));
            state = consumeHandshake(body);
            break;
        default:
            return fail(QStringLiteral("application data before the handshake finished"));
        }
    }
    m_records.remove(0, at);
    return state;
}

ServerFlightParser::State ServerFlightParser::consumeHandshake(QByteArrayView body)
{
    qsizetype at = 0;
    while (at < body.size()) {
        const qsizetype remaining = body.size() - at;
        if (m_skipping > 0) {
            const qsizetype take = std::min(m_skipping, remaining);
            m_skipping -= take;
            at += take;
            continue;
        }
        if (m_message.size() < 4) {
            const qsizetype take = std::min(4 - m_message.size(), remaining);
            m_message.append(body.sliced(at, take));
            at += take;
            if (m_message.size() < 4)
                continue;
            const int type = byteAt(m_message, 0);
            const qsizetype length = (byteAt(m_message, 1) << 16) | u16(m_message, 2);
            if (!kept(type)) {
                m_skipping = length;
                m_message.clear();
                continue;
            }
            if (length > MessageLimit)
                return fail(QStringLiteral("a handshake message (type %1) of %2 bytes")
                                .arg(type)
                                .arg(length));
        }
        const qsizetype length = (byteAt(m_message, 1) << 16) | u16(m_message, 2);
        const qsizetype take = std::min(length - (m_message.size() - 4), remaining);
        m_message.append(body.sliced(at, take));
        at += take;
        if (m_message.size() - 4 < length)
            continue;
        const QByteArray complete = std::exchange(m_message, {});
        if (const State state = message(byteAt(complete, 0), QByteArrayView(complete).sliced(4));
            state != State::NeedMore)
            return state;
    }
    return State::NeedMore;
}

ServerFlightParser::State ServerFlightParser::message(int type, QByteArrayView body)
{
    if (type == ServerHello) {
        if (m_flight.serverHello)
            return fail(QStringLiteral("a second ServerHello"));
        if (!parseServerHello(body))
            return fail(QStringLiteral("a ServerHello that cannot be read"));
        return m_flight.helloRetry || m_flight.version >= Tls13 ? State::Complete : State::NeedMore;
    }
    if (!m_flight.serverHello)
        return fail(
            QStringLiteral("a handshake message (type %1) before the ServerHello").arg(type));
    switch (type) {
    case ServerKeyExchange:
        m_flight.serverKeyExchange = body.toByteArray();
        break;
    case CertificateRequest:
        m_flight.certificateRequest = true;
        break;
    case ServerHelloDone:
        m_flight.serverHelloDone = true;
        return State::Complete;
    default:
        break;
    }
    return State::NeedMore;
}

// legacy_version(2) random(32) session_id<0..32> cipher_suite(2) compression(1)
// extensions<0..2^16-1>
bool ServerFlightParser::parseServerHello(QByteArrayView body)
{
    qsizetype at = 0;
    if (body.size() < 2 + 32 + 1)
        return false;
    int version = u16(body, 0);
    const bool retry = std::memcmp(body.data() + 2, HelloRetryRandom, sizeof HelloRetryRandom) == 0;
    at = 2 + 32;
    const int sessionId = byteAt(body, at);
    at += 1 + sessionId;
    if (sessionId > 32 || body.size() < at + 3)
        return false;
    const quint16 cipher = static_cast<quint16>(u16(body, at));
    at += 3;
    int group = 0;
    bool renegotiation = false;
    if (body.size() >= at + 2) {
        const qsizetype end = at + 2 + u16(body, at);
        if (end > body.size())
            return false;
        at += 2;
        while (at < end) {
            if (end - at < 4)
                return false;
            const int type = u16(body, at);
            const qsizetype size = u16(body, at + 2);
            at += 4;
            if (end - at < size)
                return false;
            if (type == 43 && size == 2) // supported_versions
                version = u16(body, at);
            else if (type == 51 && size >= 2) // key_share (HRR: selected_group)
                group = u16(body, at);
            else if (type == 0xff01) // renegotiation_info
                renegotiation = true;
            at += size;
        }
    } else if (body.size() != at) {
        return false;
    }
    m_flight.serverHello = true;
    m_flight.helloRetry = retry;
    m_flight.version = version;
    m_flight.cipher = cipher;
    m_flight.group = group;
    m_flight.renegotiationInfo = renegotiation;
    return true;
}

} // namespace rediscope
