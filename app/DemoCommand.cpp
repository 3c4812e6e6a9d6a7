#include "DemoCommand.h"

#include "AuditCommand.h"
#include "CommandLine.h"
#include "DesktopLauncher.h"
#include "LabDemoProfiles.h"
#include "LabManifest.h"
#include "LabPki.h"
#include "LabScenario.h"
#include "LabServer.h"
#include "common/Plural.h"
#include "profile/ProfileStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace rediscope {

namespace {

using lab::LabPki;
using lab::LabServer;

struct DemoArguments
{
    bool help = false;
    bool headless = false;
    bool keep = false;
    QString format;
    QString output;
    QStringList desktopOptions; // Qt's own (-platform NAME, -style NAME, …), for the desktop app
};

QString demoUsage()
{
    return QStringLiteral(
        "Usage: rediscope demo [--headless] [--keep] [--format FORMAT] [--output FILE]\n"
        "\n"
        "Starts the demo lab — one redis-server per scenario on 127.0.0.1, with certificates\n"
        "generated for the occasion in a temporary directory — writes the demo profiles (the\n"
        "services orders, sessions and catalog, each in development, staging and production, on\n"
        "good and deliberately bad servers) and opens the desktop app on them. The lab stops\n"
        "when the app closes, or on Ctrl-C (SIGINT), SIGTERM or SIGHUP.\n"
        "\n"
        "Options:\n"
        "  --headless       no desktop app: print the audit of the demo profiles (as\n"
        "                   `rediscope audit --profiles FILE --fail-on never` would), then stop\n"
        "                   the lab. The default when there is no display (DISPLAY,\n"
        "                   WAYLAND_DISPLAY and QT_QPA_PLATFORM unset).\n"
        "  --format FORMAT  headless report format: text (default), json, sarif, junit, markdown\n"
        "  --output FILE    headless: write the report to FILE instead of standard output\n"
        "  -o FILE          same as --output\n"
        "  --keep           keep the temporary directory (certificates, demo profiles, server\n"
        "                   logs) after the lab stops, and print where it is\n"
        "  -h, --help       this help\n"
        "Qt's own options (-platform NAME, -style NAME, …) are passed on to the desktop app.\n"
        "\n"
        "Needs redis-server (Debian package redis-server) on PATH, or its path in\n"
        "REDISCOPE_REDIS_SERVER. The demo profiles take the lab's throwaway password from the\n"
        "environment variable REDISCOPE_LAB_PASSWORD, which the demo sets for itself.\n"
        "Exit status: 0 done (whatever the findings), 1 the lab could not be started, 2 bad "
        "usage,\n"
        "128 + the signal's number when interrupted (130 for Ctrl-C).\n");
}

std::optional<DemoArguments> parseDemoArguments(const QStringList& arguments, QString* error)
{
    DemoArguments parsed;
    bool formatGiven = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        auto value = [&](const QString& option, QString* target) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty()) {
                *error = QStringLiteral("%1 needs a value.").arg(option);
                return false;
            }
            *target = arguments.at(++i);
            return true;
        };
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            parsed.help = true;
        } else if (argument == QLatin1String("--headless")) {
            parsed.headless = true;
        } else if (argument == QLatin1String("--keep")) {
            parsed.keep = true;
        } else if (argument == QLatin1String("--format")) {
            if (!value(argument, &parsed.format))
                return std::nullopt;
            formatGiven = true;
        } else if (argument.startsWith(QLatin1String("--format="))) {
            parsed.format = argument.mid(int(qstrlen("--format=")));
            formatGiven = true;
        } else if (argument == QLatin1String("--output") || argument == QLatin1String("-o")) {
            if (!value(argument, &parsed.output))
                return std::nullopt;
        } else if (argument.startsWith(QLatin1String("--output="))) {
            parsed.output = argument.mid(int(qstrlen("--output=")));
            if (parsed.output.isEmpty()) {
                *error = QStringLiteral("--output needs a value.");
                return std::nullopt;
            }
        } else if (argument.size() > 1 && argument.at(0) == u'-' && argument.at(1) != u'-') {
            // Qt's options have one dash; a value follows some of them (the demo itself takes
            // no bare words).
            parsed.desktopOptions << argument;
            if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(u'-'))
                parsed.desktopOptions << arguments.at(++i);
        } else {
            *error = QStringLiteral("unknown option \"%1\".").arg(argument);
            return std::nullopt;
        }
    }
    static const QStringList formats{QStringLiteral("text"), QStringLiteral("json"),
                                     QStringLiteral("sarif"), QStringLiteral("junit"),
                                     QStringLiteral("markdown")};
    if (formatGiven && !formats.contains(parsed.format)) {
        *error = QStringLiteral("unknown format \"%1\"; use text, json, sarif, junit or markdown.")
                     .arg(parsed.format);
        return std::nullopt;
    }
    return parsed;
}

