// rediscope: the GUI, or a command-line subcommand (inspect, …) that needs no display.

#include "CommandLine.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    if (rediscope::isCommandLineInvocation(argc, argv)) {
        QCoreApplication app(argc, argv);
        return rediscope::runCommandLine(app.arguments());
    }
    if (!rediscope::hasDisplay()) {
        rediscope::explainMissingDisplay();
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Rediscope"));
    QApplication::setOrganizationName(QStringLiteral("Rediscope"));
    rediscope::MainWindow window;
    window.show();
    return app.exec();
}
