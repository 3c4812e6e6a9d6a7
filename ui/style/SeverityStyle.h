#pragma once

#include "audit/Severity.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPalette>
#include <optional>

namespace rediscope {

// How a severity looks: a distinct shape (octagon, triangle, diamond, square, circle) with a
// glyph, a word, and a text colour chosen for the palette in use, so that severity never rests
// on colour alone and stays legible in light and dark palettes. Icons are drawn in code.
class SeverityStyle
{
    Q_DECLARE_TR_FUNCTIONS(SeverityStyle)

public:
    // "Critical", "High", "Medium", "Low", "Info" (translated).
    static QString word(Severity severity);
    static QIcon icon(Severity severity);
    // Text colour for the severity, legible on `palette`'s base colour.
    static QColor colour(Severity severity, const QPalette& palette = QPalette());
    // 0 (info) … 4 (critical): larger is worse.
    static int rank(Severity severity) { return static_cast<int>(severity); }

    // A passed check / a stage that succeeded (green circle with a tick).
    static QIcon okIcon();
    // Something that did not run (grey circle with a dash).
    static QIcon skippedIcon();
    static QColor okColour(const QPalette& palette = QPalette());

    // The severity a grade reads as: A+/A none, A- and B low, C medium, D and E high,
    // F, T and M critical. nullopt for a good grade or none.
    static std::optional<Severity> gradeSeverity(const QString& grade);
    // Colour for a grade letter, legible on `palette`'s base colour.
    static QColor gradeColour(const QString& grade, const QPalette& palette = QPalette());

    static bool isDark(const QPalette& palette);
};

} // namespace rediscope
