#include "HostileServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QThread>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace rediscope::hostile {

namespace {

QString pythonPath()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (found.isEmpty())
        found =
            QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    return found;
}

// fork + exec with only async-signal-safe calls in the child, which dies with this process.
pid_t spawn(const QStringList& command, const QString& logFile)
{
    std::vector<QByteArray> storage;
    for (const QString& argument : command)
        storage.push_back(QFile::encodeName(argument));
    std::vector<char*> argv;
    for (QByteArray& item : storage)
        argv.push_back(item.data());
    argv.push_back(nullptr);
    const QByteArray log = QFile::encodeName(logFile);
    const int logFd = ::open(log.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid != 0) {
        if (logFd >= 0)
            ::close(logFd);
        return pid;
    }
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(127); // the parent died before prctl took effect
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        ::dup2(devnull, 0);
    if (logFd >= 0) {
        ::dup2(logFd, 1);
        ::dup2(logFd, 2);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

QString tail(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(1500))
                                          : QString();
}

} // namespace

Result<std::unique_ptr<HostileServer>> HostileServer::start(const QString& workDirectory)
{
    const QString python = pythonPath();
    if (python.isEmpty())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("python3 is not installed (apt-get install python3)."));
    const QString script = QStringLiteral(REDISCOPE_HOSTILE_SERVER_SCRIPT);
    if (!QFile::exists(script))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("The harness %1 is missing.").arg(script));
    auto pki = HostilePki::generate(workDirectory + QStringLiteral("/pki"));
    if (!pki)
        return std::unexpected(pki.error());

    std::unique_ptr<HostileServer> server(new HostileServer);
    server->m_pki = *pki;
    const QString ready = workDirectory + QStringLiteral("/ready.json");
    const QString log = workDirectory + QStringLiteral("/hostile_server.log");
    QFile::remove(ready);
    const pid_t pid = spawn({python, QStringLiteral("-u"), script, QStringLiteral("--ready"), ready,
                             QStringLiteral("--pki"), pki->directory()},
                            log);
    if (pid < 0)
        return fail(ErrorCode::IoError, Stage::None, QStringLiteral("Could not fork."));
    server->m_pid = pid;

    // Ready when the ready file exists (it is renamed into place complete); give up when the
    // process exits or after 20 s.
    for (int waited = 0; waited < 800; ++waited) {
        QFile file(ready);
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonArray ports = QJsonDocument::fromJson(file.readAll()).array();
            for (const QJsonValue& entry : ports) {
                const QString name = entry.toArray().at(0).toString();
                server->m_order << name;
                server->m_ports.insert(name, static_cast<quint16>(entry.toArray().at(1).toInt()));
            }
            if (server->m_ports.isEmpty())
                break;
            return server;
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            server->m_pid = -1;
            break;
        }
        QThread::msleep(25);
    }
    server->stop();
    return fail(ErrorCode::IoError, Stage::None,
                QStringLiteral("The hostile server harness did not start."), tail(log));
}

HostileServer::~HostileServer()
{
    stop();
}

void HostileServer::stop()
{
    if (m_pid <= 0)
        return;
    const auto pid = static_cast<pid_t>(m_pid);
    m_pid = -1;
    ::kill(pid, SIGTERM);
    for (int waited = 0; waited < 100; ++waited) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid)
            return;
        QThread::msleep(20);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

} // namespace rediscope::hostile
