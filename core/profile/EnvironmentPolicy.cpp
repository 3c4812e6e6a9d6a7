#include "EnvironmentPolicy.h"

#include "tls/TlsOptions.h"

namespace rediscope {

namespace {

const QString PolicyKey = QStringLiteral("policy");
const QString TlsKey = QStringLiteral("tls");
const QString VerificationKey = QStringLiteral("verification");
const QString HostnameKey = QStringLiteral("hostname_check");
const QString MinProtocolKey = QStringLiteral("min_protocol");
const QString ClientCertKey = QStringLiteral("client_certificate");
const QString ExpiryKey = QStringLiteral("expiry_warning_days");
const QString WritesKey = QStringLiteral("console_writes_locked");
const QString ColourKey = QStringLiteral("colour");

} // namespace

QString policyKindName(PolicyKind kind)
{
    switch (kind) {
    case PolicyKind::Development:
        return QStringLiteral("development");
    case PolicyKind::Staging:
        return QStringLiteral("staging");
    case PolicyKind::Production:
        return QStringLiteral("production");
    }
    return QStringLiteral("production");
}

std::optional<PolicyKind> policyKindFromName(const QString& name)
{
    for (PolicyKind kind : {PolicyKind::Development, PolicyKind::Staging, PolicyKind::Production})
        if (policyKindName(kind) == name)
            return kind;
    return std::nullopt;
}

QString requirementName(Requirement requirement)
{
    switch (requirement) {
    case Requirement::Optional:
        return QStringLiteral("optional");
    case Requirement::Recommended:
        return QStringLiteral("recommended");
    case Requirement::Required:
        return QStringLiteral("required");
    }
    return QStringLiteral("required");
}

std::optional<Requirement> requirementFromName(const QString& name)
{
    for (Requirement requirement :
         {Requirement::Optional, Requirement::Recommended, Requirement::Required})
        if (requirementName(requirement) == name)
            return requirement;
    return std::nullopt;
}

EnvironmentPolicy EnvironmentPolicy::builtIn(PolicyKind kind)
{
    EnvironmentPolicy policy;
    policy.kind = kind;
    policy.name = policyKindName(kind);
    switch (kind) {
    case PolicyKind::Development:
        policy.hostnameCheck = Requirement::Recommended;
        policy.clientCertificate = Requirement::Optional;
        policy.expiryWarningDays = 14;
        policy.consoleWritesLocked = false;
        policy.colour = QStringLiteral("#2e7d32");
        break;
    case PolicyKind::Staging:
        policy.consoleWritesLocked = false;
        policy.colour = QStringLiteral("#ef6c00");
        break;
    case PolicyKind::Production:
        policy.colour = QStringLiteral("#c62828");
        break;
    }
    return policy;
}

PolicyKind guessPolicyKind(const QString& environmentName)
{
    const QString name = environmentName.trimmed().toLower();
    if (const auto exact = policyKindFromName(name))
        return *exact;
    if (name.startsWith(QLatin1String("prod")) || name == QLatin1String("live") ||
        name == QLatin1String("prd"))
        return PolicyKind::Production;
    if (name.startsWith(QLatin1String("stag")) || name == QLatin1String("qa") ||
        name == QLatin1String("uat") || name == QLatin1String("test") ||
        name == QLatin1String("preprod") || name == QLatin1String("stg"))
        return PolicyKind::Staging;
    if (name.startsWith(QLatin1String("dev")) || name == QLatin1String("local"))
        return PolicyKind::Development;
    return PolicyKind::Production;
}

EnvironmentPolicy EnvironmentPolicies::forEnvironment(const QString& name) const
{
    if (auto found = m_overrides.constFind(name); found != m_overrides.constEnd())
        return *found;
    EnvironmentPolicy policy = EnvironmentPolicy::builtIn(guessPolicyKind(name));
    policy.name = name;
    return policy;
}

void EnvironmentPolicies::setOverride(const QString& name, const EnvironmentPolicy& policy)
{
    EnvironmentPolicy copy = policy;
    copy.name = name;
    m_overrides.insert(name, copy);
}

void EnvironmentPolicies::removeOverride(const QString& name)
{
    m_overrides.remove(name);
    m_unknown.remove(name);
}

std::optional<EnvironmentPolicies> EnvironmentPolicies::fromJson(const QJsonObject& object,
                                                                 QString* error)
{
    EnvironmentPolicies policies;
    const auto failWith = [error](const QString& text) {
        if (error)
            *error = text;
        return std::nullopt;
    };
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString name = it.key();
        if (!it.value().isObject())
            return failWith(QStringLiteral("environments.%1 must be an object").arg(name));
        QJsonObject entry = it.value().toObject();
        PolicyKind kind = guessPolicyKind(name);
        if (entry.contains(PolicyKey)) {
            const auto named = policyKindFromName(entry.value(PolicyKey).toString());
            if (!named)
                return failWith(QStringLiteral("environments.%1.policy must be development, "
                                               "staging or production")
                                    .arg(name));
            kind = *named;
        }
        EnvironmentPolicy policy = EnvironmentPolicy::builtIn(kind);
        policy.name = name;
        const auto readRequirement = [&](const QString& key, Requirement& target) -> bool {
            if (!entry.contains(key))
                return true;
            const auto value = requirementFromName(entry.value(key).toString());
            if (!value)
                return false;
            target = *value;
            return true;
        };
        for (const auto& [key, target] : {std::pair<QString, Requirement*>{TlsKey, &policy.tls},
                                          {VerificationKey, &policy.verification},
                                          {HostnameKey, &policy.hostnameCheck},
                                          {ClientCertKey, &policy.clientCertificate}})
            if (!readRequirement(key, *target))
                return failWith(QStringLiteral("environments.%1.%2 must be optional, "
                                               "recommended or required")
                                    .arg(name, key));
        if (entry.contains(MinProtocolKey)) {
            const QString protocol = canonicalProtocolName(entry.value(MinProtocolKey).toString());
            if (protocol.isEmpty())
                return failWith(QStringLiteral("environments.%1.min_protocol must be TLSv1, "
                                               "TLSv1.1, TLSv1.2 or TLSv1.3")
                                    .arg(name));
            policy.minProtocol = protocol;
        }
        if (entry.contains(ExpiryKey)) {
            const QJsonValue days = entry.value(ExpiryKey);
            if (!days.isDouble() || days.toDouble() < 0 || days.toDouble() > 3650)
                return failWith(QStringLiteral("environments.%1.expiry_warning_days must be a "
                                               "number of days (0-3650)")
                                    .arg(name));
            policy.expiryWarningDays = days.toInt();
        }
        if (entry.contains(WritesKey)) {
            if (!entry.value(WritesKey).isBool())
                return failWith(QStringLiteral("environments.%1.console_writes_locked must be "
                                               "true or false")
                                    .arg(name));
            policy.consoleWritesLocked = entry.value(WritesKey).toBool();
        }
        if (entry.contains(ColourKey))
            policy.colour = entry.value(ColourKey).toString();
        for (const QString& key : {PolicyKey, TlsKey, VerificationKey, HostnameKey, MinProtocolKey,
                                   ClientCertKey, ExpiryKey, WritesKey, ColourKey})
            entry.remove(key);
        policies.m_overrides.insert(name, policy);
        if (!entry.isEmpty())
            policies.m_unknown.insert(name, entry);
    }
    return policies;
}

QJsonObject EnvironmentPolicies::toJson() const
{
    QJsonObject object;
    for (auto it = m_overrides.constBegin(); it != m_overrides.constEnd(); ++it) {
        const EnvironmentPolicy& policy = it.value();
        QJsonObject entry = m_unknown.value(it.key());
        entry.insert(PolicyKey, policyKindName(policy.kind));
        entry.insert(TlsKey, requirementName(policy.tls));
        entry.insert(VerificationKey, requirementName(policy.verification));
        entry.insert(HostnameKey, requirementName(policy.hostnameCheck));
        entry.insert(MinProtocolKey, policy.minProtocol);
        entry.insert(ClientCertKey, requirementName(policy.clientCertificate));
        entry.insert(ExpiryKey, policy.expiryWarningDays);
        entry.insert(WritesKey, policy.consoleWritesLocked);
        if (!policy.colour.isEmpty())
            entry.insert(ColourKey, policy.colour);
        object.insert(it.key(), entry);
    }
    return object;
}

} // namespace rediscope
