#pragma once

#include "audit/AuditTarget.h"
#include "common/Error.h"
#include "inspect/InspectRequest.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace rediscope {

class ProfileStore;

// How `rediscope audit` turns its inputs into targets. The secrets are resolved by the caller.

// A target for an ad-hoc URL: a profile made from the request (no name, no service), judged by
// the policy of the request's environment. The request's password becomes the target's secret
// (its reference "prompt": given at use, never stored).
AuditTarget auditTargetFromRequest(const InspectRequest& request,
                                   const EnvironmentPolicies& policies = {});

// The profiles of `store` that `--profile NAME` (exact name or id) and `--env ENV` select: all
// of them without filters. A name that matches no profile, or filters that leave nothing, is an
// InvalidArgument naming what was asked for and what the file holds.
Result<QList<Profile>> selectProfiles(const ProfileStore& store, const QStringList& names,
                                      const QStringList& environments);

// The 1-based line of the profiles file where the profile with `id` is written (its "id"
// member), or 0 when the bytes do not hold it.
int profileLineInFile(const QByteArray& fileBytes, const QUuid& id);

} // namespace rediscope
