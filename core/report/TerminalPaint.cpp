#include "TerminalPaint.h"

namespace rediscope {

QString paintText(const QString& text, Paint paint, bool colour)
{
    if (!colour || paint == Paint::None || text.isEmpty())
        return text;
    const char* code = "";
    switch (paint) {
    case Paint::None:
        return text;
    case Paint::Bold:
        code = "\x1b[1m";
        break;
    case Paint::Dim:
        code = "\x1b[2m";
        break;
    case Paint::Red:
        code = "\x1b[31m";
        break;
    case Paint::BoldRed:
        code = "\x1b[1;31m";
        break;
    case Paint::Yellow:
        code = "\x1b[33m";
        break;
    case Paint::Green:
        code = "\x1b[32m";
        break;
    case Paint::Cyan:
        code = "\x1b[36m";
        break;
    }
    return QLatin1String(code) + text + QStringLiteral("\x1b[0m");
}

} // namespace rediscope
