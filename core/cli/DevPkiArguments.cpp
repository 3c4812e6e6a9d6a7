#include "DevPkiArguments.h"

#include <QRegularExpression>
#include <QUuid>
#include <optional>
#include <set>

namespace rediscope {

namespace {

std::unexpected<Error> usageError(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

struct OptionSpec
{
    const char* name;
    const char* valueName; // nullptr for a flag
    bool repeatable;
};

constexpr OptionSpec kOptions[] = {
    {"--out", "DIR", false},
    {"--hosts", "LIST", true},
    {"--days", "N", false},
    {"--key", "TYPE", false},
    {"--client-cert", nullptr, false},
    {"--no-client-cert", nullptr, false},
    {"--client-auth", "MODE", false},
    {"--port", "PORT", false},
    {"--tls-replication", nullptr, false},
    {"--tls-cluster", nullptr, false},
    {"--password-env", "VARIABLE", false},
    {"--no-password", nullptr, false},
    {"--force", nullptr, false},
    {"--profiles", "FILE", false},
    {"--name", "NAME", false},
    {"--service", "NAME", false},
    {"--env", "ENV", false},
    {"--environment", "ENV", false},
};

const OptionSpec* findOption(const QString& name)
{
    for (const OptionSpec& spec : kOptions)
        if (name == QLatin1String(spec.name))
            return &spec;
    return nullptr;
}

bool hasControl(const QString& text)
{
    for (const QChar ch : text)
        if (ch.category() == QChar::Other_Control)
            return true;
    return false;
}

bool isPasswordOption(const QString& name)
{
    return name == QLatin1String("--password") || name == QLatin1String("--pass") ||
           name == QLatin1String("--requirepass") || name == QLatin1String("-a");
}

} // namespace

Result<DevPkiArguments> DevPkiArguments::parse(const QStringList& arguments)
{
    DevPkiArguments parsed;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--"))
            break;
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            parsed.help = true;
            return parsed;
        }
    }

