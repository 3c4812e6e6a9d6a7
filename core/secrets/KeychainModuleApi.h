#pragma once

// The interface between the engine and rediscope-keychain, the module that holds every call into
// QtKeychain. The module is loaded (KeychainModule) only when a secret goes to or comes from the
// keychain, so that commands that never touch it do not load QtKeychain, Qt D-Bus and their
// libraries at start. Both sides are built together by the same compiler against the same Qt.

#include <QByteArray>
#include <QString>
#include <functional>

namespace rediscope::keychain {

enum class JobKind
{
    Read,
    Write,
    Remove,
};

// QKeychain::Error as an int, its message, and for a read the secret.
using JobDone = std::function<void(int error, const QString& errorString, const QByteArray& data)>;

struct JobRequest
{
    JobKind kind = JobKind::Read;
    QString service;
    QString key;
    // For a write: the secret as text when `asText` (readable in a keyring manager), else as
    // bytes (stored base64-encoded by QtKeychain).
    bool asText = false;
    QString text;
    QByteArray binary;
};

// Starts one QtKeychain job in the calling thread, whose event loop must run; `done` is called
// there once it finished. The plaintext fallback of QtKeychain is always off.
using StartJob = void (*)(const JobRequest& request, JobDone done);

inline constexpr char StartJobSymbol[] = "rediscopeKeychainStartJob";
inline constexpr char ModuleFileName[] = "librediscope-keychain.so";

} // namespace rediscope::keychain
