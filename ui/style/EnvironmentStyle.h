#pragma once

#include "profile/EnvironmentPolicy.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPixmap>
#include <QStringList>

class QFont;
class QPalette;

namespace rediscope {

// How an environment looks: a badge colour and a name, never the colour alone. The colour comes
// from the environment's policy ("colour" in the profiles file, or the built-in one of its kind);
// text drawn in that colour is adjusted until it reads well on the palette in use, so the same
// environment stays legible in light and dark themes.
class EnvironmentStyle
{
    Q_DECLARE_TR_FUNCTIONS(EnvironmentStyle)

public:
    // "development", "staging", "production": the policy order environments are listed in.
    static QStringList builtInEnvironments();
    // The listing order: built-ins in policy order, then custom environments by name
    // (case-insensitive).
    static bool lessThan(const QString& a, const QString& b);

    // "Development", "Staging", "Production" (translated) for the built-ins; a custom name as
    // written in the profiles file.
    static QString displayName(const QString& environment);
    // One line for people: "production policy: TLS required, verification required, …".
    static QString policySummary(const EnvironmentPolicy& policy);

    // The policy's colour, or the built-in colour of its kind when the file gives none or an
    // invalid one.
    static QColor badgeColour(const EnvironmentPolicy& policy);
    // Black or white, whichever reads better on `background`.
    static QColor textColourOn(const QColor& background);
    // The badge colour made light or dark enough to read on the palette's base colour
    // (WCAG contrast ratio of at least 4.5).
    static QColor legibleTextColour(const EnvironmentPolicy& policy, const QPalette& palette);
    // WCAG 2 contrast ratio between two colours, 1 to 21.
    static double contrastRatio(const QColor& a, const QColor& b);

    // A small rounded swatch of the badge colour with an outline that shows on light and dark
    // backgrounds; for item decorations next to the environment's name.
    static QIcon swatchIcon(const EnvironmentPolicy& policy);
    // A pill with the environment's name in it, e.g. for a header or a dialog.
    static QPixmap badge(const EnvironmentPolicy& policy, const QFont& font,
                         qreal devicePixelRatio = 1.0);
};

} // namespace rediscope
