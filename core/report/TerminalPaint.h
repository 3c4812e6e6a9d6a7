#pragma once

#include <QString>

namespace rediscope {

// The few styles the text reports use on a terminal.
enum class Paint
{
    None,
    Bold,
    Dim,
    Red,
    BoldRed,
    Yellow,
    Green,
    Cyan,
};

// `text` in `paint` with ANSI escapes when `colour` (a terminal), else as it is.
QString paintText(const QString& text, Paint paint, bool colour);

} // namespace rediscope
