#pragma once

#include <QString>
#include <optional>

namespace rediscope {

enum class Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
};

QString severityName(Severity severity); // "info", "low", "medium", "high", "critical"
std::optional<Severity> severityFromName(const QString& name);

} // namespace rediscope
