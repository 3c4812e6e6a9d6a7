#include "InspectArguments.h"

#include "cli/TlsArguments.h"
#include "profile/RedisUrl.h"
#include "tls/TlsOptions.h"

#include <QRegularExpression>
#include <cmath>
#include <optional>
#include <set>

namespace rediscope {

namespace {

enum class Option
{
    Tls,
    CaCert,
    CaCertDir,
    Cert,
    Key,
    Sni,
    Insecure,
    NoVerifyHostname,
    TlsCiphers,
    TlsCiphersuites,
    TlsMin,
    TlsMax,
    User,
    AskPass,
    Environment,
    Timeout,
    Format,
    Help,
};

struct OptionSpec
{
    const char* name; // "--cacert"
    Option option;
    const char* valueName; // "FILE"; nullptr for a flag
    bool tlsOnly;          // meaningless without TLS
};

constexpr OptionSpec kOptions[] = {
    {"--tls", Option::Tls, nullptr, false},
    {"--cacert", Option::CaCert, "FILE", true},
    {"--cacertdir", Option::CaCertDir, "DIR", true},
    {"--cert", Option::Cert, "FILE", true},
    {"--key", Option::Key, "FILE", true},
    {"--sni", Option::Sni, "NAME", true},
    {"--insecure", Option::Insecure, nullptr, true},
    {"--no-verify-hostname", Option::NoVerifyHostname, nullptr, true},
    {"--tls-ciphers", Option::TlsCiphers, "LIST", true},
    {"--tls-ciphersuites", Option::TlsCiphersuites, "LIST", true},
    {"--tls-min", Option::TlsMin, "VERSION", true},
    {"--tls-max", Option::TlsMax, "VERSION", true},
    {"--user", Option::User, "NAME", false},
    {"--askpass", Option::AskPass, nullptr, false},
    {"--environment", Option::Environment, "ENV", false},
    {"--timeout", Option::Timeout, "SECONDS", false},
    {"--format", Option::Format, "FORMAT", false},
    {"--help", Option::Help, nullptr, false},
};

const OptionSpec* findOption(const QString& name)
{
    for (const OptionSpec& spec : kOptions) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

std::unexpected<Error> invalid(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

std::unexpected<Error> passwordOptionRejected(const QString& name)
{
    return invalid(QStringLiteral("%1 is not supported: a password on the command line is visible "
                                  "to other users (in the process list) and stays in your shell "
                                  "history. Set the REDISCLI_AUTH environment variable, or use "
                                  "--askpass to type it.")
                       .arg(name));
}

bool isPasswordOption(const QString& name)
{
    return name == QLatin1String("--pass") || name == QLatin1String("--password") ||
           name == QLatin1String("--auth");
}

// Options of redis-cli (or guesses) that have a place in the URL instead.
std::optional<QString> urlPartHint(const QString& name)
{
    if (name == QLatin1String("-h") || name == QLatin1String("--host"))
        return QStringLiteral(
                   "%1 is not supported: put the host in the URL, e.g. rediscope inspect "
                   "rediss://HOST:6379 (for help, use --help).")
            .arg(name);
    if (name == QLatin1String("-p") || name == QLatin1String("--port"))
        return QStringLiteral(
                   "%1 is not supported: put the port in the URL, e.g. rediscope inspect "
                   "rediss://host:PORT.")
            .arg(name);
    if (name == QLatin1String("-n") || name == QLatin1String("--db"))
        return QStringLiteral("%1 is not supported: put the database number in the URL, e.g. "
                              "rediscope inspect rediss://host:6379/DB.")
            .arg(name);
    if (name == QLatin1String("-u") || name == QLatin1String("--uri") ||
        name == QLatin1String("--url"))
        return QStringLiteral("%1 is not needed: give the URL as the argument, e.g. rediscope "
                              "inspect rediss://host:6379.")
            .arg(name);
    if (name == QLatin1String("-s") || name == QLatin1String("--socket"))
        return QStringLiteral("%1 is not supported: Rediscope connects over TCP only; give a "
                              "redis:// or rediss:// URL.")
            .arg(name);
    return std::nullopt;
}

int protocolRank(const QString& canonical)
{
    static const QStringList order = {QStringLiteral("TLSv1"), QStringLiteral("TLSv1.1"),
                                      QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")};
    return static_cast<int>(order.indexOf(canonical));
}

Result<std::chrono::milliseconds> parseTimeout(const QString& option, const QString& value)
{
    bool ok = false;
    const double seconds = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(seconds))
        return invalid(QStringLiteral("%1 \"%2\" is not a number of seconds: write e.g. %1 10 or "
                                      "%1 2.5.")
                           .arg(option, value));
    if (seconds <= 0)
        return invalid(
            QStringLiteral("%1 must be more than 0 seconds (got %2).").arg(option, value));
    if (seconds > 3600)
        return invalid(QStringLiteral("%1 %2 is too long: the maximum is 3600 seconds (one hour).")
                           .arg(option, value));
    const auto ms = static_cast<long long>(std::llround(seconds * 1000.0));
    if (ms < 1)
        return invalid(QStringLiteral("%1 %2 is less than a millisecond: give at least 0.001.")
                           .arg(option, value));
    return std::chrono::milliseconds(ms);
}

Result<QString> parseEnvironment(const QString& option, const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
    const QString name = value.trimmed().toLower();
    if (!pattern.match(name).hasMatch())
        return invalid(QStringLiteral("%1 \"%2\" is not a valid environment name: use development, "
                                      "staging, production, or a name of your own made of letters, "
                                      "digits, '-', '_' and '.'.")
                           .arg(option, value));
    return name;
}

QString tlsOnlyMessage(const QString& option, const RedisUrl& url)
{
    return QStringLiteral("%1 only applies to TLS connections, but %2 is a plain redis:// URL: use "
                          "rediss:// or add --tls.")
        .arg(option, url.toString());
}

} // namespace

Result<InspectArguments> InspectArguments::parse(const QStringList& arguments,
                                                 const QProcessEnvironment& environment)
{
    InspectArguments result;

    // --help wins over everything else, wherever it is (before "--").
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--"))
            break;
        if (argument == QLatin1String("--help")) {
            result.help = true;
            return result;
        }
    }

    QStringList positionals;
    std::set<Option> seen;
    QStringList tlsOnlyGiven;
    bool forceTls = false;
    std::optional<QString> userOption;
    bool endOfOptions = false;

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (endOfOptions || argument == QLatin1String("-") ||
            !argument.startsWith(QLatin1Char('-'))) {
            positionals.append(argument);
            continue;
        }
        if (argument == QLatin1String("--")) {
            endOfOptions = true;
            continue;
        }

        if (!argument.startsWith(QLatin1String("--"))) {
            // A short option. Never echo more than its letter: "-asecret" is a password.
            const QString name = argument.left(2);
            if (name == QLatin1String("-a"))
                return passwordOptionRejected(name);
            if (argument.size() == 2) {
                if (const std::optional<QString> hint = urlPartHint(name))
                    return invalid(*hint);
            }
            return invalid(
                QStringLiteral("Unknown option %1 for inspect: options are written with "
                               "two dashes (see rediscope inspect --help).")
                    .arg(argument.size() == 2 ? argument : name + QStringLiteral("...")));
        }

        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? argument : argument.left(equals);
        if (isPasswordOption(name))
            return passwordOptionRejected(name);
        const OptionSpec* spec = findOption(name);
        if (!spec) {
            if (const std::optional<QString> hint = urlPartHint(name))
                return invalid(*hint);
            // Only the name: the value of an unknown option might be a secret.
            return invalid(QStringLiteral("Unknown option %1 for inspect (see rediscope inspect "
                                          "--help).")
                               .arg(name));
        }

        QString value;
        if (spec->valueName == nullptr) {
            if (equals >= 0)
                return invalid(QStringLiteral("%1 takes no value.").arg(name));
        } else {
            if (equals >= 0) {
                value = argument.mid(equals + 1);
            } else if (i + 1 < arguments.size() &&
                       !arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                value = arguments.at(++i);
            } else {
                return invalid(QStringLiteral("%1 needs a value: %1 %2.")
                                   .arg(name, QLatin1String(spec->valueName)));
            }
            if (value.trimmed().isEmpty())
                return invalid(QStringLiteral("%1 needs a non-empty value: %1 %2.")
                                   .arg(name, QLatin1String(spec->valueName)));
            if (seen.contains(spec->option))
                return invalid(
                    QStringLiteral("%1 is given more than once: give it once.").arg(name));
        }
        seen.insert(spec->option);
        if (spec->tlsOnly && !tlsOnlyGiven.contains(name))
            tlsOnlyGiven.append(name);

        TlsOptions& tls = result.request.tls;
        if (const std::optional<TlsArgument> tlsOption = tlsArgumentNamed(spec->name)) {
            if (auto applied = applyTlsArgument(tls, *tlsOption, name, value); !applied)
                return std::unexpected(applied.error());
            continue;
        }
        switch (spec->option) {
        case Option::Tls:
            forceTls = true;
            break;
        case Option::CaCert:
        case Option::CaCertDir:
        case Option::Cert:
        case Option::Key:
        case Option::Sni:
        case Option::Insecure:
        case Option::NoVerifyHostname:
        case Option::TlsCiphers:
        case Option::TlsCiphersuites:
        case Option::TlsMin:
        case Option::TlsMax:
            break; // applied above (applyTlsArgument)
        case Option::User:
            if (hasSpaceOrControl(value))
                return invalid(QStringLiteral("%1: a user name cannot contain whitespace or "
                                              "control characters.")
                                   .arg(name));
            userOption = value;
            break;
        case Option::AskPass:
            result.askPassword = true;
            break;
        case Option::Environment: {
            const Result<QString> env = parseEnvironment(name, value);
            if (!env)
                return std::unexpected(env.error());
            result.request.environment = *env;
            break;
        }
        case Option::Timeout: {
            const Result<std::chrono::milliseconds> timeout = parseTimeout(name, value);
            if (!timeout)
                return std::unexpected(timeout.error());
            result.request.timeout = *timeout;
            break;
        }
        case Option::Format: {
            const QString format = value.trimmed().toLower();
            if (format != QLatin1String("text") && format != QLatin1String("json"))
                return invalid(QStringLiteral("%1 \"%2\" is not a known format: use text or json.")
                                   .arg(name, value));
            result.format = format;
            break;
        }
        case Option::Help:
            result.help = true;
            break;
        }
    }

