#pragma once

#include "profile/Profile.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace rediscope::lab {

// The environment variable the demo profiles take the lab's password from.
inline constexpr char DemoPasswordVariable[] = "REDISCOPE_LAB_PASSWORD";

// The demo's profiles for a running lab (its manifest): three services, each with development,
// staging and production profiles on different lab scenarios, so that the environments drift
// the way real teams' do —
//   orders:   production good,        staging expired certificate,  development no TLS
//   sessions: production mutual TLS,  staging legacy protocols,     development self-signed,
//                                                                    verification off
//   catalog:  production TLS 1.3 only, staging wrong host name,     development no password
// Passwords are references to the environment variable above, never values. Scenarios missing
// from the manifest are left out.
QList<Profile> demoProfiles(const QJsonObject& manifest);

// The lab scenarios the demo profiles use (each once), in the order above.
QStringList demoScenarios();

} // namespace rediscope::lab
