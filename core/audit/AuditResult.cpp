#include "AuditResult.h"

namespace rediscope {

std::optional<Severity> AuditResult::worstSeverity() const
{
    std::optional<Severity> worst;
    for (const Finding& finding : findings)
        if (!worst || finding.severity > *worst)
            worst = finding.severity;
    return worst;
}

} // namespace rediscope
