#pragma once

#include "common/Error.h"
#include "profile/Profile.h"
#include "profile/SecretRef.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <functional>
#include <optional>

namespace rediscope {

class SecretStore;

// A secret resolved for one connection, and where it came from. Show `origin`, never `value`.
struct ResolvedSecret
{
    enum class Origin
    {
        None,        // no secret: the reference is none (or the keychain holds nothing)
        Keychain,    // read from the SecretStore
        Environment, // read from the environment variable of an env:VAR reference
        Prompt,      // asked through the prompt callback
        Inline,      // found inline in the profiles file (flagged profile.secret_plaintext)
    };

    QByteArray value;
    Origin origin = Origin::None;
    // Set when the keychain failed and the secret was asked instead ("ask each session"); the
    // caller may tell the user once. Never contains the secret.
    std::optional<Error> keychainError;
};

// Asks for a secret (GUI dialog, CLI askpass / terminal). std::nullopt means the user cancelled.
using SecretPrompt =
    std::function<std::optional<QByteArray>(const Profile& profile, const QString& field)>;

// Turns a profile's secret reference into the secret, for one field ("password",
// "key_passphrase"):
//   keychain → the SecretStore; when it fails (no keychain) or holds nothing, the prompt is
//              asked if there is one (keychainError says why), else the store's error or an
//              empty secret is returned;
//   env:VAR  → the variable in `environment`; unset or empty is an error naming the variable;
//   prompt   → the inline secret if the file had one, else the prompt; no prompt is an error;
//   none     → the inline secret if the file had one, else empty.
// Blocking when the store or the prompt is: call it off the GUI thread. Errors never contain
// a secret. A secret obtained by prompting is not saved anywhere; that is the caller's choice.
class SecretResolver
{
public:
    explicit SecretResolver(
        SecretStore* store,
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
        SecretPrompt prompt = {});

    static QString passwordField();      // "password"      → Profile::password
    static QString keyPassphraseField(); // "key_passphrase" → Profile::tls.keyPassphrase

    // The reference `field` uses in `profile`; std::nullopt for an unknown field.
    static std::optional<SecretRef> referenceOf(const Profile& profile, const QString& field);

    Result<ResolvedSecret> resolve(const Profile& profile, const QString& field) const;

private:
    Result<ResolvedSecret> fromKeychain(const Profile& profile, const QString& field) const;
    Result<ResolvedSecret> fromEnvironment(const Profile& profile, const QString& field,
                                           const QString& variable) const;
    Result<ResolvedSecret> fromPrompt(const Profile& profile, const QString& field) const;

    SecretStore* m_store = nullptr;
    QProcessEnvironment m_environment;
    SecretPrompt m_prompt;
};

} // namespace rediscope