    std::set<QString> seen;
    bool hostsGiven = false;
    std::optional<ClientAuthMode> clientAuth;
    bool noClientCert = false;
    bool noPassword = false;
    QStringList hosts;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-") ||
            argument == QLatin1String("--")) {
            if (argument == QLatin1String("--"))
                return usageError(QStringLiteral("dev-pki takes options only: the directory is "
                                                 "--out DIR."));
            return usageError(QStringLiteral("dev-pki takes options only (got \"%1\"): name the "
                                             "directory with --out DIR.")
                                  .arg(argument.simplified().left(80)));
        }
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? argument : argument.left(equals);
        if (isPasswordOption(name) || argument.startsWith(QLatin1String("-a")))
            return usageError(QStringLiteral("A password is never given on the command line (other "
                                             "users can read it in the process list): put it in an "
                                             "environment variable and name it with "
                                             "--password-env VARIABLE."));
        const OptionSpec* spec = findOption(name);
        if (!spec)
            return usageError(QStringLiteral("Unknown option %1 for dev-pki (see rediscope dev-pki "
                                             "--help).")
                                  .arg(name.left(40)));
        const QString canonical =
            name == QLatin1String("--environment") ? QStringLiteral("--env") : name;
        if (!spec->repeatable && seen.contains(canonical))
            return usageError(
                QStringLiteral("%1 is given more than once: give it once.").arg(canonical));
        seen.insert(canonical);

        QString value;
        if (spec->valueName == nullptr) {
            if (equals >= 0)
                return usageError(QStringLiteral("%1 takes no value.").arg(name));
        } else {
            if (equals >= 0) {
                value = argument.mid(equals + 1);
            } else if (i + 1 < arguments.size() &&
                       !arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                value = arguments.at(++i);
            } else {
                return usageError(QStringLiteral("%1 needs a value: %1 %2.")
                                      .arg(name, QLatin1String(spec->valueName)));
            }
            if (value.trimmed().isEmpty())
                return usageError(QStringLiteral("%1 needs a non-empty value: %1 %2.")
                                      .arg(name, QLatin1String(spec->valueName)));
        }

        if (canonical == QLatin1String("--out")) {
            if (hasControl(value))
                return usageError(QStringLiteral("--out: the directory name contains a line break "
                                                 "or a control character, which server "
                                                 "configuration files cannot name."));
            parsed.pki.directory = value;
        } else if (canonical == QLatin1String("--hosts")) {
            hostsGiven = true;
            for (const QString& host : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString trimmed = host.trimmed();
                if (trimmed.isEmpty())
                    continue;
                if (!DevPki::subjectAltName(trimmed))
                    return usageError(
                        QStringLiteral("--hosts: \"%1\" is neither a host name nor an IP address "
                                       "(e.g. --hosts localhost,127.0.0.1,redis.dev.example.com).")
                            .arg(trimmed.simplified().left(80)));
                hosts << trimmed;
            }
        } else if (canonical == QLatin1String("--days")) {
            bool ok = false;
            const int days = value.trimmed().toInt(&ok);
            if (!ok || days < 1 || days > DevPki::MaxDays)
                return usageError(QStringLiteral("--days \"%1\": give a whole number of days from "
                                                 "1 to %2 (398 or less keeps audits quiet).")
                                      .arg(value.simplified().left(20))
                                      .arg(DevPki::MaxDays));
            parsed.pki.days = days;
        } else if (canonical == QLatin1String("--key")) {
            const std::optional<DevKeyType> type = devKeyTypeFromName(value);
            if (!type)
                return usageError(QStringLiteral("--key \"%1\" is not a key type: use ec (ECDSA "
                                                 "P-256, the default), rsa2048 or rsa3072.")
                                      .arg(value.simplified().left(20)));
            parsed.pki.keyType = *type;
        } else if (canonical == QLatin1String("--client-cert")) {
            parsed.pki.clientCertificate = true; // the default, named for scripts that say so
        } else if (canonical == QLatin1String("--no-client-cert")) {
            noClientCert = true;
        } else if (canonical == QLatin1String("--client-auth")) {
            clientAuth = clientAuthModeFromName(value);
            if (!clientAuth)
                return usageError(QStringLiteral("--client-auth \"%1\": use yes, optional or no.")
                                      .arg(value.simplified().left(20)));
        } else if (canonical == QLatin1String("--port")) {
            bool ok = false;
            const int port = value.trimmed().toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return usageError(QStringLiteral("--port \"%1\" is not a port number (1 to 65535).")
                                      .arg(value.simplified().left(20)));
            parsed.port = static_cast<quint16>(port);
        } else if (canonical == QLatin1String("--tls-replication")) {
            parsed.tlsReplication = true;
        } else if (canonical == QLatin1String("--tls-cluster")) {
            parsed.tlsCluster = true;
        } else if (canonical == QLatin1String("--password-env")) {
            static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            const QString variable = value.trimmed();
            // Never echo the value: someone may have put the password itself here.
            if (!identifier.match(variable).hasMatch())
                return usageError(QStringLiteral("--password-env takes the name of an environment "
                                                 "variable (letters, digits and '_', e.g. "
                                                 "REDIS_PASSWORD), not the password."));
            parsed.passwordVariable = variable;
        } else if (canonical == QLatin1String("--no-password")) {
            noPassword = true;
        } else if (canonical == QLatin1String("--force")) {
            parsed.pki.force = true;
        } else if (canonical == QLatin1String("--profiles")) {
            parsed.profilesFile = value;
            parsed.addProfile = true;
        } else if (canonical == QLatin1String("--name")) {
            const QString profileName = value.trimmed();
            if (hasControl(profileName) || profileName.size() > 200)
                return usageError(QStringLiteral("--name: a name has no line breaks, tabs or "
                                                 "control characters and is under 200 "
                                                 "characters."));
            if (!QUuid::fromString(profileName).isNull())
                return usageError(QStringLiteral("--name \"%1\" looks like a profile id: choose a "
                                                 "name that cannot be mistaken for one.")
                                      .arg(profileName));
            parsed.profileName = profileName;
            parsed.addProfile = true;
        } else if (canonical == QLatin1String("--service")) {
            if (hasControl(value))
                return usageError(QStringLiteral("--service: a service name cannot contain line "
                                                 "breaks or control characters."));
            parsed.service = value.trimmed();
        } else if (canonical == QLatin1String("--env")) {
            static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
            const QString environment = value.trimmed().toLower();
            if (!pattern.match(environment).hasMatch())
                return usageError(QStringLiteral("--env \"%1\" is not a valid environment name: "
                                                 "use development, staging, production, or a "
                                                 "name of letters, digits, '-', '_' and '.'.")
                                      .arg(value.simplified().left(80)));
            parsed.environment = environment;
        }
    }

    if (parsed.pki.directory.isEmpty())
        return usageError(QStringLiteral("Where should the files go? Name a directory: rediscope "
                                         "dev-pki --out DIR."));
    if (hostsGiven) {
        if (hosts.isEmpty())
            return usageError(QStringLiteral("--hosts needs at least one host name or IP "
                                             "address."));
        parsed.pki.hosts = hosts;
    }
    // Secure by default: a client certificate (mutual TLS) and a generated password, unless
    // the user opts out.
    if (noClientCert && seen.contains(QStringLiteral("--client-cert")))
        return usageError(QStringLiteral("--client-cert and --no-client-cert contradict each "
                                         "other: give one."));
    parsed.pki.clientCertificate = !noClientCert;
    if (noPassword && !parsed.passwordVariable.isEmpty())
        return usageError(QStringLiteral("--password-env and --no-password contradict each other: "
                                         "give one."));
    parsed.generatePassword = !noPassword && parsed.passwordVariable.isEmpty();
    parsed.clientAuth = clientAuth.value_or(parsed.pki.clientCertificate ? ClientAuthMode::Yes
                                                                         : ClientAuthMode::No);
    if (parsed.clientAuth == ClientAuthMode::Yes && !parsed.pki.clientCertificate)
        return usageError(QStringLiteral("--client-auth yes makes the server refuse clients "
                                         "without a certificate from the new CA: drop "
                                         "--no-client-cert so that one is created."));
    parsed.pki.serverAlsoClient = parsed.tlsReplication || parsed.tlsCluster;
    if (!parsed.addProfile &&
        (seen.contains(QStringLiteral("--service")) || seen.contains(QStringLiteral("--env"))))
        return usageError(QStringLiteral("--service and --env describe the profile dev-pki adds: "
                                         "add --name NAME (and --profiles FILE for a file other "
                                         "than the default one)."));
    return parsed;
}

