#include "Severity.h"

namespace rediscope {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return QString();
}

std::optional<Severity> severityFromName(const QString& name)
{
    for (Severity severity :
         {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (severityName(severity) == name.trimmed().toLower())
            return severity;
    return std::nullopt;
}

} // namespace rediscope
