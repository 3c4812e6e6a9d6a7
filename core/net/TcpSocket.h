#pragma once

#include "common/CancelToken.h"
#include "net/SocketAddress.h"
#include "net/Transport.h"

namespace rediscope {

// A non-blocking TCP socket whose every wait honours a deadline and a cancel token.
class TcpSocket final : public Transport
{
public:
    explicit TcpSocket(CancelToken cancel = {});
    ~TcpSocket() override;
    TcpSocket(const TcpSocket&) = delete;
    TcpSocket& operator=(const TcpSocket&) = delete;

    // Tries each address in turn within the deadline; remembers the one that answered.
    Result<void> connect(const QList<SocketAddress>& addresses, const Deadline& deadline);

    Result<qsizetype> readSome(char* buffer, qsizetype capacity, const Deadline& deadline) override;
    Result<void> writeAll(const char* data, qsizetype size, const Deadline& deadline) override;
    void close() override;

    // Waits until the socket is readable (or writable); checks the cancel token every 50 ms.
    Result<void> waitFor(bool writable, const Deadline& deadline) const;

    int fd() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    const SocketAddress& peer() const { return m_peer; }
    const CancelToken& cancelToken() const { return m_cancel; }

private:
    Result<void> connectOne(const SocketAddress& address, const Deadline& deadline);

    CancelToken m_cancel;
    int m_fd = -1;
    SocketAddress m_peer;
};

} // namespace rediscope