    if (positionals.isEmpty())
        return invalid(
            QStringLiteral("The URL is missing: rediscope inspect redis://host:port, or "
                           "rediss://host:port for TLS (see rediscope inspect --help)."));
    if (positionals.size() > 1) {
        // Echo the extra argument only when it cannot be a password.
        const QString& extra = positionals.at(1);
        const bool echo = extra.contains(QLatin1String("://")) &&
                          !extra.contains(QLatin1Char('@')) && !hasSpaceOrControl(extra) &&
                          extra.size() <= 200;
        return invalid(
            echo ? QStringLiteral("Unexpected second URL \"%1\": inspect takes exactly one URL "
                                  "(use rediscope audit for several).")
                       .arg(extra)
                 : QStringLiteral("Unexpected extra argument after the URL: inspect takes exactly "
                                  "one URL; options start with '--' (see rediscope inspect "
                                  "--help)."));
    }

    const Result<RedisUrl> url = RedisUrl::parse(positionals.first());
    if (!url)
        return std::unexpected(url.error());

    Endpoint& endpoint = result.request.endpoint;
    endpoint.host = url->host;
    endpoint.port = url->port;
    endpoint.db = url->db;
    endpoint.tls = url->tls || forceTls;

    TlsOptions& tls = result.request.tls;
    if (!endpoint.tls && !tlsOnlyGiven.isEmpty())
        return invalid(tlsOnlyMessage(tlsOnlyGiven.first(), *url));
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        return invalid(tls.certFile.isEmpty()
                           ? QStringLiteral("--key needs --cert: a client certificate needs both "
                                            "the certificate file and its key file.")
                           : QStringLiteral("--cert needs --key: a client certificate needs both "
                                            "the certificate file and its key file."));
    if (!tls.maxProtocol.isEmpty() && protocolRank(tls.minProtocol) > protocolRank(tls.maxProtocol))
        return invalid(QStringLiteral("--tls-min %1 is higher than --tls-max %2: no TLS version "
                                      "is left to connect with.")
                           .arg(tls.minProtocol, tls.maxProtocol));

