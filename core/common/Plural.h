#pragma once

#include <QString>

namespace rediscope {

// A count with its noun in English: "1 day", "31 days", "0 findings". The core's reports and
// findings are English; the desktop app translates its own strings (translations/).
inline QString countOf(qint64 count, const char* singular, const char* plural)
{
    return QString::number(count) + QLatin1Char(' ') +
           QLatin1String(count == 1 || count == -1 ? singular : plural);
}

} // namespace rediscope
