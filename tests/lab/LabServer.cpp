#include "LabServer.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QThread>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace rediscope::lab {

namespace {

QString redisServerPath()
{
    const QString configured = qEnvironmentVariable("REDISCOPE_REDIS_SERVER");
    if (!configured.isEmpty())
        return configured;
    QString found = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (found.isEmpty())
        found =
            QStandardPaths::findExecutable(QStringLiteral("redis-server"),
                                           {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"),
                                            QStringLiteral("/usr/local/bin")});
    return found;
}

bool portAccepts(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

QString quoted(const QString& path)
{
    return QLatin1Char('"') + path + QLatin1Char('"');
}

QByteArray configFor(const LabPki& pki, const LabScenario& scenario, quint16 tlsPort,
                     quint16 plainPort, const QString& directory, const QString& logFile)
{
    QStringList lines{
        QStringLiteral("bind 127.0.0.1 -::1"),
        QStringLiteral("port %1").arg(plainPort),
        QStringLiteral("daemonize no"),
        QStringLiteral("save \"\""),
        QStringLiteral("appendonly no"),
        QStringLiteral("dir ") + quoted(directory),
        QStringLiteral("logfile ") + quoted(logFile),
        QStringLiteral("loglevel notice"),
    };
    if (scenario.tls) {
        lines << QStringLiteral("tls-port %1").arg(tlsPort)
              << QStringLiteral("tls-cert-file ") + quoted(pki.serverCert(scenario.certificate))
              << QStringLiteral("tls-key-file ") + quoted(pki.serverKey(scenario.certificate))
              << QStringLiteral("tls-ca-cert-file ") + quoted(pki.rootCa())
              << QStringLiteral("tls-auth-clients ") +
                     (scenario.clientAuth ? QStringLiteral("yes") : QStringLiteral("no"))
              << QStringLiteral("tls-protocols \"%1\"").arg(scenario.protocols)
              << QStringLiteral("tls-prefer-server-ciphers yes");
        if (!scenario.ciphers.isEmpty())
            lines << QStringLiteral("tls-ciphers \"%1\"").arg(scenario.ciphers);
        if (!scenario.ciphersuites.isEmpty())
            lines << QStringLiteral("tls-ciphersuites \"%1\"").arg(scenario.ciphersuites);
    }
    if (scenario.password)
        lines << QStringLiteral("requirepass ") + QString::fromLatin1(LabPassword);
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

// fork + exec with only async-signal-safe calls in the child.
qint64 spawn(const QString& program, const QStringList& arguments, const QStringList& environment,
             LabServer::Lifetime lifetime)
{
    std::vector<QByteArray> environmentStorage;
    for (const QString& entry : environment)
        environmentStorage.push_back(entry.toLocal8Bit());
    std::vector<char*> envp;
    for (QByteArray& item : environmentStorage)
        envp.push_back(item.data());
    envp.push_back(nullptr);
    std::vector<QByteArray> storage;
    storage.push_back(QFile::encodeName(program));
    for (const QString& argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& item : storage)
        argv.push_back(item.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    if (lifetime == LabServer::Lifetime::DiesWithParent) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127); // the parent died before prctl took effect
    } else {
        ::setsid();
    }
    const int devnull = ::open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
}

} // namespace

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

Result<std::unique_ptr<LabServer>> LabServer::start(const LabPki& pki, const LabScenario& scenario,
                                                    const QString& workDirectory, Lifetime lifetime)
{
    const QString program = redisServerPath();
    if (program.isEmpty())
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("redis-server is not installed (apt-get install redis-server), "
                                   "or set REDISCOPE_REDIS_SERVER to its path."));
    const QString directory = workDirectory + QLatin1Char('/') + scenario.name;
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("Cannot create %1.").arg(directory));

    std::unique_ptr<LabServer> server(new LabServer);
    server->m_scenario = scenario;
    server->m_logFile = directory + QStringLiteral("/redis.log");
    QFile::remove(server->m_logFile);

    for (int attempt = 0; attempt < 3; ++attempt) {
        server->m_tlsPort = scenario.tls ? freePort() : 0;
        server->m_plainPort = scenario.plaintextPort ? freePort() : 0;
        const QString configPath = directory + QStringLiteral("/redis.conf");
        QFile config(configPath);
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("Cannot write %1.").arg(configPath));
        config.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        config.write(configFor(pki, scenario, server->m_tlsPort, server->m_plainPort, directory,
                               server->m_logFile));
        config.close();

        QStringList environment = QProcessEnvironment::systemEnvironment().toStringList();
        if (scenario.securityLevel0) {
            const QString opensslConfig = directory + QStringLiteral("/openssl.cnf");
            QFile file(opensslConfig);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return fail(ErrorCode::FileError, Stage::None,
                            QStringLiteral("Cannot write %1.").arg(opensslConfig));
            file.write("openssl_conf = openssl_init\n[openssl_init]\nssl_conf = ssl_sect\n"
                       "[ssl_sect]\nsystem_default = system_default_sect\n"
                       "[system_default_sect]\nCipherString = DEFAULT:@SECLEVEL=0\n");
            environment << QStringLiteral("OPENSSL_CONF=") + opensslConfig;
        }
        server->m_pid = spawn(program, {configPath}, environment, lifetime);
        if (server->m_pid < 0)
            return fail(ErrorCode::IoError, Stage::None,
                        QStringLiteral("Could not start redis-server."));

        // Ready when every port accepts connections; give up when the process exits.
        for (int waited = 0; waited < 200; ++waited) {
            const bool ready = (!server->m_tlsPort || portAccepts(server->m_tlsPort)) &&
                               (!server->m_plainPort || portAccepts(server->m_plainPort));
            if (ready)
                return server;
            int status = 0;
            if (::waitpid(static_cast<pid_t>(server->m_pid), &status, WNOHANG) != 0 &&
                lifetime == Lifetime::DiesWithParent) {
                server->m_pid = -1;
                break;
            }
            if (lifetime == Lifetime::Detached &&
                ::kill(static_cast<pid_t>(server->m_pid), 0) != 0) {
                server->m_pid = -1;
                break;
            }
            QThread::msleep(25);
        }
        server->stop();
    }
    QFile log(server->m_logFile);
    QString tail;
    if (log.open(QIODevice::ReadOnly))
        tail = QString::fromUtf8(log.readAll().right(600));
    return fail(ErrorCode::IoError, Stage::None,
                QStringLiteral("redis-server for scenario %1 did not start.").arg(scenario.name),
                tail);
}

LabServer::~LabServer()
{
    stop();
}

void LabServer::stop()
{
    if (m_pid <= 0)
        return;
    const auto pid = static_cast<pid_t>(m_pid);
    m_pid = -1;
    ::kill(pid, SIGTERM);
    for (int waited = 0; waited < 100; ++waited) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno == ECHILD && ::kill(pid, 0) != 0))
            return;
        QThread::msleep(20);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

InspectRequest LabServer::request(const LabPki& pki) const
{
    InspectRequest request;
    request.endpoint.host = QStringLiteral("127.0.0.1");
    request.endpoint.tls = m_scenario.tls;
    request.endpoint.port = m_scenario.tls ? m_tlsPort : m_plainPort;
    if (m_scenario.password)
        request.password = QByteArray(LabPassword);
    request.tls.caFile = pki.rootCa();
    request.timeout = std::chrono::milliseconds(5000);
    return request;
}

} // namespace rediscope::lab
