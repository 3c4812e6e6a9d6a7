// rediscope-desktop: the desktop app. `rediscope` with no command (and `rediscope demo`) starts
// it, so that the command line never loads Qt Gui and Widgets.

#include "common/CoreDumps.h"
#include "controllers/QuitOnSignal.h"
#include "controllers/Translations.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QTextStream>
#include <csignal>

namespace {

// The desktop app's own options, after Qt took its (-platform, -style, …):
//   rediscope [--profiles FILE]
// False (and what went wrong on standard error) for anything else.
bool parseGuiArguments(const QStringList& arguments, QString* profilesFile)
{
    QTextStream err(stderr);
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--profiles")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty()) {
                err << "rediscope: --profiles needs a file name: rediscope --profiles FILE\n";
                return false;
            }
            *profilesFile = arguments.at(++i);
        } else if (argument.startsWith(QLatin1String("--profiles="))) {
            *profilesFile = argument.mid(int(qstrlen("--profiles=")));
            if (profilesFile->isEmpty()) {
                err << "rediscope: --profiles needs a file name: rediscope --profiles FILE\n";
                return false;
            }
        } else {
            err << "rediscope: unknown option \"" << argument << "\" for the desktop app.\n"
                << "Usage: rediscope [--profiles FILE]   (the desktop app)\n"
                << "       rediscope <command> ...       (rediscope --help lists the commands)\n";
            return false;
        }
    }
    if (!profilesFile->isEmpty() && QFileInfo(*profilesFile).isDir()) {
        err << "rediscope: " << *profilesFile << " is a folder; --profiles takes a file.\n";
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    // Before any secret is loaded: a crash must not write passwords or keys to a core file.
    if (auto disabled = rediscope::disableCoreDumps(); !disabled)
        QTextStream(stderr) << "rediscope: " << disabled.error().toString() << '\n';
    // A server that drops the connection must give an error on write, never kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    QApplication app(argc, argv);
    // Logout, Ctrl+C in the terminal, or `rediscope demo` ending: close as the window would.
    // Caught from here on; handled once the window exists.
    rediscope::QuitOnSignal quitOnSignal;
    QApplication::setApplicationName(QStringLiteral("Rediscope"));
    QApplication::setOrganizationName(QStringLiteral("Rediscope"));
    QApplication::setDesktopFileName(QStringLiteral("io.rediscope.Rediscope"));
    rediscope::installTranslations(&app);
    rediscope::MainWindow::Options options;
    if (!parseGuiArguments(QApplication::arguments(), &options.profilesPath))
        return 2;
    rediscope::MainWindow window(options);
    QObject::connect(&quitOnSignal, &rediscope::QuitOnSignal::requested, &app, [&window] {
        window.close();
        QApplication::quit();
    });
    window.show();
    return app.exec();
}
