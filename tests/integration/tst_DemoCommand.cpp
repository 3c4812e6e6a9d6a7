// `rediscope demo`: the real executable starts its own lab (nine redis-server scenarios), audits
// the nine demo profiles headless, and stops every server it started — at the end, and when it
// is sent SIGTERM in the middle (in the headless audit, and while the desktop app runs: it ends
// too).

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr int DemoServers = 9; // the scenarios behind the nine demo profiles

const QStringList DemoProfileNames{
    QStringLiteral("orders-prod"),      QStringLiteral("orders-staging"),
    QStringLiteral("orders-dev"),       QStringLiteral("sessions-prod"),
    QStringLiteral("sessions-staging"), QStringLiteral("sessions-dev"),
    QStringLiteral("catalog-prod"),     QStringLiteral("catalog-staging"),
    QStringLiteral("catalog-dev"),
};

QProcessEnvironment demoEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("REDISCOPE_LAB_PASSWORD")); // the demo sets it itself
    environment.remove(QStringLiteral("REDISCOPE_REDIS_SERVER"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    return environment;
}

// The lab directory the demo announces on standard error ("… in /tmp/rediscope-demo-XXXXXX …").
QString labDirectory(const QByteArray& standardError)
{
    static const QRegularExpression pattern(QStringLiteral(" in (\\S*/rediscope-demo-\\w+) "));
    return pattern.match(QString::fromUtf8(standardError)).captured(1);
}

struct ProcessInfo
{
    qint64 pid = 0;
    qint64 parent = 0;
    QString cwd;
    QByteArray cmdline;
};

// Live (not zombie) processes that belong to a demo: started by it, or working in or naming its
// lab directory (each redis-server runs in its scenario's directory there).
QList<ProcessInfo> demoProcesses(qint64 demoPid, const QString& directory)
{
    QList<ProcessInfo> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile statFile(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!statFile.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = statFile.readAll();
        // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 2 || fields.at(0) == "Z")
            continue;
        ProcessInfo info;
        info.pid = pid;
        info.parent = fields.at(1).toLongLong();
        info.cwd = QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid));
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly))
            info.cmdline = cmdline.readAll().replace('\0', ' ');
        const bool ours =
            (demoPid > 0 && info.parent == demoPid) ||
            (!directory.isEmpty() &&
             (info.cwd.startsWith(directory) || info.cmdline.contains(directory.toLocal8Bit())));
        if (ours)
            found << info;
    }
    return found;
}

bool isAlive(qint64 pid)
{
    QFile statFile(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!statFile.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = statFile.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2, 1) != "Z";
}

QString describe(const QList<ProcessInfo>& processes)
{
    QStringList lines;
    for (const ProcessInfo& info : processes)
        lines << QStringLiteral("pid %1 (parent %2, cwd %3): %4")
                     .arg(info.pid)
                     .arg(info.parent)
                     .arg(info.cwd, QString::fromLocal8Bit(info.cmdline));
    return lines.join(QLatin1Char('\n'));
}

// Reads the demo's standard error until it has printed `marker` (or exited).
bool waitForStandardError(QProcess& process, QByteArray* collected, const QByteArray& marker)
{
    process.setReadChannel(QProcess::StandardError);
    while (!collected->contains(marker)) {
        if (process.state() != QProcess::Running)
            return false;
        if (!process.waitForReadyRead(120000))
            return collected->contains(marker);
        *collected += process.readAllStandardError();
    }
    return true;
}

} // namespace

class TestDemoCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpAndUsage();
    void missingRedisServerNamesThePackage();
    void headlessAuditsTheNineProfilesAndStopsTheLab();
    void headlessJsonToAFile();
    void sigtermDuringHeadlessLeavesNoServer();
    void desktopAppEndingStopsTheLab_data();
    void desktopAppEndingStopsTheLab();
};

void TestDemoCommand::initTestCase()
{
    if (!QFileInfo::exists(QStringLiteral("/proc/self/stat")))
        QSKIP("needs /proc to find the demo's processes");
}

