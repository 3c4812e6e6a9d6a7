// The lab fixture never leaves an orphan redis-server behind: not when it stops normally, not
// when the test process is killed outright.

#include "LabEnvironment.h"

#include <QProcess>
#include <QTest>
#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace rediscope::lab;

namespace {

bool portAccepts(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

bool processAlive(qint64 pid)
{
    // A zombie still answers kill(0); read its state to tell.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
}

} // namespace

class tst_LabServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopLeavesNothing()
    {
        auto& lab = LabEnvironment::shared();
        QVERIFY2(lab.setupError().isEmpty(), qPrintable(lab.setupError()));
        const auto scenario = labScenario(QStringLiteral("plaintext-too"));
        QVERIFY(scenario.has_value());
        auto server = LabServer::start(lab.pki(), *scenario, lab.directory());
        QVERIFY2(server.has_value(), qPrintable(server ? QString() : server.error().toString()));
        const qint64 pid = (*server)->pid();
        const quint16 tls = (*server)->tlsPort();
        const quint16 plain = (*server)->plaintextPort();
        QVERIFY(tls != 0 && plain != 0 && tls != plain);
        QVERIFY(portAccepts(tls));
        QVERIFY(portAccepts(plain));
        (*server)->stop();
        QVERIFY(!processAlive(pid));
        QVERIFY(!portAccepts(tls));
        QVERIFY(!portAccepts(plain));
    }

    void killedTestTakesItsServersWithIt()
    {
        // Run this very binary as a child that starts a server and waits; then SIGKILL it.
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--hold-server")});
        child.start();
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(15000));
        const QList<QByteArray> fields = child.readLine().trimmed().split(' ');
        QCOMPARE(fields.size(), 2);
        const qint64 pid = fields.at(0).toLongLong();
        const auto port = static_cast<quint16>(fields.at(1).toUInt());
        QVERIFY(processAlive(pid));
        QVERIFY(portAccepts(port));

        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!portAccepts(port), 5000);
    }
};

int main(int argc, char* argv[])
{
    if (argc == 2 && qstrcmp(argv[1], "--hold-server") == 0) {
        QCoreApplication app(argc, argv);
        QString error;
        LabServer* server = LabEnvironment::shared().server(QStringLiteral("good"), &error);
        if (!server) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("%lld %u\n", static_cast<long long>(server->pid()), server->tlsPort());
        std::fflush(stdout);
        for (;;)
            ::pause();
    }
    QCoreApplication app(argc, argv);
    tst_LabServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_LabServer.moc"
