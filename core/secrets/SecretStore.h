#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

namespace rediscope {

// Where secrets live, keyed by profile id + field ("password", "key_passphrase"; see
// SecretResolver::passwordField()). Blocking: call it off the GUI thread (the GUI runs it on a
// worker thread); implementations are safe to call from any thread. Values never reach logs or
// error messages.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual QString backendName() const = 0; // "keychain", "memory", …
    // ErrorCode::FileError with a clear message when the backend is unavailable; a missing entry
    // is not an error but an empty optional-like result: Result<QByteArray> with isEmpty().
    virtual Result<QByteArray> read(const QUuid& profile, const QString& field) = 0;
    // Replaces any previous value. Writing an empty secret removes the entry (an empty value
    // and a missing one read the same).
    virtual Result<void> write(const QUuid& profile, const QString& field,
                               const QByteArray& secret) = 0;
    // Removing a missing entry succeeds.
    virtual Result<void> remove(const QUuid& profile, const QString& field) = 0;
};

} // namespace rediscope
