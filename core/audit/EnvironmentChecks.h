#pragma once

#include "audit/Finding.h"

#include <QStringList>

namespace rediscope {

// One audited target, as the cross-environment checks see it.
struct EnvironmentTargetFacts
{
    QString service;     // empty: not part of a service, never compared
    QString environment; // development, staging, production or custom
    QString profile;     // profile name, for the evidence
    bool tlsEnabled = false;
    bool verifyPeer = false;
    QStringList protocols; // accepted (probe) or negotiated protocol versions, sorted
    QString leafSha256;    // empty when no certificate was seen
};

struct TargetFinding
{
    int target = 0; // index into the facts list
    Finding finding;
};

// env.* and cert.shared_across_envs (CHECKS.md): the environments of one service must not drift
// apart. Each finding is attached to every target of the service that differs from the
// strictest environment (for tls/verify) or to all of the service's targets (protocols, shared
// certificate).
QList<TargetFinding> checkEnvironments(const QList<EnvironmentTargetFacts>& targets);

} // namespace rediscope
