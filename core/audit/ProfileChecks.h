#pragma once

#include "audit/Finding.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QDateTime>

namespace rediscope {

// The profile.* checks (CHECKS.md): the profile itself, judged by its environment's policy and
// the files it names. No network; fast enough to run on every keystroke in the editor.
QList<Finding> lintProfile(const Profile& profile, const EnvironmentPolicy& policy,
                           const QDateTime& now = QDateTime::currentDateTimeUtc());

// The catalogue's severity for a policy kind ("env (dev low, staging medium, prod medium)").
Severity severityForKind(PolicyKind kind, Severity development, Severity staging,
                         Severity production);

// The severity of an environment-dependent check: the catalogue's value for the policy's kind;
// when the environment relaxes the requirement below its built-in policy, lower (recommended →
// low, optional → info).
Severity environmentSeverity(const EnvironmentPolicy& policy,
                             Requirement EnvironmentPolicy::*requirement, Severity development,
                             Severity staging, Severity production);

} // namespace rediscope
