#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace rediscope {

// What a server answered to one ClientHello, up to the end of its first plaintext flight.
struct ServerFlight
{
    QByteArray firstBytes; // the first bytes received (up to FirstBytesLimit)

    int alert = -1; // description of the first alert received, -1: none
    bool alertAfterHello = false;

    bool serverHello = false; // a ServerHello (final or HelloRetryRequest) arrived
    bool helloRetry = false;  // it was a HelloRetryRequest
    int version = 0;          // negotiated: supported_versions when present, else legacy_version
    quint16 cipher = 0;       // the suite it selected (IANA id)
    int group = 0;            // TLS 1.3: the key_share group (HRR: the group it asks for)
    bool renegotiationInfo = false; // the renegotiation_info extension (RFC 5746) came back

    bool certificateRequest = false;
    QByteArray serverKeyExchange; // the ServerKeyExchange body (TLS <= 1.2), when one came
    bool serverHelloDone = false;
};

// Reads a server's answer to a ClientHello from the raw bytes of the connection, without
// OpenSSL: records, then the handshake messages of the plaintext flight. Complete once the
// verdict is in: an alert, a TLS 1.3 ServerHello or HelloRetryRequest, or (TLS <= 1.2) the
// ServerHelloDone. Messages the probe does not need (certificates, status) are skipped without
// being kept, so a huge chain costs no memory; anything else is bounded.
class ServerFlightParser
{
public:
    static constexpr qsizetype FirstBytesLimit = 16;
    static constexpr qsizetype MessageLimit = 64 * 1024;       // kept messages (hello, SKE)
    static constexpr qsizetype FlightLimit = 32 * 1024 * 1024; // everything read

    enum class State
    {
        NeedMore,
        Complete,
        NotTls,    // the first bytes are not a TLS record
        Malformed, // a TLS record or message that breaks the protocol's rules
    };

    State feed(QByteArrayView bytes);
    State state() const { return m_state; }
    const ServerFlight& flight() const { return m_flight; }
    QString problem() const { return m_problem; } // why Malformed

private:
    State fail(const QString& problem);
    State consumeRecords();
    State consumeHandshake(QByteArrayView body);
    State message(int type, QByteArrayView body);
    bool parseServerHello(QByteArrayView body);

    State m_state = State::NeedMore;
    ServerFlight m_flight;
    QString m_problem;
    qsizetype m_total = 0;
    QByteArray m_records;      // bytes of an incomplete record
    QByteArray m_message;      // the header and body of an incomplete kept message
    qsizetype m_skipping = 0;  // bytes of a skipped message still to come
    bool m_encrypted = false;  // a ChangeCipherSpec went by: nothing after it is plaintext
    bool m_seenRecord = false; // a valid record header went by
};

} // namespace rediscope
