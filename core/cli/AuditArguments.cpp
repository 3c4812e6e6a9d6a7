#include "AuditArguments.h"

#include "cli/InspectArguments.h"

#include <QRegularExpression>

namespace rediscope {

namespace {

Error usageError(const QString& message)
{
    return Error{ErrorCode::InvalidArgument, Stage::None, message, QString()};
}

const QStringList Formats{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif"),
                          QStringLiteral("junit"), QStringLiteral("markdown")};

// Connection options of `inspect` that take a value.
const QStringList ValueOptions{QStringLiteral("--cacert"),
                               QStringLiteral("--cacertdir"),
                               QStringLiteral("--cert"),
                               QStringLiteral("--key"),
                               QStringLiteral("--sni"),
                               QStringLiteral("--tls-ciphers"),
                               QStringLiteral("--tls-ciphersuites"),
                               QStringLiteral("--tls-min"),
                               QStringLiteral("--tls-max"),
                               QStringLiteral("--user"),
                               QStringLiteral("--environment"),
                               QStringLiteral("--timeout")};

// Connection options of `inspect` that are flags (--askpass is handled apart).
const QStringList FlagOptions{QStringLiteral("--tls"), QStringLiteral("--insecure"),
                              QStringLiteral("--no-verify-hostname")};

bool isPasswordOption(const QString& name)
{
    return name == QLatin1String("-a") || name == QLatin1String("--pass") ||
           name == QLatin1String("--password") || name == QLatin1String("--auth");
}

std::unexpected<Error> passwordOptionRejected(const QString& name)
{
    return std::unexpected(usageError(
        QStringLiteral("%1 is not supported: a password on the command line is visible to other "
                       "users (in the process list) and stays in your shell history. Set the "
                       "REDISCLI_AUTH environment variable, or use --askpass to type it.")
            .arg(name)));
}

bool isEnvironmentName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

} // namespace

Result<AuditArguments> AuditArguments::parse(const QStringList& arguments,
                                             const QProcessEnvironment& environment)
{
    AuditArguments parsed;
    // --help wins over everything else, wherever it is (before "--").
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--"))
            break;
        if (argument == QLatin1String("--help")) {
            parsed.help = true;
            return parsed;
        }
    }

    QStringList urls;
    QStringList connectionOptions;
    QStringList seen; // options that may be given once
    bool endOfOptions = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        if (endOfOptions || !argument.startsWith(QLatin1Char('-'))) {
            urls << argument;
            continue;
        }
        if (argument == QLatin1String("--")) {
            endOfOptions = true;
            continue;
        }
        QString inlineValue;
        bool hasInline = false;
        if (argument.startsWith(QLatin1String("--")) && argument.contains(QLatin1Char('='))) {
            inlineValue = argument.section(QLatin1Char('='), 1);
            argument = argument.section(QLatin1Char('='), 0, 0);
            hasInline = true;
        }
        if (!argument.startsWith(QLatin1String("--")) && argument != QLatin1String("-o")) {
            // A short option: never echo more than its letter ("-asecret" is a password).
            const QString name = argument.left(2);
            if (isPasswordOption(name))
                return passwordOptionRejected(name);
            if (name == QLatin1String("-h") || name == QLatin1String("-p") ||
                name == QLatin1String("-n"))
                return std::unexpected(usageError(
                    QStringLiteral("%1 is not supported: the host, port and database belong in "
                                   "the URL, e.g. rediscope audit rediss://HOST:PORT/DB (-h is not "
                                   "help; --help is).")
                        .arg(name)));
            return std::unexpected(usageError(
                QStringLiteral("Unknown option %1 for audit: options are written with two dashes "
                               "(see rediscope audit --help).")
                    .arg(argument.size() == 2 ? argument : name + QStringLiteral("..."))));
        }
        if (isPasswordOption(argument))
            return passwordOptionRejected(argument);

