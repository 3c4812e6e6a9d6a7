#pragma once

#include "audit/AuditResult.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace rediscope {

// The terminal report of an audit (`rediscope audit --format text`). Targets are grouped, worst
// target first; each starts with a one-line summary (grade, worst severity, counts per
// severity), then the connection's outcome, what TLS negotiated, what the probe accepted and the
// server's identity, then its findings worst first: severity word (CRITICAL, HIGH, MEDIUM, LOW,
// INFO), id and title, with detail, evidence and remediation below. An overall summary ends the
// report. Lines stay within 100 columns where the content allows. Text that came from the network
// or a file is stripped of control characters. With `colour`, severity words, grades and headings
// are also coloured with ANSI escapes (the words always carry the meaning on their own); without
// it the output holds no escape at all. `now` is the reference time for certificate expiry.
// Findings without a target (`rediscope lint-config`): worst first, each as in the audit report
// (with its file and line), then a one-line count.
QString findingsToText(const QList<Finding>& findings, bool colour);

QString auditToText(const QList<AuditResult>& results, bool colour,
                    const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace rediscope
