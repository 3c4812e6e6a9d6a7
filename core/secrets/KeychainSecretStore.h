#pragma once

#include "secrets/SecretStore.h"

#include <chrono>

namespace rediscope {

// The OS keychain through QtKeychain: on Linux the Secret Service (GNOME Keyring, KeePassXC,
// KWallet ≥ 5.97) via libsecret. Service "rediscope", key "<profile uuid without braces>/<field>".
// The plaintext fallback of QtKeychain is always off: when no keychain is available every call
// fails with ErrorCode::FileError and a message saying the secret will be asked each session.
//
// Blocking, and safe to call from any thread except the GUI thread (an unlock prompt can take
// as long as the user does). QtKeychain's job queue is a process-wide singleton bound to the
// thread that first used it, so all jobs run on one private keychain thread for the life of
// the application; callers wait for the job's `finished` without spinning an event loop of their
// own. Requires a QCoreApplication; all QtKeychain use in the process must go through this
// class. Operations are serialised process-wide.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr auto DefaultTimeout = std::chrono::minutes(2); // room for an unlock prompt

    explicit KeychainSecretStore(std::chrono::milliseconds timeout = DefaultTimeout);

    QString backendName() const override;
    Result<QByteArray> read(const QUuid& profile, const QString& field) override;
    Result<void> write(const QUuid& profile, const QString& field,
                       const QByteArray& secret) override;
    Result<void> remove(const QUuid& profile, const QString& field) override;

    // "rediscope"
    static QString serviceName();
    // "<uuid without braces>/<field>"; InvalidArgument for a null id or an empty field or one
    // with a '/'.
    static Result<QString> keyFor(const QUuid& profile, const QString& field);

    // Looks up an entry that never exists: succeeds when a keychain answers, or returns the
    // FileError a real call would. One D-Bus round trip (no unlock prompt); still blocking.
    static Result<void> probe(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    static bool isAvailable() { return probe().has_value(); }

private:
    std::chrono::milliseconds m_timeout;
};

} // namespace rediscope