// Where the lab finds redis-server: the same places, in the same order, as LabServer.
QString redisServerProgram()
{
    const QString configured = qEnvironmentVariable("REDISCOPE_REDIS_SERVER");
    if (!configured.isEmpty())
        return QFileInfo(configured).isExecutable() ? configured : QString();
    QString found = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (found.isEmpty())
        found =
            QStandardPaths::findExecutable(QStringLiteral("redis-server"),
                                           {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"),
                                            QStringLiteral("/usr/local/bin")});
    return found;
}

// The running lab: its directory, PKI and servers. stop() may be called from the signal watcher
// thread while the main thread is starting servers or running the audit, hence the mutex.
class DemoLab
{
public:
    explicit DemoLab(bool keep)
        : m_directory(QDir::tempPath() + QStringLiteral("/rediscope-demo-XXXXXX"))
        , m_keep(keep)
    {
        m_directory.setAutoRemove(false); // finish() decides, also when interrupted
    }

    QString directory() const { return m_directory.path(); }
    QString profilesFile() const { return directory() + QStringLiteral("/demo-profiles.json"); }

    // Generates the PKI and starts the demo's scenarios, one after the other. The servers die
    // with this process if it is killed outright (LabServer's parent-death signal).
    Result<void> start()
    {
        if (!m_directory.isValid())
            return fail(ErrorCode::FileError, Stage::None,
                        QStringLiteral("Cannot create a temporary directory: %1")
                            .arg(m_directory.errorString()));
        auto pki = LabPki::generate(directory() + QStringLiteral("/pki"));
        if (!pki)
            return std::unexpected(pki.error());
        m_pki = *pki;
        for (const QString& name : lab::demoScenarios()) {
            const auto scenario = lab::labScenario(name);
            if (!scenario)
                return fail(ErrorCode::InvalidArgument, Stage::None,
                            QStringLiteral("The lab has no scenario named %1.").arg(name));
            auto server = LabServer::start(m_pki, *scenario, directory());
            if (!server)
                return std::unexpected(server.error());
            const std::lock_guard lock(m_mutex);
            if (m_finished)
                return fail(ErrorCode::Cancelled, Stage::None, QStringLiteral("Interrupted."));
            m_servers.push_back(std::move(*server));
        }
        return {};
    }

    QJsonObject manifest()
    {
        const std::lock_guard lock(m_mutex);
        QList<const LabServer*> servers;
        for (const auto& server : m_servers)
            servers << server.get();
        return lab::manifestFor(m_pki, servers);
    }

    qsizetype serverCount()
    {
        const std::lock_guard lock(m_mutex);
        return qsizetype(m_servers.size());
    }