        const auto value = [&](QString& out) -> Result<void> {
            if (hasInline) {
                out = inlineValue;
            } else if (i + 1 < arguments.size() &&
                       !arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                out = arguments.at(++i);
            } else {
                return std::unexpected(
                    usageError(QStringLiteral("%1 needs a value.").arg(argument)));
            }
            if (out.trimmed().isEmpty())
                return std::unexpected(
                    usageError(QStringLiteral("%1 needs a non-empty value.").arg(argument)));
            return {};
        };
        const auto once = [&]() -> Result<void> {
            const QString name =
                argument == QLatin1String("-o") ? QStringLiteral("--output") : argument;
            if (seen.contains(name))
                return std::unexpected(usageError(
                    QStringLiteral("%1 is given more than once: give it once.").arg(name)));
            seen << name;
            return {};
        };
        const bool isFlag = argument == QLatin1String("--no-probe") ||
                            argument == QLatin1String("--askpass") ||
                            FlagOptions.contains(argument);
        if (isFlag && hasInline)
            return std::unexpected(usageError(QStringLiteral("%1 takes no value.").arg(argument)));

        QString text;
        if (argument == QLatin1String("--profiles")) {
            if (auto ok = once(); !ok)
                return std::unexpected(ok.error());
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            parsed.profilesFile = text;
            parsed.profilesFileGiven = true;
        } else if (argument == QLatin1String("--profile")) {
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            parsed.profileNames << text;
        } else if (argument == QLatin1String("--env")) {
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            const QString name = text.trimmed().toLower();
            if (!isEnvironmentName(name))
                return std::unexpected(usageError(
                    QStringLiteral("--env \"%1\" is not a valid environment name: use "
                                   "development, staging, production, or a name of your own "
                                   "made of letters, digits, '-', '_' and '.'.")
                        .arg(text.simplified().left(80))));
            parsed.environments << name;
        } else if (argument == QLatin1String("--format")) {
            if (auto ok = once(); !ok)
                return std::unexpected(ok.error());
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            text = text.trimmed().toLower();
            if (!Formats.contains(text))
                return std::unexpected(
                    usageError(QStringLiteral("Unknown --format \"%1\"; use %2.")
                                   .arg(text.left(40), Formats.join(QStringLiteral(", ")))));
            parsed.format = text;
        } else if (argument == QLatin1String("--output") || argument == QLatin1String("-o")) {
            if (auto ok = once(); !ok)
                return std::unexpected(ok.error());
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            parsed.output = text;
        } else if (argument == QLatin1String("--fail-on")) {
            if (auto ok = once(); !ok)
                return std::unexpected(ok.error());
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            text = text.trimmed().toLower();
            if (text == QLatin1String("never")) {
                parsed.failOn.reset();
            } else if (const auto severity = severityFromName(text);
                       severity && *severity != Severity::Info) {
                parsed.failOn = severity;
            } else {
                return std::unexpected(usageError(
                    QStringLiteral(
                        "Unknown --fail-on \"%1\"; use critical, high, medium, low or never.")
                        .arg(text.left(40))));
            }
        } else if (argument == QLatin1String("--no-probe")) {
            parsed.probe = false;
        } else if (argument == QLatin1String("--probe-connections")) {
            if (auto ok = once(); !ok)
                return std::unexpected(ok.error());
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            bool number = false;
            const int connections = text.trimmed().toInt(&number);
            if (!number || connections < 1 || connections > MaxProbeConnections)
                return std::unexpected(
                    usageError(QStringLiteral("--probe-connections \"%1\" is not a number from 1 "
                                              "to %2.")
                                   .arg(text.simplified().left(40))
                                   .arg(MaxProbeConnections)));
            parsed.probeConnections = connections;
        } else if (argument == QLatin1String("--askpass")) {
            parsed.askPassword = true;
            connectionOptions << argument;
        } else if (ValueOptions.contains(argument)) {
            // A connection option for the URL targets; `inspect` validates it.
            if (auto ok = value(text); !ok)
                return std::unexpected(ok.error());
            connectionOptions << argument << text;
        } else if (FlagOptions.contains(argument)) {
            connectionOptions << argument;
        } else {
            // Only the name: the value of an unknown option might be a secret.
            return std::unexpected(usageError(
                QStringLiteral("Unknown option %1 for audit (see rediscope audit --help).")
                    .arg(argument)));
        }
    }
    for (const QString& url : std::as_const(urls)) {
        auto target = InspectArguments::parse(QStringList{url} + connectionOptions, environment);
        if (!target)
            return std::unexpected(target.error());
        parsed.urlTargets << target->request;
    }
    if (!urls.isEmpty() && !parsed.profilesFileGiven &&
        (!parsed.profileNames.isEmpty() || !parsed.environments.isEmpty()))
        // With URLs and no profiles file, no profile is audited: the filters would select nothing.
        return std::unexpected(usageError(
            QStringLiteral(
                "%1 selects profiles from a profiles file, and only URLs were given: add "
                "--profiles FILE, or drop %1.")
                .arg(parsed.profileNames.isEmpty() ? QStringLiteral("--env")
                                                   : QStringLiteral("--profile"))));
    if (urls.isEmpty()) {
        // Connection options only make sense for URL targets.
        for (const QString& option : std::as_const(connectionOptions))
            if (option.startsWith(QLatin1String("--")) && option != QLatin1String("--askpass") &&
                (ValueOptions.contains(option) || FlagOptions.contains(option)))
                return std::unexpected(
                    usageError(QStringLiteral("%1 applies to URL targets, and no URL was given.")
                                   .arg(option)));
    }
    return parsed;
}

