#pragma once

#include <QColor>
#include <QIcon>

namespace rediscope {

// A padlock, closed or open, drawn in code in one colour (usually the text colour), so that a
// lock state is shown by a shape next to its words, never by a colour alone.
class PadlockIcon
{
public:
    static QIcon icon(bool locked, const QColor& colour);
};

} // namespace rediscope
