#include "Finding.h"

#include <algorithm>

namespace rediscope {

void sortFindings(QList<Finding>& findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.id < b.id;
    });
}

} // namespace rediscope
