#include "SecretRef.h"

#include <QRegularExpression>

namespace rediscope {

QString SecretRef::toString() const
{
    switch (source) {
    case Source::None:
        return QStringLiteral("none");
    case Source::Keychain:
        return QStringLiteral("keychain");
    case Source::Prompt:
        return QStringLiteral("prompt");
    case Source::Env:
        return QStringLiteral("env:") + variable;
    }
    return QStringLiteral("none");
}

std::optional<SecretRef> SecretRef::fromString(const QString& text)
{
    const QString value = text.trimmed();
    if (value == QLatin1String("none") || value.isEmpty())
        return none();
    if (value == QLatin1String("keychain"))
        return keychain();
    if (value == QLatin1String("prompt"))
        return prompt();
    if (value.startsWith(QLatin1String("env:"))) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        const QString variable = value.mid(4);
        if (name.match(variable).hasMatch())
            return env(variable);
    }
    return std::nullopt;
}

} // namespace rediscope
