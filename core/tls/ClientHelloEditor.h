#pragma once

#include <QByteArray>
#include <QList>
#include <optional>
#include <utility>

namespace rediscope {

// A ClientHello as one TLS record (what OpenSSL writes for a client's first flight), taken apart
// so that extensions can be read and replaced, then put back together with every length fixed.
// The probe uses it to send a TLS 1.3 ClientHello with an empty key_share: the server then
// answers with a HelloRetryRequest naming the group and suite it selected, and neither side does
// any key exchange for a test that only asks "is this accepted?".
class ClientHelloEditor
{
public:
    static constexpr int SupportedGroups = 10;
    static constexpr int KeyShare = 51;

    // Empty (isValid() false) unless `record` is exactly one handshake record holding one
    // well-formed ClientHello with extensions.
    explicit ClientHelloEditor(const QByteArray& record);

    bool isValid() const { return m_valid; }
    std::optional<QByteArray> extension(int type) const;
    // Replaces the data of an extension that is present; false when it is not.
    bool setExtension(int type, const QByteArray& data);
    QByteArray record() const;

private:
    bool m_valid = false;
    QByteArray m_recordVersion; // 2 bytes
    QByteArray m_prefix;        // the ClientHello body up to (not including) the extensions
    QList<std::pair<int, QByteArray>> m_extensions;
};

} // namespace rediscope
