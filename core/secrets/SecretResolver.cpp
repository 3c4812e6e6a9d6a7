#include "SecretResolver.h"

#include "secrets/SecretStore.h"

namespace rediscope {

namespace {

QString profileName(const Profile& profile)
{
    return profile.name.isEmpty() ? profile.id.toString(QUuid::WithoutBraces) : profile.name;
}

QString fieldWords(const QString& field)
{
    if (field == SecretResolver::passwordField())
        return QStringLiteral("the password");
    if (field == SecretResolver::keyPassphraseField())
        return QStringLiteral("the key passphrase");
    return QStringLiteral("the secret “%1”").arg(field);
}

QByteArray inlineSecret(const Profile& profile, const QString& field)
{
    if (field == SecretResolver::passwordField())
        return profile.inlinePassword;
    if (field == SecretResolver::keyPassphraseField())
        return profile.inlineKeyPassphrase;
    return {};
}

} // namespace

SecretResolver::SecretResolver(SecretStore* store, QProcessEnvironment environment,
                               SecretPrompt prompt)
    : m_store(store)
    , m_environment(std::move(environment))
    , m_prompt(std::move(prompt))
{}

QString SecretResolver::passwordField()
{
    return QStringLiteral("password");
}

QString SecretResolver::keyPassphraseField()
{
    return QStringLiteral("key_passphrase");
}

std::optional<SecretRef> SecretResolver::referenceOf(const Profile& profile, const QString& field)
{
    if (field == passwordField())
        return profile.password;
    if (field == keyPassphraseField())
        return profile.tls.keyPassphrase;
    return std::nullopt;
}

Result<ResolvedSecret> SecretResolver::resolve(const Profile& profile, const QString& field) const
{
    const std::optional<SecretRef> reference = referenceOf(profile, field);
    if (!reference)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("“%1” is not a secret field of a profile.").arg(field));

    switch (reference->source) {
    case SecretRef::Source::Keychain:
        return fromKeychain(profile, field);
    case SecretRef::Source::Env:
        return fromEnvironment(profile, field, reference->variable);
    case SecretRef::Source::Prompt:
    case SecretRef::Source::None: {
        const QByteArray found = inlineSecret(profile, field);
        if (!found.isEmpty())
            return ResolvedSecret{found, ResolvedSecret::Origin::Inline, std::nullopt};
        if (reference->source == SecretRef::Source::Prompt)
            return fromPrompt(profile, field);
        return ResolvedSecret{};
    }
    }
    return ResolvedSecret{};
}

Result<ResolvedSecret> SecretResolver::fromKeychain(const Profile& profile,
                                                    const QString& field) const
{
    Result<QByteArray> stored =
        m_store ? m_store->read(profile.id, field)
                : Result<QByteArray>(fail(ErrorCode::FileError, Stage::None,
                                          QStringLiteral("No keychain is configured; %1 will be "
                                                         "asked each session.")
                                              .arg(fieldWords(field))));
    if (stored && !stored->isEmpty())
        return ResolvedSecret{std::move(*stored), ResolvedSecret::Origin::Keychain, std::nullopt};
    if (!m_prompt) {
        if (!stored)
            return std::unexpected(stored.error());
        return ResolvedSecret{}; // nothing stored and nobody to ask
    }
    Result<ResolvedSecret> asked = fromPrompt(profile, field);
    if (asked && !stored)
        asked->keychainError = stored.error();
    return asked;
}

Result<ResolvedSecret> SecretResolver::fromEnvironment(const Profile& profile, const QString& field,
                                                       const QString& variable) const
{
    if (variable.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("Cannot get %1 of profile “%2”: its env: reference names no "
                                   "variable.")
                        .arg(fieldWords(field), profileName(profile)));
    if (!m_environment.contains(variable))
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("Cannot get %1 of profile “%2”: environment variable %3 is "
                                   "not set.")
                        .arg(fieldWords(field), profileName(profile), variable));
    const QByteArray value = m_environment.value(variable).toLocal8Bit();
    if (value.isEmpty())
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("Cannot get %1 of profile “%2”: environment variable %3 is "
                                   "empty.")
                        .arg(fieldWords(field), profileName(profile), variable));
    return ResolvedSecret{value, ResolvedSecret::Origin::Environment, std::nullopt};
}

Result<ResolvedSecret> SecretResolver::fromPrompt(const Profile& profile,
                                                  const QString& field) const
{
    if (!m_prompt)
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("Profile “%1” asks for %2 each session, but nothing can ask "
                                   "for it here.")
                        .arg(profileName(profile), fieldWords(field)));
    std::optional<QByteArray> answer = m_prompt(profile, field);
    if (!answer)
        return fail(ErrorCode::Cancelled, Stage::None,
                    QStringLiteral("No %1 was entered for profile “%2”.")
                        .arg(fieldWords(field).section(QLatin1Char(' '), 1), profileName(profile)));
    return ResolvedSecret{std::move(*answer), ResolvedSecret::Origin::Prompt, std::nullopt};
}

} // namespace rediscope