void TestDemoCommand::helpAndUsage()
{
    QProcess help;
    help.setProcessEnvironment(demoEnvironment());
    help.start(QStringLiteral(REDISCOPE_BINARY),
               {QStringLiteral("demo"), QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(60000));
    QCOMPARE(help.exitCode(), 0);
    const QByteArray text = help.readAllStandardOutput();
    for (const char* expected : {"--headless", "--keep", "--format", "--output", "redis-server",
                                 "REDISCOPE_LAB_PASSWORD", "Exit status"})
        QVERIFY2(text.contains(expected), expected);

    QProcess general;
    general.start(QStringLiteral(REDISCOPE_BINARY), {QStringLiteral("--help")});
    QVERIFY(general.waitForFinished(60000));
    QVERIFY(general.readAllStandardOutput().contains("rediscope demo"));

    QProcess bad;
    bad.setProcessEnvironment(demoEnvironment());
    bad.start(QStringLiteral(REDISCOPE_BINARY),
              {QStringLiteral("demo"), QStringLiteral("--headless"), QStringLiteral("--bogus")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("--bogus"));

    QProcess badFormat;
    badFormat.setProcessEnvironment(demoEnvironment());
    badFormat.start(QStringLiteral(REDISCOPE_BINARY),
                    {QStringLiteral("demo"), QStringLiteral("--format"), QStringLiteral("pdf")});
    QVERIFY(badFormat.waitForFinished(60000));
    QCOMPARE(badFormat.exitCode(), 2);
    QVERIFY(badFormat.readAllStandardError().contains("pdf"));

    // Qt's options are the desktop app's: with --headless there is none to take them.
    QProcess qtOption;
    qtOption.setProcessEnvironment(demoEnvironment());
    qtOption.start(QStringLiteral(REDISCOPE_BINARY),
                   {QStringLiteral("demo"), QStringLiteral("--headless"), QStringLiteral("-style"),
                    QStringLiteral("Fusion")});
    QVERIFY(qtOption.waitForFinished(60000));
    QCOMPARE(qtOption.exitCode(), 2);
    QVERIFY(qtOption.readAllStandardError().contains("-style is an option of the desktop app"));
}

void TestDemoCommand::missingRedisServerNamesThePackage()
{
    QProcess process;
    QProcessEnvironment environment = demoEnvironment();
    environment.insert(QStringLiteral("REDISCOPE_REDIS_SERVER"),
                       QStringLiteral("/nonexistent/redis-server"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REDISCOPE_BINARY),
                  {QStringLiteral("demo"), QStringLiteral("--headless")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray error = process.readAllStandardError();
    QVERIFY2(error.contains("apt-get install redis-server"), error.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void TestDemoCommand::headlessAuditsTheNineProfilesAndStopsTheLab()
{
    QProcess process;
    process.setProcessEnvironment(demoEnvironment());
    process.start(QStringLiteral(REDISCOPE_BINARY), {QStringLiteral("demo")}); // no display
    QVERIFY(process.waitForStarted());
    const qint64 pid = process.processId();
    QVERIFY(process.waitForFinished(240000));
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, err.constData());

    // Headless by itself, and saying so.
    QVERIFY2(err.contains("no display"), err.constData());
    const QString directory = labDirectory(err);
    QVERIFY2(!directory.isEmpty(), err.constData());

    // The audit of all nine profiles, each graded; the servers' drift shows.
    const QString report = QString::fromUtf8(out);
    for (const QString& name : DemoProfileNames)
        QVERIFY2(report.contains(name), qPrintable(name));
    for (const char* service : {"service orders", "service sessions", "service catalog"})
        QVERIFY2(out.contains(service), service);
    static const QRegularExpression grades(QStringLiteral("Grade (A\\+|A-|A|B|C|D|E|F|T|M)\\b"));
    QSet<QString> seen;
    for (auto match = grades.globalMatch(report); match.hasNext();)
        seen << match.next().captured(1);
    QVERIFY2(seen.size() >= 3, qPrintable(report)); // good, bad and untrusted servers differ
    QVERIFY(seen.contains(QStringLiteral("F")) || seen.contains(QStringLiteral("T")));
    QVERIFY2(!out.contains("rediscope-lab"), "the lab password never appears");

    // Nothing left behind: no server, no directory.
    const QList<ProcessInfo> left = demoProcesses(pid, directory);
    QVERIFY2(left.isEmpty(), qPrintable(describe(left)));
    QVERIFY2(!QFileInfo::exists(directory), qPrintable(directory));
}

void TestDemoCommand::headlessJsonToAFile()
{
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString output = scratch.filePath(QStringLiteral("demo.json"));
    QProcess process;
    process.setProcessEnvironment(demoEnvironment());
    process.start(QStringLiteral(REDISCOPE_BINARY),
                  {QStringLiteral("demo"), QStringLiteral("--headless"), QStringLiteral("--keep"),
                   QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"),
                   output});
    QVERIFY(process.waitForFinished(240000));
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, err.constData());
    QVERIFY(!err.contains("no display")); // asked for: nothing to explain
    QVERIFY(process.readAllStandardOutput().isEmpty());

    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(document.value(QStringLiteral("schema")).toString(),
             QStringLiteral("rediscope-audit/1"));
    const QJsonArray targets = document.value(QStringLiteral("targets")).toArray();
    QCOMPARE(targets.size(), DemoProfileNames.size());
    QStringList services;
    for (const QJsonValue& target : targets)
        services << target.toObject().value(QStringLiteral("service")).toString();
    QCOMPARE(services.count(QStringLiteral("orders")), 3);
    QCOMPARE(services.count(QStringLiteral("sessions")), 3);
    QCOMPARE(services.count(QStringLiteral("catalog")), 3);

    // --keep: the lab's files stay (servers stopped), the place is named.
    const QString directory = labDirectory(err);
    const QByteArray kept = "kept in " + directory.toLocal8Bit();
    QVERIFY2(err.contains(kept), err.constData());
    QVERIFY(QFileInfo::exists(directory + QStringLiteral("/demo-profiles.json")));
    QVERIFY(QFileInfo::exists(directory + QStringLiteral("/pki/root-ca.pem")));
    const QList<ProcessInfo> left = demoProcesses(0, directory);
    QVERIFY2(left.isEmpty(), qPrintable(describe(left)));
    QVERIFY(QDir(directory).removeRecursively());
}

void TestDemoCommand::sigtermDuringHeadlessLeavesNoServer()
{
    // The report goes to a pipe nobody reads, shrunk to one page: the JSON report is larger, so
    // the demo is still writing it — its servers up — when SIGTERM arrives.
    int pipeFds[2];
    QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
    QVERIFY(::fcntl(pipeFds[0], F_SETPIPE_SZ, 4096) >= 0);
    const int writeEnd = pipeFds[1];
    QProcess process;
    process.setProcessEnvironment(demoEnvironment());
    process.setChildProcessModifier([writeEnd] { ::dup2(writeEnd, STDOUT_FILENO); });
    process.start(QStringLiteral(REDISCOPE_BINARY),
                  {QStringLiteral("demo"), QStringLiteral("--headless"), QStringLiteral("--format"),
                   QStringLiteral("json")});
    QVERIFY(process.waitForStarted());
    ::close(writeEnd);
    const qint64 pid = process.processId();

    QByteArray err;
    QVERIFY2(waitForStandardError(process, &err, "lab up"), err.constData());
    const QString directory = labDirectory(err);
    QVERIFY2(!directory.isEmpty(), err.constData());
    const QList<ProcessInfo> running = demoProcesses(pid, directory);
    QCOMPARE(running.size(), DemoServers);
    for (const ProcessInfo& info : running)
        QVERIFY2(info.cmdline.contains("redis-server"), info.cmdline.constData());

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(60000));
    err += process.readAllStandardError();
    ::close(pipeFds[0]);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit); // handled, not killed by the signal
    QCOMPARE(process.exitCode(), 128 + SIGTERM);
    QVERIFY2(err.contains("interrupted"), err.constData());

    const QList<ProcessInfo> left = demoProcesses(pid, directory);
    QVERIFY2(left.isEmpty(), qPrintable(describe(left)));
    for (const ProcessInfo& info : running)
        QVERIFY2(!isAlive(info.pid), qPrintable(describe({info})));
    QVERIFY2(!QFileInfo::exists(directory), qPrintable(directory));
}

void TestDemoCommand::desktopAppEndingStopsTheLab_data()
{
    QTest::addColumn<bool>("signalTheApp");
    QTest::addColumn<int>("exitCode");
    // SIGTERM to the demo: it ends the app and the lab, and reports the signal.
    QTest::newRow("SIGTERM to the demo") << false << 128 + SIGTERM;
    // The user's session ends the app (as at logout): it closes its window and quits normally,
    // and the demo, seeing the app gone, stops the lab.
    QTest::newRow("the app closes") << true << 0;
}

void TestDemoCommand::desktopAppEndingStopsTheLab()
{
    QFETCH(bool, signalTheApp);
    QFETCH(int, exitCode);
    QProcess process;
    // No display in the environment: Qt's -platform option, passed on to the desktop app, is
    // what lets it open.
    process.setProcessEnvironment(demoEnvironment());
    process.start(
        QStringLiteral(REDISCOPE_BINARY),
        {QStringLiteral("demo"), QStringLiteral("-platform"), QStringLiteral("offscreen")});
    QVERIFY(process.waitForStarted());
    const qint64 pid = process.processId();

    QByteArray err;
    QVERIFY2(waitForStandardError(process, &err, "opening the desktop app"), err.constData());
    const QString directory = labDirectory(err);
    QVERIFY(QFileInfo::exists(directory + QStringLiteral("/demo-profiles.json")));
    // The servers and the desktop app (a program of its own, on the demo profiles).
    qint64 desktop = 0;
    auto count = [&](const char* what) {
        int n = 0;
        for (const ProcessInfo& info : demoProcesses(pid, directory)) {
            n += info.cmdline.contains(what) ? 1 : 0;
            if (info.cmdline.contains("rediscope-desktop"))
                desktop = info.pid;
        }
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(count("rediscope-desktop"), 1, 20000);
    QVERIFY(count("-platform offscreen") == 1);
    QCOMPARE(count("redis-server"), DemoServers);
    QCOMPARE(demoProcesses(pid, directory).size(), DemoServers + 1);
    // The app is up once it catches SIGTERM (SigCgt in /proc/PID/status): from then on the
    // signal lands in its event loop.
    const auto catchesSigterm = [&desktop] {
        QFile status(QStringLiteral("/proc/%1/status").arg(desktop));
        if (!status.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("SigCgt:"))
                return ((line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGTERM - 1)) & 1) != 0;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(catchesSigterm(), 20000);

    if (signalTheApp)
        QCOMPARE(::kill(pid_t(desktop), SIGTERM), 0);
    else
        process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
    const QList<ProcessInfo> left = demoProcesses(pid, directory);
    QVERIFY2(left.isEmpty(), qPrintable(describe(left)));
    QVERIFY2(!QFileInfo::exists(directory), qPrintable(directory));
}

QTEST_GUILESS_MAIN(TestDemoCommand)
#include "tst_DemoCommand.moc"