    result.request.username = userOption ? *userOption : url->username;

    if (result.askPassword) {
        // Like redis-cli, --askpass ignores REDISCLI_AUTH; a password in the URL is a conflict.
        if (url->hasPassword)
            return invalid(QStringLiteral("The URL holds a password and --askpass asks for one: "
                                          "remove the password from the URL, or drop --askpass."));
    } else if (url->hasPassword) {
        result.request.password = url->password;
    } else {
        const QString fromEnvironment = environment.value(QStringLiteral("REDISCLI_AUTH"));
        if (!fromEnvironment.isEmpty())
            result.request.password = fromEnvironment.toLocal8Bit();
    }

    return result;
}

QString InspectArguments::usage()
{
    return QStringLiteral(
        "Usage: rediscope inspect <url> [options]\n"
        "\n"
        "Connect once to a Redis-protocol server and show each stage: resolve, TCP, TLS "
        "handshake,\n"
        "chain verification, hostname check, authentication, PING and INFO.\n"
        "\n"
        "URL:\n"
        "  redis://[user[:password]@]host[:port][/db]    plain TCP\n"
        "  rediss://[user[:password]@]host[:port][/db]   TLS\n"
        "  The port defaults to 6379 and the database to 0; write IPv6 addresses in brackets\n"
        "  (rediss://[::1]:6380). Percent-encode special characters in the user name and "
        "password.\n"
        "\n"
        "TLS options (for rediss:// URLs, or with --tls):\n"
        "  --tls                      Use TLS even for a redis:// URL.\n"
        "  --cacert FILE              Verify the server against the CA certificates in FILE (PEM)\n"
        "                             instead of the system store.\n"
        "  --cacertdir DIR            Verify against the CA certificates in DIR (hashed, "
        "c_rehash).\n"
        "  --cert FILE                Client certificate (PEM) for mutual TLS; needs --key.\n"
        "  --key FILE                 Private key (PEM) of the client certificate; needs --cert.\n"
        "  --sni NAME                 Server name to send (default: the host, when it is a name).\n"
        "  --insecure                 Do not verify the certificate chain (the result is still\n"
        "                             reported).\n"
        "  --no-verify-hostname       Do not require the certificate to match the host name.\n"
        "  --tls-ciphers LIST         OpenSSL cipher list for TLS 1.2 and below.\n"
        "  --tls-ciphersuites LIST    TLS 1.3 cipher suites (OpenSSL syntax).\n"
        "  --tls-min VERSION          Lowest TLS version to offer: 1.2 (default) or 1.3; 1.0 and\n"
        "                             1.1 are accepted too, as are names like TLSv1.2.\n"
        "  --tls-max VERSION          Highest TLS version to offer (default: the highest\n"
        "                             supported).\n"
        "\n"
        "Authentication:\n"
        "  --user NAME                ACL user name (overrides the user in the URL).\n"
        "  --askpass                  Read the password from the terminal, without echo.\n"
        "  The password is otherwise taken from the URL, or else from the REDISCLI_AUTH\n"
        "  environment variable. It is never accepted as an option (-a, --pass, --password):\n"
        "  other users could read it in the process list.\n"
        "\n"
        "Other options:\n"
        "  --environment ENV          Policy to judge the connection by: development, staging,\n"
        "                             production (default) or a name of your own.\n"
        "  --timeout SECONDS          Time allowed for the whole connection, all stages together\n"
        "                             (default 10; fractions allowed; at most 3600).\n"
        "  --format text|json         Output format (default text).\n"
        "  --help                     Show this help. (-h is not help: in redis-cli it is the\n"
        "                             host, which belongs in the URL here.)\n"
        "\n"
        "Options may be written --option value or --option=value; \"--\" ends the options.\n"
        "\n"
        "Exit status: 0 every stage succeeded, 1 a stage failed (the output says which and\n"
        "why), 2 bad usage.\n"
        "\n"
        "Examples:\n"
        "  rediscope inspect rediss://cache.example.com:6380 --cacert ca.pem\n"
        "  REDISCLI_AUTH=... rediscope inspect rediss://app@10.0.0.5:6380/2 --format json\n"
        "  rediscope inspect redis://localhost:6379 --environment development\n");
}

} // namespace rediscope
