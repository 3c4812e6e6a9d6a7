#pragma once

#include "audit/Severity.h"

#include <QList>
#include <QString>

namespace rediscope {

// One insecure setting or problem found: data, not an error. `id` is a stable catalogue id
// (CHECKS.md), e.g. "profile.verify_disabled". No field ever holds a secret.
struct Finding
{
    QString id;
    Severity severity = Severity::Info;
    QString title;       // short, e.g. "Certificate verification is off"
    QString detail;      // what was seen, in a sentence or two
    QString evidence;    // the value, setting or certificate that shows it
    QString remediation; // what to change (for servers: the Redis and the Dragonfly directive)
    QString file;        // where it was found, when it is in a file (config lint, profiles file)
    int line = 0;        // 1-based line in `file`; 0 when unknown

    bool operator==(const Finding&) const = default;
};

// Worst first, then by id: the order reports and views show.
void sortFindings(QList<Finding>& findings);

} // namespace rediscope
