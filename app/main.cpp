// rediscope: a command-line subcommand (inspect, …) that needs no display, or the desktop app
// (rediscope-desktop, started in this process's place).

#include "CommandLine.h"
#include "DemoCommand.h"
#include "DesktopLauncher.h"
#include "common/CoreDumps.h"

#include <QCoreApplication>
#include <QTextStream>
#include <csignal>

int main(int argc, char* argv[])
{
    // Before any secret is loaded: a crash must not write passwords or keys to a core file.
    if (auto disabled = rediscope::disableCoreDumps(); !disabled)
        QTextStream(stderr) << "rediscope: " << disabled.error().toString() << '\n';
    // A server that drops the connection must give an error on write, never kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    // The demo makes its own application object: the desktop app's, or a core one headless.
    if (rediscope::isDemoInvocation(argc, argv))
        return rediscope::runDemo(argc, argv);
    if (rediscope::isCommandLineInvocation(argc, argv)) {
        QCoreApplication app(argc, argv);
        return rediscope::runCommandLine(app.arguments());
    }
    if (!rediscope::hasDisplay()) {
        rediscope::explainMissingDisplay();
        return 2;
    }
    // The desktop app takes this process's place: Qt Gui and Widgets are loaded only there.
    return rediscope::execDesktopApp(argc, argv);
}