QString AuditArguments::usage()
{
    return QStringLiteral(
        "Usage: rediscope audit [<url>...] [--profiles FILE] [--profile NAME]... [--env ENV]...\n"
        "                       [--format text|json|sarif|junit|markdown] [--output FILE]\n"
        "                       [--fail-on critical|high|medium|low|never] [--no-probe]\n"
        "                       [--probe-connections N] [connection options for the URLs]\n"
        "\n"
        "Audits every target concurrently: the staged connection, the certificate chain, the\n"
        "TLS versions, cipher suites and groups the server accepts (the probe), the server's\n"
        "TLS and access configuration, and the consistency of a service's environments. Each\n"
        "target gets findings (docs/checks.md) and a grade.\n"
        "\n"
        "Targets:\n"
        "  <url>               redis:// or rediss://[user[:password]@]host[:port][/db]\n"
        "  --profiles FILE     audit the profiles of this file (default: your profiles file when\n"
        "                      no URL is given)\n"
        "  --profile NAME      only this profile (repeatable)\n"
        "  --env ENV           only profiles of this environment (repeatable)\n"
        "\n"
        "Output:\n"
        "  --format FORMAT     text (default), json (rediscope-audit/1), sarif (2.1.0), junit,\n"
        "                      markdown\n"
        "  --output FILE       write the report to FILE instead of standard output (also -o)\n"
        "  --fail-on LEVEL     exit 1 when a finding is at or above LEVEL (default high);\n"
        "                      never: always exit 0 after a completed audit\n"
        "\n"
        "Probe:\n"
        "  --no-probe          skip the active TLS probe (a quick pass)\n"
        "  --probe-connections N\n"
        "                      at most N probe handshakes (connections) open to one server at\n"
        "                      a time, all targets on it together (1-32). Default: automatic,\n"
        "                      8 on a fast link, 24 when the server's first answers take 5 ms\n"
        "                      or more (the probe then learns suites in parallel rounds)\n"
        "\n"
        "Connection options (for URL targets) are those of `rediscope inspect --help`.\n"
        "Passwords: REDISCLI_AUTH or --askpass; profiles use their references (keychain, env:VAR,\n"
        "prompt). A profile's \"prompt\" password (and a keychain one when no keychain answers)\n"
        "is typed with --askpass, or else taken from REDISCLI_AUTH; --askpass wins over\n"
        "REDISCLI_AUTH. A key passphrase is only ever typed (--askpass).\n"
        "\n"
        "Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or\n"
        "unreadable input.\n");
}

} // namespace rediscope
