#include "DesktopLauncher.h"

#include "common/ProgramDirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace rediscope {

namespace {

constexpr auto DesktopName = "rediscope-desktop";

QString describeErrno(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QString desktopProgram(QString* error)
{
    const QDir here = programDirectory();
    const QStringList candidates{
        here.filePath(QString::fromLatin1(DesktopName)),
        QDir::cleanPath(here.filePath(QStringLiteral(REDISCOPE_DESKTOP_FROM_BINDIR "/") +
                                      QString::fromLatin1(DesktopName)))};
    for (const QString& candidate : candidates) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return candidate;
    }
    if (error)
        *error =
            QStringLiteral("the desktop app (%1) is not installed: looked for %2. "
                           "Reinstall Rediscope, or use the command line (rediscope --help).")
                .arg(QString::fromLatin1(DesktopName), candidates.join(QStringLiteral(" and ")));
    return {};
}

namespace {

// The desktop program, or empty after saying on standard error why there is none.
QString desktopProgramOrComplain()
{
    QString error;
    const QString program = desktopProgram(&error);
    if (program.isEmpty())
        QTextStream(stderr) << "rediscope: " << error << '\n';
    return program;
}

} // namespace

int execDesktopApp(int argc, char* argv[])
{
    const QString program = desktopProgramOrComplain();
    if (program.isEmpty())
        return 1;
    const QByteArray path = QFile::encodeName(program);
    std::vector<char*> arguments(argv, argv + argc);
    arguments.push_back(nullptr);
    ::execv(path.constData(), arguments.data());
    QTextStream(stderr) << "rediscope: cannot start the desktop app " << program << ": "
                        << describeErrno(errno) << '\n';
    return 1;
}

int runDesktopApp(const QStringList& arguments, std::atomic<pid_t>* child)
{
    const QString program = desktopProgramOrComplain();
    if (program.isEmpty())
        return 1;
    std::vector<QByteArray> storage{QFile::encodeName(program)};
    for (const QString& argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);

    // The caller may block signals to wait for them on a thread of its own: the desktop app must
    // get them as usual.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = 0;
    const int spawned =
        ::posix_spawn(&pid, argv.front(), nullptr, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        QTextStream(stderr) << "rediscope: cannot start the desktop app " << program << ": "
                            << describeErrno(spawned) << '\n';
        return 1;
    }
    child->store(pid);
    int status = 0;
    pid_t waited = 0;
    do {
        waited = ::waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    const int waitError = errno;
    child->store(0);
    if (waited < 0) {
        QTextStream(stderr) << "rediscope: lost track of the desktop app (process " << pid
                            << "): " << describeErrno(waitError) << '\n';
        return 1;
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

} // namespace rediscope
