#include "CommandLine.h"

#include "AuditCommand.h"
#include "DevPkiCommand.h"
#include "InspectCommand.h"
#include "LintConfigCommand.h"
#include "ProfilesCommand.h"

#include <QTextStream>
#include <cstring>

namespace rediscope {

namespace {

const char* const Subcommands[] = {"inspect", "audit",     "lint-config", "profiles",
                                   "dev-pki", "demo",      "--help",      "-h",
                                   "help",    "--version", "version"};

QString generalUsage()
{
    return QStringLiteral(
               "Rediscope %1 — transport security first, for Redis, Valkey and Dragonfly.\n"
               "\n"
               "Usage:\n"
               "  rediscope [--profiles FILE]    open the desktop app (on FILE instead of your\n"
               "                                 profiles file)\n"
               "  rediscope inspect <url> [...]  one staged connection: resolve, TCP, TLS, chain,\n"
               "                                 hostname, AUTH, PING, INFO (see inspect --help)\n"
               "  rediscope audit [<url>...] [--profiles FILE] [...]\n"
               "                                 every check and a grade per target; text, JSON,\n"
               "                                 SARIF, JUnit or Markdown (see audit --help)\n"
               "  rediscope lint-config FILE     check a redis.conf or Dragonfly flag file\n"
               "  rediscope profiles ACTION ...  list, show, add, remove, import, export, snippet\n"
               "  rediscope dev-pki --out DIR    a local CA, server and client certificates, and\n"
               "                                 the redis.conf / Dragonfly flags that use them\n"
               "  rediscope demo [--headless]    a local lab of good and bad servers and the app\n"
               "                                 on its profiles, or their audit (see demo "
               "--help)\n"
               "  rediscope --version            print the version\n"
               "\n"
               "URLs: redis://[user[:password]@]host[:port][/db] and rediss:// for TLS.\n"
               "Exit status: 0 success; 1 a stage failed (inspect), findings at or above "
               "--fail-on\n"
               "(audit, lint-config) or an action failed (profiles); 2 bad usage or unreadable\n"
               "input. Each command's --help says more.\n")
        .arg(QStringLiteral(REDISCOPE_VERSION));
}

} // namespace

bool isCommandLineInvocation(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    for (const char* name : Subcommands)
        if (std::strcmp(argv[1], name) == 0)
            return true;
    // Any other word is a (possibly unknown) subcommand; dash options belong to Qt (-platform …).
    return argv[1][0] != '-';
}

int runCommandLine(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString command = arguments.value(1);
    if (command == QLatin1String("inspect"))
        return runInspect(arguments.mid(2));
    if (command == QLatin1String("audit"))
        return runAudit(arguments.mid(2));
    if (command == QLatin1String("lint-config"))
        return runLintConfig(arguments.mid(2));
    if (command == QLatin1String("profiles"))
        return runProfiles(arguments.mid(2));
    if (command == QLatin1String("dev-pki"))
        return runDevPki(arguments.mid(2));
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        out << "rediscope " << REDISCOPE_VERSION << "\n";
        return 0;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        out << generalUsage();
        return 0;
    }
    err << "rediscope: unknown command \"" << command << "\".\n\n" << generalUsage();
    return 2;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

void explainMissingDisplay()
{
    QTextStream err(stderr);
    err << "rediscope: no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are "
           "unset).\n"
           "Run it in a desktop session, or under a virtual display: xvfb-run rediscope\n"
           "Without a display, use the command line: rediscope inspect rediss://host:port "
           "(rediscope --help).\n";
}

} // namespace rediscope
