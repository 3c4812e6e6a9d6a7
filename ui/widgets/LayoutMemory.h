#pragma once

#include <QString>

class QHeaderView;
class QSplitter;
class QWidget;

namespace rediscope {

// Remembers how the user laid out a view across sessions: a splitter's sizes, a table's column
// widths (and sort column), a window's geometry. Each is kept in QSettings under
// settingsKey(key).
//
// remember() restores the saved state right away (call it once the widget is built, before it
// is shown) and keeps it up to date from then on: the state is saved whenever the widget is
// hidden after having been shown: another tab chosen, the dialog or the window closed. A widget
// that was never shown saves nothing, so a tab the user never opened keeps the state of an
// earlier session. Each returns whether a saved state was restored; a view that fits its columns
// to their contents does so only when none was.
class LayoutMemory
{
public:
    static bool remember(QSplitter* splitter, const QString& key);
    static bool remember(QHeaderView* header, const QString& key);
    static bool rememberGeometry(QWidget* window, const QString& key);

    // "Layout/<key>".
    static QString settingsKey(const QString& key);
};

} // namespace rediscope