QString DevPkiArguments::usage()
{
    return QStringLiteral(
        "Usage: rediscope dev-pki --out DIR [--hosts LIST] [--days N] [--key ec|rsa2048|rsa3072]\n"
        "                         [--no-client-cert] [--client-auth yes|optional|no] [--port "
        "PORT]\n"
        "                         [--tls-replication] [--tls-cluster]\n"
        "                         [--password-env VARIABLE | --no-password]\n"
        "                         [--force] [--profiles FILE] [--name NAME] [--service NAME]\n"
        "                         [--env ENV]\n"
        "\n"
        "Creates a local development PKI and the server configuration that uses it, so that a\n"
        "development server runs TLS the way production should:\n"
        "  ca.pem, ca.key          a root CA (keep ca.key private; clients trust ca.pem)\n"
        "  server.pem, server.key  the server certificate: subjectAltNames from --hosts,\n"
        "                          extendedKeyUsage serverAuth\n"
        "  client.pem, client.key  a client certificate (clientAuth) for mutual TLS (not with\n"
        "                          --no-client-cert)\n"
        "  redis.conf              TLS only (port 0, tls-port), TLS 1.2 and 1.3, forward secret\n"
        "                          AEAD ciphers, tls-auth-clients; for Redis, Valkey and KeyDB\n"
        "  dragonfly.flags         the same for Dragonfly (dragonfly --flagfile=FILE)\n"
        "  users.acl               Dragonfly's ACL file: the password's SHA-256\n"
        "  password                the generated password (mode 0600), unless --password-env or\n"
        "                          --no-password; the configuration holds only its SHA-256\n"
        "Keys are generated with OpenSSL (ECDSA P-256 unless --key says otherwise) and written\n"
        "with mode 0600. Existing files are never replaced without --force; when something fails,\n"
        "nothing is left half-written.\n"
        "\n"
        "Options:\n"
        "  --out DIR               where the files go (created with mode 0700 if missing)\n"
        "  --hosts LIST            comma-separated host names and IP addresses of the server\n"
        "                          (repeatable; default localhost,127.0.0.1,::1). The first one "
        "is\n"
        "                          the host of the profile. With loopback hosts only, the server\n"
        "                          binds to loopback only.\n"
        "  --days N                validity of the server and client certificates (default 365;\n"
        "                          the CA gets at least 10 years)\n"
        "  --key TYPE              ec (ECDSA P-256, default), rsa2048 or rsa3072\n"
        "  --no-client-cert        no client certificate: clients need none (lint-config then\n"
        "                          reports server.client_auth_off). By default one is created\n"
        "                          and the server requires it (--client-cert says so explicitly)\n"
        "  --client-auth MODE      tls-auth-clients: yes (default with a client certificate),\n"
        "                          optional, or no (default with --no-client-cert)\n"
        "  --port PORT             the TLS port (default 6380)\n"
        "  --tls-replication       replication over TLS (tls-replication yes)\n"
        "  --tls-cluster           cluster bus over TLS (tls-cluster yes)\n"
        "  --password-env VARIABLE the environment variable holding the password the server\n"
        "                          requires. Only its SHA-256 is written (an ACL line), never the\n"
        "                          password; the profile and the client snippets read VARIABLE.\n"
        "                          Without it dev-pki generates a password (see password above)\n"
        "                          and the profile reads it from REDIS_PASSWORD.\n"
        "  --no-password           the server requires no password (lint-config reports\n"
        "                          server.nopass)\n"
        "  --force                 replace files that already exist\n"
        "  --profiles FILE         add a matching profile to FILE (default: the platform's\n"
        "                          profiles file when --name is given)\n"
        "  --name NAME             the profile's name (default HOST:PORT)\n"
        "  --service NAME          the profile's service\n"
        "  --env ENV               the profile's environment (default development)\n"
        "\n"
        "Exit status: 0 written, 1 it could not be written (files exist, the directory cannot be\n"
        "written, the profile cannot be saved), 2 bad usage.\n"
        "\n"
        "Example:\n"
        "  export REDIS_PASSWORD=\"$(openssl rand -base64 32)\"\n"
        "  rediscope dev-pki --out ~/redis-dev --client-cert --password-env REDIS_PASSWORD \\\n"
        "      --name \"cache dev\" --service cache\n"
        "  redis-server ~/redis-dev/redis.conf\n"
        "  rediscope profiles snippet \"cache dev\" --client redis-py\n");
}

} // namespace rediscope
