// rediscope-gui-bench: the GUI figures of bench/run.sh, measured on the real MainWindow.
//
//   rediscope-gui-bench --profiles FILE [--rounds N] [--idle-ms MS] [--timeout-s S]
//
// Each round starts a fresh process of this program (the clock starts just before the spawn,
// so dynamic linking, QApplication and the window's construction all count), which:
//   1. builds and shows the MainWindow on FILE as `rediscope --profiles FILE` does, and notes the
//      time to its first painted frame (the first paint event of the window or a child, once
//      that paint pass has returned);
//   2. stays idle for --idle-ms (default 1000) and reads its resident set (VmRSS);
//   3. ticks a 5 ms precise timer on the GUI thread, triggers the window's Audit All action and
//      waits for auditAllFinished (plus 200 ms for the results to show); the longest gap between
//      two ticks, less the 5 ms period, is the longest stall of the event loop (stall_at_ms: when
//      it ended, after the trigger; compare with audit_ms to tell the results' arrival), and
//      the longest single event delivered from the event loop in that time (longest_event: its
//      type number and receiver) to tell what the stall was made of.
// One JSON object per round on standard output. Run it with QT_QPA_PLATFORM=offscreen for a
// headless machine, and with XDG_CONFIG_HOME pointing at an empty directory so that the window
// starts from default settings and never touches the user's.

#include "views/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QMetaEnum>
#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

constexpr int TickMs = 5;

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

struct Arguments
{
    std::string profiles;
    int rounds = 5;
    int idleMs = 1000;
    int timeoutS = 120;
    qint64 startNs = 0; // set in a round's process: the parent's clock before the spawn
};

int usage(const char* why)
{
    std::fprintf(stderr,
                 "rediscope-gui-bench: %s\nUsage: rediscope-gui-bench --profiles FILE "
                 "[--rounds N] [--idle-ms MS] [--timeout-s S]\n",
                 why);
    return 2;
}

bool parse(int argc, char* argv[], Arguments* arguments)
{
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (i + 1 >= argc)
            return false;
        const char* value = argv[++i];
        if (option == "--profiles")
            arguments->profiles = value;
        else if (option == "--rounds")
            arguments->rounds = std::atoi(value);
        else if (option == "--idle-ms")
            arguments->idleMs = std::atoi(value);
        else if (option == "--timeout-s")
            arguments->timeoutS = std::atoi(value);
        else if (option == "--round-start-ns")
            arguments->startNs = std::strtoll(value, nullptr, 10);
        else
            return false;
    }
    return !arguments->profiles.empty() && arguments->rounds > 0 && arguments->idleMs >= 0 &&
           arguments->timeoutS > 0;
}

// The parent: one fresh process per round, each printing its JSON line.
int runRounds(const char* self, const Arguments& arguments)
{
    for (int round = 0; round < arguments.rounds; ++round) {
        const std::string idle = std::to_string(arguments.idleMs);
        const std::string timeout = std::to_string(arguments.timeoutS);
        const std::string start = std::to_string(monotonicNs());
        std::vector<const char*> argv{
            self,          "--profiles",    arguments.profiles.c_str(), "--idle-ms",   idle.c_str(),
            "--timeout-s", timeout.c_str(), "--round-start-ns",         start.c_str(), nullptr};
        pid_t pid = 0;
        const int spawned = posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr,
                                        const_cast<char* const*>(argv.data()), environ);
        if (spawned != 0) {
            std::fprintf(stderr, "rediscope-gui-bench: cannot start %s: %s\n", self,
                         std::strerror(spawned));
            return 1;
        }
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "rediscope-gui-bench: round %d failed (status %d)\n", round + 1,
                         status);
            return 1;
        }
    }
    return 0;
}

// Notes the end of the first paint pass of the window (a paint event of it or of a child).
class FirstPaint : public QObject
{
public:
    FirstPaint(QWidget* window, std::function<void()> painted)
        : m_window(window)
        , m_painted(std::move(painted))
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == m_window) {
            m_seen = true;
            // Runs once the paint pass that delivered this event (every widget of the frame)
            // has returned to the event loop.
            QTimer::singleShot(0, this, m_painted);
        }
        return false;
    }

private:
    QWidget* m_window;
    std::function<void()> m_painted;
    bool m_seen = false;
};

