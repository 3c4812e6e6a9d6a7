#pragma once

#include <QString>
#include <optional>

namespace rediscope {

// Where a secret lives. The profiles file only ever holds this reference, never the secret.
struct SecretRef
{
    enum class Source
    {
        None,     // no secret
        Keychain, // the OS keychain, keyed by profile id + field
        Env,      // an environment variable, `variable`
        Prompt,   // ask each session (GUI dialog, CLI --askpass / REDISCLI_AUTH)
    };

    Source source = Source::None;
    QString variable; // for Env

    // "none", "keychain", "prompt", "env:VAR"
    QString toString() const;
    static std::optional<SecretRef> fromString(const QString& text);

    static SecretRef none() { return {}; }
    static SecretRef keychain() { return {Source::Keychain, {}}; }
    static SecretRef prompt() { return {Source::Prompt, {}}; }
    static SecretRef env(const QString& variable) { return {Source::Env, variable}; }

    bool operator==(const SecretRef&) const = default;
};

} // namespace rediscope
