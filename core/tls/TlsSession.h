#pragma once

#include "net/TcpSocket.h"
#include "tls/TlsFacts.h"
#include "tls/TlsOptions.h"

#include <functional>
#include <memory>
#include <optional>

namespace rediscope {

// A client TLS session (OpenSSL) over a connected TcpSocket it takes over. The handshake always
// runs to the end when it can, recording every verification error, so the chain can be shown
// even when it does not verify; whether to go on is the caller's decision.
class TlsSession final : public Transport
{
public:
    explicit TlsSession(std::unique_ptr<TcpSocket> socket);
    ~TlsSession() override;
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    // Called once when the server has not sent a single byte after the silence period; an error
    // it returns ends the handshake with that diagnosis, otherwise the handshake goes on.
    using SilenceProbe = std::function<std::optional<Error>()>;

    // `host` is what the user connected to: the default SNI and hostname-check subject.
    Result<void> handshake(const QString& host, const TlsOptions& options, const Deadline& deadline,
                           const SilenceProbe& onSilence = {},
                           std::chrono::milliseconds silence = std::chrono::milliseconds(0));

    const TlsFacts& facts() const;
    // The first bytes the server sent (up to 64), for diagnosing a non-TLS peer.
    QByteArray firstBytesReceived() const;

    Result<qsizetype> readSome(char* buffer, qsizetype capacity, const Deadline& deadline) override;
    Result<void> writeAll(const char* data, qsizetype size, const Deadline& deadline) override;
    void close() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace rediscope