    // Stops every server (and waits for it), then removes the directory unless --keep. Safe to
    // call more than once and from any thread.
    void finish()
    {
        const std::lock_guard lock(m_mutex);
        if (m_finished)
            return;
        m_finished = true;
        for (auto& server : m_servers)
            server->stop();
        m_servers.clear();
        if (!m_keep && m_directory.isValid())
            m_directory.remove();
    }

private:
    std::mutex m_mutex;
    QTemporaryDir m_directory;
    LabPki m_pki;
    std::vector<std::unique_ptr<LabServer>> m_servers;
    bool m_keep = false;
    bool m_finished = false;
};

// SIGINT, SIGTERM and SIGHUP are blocked in every thread — the mask is set before the demo
// starts any thread, and threads inherit it — and taken by one watcher thread with sigwait(),
// which stops the lab and ends the process, whatever the main thread is busy with (starting a
// server, the audit, writing the report, the desktop app's event loop). Processes started in
// the meantime (the servers) get the original mask back in the child.
sigset_t g_originalMask;
// The desktop app while it runs (0 otherwise): a signal is passed on to it.
std::atomic<pid_t> g_desktopApp{0};

void restoreMaskInChild()
{
    ::sigprocmask(SIG_SETMASK, &g_originalMask, nullptr); // async-signal-safe
}

class SignalWatcher
{
public:
    explicit SignalWatcher(DemoLab* lab)
        : m_lab(lab)
    {
        static std::once_flag registered;
        ::pthread_sigmask(SIG_BLOCK, nullptr, &g_originalMask);
        std::call_once(registered, [] { ::pthread_atfork(nullptr, nullptr, restoreMaskInChild); });
        const sigset_t signals = watched();
        ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
        m_thread = std::thread([this] { watch(); });
    }

    ~SignalWatcher()
    {
        m_done.store(true);
        ::pthread_kill(m_thread.native_handle(), SIGHUP); // wakes sigwait(); blocked elsewhere
        m_thread.join();
        ::pthread_sigmask(SIG_SETMASK, &g_originalMask, nullptr);
    }

    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

private:
    static sigset_t watched()
    {
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        sigaddset(&signals, SIGHUP);
        return signals;
    }

    void watch()
    {
        const sigset_t signals = watched();
        int signal = 0;
        while (::sigwait(&signals, &signal) != 0) {
        }
        if (m_done.load())
            return;
        const char stopping[] = "\nrediscope demo: interrupted; stopping the lab.\n";
        [[maybe_unused]] auto written = ::write(STDERR_FILENO, stopping, sizeof stopping - 1);
        stopDesktopApp();
        m_lab->finish();
        // The exit_group system call itself, as _exit() makes it: a sanitizer's _exit() may
        // flush stdio first, and would then wait for ever on the stream the main thread is
        // blocked writing (a report to a pipe nobody reads).
        ::syscall(SYS_exit_group, 128 + signal);
    }

