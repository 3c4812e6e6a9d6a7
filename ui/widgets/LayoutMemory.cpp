#include "widgets/LayoutMemory.h"

#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <functional>

namespace rediscope {

namespace {

// Saves its widget's state when the widget is hidden (only a shown widget is). A child of the
// widget, so it lives exactly as long.
class StateKeeper : public QObject
{
public:
    StateKeeper(QWidget* widget, const QString& key, std::function<QByteArray()> state)
        : QObject(widget)
        , m_key(LayoutMemory::settingsKey(key))
        , m_state(std::move(state))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == parent() && event->type() == QEvent::Hide)
            QSettings().setValue(m_key, m_state());
        return QObject::eventFilter(watched, event);
    }

private:
    QString m_key;
    std::function<QByteArray()> m_state;
};

QByteArray savedState(const QString& key)
{
    return QSettings().value(LayoutMemory::settingsKey(key)).toByteArray();
}

} // namespace

bool LayoutMemory::remember(QSplitter* splitter, const QString& key)
{
    const QByteArray saved = savedState(key);
    const bool restored = !saved.isEmpty() && splitter->restoreState(saved);
    new StateKeeper(splitter, key, [splitter] { return splitter->saveState(); });
    return restored;
}

bool LayoutMemory::remember(QHeaderView* header, const QString& key)
{
    const QByteArray saved = savedState(key);
    const bool restored = !saved.isEmpty() && header->restoreState(saved);
    new StateKeeper(header, key, [header] { return header->saveState(); });
    return restored;
}

bool LayoutMemory::rememberGeometry(QWidget* window, const QString& key)
{
    const QByteArray saved = savedState(key);
    const bool restored = !saved.isEmpty() && window->restoreGeometry(saved);
    new StateKeeper(window, key, [window] { return window->saveGeometry(); });
    return restored;
}

QString LayoutMemory::settingsKey(const QString& key)
{
    return QStringLiteral("Layout/") + key;
}

} // namespace rediscope
