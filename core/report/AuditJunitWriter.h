#pragma once

#include "audit/AuditResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <optional>

namespace rediscope {

// JUnit XML (`--format junit`) for CI dashboards: <testsuites> holding one <testsuite> per target
// (named after the profile, or the endpoint URI for a URL target) with one <testcase> per check
// family — profile, conn, tls, cert, server, env (and any other family a finding belongs to) —
// classname = the target's name, name = the family.
//
// A family with findings at or above `failAt` has a <failure> (message: how many and which ids;
// type: the worst finding's id; text: every such finding with detail, evidence and remediation);
// its findings below `failAt` go to <system-out>. A family with no finding that could not be
// checked (no probe, no handshake, configuration not read, no service to compare) is <skipped/>.
// `failAt` nullopt (--fail-on never) never fails. Text is stripped of characters XML cannot hold.
QByteArray auditJunit(const QList<AuditResult>& results,
                      std::optional<Severity> failAt = Severity::High,
                      const QDateTime& timestamp = QDateTime::currentDateTimeUtc());

} // namespace rediscope