    // The desktop app gets SIGTERM and up to three seconds to close, then SIGKILL.
    static void stopDesktopApp()
    {
        const pid_t app = g_desktopApp.load();
        if (app <= 0)
            return;
        ::kill(app, SIGTERM);
        for (int waited = 0; waited < 300; ++waited) {
            int status = 0;
            const pid_t reaped = ::waitpid(app, &status, WNOHANG);
            if (reaped == app || (reaped < 0 && errno != EINTR))
                return; // gone (reaped here, or by the main thread)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(app, SIGKILL);
    }

    DemoLab* m_lab;
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

// The part after the lab is up: the desktop app on the demo profiles, or their audit.
int runHeadless(const DemoArguments& arguments, const QString& profilesFile)
{
    QStringList audit{QStringLiteral("--profiles"), profilesFile, QStringLiteral("--fail-on"),
                      QStringLiteral("never")};
    if (!arguments.format.isEmpty())
        audit << QStringLiteral("--format") << arguments.format;
    if (!arguments.output.isEmpty())
        audit << QStringLiteral("--output") << arguments.output;
    return runAudit(audit);
}

int runDesktopAppOn(const DemoArguments& arguments, const QString& profilesFile)
{
    return runDesktopApp(QStringList{QStringLiteral("--profiles"), profilesFile} +
                             arguments.desktopOptions,
                         &g_desktopApp);
}

} // namespace

bool isDemoInvocation(int argc, char* argv[])
{
    return argc >= 2 && std::strcmp(argv[1], "demo") == 0;
}

int runDemo(int argc, char* argv[])
{
    QTextStream err(stderr);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Rediscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Rediscope"));
    QString error;
    const auto parsed = parseDemoArguments(QCoreApplication::arguments().mid(2), &error);
    if (!parsed) {
        err << "rediscope demo: " << error << "\nTry \"rediscope demo --help\".\n";
        return 2;
    }
    const DemoArguments& arguments = *parsed;
    if (arguments.help) {
        QTextStream(stdout) << demoUsage();
        return 0;
    }
    // "-platform NAME" (offscreen, vnc, …) needs no display of the session.
    const bool headless =
        arguments.headless ||
        (!hasDisplay() && !arguments.desktopOptions.contains(QStringLiteral("-platform")));
    if (!headless && (!arguments.format.isEmpty() || !arguments.output.isEmpty())) {
        err << "rediscope demo: --format and --output are for the headless demo: add "
               "--headless.\n";
        return 2;
    }
    if (arguments.headless && !arguments.desktopOptions.isEmpty()) {
        err << "rediscope demo: " << arguments.desktopOptions.first()
            << " is an option of the desktop app, and --headless opens none.\n";
        return 2;
    }
    if (headless && !arguments.headless)
        err << "rediscope demo: no display to open the desktop app on (DISPLAY and "
               "WAYLAND_DISPLAY are unset): printing the audit of the demo profiles instead.\n"
               "For the desktop app, run it in a desktop session or under a virtual display "
               "(xvfb-run rediscope demo).\n";

    if (redisServerProgram().isEmpty()) {
        err << "rediscope demo: redis-server was not found on PATH. Install the Debian package "
               "redis-server (sudo apt-get install redis-server), or set REDISCOPE_REDIS_SERVER "
               "to the program's path.\n";
        return 1;
    }

    DemoLab demoLab(arguments.keep);
    const SignalWatcher watcher(&demoLab);
    err << "rediscope demo: starting the lab (" << lab::demoScenarios().size()
        << " redis-server scenarios on 127.0.0.1) in " << demoLab.directory() << " ...\n"
        << Qt::flush;
    auto finish = [&](int status) {
        demoLab.finish();
        if (arguments.keep)
            err << "rediscope demo: the lab is stopped; its files are kept in "
                << demoLab.directory() << "\n";
        return status;
    };
    if (auto started = demoLab.start(); !started) {
        err << "rediscope demo: the lab did not start: " << started.error().toString() << "\n";
        return finish(1);
    }

    // The demo profiles for the lab as it runs now (its ports), passwords as env: references.
    QFile::remove(demoLab.profilesFile());
    ProfileStore store(demoLab.profilesFile());
    for (const Profile& profile : lab::demoProfiles(demoLab.manifest()))
        if (auto added = store.upsert(profile); !added) {
            err << "rediscope demo: cannot add profile " << profile.name << ": "
                << added.error().message << "\n";
            return finish(1);
        }
    if (auto saved = store.save(); !saved) {
        err << "rediscope demo: " << saved.error().message << "\n";
        return finish(1);
    }
    qputenv(lab::DemoPasswordVariable, QByteArray(lab::LabPassword));

    err << "rediscope demo: lab up: "
        << countOf(demoLab.serverCount(), "redis-server", "redis-servers") << "; demo profiles "
        << demoLab.profilesFile() << "\n";
    if (headless) {
        err << Qt::flush;
        return finish(runHeadless(arguments, demoLab.profilesFile()));
    }
    err << "rediscope demo: opening the desktop app; the lab stops when it closes.\n" << Qt::flush;
    return finish(runDesktopAppOn(arguments, demoLab.profilesFile()));
}

} // namespace rediscope
