#pragma once

// The desktop app is a program of its own (rediscope-desktop), so that the command line never
// loads Qt Gui and Widgets: `rediscope` starts it in its place, `rediscope demo` as a child.

#include <QString>
#include <QStringList>
#include <atomic>
#include <sys/types.h>

namespace rediscope {

// The desktop program next to this executable (build tree) or in its installed place
// (libexec/rediscope); empty, with the places looked at in *error, when it is in neither.
QString desktopProgram(QString* error);

// Replaces this process with the desktop app, passing argv[1..] on (Qt's options and
// --profiles). Returns only on failure, after saying why on standard error: exit status 1.
int execDesktopApp(int argc, char* argv[]);

// Runs the desktop app as a child with `arguments`, all signals unblocked in it, and waits for it
// to end. Its process id is in *child while it runs (0 before and after), so that a signal handler
// can pass a signal on. The exit status: the child's, 128 + N when signal N ended it, 1 (after
// saying why on standard error) when it could not start.
int runDesktopApp(const QStringList& arguments, std::atomic<pid_t>* child);

} // namespace rediscope