// The longest gap between ticks of a 5 ms timer on the GUI thread.
class StallMeter : public QObject
{
public:
    explicit StallMeter(QObject* parent)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(TickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_gapsNs.empty() || now - m_lastNs > m_longestNs) {
                m_longestNs = now - m_lastNs;
                m_longestEndNs = now;
            }
            m_gapsNs.push_back(now - m_lastNs);
            m_lastNs = now;
        });
    }

    void start()
    {
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // Longest lag beyond the timer period, in ms; `quantile` picks e.g. the 99th percentile.
    double lagMs(double quantile = 1.0) const
    {
        if (m_gapsNs.empty())
            return -1;
        std::vector<qint64> sorted = m_gapsNs;
        std::sort(sorted.begin(), sorted.end());
        const auto at = size_t(quantile * double(sorted.size() - 1) + 0.5);
        return std::max(0.0, double(sorted.at(at)) / 1e6 - TickMs);
    }
    size_t ticks() const { return m_gapsNs.size(); }
    // When the longest gap ended, in ms since start().
    double longestAtMs() const { return double(m_longestEndNs) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
    qint64 m_longestEndNs = 0;
    std::vector<qint64> m_gapsNs;
};

// The application, timing each event it delivers from the event loop (not the nested ones):
// the longest, with what it was and whom it went to, tells what a stall is made of.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!m_timing || m_depth > 0)
            return QApplication::notify(receiver, event);
        const QEvent::Type type = event->type();
        QString what = QString::fromLatin1(receiver->metaObject()->className());
        if (!receiver->objectName().isEmpty())
            what += QStringLiteral(" \"%1\"").arg(receiver->objectName());
        ++m_depth;
        const qint64 start = monotonicNs();
        const bool result = QApplication::notify(receiver, event);
        const qint64 took = monotonicNs() - start;
        --m_depth;
        if (took > m_longestNs) {
            m_longestNs = took;
            const char* name = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            m_longest = QStringLiteral("%1 to %2")
                            .arg(name != nullptr ? QString::fromLatin1(name)
                                                 : QStringLiteral("event %1").arg(int(type)),
                                 what);
        }
        return result;
    }

    void startTiming() { m_timing = true; }
    double longestMs() const { return double(m_longestNs) / 1e6; }
    QString longest() const { return m_longest; }

private:
    bool m_timing = false;
    int m_depth = 0;
    qint64 m_longestNs = 0;
    QString m_longest;
};

int runRound(int argc, char* argv[], const Arguments& arguments)
{
    std::signal(SIGPIPE, SIG_IGN); // as the app's main()
    TimedApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Rediscope"));
    QApplication::setOrganizationName(QStringLiteral("Rediscope"));

    rediscope::MainWindow::Options options;
    options.profilesPath = QFile::decodeName(arguments.profiles.c_str());
    rediscope::MainWindow window(options);

    double startMs = -1;
    double idleRssMb = -1;
    double auditMs = -1;
    int audited = -1;
    QElapsedTimer auditClock;
    auto* meter = new StallMeter(&app);

    const auto finish = [&](int code, const char* error) {
        meter->stop();
        if (error != nullptr)
            std::fprintf(stderr, "rediscope-gui-bench: %s\n", error);
        else
            std::printf("{\"start_ms\": %.1f, \"idle_rss_mb\": %.1f, \"max_stall_ms\": %.1f, "
                        "\"stall_at_ms\": %.0f, \"p99_stall_ms\": %.1f, \"ticks\": %zu, "
                        "\"audit_ms\": %.0f, \"audited\": %d, \"rss_after_audit_mb\": %.1f, "
                        "\"longest_event_ms\": %.1f, \"longest_event\": \"%s\", "
                        "\"platform\": \"%s\"}\n",
                        startMs, idleRssMb, meter->lagMs(), meter->longestAtMs(),
                        meter->lagMs(0.99), meter->ticks(), auditMs, audited, residentMb(),
                        app.longestMs(),
                        qPrintable(app.longest().replace(QLatin1Char('"'), QLatin1Char('\''))),
                        qPrintable(QGuiApplication::platformName()));
        std::fflush(stdout);
        QCoreApplication::exit(code);
    };

    QObject::connect(&window, &rediscope::MainWindow::auditAllFinished, &app, [&](int count) {
        auditMs = double(auditClock.nsecsElapsed()) / 1e6;
        audited = count;
        // Let the results reach the views, then stop measuring.
        QTimer::singleShot(200, &app, [&] { finish(0, nullptr); });
    });

    const auto startAudit = [&] {
        idleRssMb = residentMb();
        QAction* auditAll = window.action(rediscope::MainWindow::ActionId::AuditAll);
        if (auditAll == nullptr || !auditAll->isEnabled()) {
            finish(1, "Audit All is not available: does the profiles file have profiles?");
            return;
        }
        meter->start();
        app.startTiming();
        auditClock.start();
        auditAll->trigger();
    };

    FirstPaint firstPaint(&window, [&] {
        startMs = double(monotonicNs() - arguments.startNs) / 1e6;
        QTimer::singleShot(arguments.idleMs, &app, startAudit);
    });
    app.installEventFilter(&firstPaint);

    QTimer::singleShot(arguments.timeoutS * 1000, &app,
                       [&] { finish(1, "timed out before Audit All finished"); });
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    Arguments arguments;
    if (!parse(argc, argv, &arguments))
        return usage("bad arguments");
    if (!QFileInfo::exists(QFile::decodeName(arguments.profiles.c_str())))
        return usage("the profiles file does not exist");
    if (arguments.startNs == 0)
        return runRounds(argv[0], arguments);
    return runRound(argc, argv, arguments);
}
