#pragma once

// A real Secret Service for tests that run the rediscope binary: gnome-keyring in a private
// D-Bus session with a fresh HOME, never the user's keyring (as tst_KeychainSecretStore does).
//
// A test's main() calls runInPrivateSession() when REDISCOPE_KEYRING_SESSION is not set: it
// makes a temporary HOME (and XDG dirs), runs the test binary again as
// `dbus-run-session -- <self> <args>`, and afterwards checks that no process outlived the
// session before removing the HOME. Inside, the test's initTestCase() calls
// startUnlockedKeyring(), which starts `gnome-keyring-daemon --unlock --components=secrets`.
// Missing tools are a failure, never a skip.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <signal.h>

namespace keyringsession {

inline constexpr const char* SessionVariable = "REDISCOPE_KEYRING_SESSION";
inline constexpr const char* HomePrefix = "rediscope-keyring-";

struct ProcessRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ProcessRun
runProcess(const QString& program, const QStringList& arguments, const QByteArray& input = {},
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return ProcessRun{-1, {}, process.errorString().toUtf8()};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return ProcessRun{-1, process.readAllStandardOutput(), "timed out"};
    }
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return ProcessRun{code, process.readAllStandardOutput(), process.readAllStandardError()};
}

inline void failOutside(const char* test, const QString& message)
{
    std::fprintf(stderr, "FAIL!  : %s: %s\n", test, message.toUtf8().constData());
}

inline QList<qint64> processesWithHome(const QString& home)
{
    QList<qint64> pids;
    const QByteArray needle = QByteArray("HOME=") + home.toUtf8() + QByteArray(1, '\0');
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid())
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(entry));
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QByteArray variables = QByteArray(1, '\0') + environ.readAll();
        if (variables.contains(QByteArray(QByteArray(1, '\0') + needle)))
            pids << pid;
    }
    return pids;
}

// The supervisor: returns the exit status of the test run inside the session.
inline int runInPrivateSession(int argc, char* argv[], const char* test)
{
    QCoreApplication app(argc, argv);
    for (const char* tool :
         {"dbus-run-session", "dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
            failOutside(test, QStringLiteral("%1 not found: this test needs a real Secret Service. "
                                             "Install the Debian packages dbus, gnome-keyring and "
                                             "libsecret-tools (scripts/install-deps.sh).")
                                  .arg(QString::fromLatin1(tool)));
            return 1;
        }
    }

    QTemporaryDir home(QDir::tempPath() + QLatin1Char('/') + QLatin1String(HomePrefix) +
                       QStringLiteral("XXXXXX"));
    if (!home.isValid()) {
        failOutside(test,
                    QStringLiteral("cannot create a temporary HOME: %1").arg(home.errorString()));
        return 1;
    }
    const QString runtime = home.filePath(QStringLiteral("run"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL",
          "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID",
          "QT_NO_GLIB", "REDISCLI_AUTH"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"),
                       home.filePath(QStringLiteral(".local/share")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    environment.insert(QString::fromLatin1(SessionVariable), QStringLiteral("1"));

    QStringList arguments{QStringLiteral("--"), QCoreApplication::applicationFilePath()};
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QProcess session;
    session.setProcessChannelMode(QProcess::ForwardedChannels);
    session.setInputChannelMode(QProcess::ForwardedInputChannel);
    session.setProcessEnvironment(environment);
    session.start(QStringLiteral("dbus-run-session"), arguments);
    if (!session.waitForStarted(10000)) {
        failOutside(test,
                    QStringLiteral("cannot start dbus-run-session: %1").arg(session.errorString()));
        return 1;
    }
    session.waitForFinished(-1);
    int status = session.exitStatus() == QProcess::NormalExit ? session.exitCode() : 1;
    if (session.exitStatus() != QProcess::NormalExit)
        failOutside(test, QStringLiteral("the test crashed inside the D-Bus session"));

    // The keyring daemon must end with its session bus.
    QList<qint64> left = processesWithHome(home.path());
    for (int i = 0; i < 50 && !left.isEmpty(); ++i) {
        QThread::msleep(100);
        left = processesWithHome(home.path());
    }
    if (!left.isEmpty()) {
        QStringList ids;
        for (const qint64 pid : left) {
            ::kill(static_cast<pid_t>(pid), SIGTERM);
            ids << QString::number(pid);
        }
        failOutside(test, QStringLiteral("processes outlived the D-Bus session (killed): %1")
                              .arg(ids.join(QLatin1Char(' '))));
        status = 1;
    }
    return status;
}

// Inside the session: starts and unlocks gnome-keyring; an empty string on success, else why not.
inline QString startUnlockedKeyring()
{
    if (!qEnvironmentVariableIsSet(SessionVariable))
        return QStringLiteral("run without REDISCOPE_KEYRING_SESSION");
    if (!qEnvironmentVariable("HOME").contains(QLatin1String(HomePrefix)))
        return QStringLiteral("HOME is not the temporary one: refusing to touch a real keyring");
    if (qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty())
        return QStringLiteral("no private session bus (DBUS_SESSION_BUS_ADDRESS is not set)");

    QProcess daemon;
    daemon.setStandardOutputFile(QProcess::nullDevice());
    daemon.start(QStringLiteral("gnome-keyring-daemon"),
                 {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!daemon.waitForStarted(10000))
        return daemon.errorString();
    daemon.write("pw");
    daemon.closeWriteChannel();
    if (!daemon.waitForFinished(20000))
        return QStringLiteral("gnome-keyring-daemon --unlock did not return");
    if (daemon.exitStatus() != QProcess::NormalExit || daemon.exitCode() != 0)
        return QString::fromUtf8(daemon.readAllStandardError());

    // Wait until the daemon owns org.freedesktop.secrets; asking earlier would start a second
    // daemon by bus activation.
    for (int i = 0; i < 100; ++i) {
        const ProcessRun reply = runProcess(
            QStringLiteral("dbus-send"),
            {QStringLiteral("--session"), QStringLiteral("--print-reply"),
             QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
             QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
             QStringLiteral("string:org.freedesktop.secrets")});
        if (reply.out.contains("boolean true"))
            return QString();
        QThread::msleep(100);
    }
    return QStringLiteral("gnome-keyring-daemon did not take org.freedesktop.secrets on the bus");
}

// The secret the keychain holds for a profile field, looked up with secret-tool (not Rediscope).
inline QByteArray keychainLookup(const QString& profileId, const QString& field)
{
    const QString key = profileId + QLatin1Char('/') + field;
    QByteArray value;
    for (const char* type : {"plaintext", "base64"}) {
        const ProcessRun run =
            runProcess(QStringLiteral("secret-tool"),
                       {QStringLiteral("lookup"), QStringLiteral("xdg:schema"),
                        QStringLiteral("org.qt.keychain"), QStringLiteral("server"),
                        QStringLiteral("rediscope"), QStringLiteral("user"), key,
                        QStringLiteral("type"), QString::fromLatin1(type)});
        if (!run.out.isEmpty())
            return QLatin1String(type) == QLatin1String("base64") ? QByteArray::fromBase64(run.out)
                                                                  : run.out;
    }
    return value;
}

} // namespace keyringsession
