#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace rediscope {

// The three built-in policies every environment maps to (CHECKS.md, "Environment policy").
enum class PolicyKind
{
    Development,
    Staging,
    Production,
};

QString policyKindName(PolicyKind kind); // "development", "staging", "production"
std::optional<PolicyKind> policyKindFromName(const QString& name);

enum class Requirement
{
    Optional,
    Recommended,
    Required,
};

QString requirementName(Requirement requirement); // "optional", "recommended", "required"
std::optional<Requirement> requirementFromName(const QString& name);

// What an environment demands. Built-in values per kind; overridable per environment in the
// profiles file ("environments": {"qa": {"policy": "staging", "expiry_warning_days": 21}}).
struct EnvironmentPolicy
{
    QString name;                             // the environment's name (built-in or custom)
    PolicyKind kind = PolicyKind::Production; // which built-in severities apply
    Requirement tls = Requirement::Required;
    Requirement verification = Requirement::Required;
    Requirement hostnameCheck = Requirement::Required;
    QString minProtocol = QStringLiteral("TLSv1.2");
    Requirement clientCertificate = Requirement::Recommended;
    int expiryWarningDays = 30;
    bool consoleWritesLocked = true;
    QString colour; // badge colour, "#rrggbb"

    static EnvironmentPolicy builtIn(PolicyKind kind);

    bool operator==(const EnvironmentPolicy&) const = default;
};

// The policies of one profiles file: the built-ins, plus custom environments and overrides.
class EnvironmentPolicies
{
public:
    // The policy for an environment name. Unknown names map by their wording (prod*/live →
    // production, stag*/qa/uat/test/preprod → staging, dev*/local → development) and otherwise
    // to production: be strict unless told otherwise.
    EnvironmentPolicy forEnvironment(const QString& name) const;

    void setOverride(const QString& name, const EnvironmentPolicy& policy);
    void removeOverride(const QString& name);
    QHash<QString, EnvironmentPolicy> overrides() const { return m_overrides; }

    // The file's "environments" object; unknown keys inside an entry are preserved.
    static std::optional<EnvironmentPolicies> fromJson(const QJsonObject& object, QString* error);
    QJsonObject toJson() const;

    bool operator==(const EnvironmentPolicies&) const = default;

private:
    QHash<QString, EnvironmentPolicy> m_overrides;
    QHash<QString, QJsonObject> m_unknown; // per environment: fields this version does not know
};

// The mapping used for unknown environment names (see forEnvironment).
PolicyKind guessPolicyKind(const QString& environmentName);

} // namespace rediscope
