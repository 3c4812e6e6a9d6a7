#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

namespace rediscope {

// Where secrets live, keyed by profile id + field ("password", "key_passphrase"). Blocking;
// call it off the GUI thread. Values never reach logs or error messages.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual QString backendName() const = 0; // "keychain", "memory", …
    // ErrorCode::FileError with a clear message when the backend is unavailable; a missing entry
    // is not an error but an empty optional-like result: Result<QByteArray> with isEmpty().
    virtual Result<QByteArray> read(const QUuid& profile, const QString& field) = 0;
    virtual Result<void> write(const QUuid& profile, const QString& field,
                               const QByteArray& secret) = 0;
    virtual Result<void> remove(const QUuid& profile, const QString& field) = 0;
};

} // namespace rediscope
