#pragma once

#include <QObject>

class QSocketNotifier;

namespace rediscope {

// Ends the desktop app the way closing its window does when the session asks it to (SIGTERM at
// logout, SIGINT from a terminal, SIGHUP when the terminal goes): the handler only writes the
// signal to a socket pair; the event loop reads it and emits `requested`, where the window is
// closed (settings saved, background work cancelled) and the app quits with status 0.
// One per process; later signals while quitting are ignored.
class QuitOnSignal : public QObject
{
    Q_OBJECT

public:
    explicit QuitOnSignal(QObject* parent = nullptr);
    ~QuitOnSignal() override;

    // False when the socket pair or the handlers could not be set up (the default handlers then
    // stay: the app still ends, only less gracefully).
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void requested(int signal);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace rediscope
