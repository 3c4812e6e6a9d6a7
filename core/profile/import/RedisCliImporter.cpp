#include "RedisCliImporter.h"

#include "ImportSupport.h"
#include "ShellWords.h"
#include "profile/RedisUrl.h"

#include <QRegularExpression>
#include <cmath>

namespace rediscope {

using namespace importsupport;

namespace {

enum class Kind
{
    Host,
    Port,
    Db,
    Timeout,
    User,
    Password,
    AskPass,
    Uri,
    Socket,
    Tls,
    Sni,
    CaCert,
    CaCertDir,
    Cert,
    Key,
    TlsCiphers,
    TlsCiphersuites,
    Insecure,
    ClusterMode, // -c
    Resp3,
    AddressFamily,
    OutputOnly, // no effect on the connection: ignored silently
    Mode,       // another redis-cli tool or mode: a warning
    ClusterManager,
    ClusterWeight,
};

struct CliOption
{
    const char* name;
    bool takesValue;
    Kind kind;
};

// Every option of redis-cli 7.x (src/redis-cli.c, parseOptions).
constexpr CliOption kOptions[] = {
    {"-h", true, Kind::Host},
    {"-p", true, Kind::Port},
    {"-n", true, Kind::Db},
    {"-t", true, Kind::Timeout},
    {"--user", true, Kind::User},
    {"-a", true, Kind::Password},
    {"--pass", true, Kind::Password},
    {"--askpass", false, Kind::AskPass},
    {"-u", true, Kind::Uri},
    {"-s", true, Kind::Socket},
    {"--tls", false, Kind::Tls},
    {"--sni", true, Kind::Sni},
    {"--cacert", true, Kind::CaCert},
    {"--cacertdir", true, Kind::CaCertDir},
    {"--cert", true, Kind::Cert},
    {"--key", true, Kind::Key},
    {"--tls-ciphers", true, Kind::TlsCiphers},
    {"--tls-ciphersuites", true, Kind::TlsCiphersuites},
    {"--insecure", false, Kind::Insecure},
    {"-c", false, Kind::ClusterMode},
    {"-3", false, Kind::Resp3},
    {"-4", false, Kind::AddressFamily},
    {"-6", false, Kind::AddressFamily},
    // Output and command-repetition options: nothing to do with the connection.
    {"-2", false, Kind::OutputOnly},
    {"-x", false, Kind::OutputOnly},
    {"-X", true, Kind::OutputOnly},
    {"-r", true, Kind::OutputOnly},
    {"-i", true, Kind::OutputOnly},
    {"-d", true, Kind::OutputOnly},
    {"-D", true, Kind::OutputOnly},
    {"-e", false, Kind::OutputOnly},
    {"--raw", false, Kind::OutputOnly},
    {"--no-raw", false, Kind::OutputOnly},
    {"--quoted-input", false, Kind::OutputOnly},
    {"--csv", false, Kind::OutputOnly},
    {"--json", false, Kind::OutputOnly},
    {"--quoted-json", false, Kind::OutputOnly},
    {"--show-pushes", true, Kind::OutputOnly},
    {"--mono", false, Kind::OutputOnly},
    {"--verbose", false, Kind::OutputOnly},
    {"--no-auth-warning", false, Kind::OutputOnly},
    // Modes and tools of redis-cli.
    {"--latency", false, Kind::Mode},
    {"--latency-dist", false, Kind::Mode},
    {"--latency-history", false, Kind::Mode},
    {"--lru-test", true, Kind::Mode},
    {"--slave", false, Kind::Mode},
    {"--replica", false, Kind::Mode},
    {"--stat", false, Kind::Mode},
    {"--scan", false, Kind::Mode},
    {"--pattern", true, Kind::Mode},
    {"--quoted-pattern", true, Kind::Mode},
    {"--count", true, Kind::Mode},
    {"--intrinsic-latency", true, Kind::Mode},
    {"--rdb", true, Kind::Mode},
    {"--functions-rdb", true, Kind::Mode},
    {"--pipe", false, Kind::Mode},
    {"--pipe-timeout", true, Kind::Mode},
    {"--bigkeys", false, Kind::Mode},
    {"--memkeys", false, Kind::Mode},
    {"--memkeys-samples", true, Kind::Mode},
    {"--hotkeys", false, Kind::Mode},
    {"--keystats", false, Kind::Mode},
    {"--keystats-samples", true, Kind::Mode},
    {"--cursor", true, Kind::Mode},
    {"--top", true, Kind::Mode},
    {"--eval", true, Kind::Mode},
    {"--ldb", false, Kind::Mode},
    {"--ldb-sync-mode", false, Kind::Mode},
    {"--help", false, Kind::Mode},
    {"-v", false, Kind::Mode},
    {"--version", false, Kind::Mode},
    {"--cluster", true, Kind::ClusterManager},
    {"--cluster-weight", true, Kind::ClusterWeight},
    {"--cluster-replicas", true, Kind::Mode},
    {"--cluster-master-id", true, Kind::Mode},
    {"--cluster-from", true, Kind::Mode},
    {"--cluster-to", true, Kind::Mode},
    {"--cluster-from-user", true, Kind::Mode},
    {"--cluster-from-pass", true, Kind::Mode},
    {"--cluster-from-askpass", false, Kind::Mode},
    {"--cluster-slots", true, Kind::Mode},
    {"--cluster-timeout", true, Kind::Mode},
    {"--cluster-pipeline", true, Kind::Mode},
    {"--cluster-threshold", true, Kind::Mode},
    {"--cluster-only-masters", false, Kind::Mode},
    {"--cluster-only-replicas", false, Kind::Mode},
    {"--cluster-yes", false, Kind::Mode},
    {"--cluster-simulate", false, Kind::Mode},
    {"--cluster-replace", false, Kind::Mode},
    {"--cluster-copy", false, Kind::Mode},
    {"--cluster-slave", false, Kind::Mode},
    {"--cluster-use-empty-masters", false, Kind::Mode},
    {"--cluster-search-multiple-owners", false, Kind::Mode},
    {"--cluster-fix-with-unreachable-masters", false, Kind::Mode},
};

const CliOption* findOption(const QString& name)
{
    for (const CliOption& option : kOptions) {
        if (name == QLatin1String(option.name))
            return &option;
    }
    return nullptr;
}

bool isProgram(const QString& word)
{
    QString base = word.mid(word.lastIndexOf(QLatin1Char('/')) + 1);
    if (base.endsWith(QLatin1String(".exe"), Qt::CaseInsensitive))
        base.chop(4);
    return base == QLatin1String("redis-cli") || base == QLatin1String("valkey-cli") ||
           base == QLatin1String("keydb-cli");
}

// A word that may be shown in a message: short, printable, not a secret by position.
QString shown(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._:/@+-]{1,40}$"));
    return safe.match(word).hasMatch() ? word : QStringLiteral("...");
}

// The option name of an argument, for messages: never more than the name, since the argument
// may hold a secret ("-asecret", "--pass=secret").
QString optionNameOf(const QString& argument)
{
    if (argument.startsWith(QLatin1String("--"))) {
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        return shown(equals < 0 ? argument : argument.left(equals));
    }
    return argument.left(2);
}

// What a -u URI states explicitly. redis-cli's parseRedisUri (cli_common.c) only sets the port
// and the database when the URI has them; otherwise -p and -n keep their values.
struct UriParts
{
    bool port = false;
    bool db = false;
};

UriParts explicitUriParts(const QString& uri)
{
    UriParts parts;
    QString rest = uri.trimmed();
    rest = rest.mid(rest.indexOf(QLatin1String("://")) + 3);
    rest = rest.mid(rest.lastIndexOf(QLatin1Char('@')) + 1);
    static const QRegularExpression authorityEnd(QStringLiteral("[/?#]"));
    const qsizetype end = rest.indexOf(authorityEnd);
    const QString authority = end < 0 ? rest : rest.left(end);
    const QString path = end < 0 ? QString() : rest.mid(end);
    parts.port = authority.startsWith(QLatin1Char('[')) ? authority.contains(QLatin1String("]:"))
                                                        : authority.contains(QLatin1Char(':'));
    parts.db = path.size() > 1 && path.at(0) == QLatin1Char('/') && path.at(1).isDigit();
    return parts;
}

enum class SecretKind
{
    None,
    Literal,
    Variable,
    Prompt,
};

struct SecretValue
{
    SecretKind kind = SecretKind::None;
    QByteArray literal;
    QString variable;
};

// A password as written in the command line, from `from` on in the word.
SecretValue secretFrom(const ShellWord& word, qsizetype from)
{
    SecretValue value;
    const QString variable = word.variableAt(from);
    if (!variable.isEmpty()) {
        value.kind = SecretKind::Variable;
        value.variable = variable;
    } else if (word.hasExpansionFrom(from)) {
        value.kind = SecretKind::Prompt;
    } else if (from < word.text.size()) {
        value.kind = SecretKind::Literal;
        value.literal = word.text.mid(from).toUtf8();
    }
    return value;
}

class CommandReader
{
public:
    CommandReader(const ShellCommand& command, ImportResult& result)
        : m_command(command)
        , m_result(result)
    {}

    Result<ImportedProfile> read()
    {
        m_imported = newImportedProfile();
        const QList<ShellWord>& words = m_command.words;
        qsizetype i = 0;

        // Environment assignments, then the program.
        static const QRegularExpression assignment(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)="));
        for (; i < words.size() && !words.at(i).isOperator; ++i) {
            const QRegularExpressionMatch match = assignment.match(words.at(i).text);
            if (!match.hasMatch())
                break;
            const QString name = match.captured(1);
            if (name == QLatin1String("REDISCLI_AUTH"))
                m_environmentPassword = secretFrom(words.at(i), match.capturedEnd());
            else
                m_ignored.append(
                    QStringLiteral("the environment variable %1 was ignored.").arg(name));
        }
        if (i < words.size() && words.at(i).text == QLatin1String("env") && !words.at(i).isOperator)
            return error(QStringLiteral("\"env\" before redis-cli is not supported: write the "
                                        "assignments directly (REDISCLI_AUTH=... redis-cli ...)."));
        if (i < words.size() && !words.at(i).isOperator &&
            !words.at(i).text.startsWith(QLatin1Char('-'))) {
            if (!isProgram(words.at(i).text)) {
                qsizetype program = i + 1;
                while (program < words.size() && !words.at(program).isOperator &&
                       !isProgram(words.at(program).text))
                    ++program;
                if (program >= words.size() || words.at(program).isOperator)
                    return error(QStringLiteral("expected a redis-cli command line (redis-cli "
                                                "followed by its options), found \"%1\".")
                                     .arg(shown(words.at(i).text)));
                m_ignored.append(QStringLiteral("the words before %1 (\"%2 ...\") were ignored.")
                                     .arg(shown(words.at(program).text), shown(words.at(i).text)));
                i = program;
            }
            ++i; // the program itself
        }

        for (; i < words.size(); ++i) {
            const ShellWord& word = words.at(i);
            if (word.isOperator) {
                m_ignored.append(QStringLiteral("everything from the shell operator '%1' on was "
                                                "ignored.")
                                     .arg(word.text));
                break;
            }
            const QString& argument = word.text;
            if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-")) {
                // redis-cli: the first argument that is not an option starts the command.
                const QString first = argument.toUpper();
                static const QRegularExpression commandName(
                    QStringLiteral("^[A-Z][A-Z.|_-]{0,31}$"));
                m_ignored.append(
                    commandName.match(first).hasMatch()
                        ? QStringLiteral("the command after the options (%1 ...) is not part of "
                                         "a connection profile; it was ignored.")
                              .arg(first)
                        : QStringLiteral("the command after the options is not part of a "
                                         "connection profile; it was ignored."));
                // Whatever follows is the command's (operators included).
                break;
            }

            const CliOption* option = findOption(argument);
            QString inlineValue;
            bool hasInlineValue = false;
            qsizetype inlineValueStart = 0;
            if (!option && argument.startsWith(QLatin1String("--"))) {
                // Rediscope also accepts --option=value (redis-cli does not).
                const qsizetype equals = argument.indexOf(QLatin1Char('='));
                if (equals > 2) {
                    option = findOption(argument.left(equals));
                    if (option && option->takesValue) {
                        hasInlineValue = true;
                        inlineValueStart = equals + 1;
                        inlineValue = argument.mid(equals + 1);
                    } else {
                        option = nullptr;
                    }
                }
            }
            if (!option && !argument.startsWith(QLatin1String("--")) && argument.size() > 2) {
                if (const CliOption* glued = findOption(argument.left(2));
                    glued && glued->takesValue)
                    return error(QStringLiteral("%1 must be followed by its value as a separate "
                                                "word (%1 VALUE): redis-cli does not read "
                                                "\"%1VALUE\".")
                                     .arg(argument.left(2)));
            }
            if (!option)
                return error(QStringLiteral("%1 is not a redis-cli option (see redis-cli "
                                            "--help).")
                                 .arg(optionNameOf(argument)));

            const QString name = QLatin1String(option->name);
            const ShellWord* valueWord = nullptr;
            qsizetype valueStart = 0;
            if (option->takesValue) {
                if (hasInlineValue) {
                    valueWord = &word;
                    valueStart = inlineValueStart;
                } else {
                    if (i + 1 >= words.size() || words.at(i + 1).isOperator)
                        return error(QStringLiteral("%1 needs a value.").arg(name));
                    valueWord = &words.at(++i);
                }
            }
            const QString value = valueWord ? valueWord->text.mid(valueStart) : inlineValue;

            const std::optional<Error> applied =
                apply(*option, name, valueWord, valueStart, value, i);
            if (applied)
                return std::unexpected(*applied);
        }

        return finish();
    }

private:
    std::unexpected<Error> error(const QString& message) const
    {
        return invalid(QStringLiteral("Line %1: %2").arg(m_command.line).arg(message));
    }

    std::optional<Error> errorValue(const QString& message) const { return error(message).error(); }

    // Values other than the password must be literal: Rediscope cannot expand variables.
    std::optional<Error> requireLiteral(const QString& name, const ShellWord& word,
                                        qsizetype from) const
    {
        if (!word.hasExpansionFrom(from))
            return std::nullopt;
        for (const ShellWord::Expansion& expansion : word.expansions) {
            if (expansion.start >= from && !expansion.variable.isEmpty())
                return errorValue(QStringLiteral("the value of %1 uses the shell variable $%2, "
                                                 "which Rediscope cannot expand: write its value "
                                                 "instead.")
                                      .arg(name, expansion.variable));
        }
        return errorValue(QStringLiteral("the value of %1 uses a shell substitution, which "
                                         "Rediscope cannot run: write its value instead.")
                              .arg(name));
    }

    void noteTlsOption(const QString& name)
    {
        if (!m_tlsOptions.contains(name))
            m_tlsOptions.append(name);
    }

    std::optional<Error> apply(const CliOption& option, const QString& name,
                               const ShellWord* valueWord, qsizetype valueStart,
                               const QString& value, qsizetype& index)
    {
        Profile& profile = m_imported.profile;
        ProfileTls& tls = profile.tls;
        const bool secretOption = option.kind == Kind::Password;
        if (valueWord && !secretOption && option.kind != Kind::OutputOnly &&
            option.kind != Kind::Mode && option.kind != Kind::ClusterManager &&
            option.kind != Kind::ClusterWeight) {
            if (const std::optional<Error> literal = requireLiteral(name, *valueWord, valueStart))
                return literal;
        }

        switch (option.kind) {
        case Kind::Host: {
            const Result<QString> host = normaliseHost(value);
            if (!host)
                return errorValue(QStringLiteral("-h: %1").arg(host.error().message));
            profile.host = *host;
            break;
        }
        case Kind::Port: {
            bool ok = false;
            const uint port = value.trimmed().toUInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return errorValue(
                    QStringLiteral("-p \"%1\" is not a port (1 to 65535).").arg(value.left(16)));
            profile.port = static_cast<quint16>(port);
            break;
        }
        case Kind::Db: {
            bool ok = false;
            const qlonglong db = value.trimmed().toLongLong(&ok);
            if (!ok || db < 0 || db > RedisUrl::maxDb)
                return errorValue(
                    QStringLiteral("-n \"%1\" is not a database number.").arg(value.left(16)));
            profile.db = static_cast<int>(db);
            break;
        }
        case Kind::Timeout: {
            bool ok = false;
            const double seconds = value.trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(seconds) || seconds < 0)
                return errorValue(
                    QStringLiteral("-t \"%1\" is not a number of seconds.").arg(value.left(16)));
            if (seconds > 0)
                profile.timeoutSeconds = timeoutSecondsFromMilliseconds(seconds * 1000.0);
            break;
        }
        case Kind::User:
            profile.username = value;
            break;
        case Kind::Password:
            m_optionPassword = secretFrom(*valueWord, valueStart);
            break;
        case Kind::AskPass:
            m_askPass = true;
            break;
        case Kind::Uri: {
            const Result<RedisUrl> url = RedisUrl::parse(value);
            if (!url)
                return errorValue(QStringLiteral("-u: %1").arg(url.error().message));
            const UriParts parts = explicitUriParts(value);
            profile.host = url->host;
            if (parts.port)
                profile.port = url->port;
            if (parts.db)
                profile.db = url->db;
            if (!url->username.isEmpty())
                profile.username = url->username;
            if (url->hasPassword) {
                m_optionPassword = SecretValue();
                m_optionPassword.kind = SecretKind::Literal;
                m_optionPassword.literal = url->password;
            }
            if (url->tls)
                m_tls = true;
            if (!url->query.isEmpty())
                m_ignored.append(QStringLiteral("the query options of the -u URI were ignored "
                                                "(redis-cli ignores them too)."));
            break;
        }
        case Kind::Socket:
            m_ignored.append(QStringLiteral("-s (a Unix socket) is not supported: Rediscope "
                                            "connects over TCP, to %1.")
                                 .arg(defaultProfileName(profile.host, profile.port)));
            break;
        case Kind::Tls:
            m_tls = true;
            break;
        case Kind::Sni:
            tls.sni = value;
            noteTlsOption(name);
            break;
        case Kind::CaCert:
            tls.caFile = value;
            noteTlsOption(name);
            break;
        case Kind::CaCertDir:
            tls.caDir = value;
            noteTlsOption(name);
            break;
        case Kind::Cert:
            tls.certFile = value;
            noteTlsOption(name);
            break;
        case Kind::Key:
            tls.keyFile = value;
            noteTlsOption(name);
            break;
        case Kind::TlsCiphers:
            tls.ciphers = value;
            noteTlsOption(name);
            break;
        case Kind::TlsCiphersuites:
            tls.ciphersuites = value;
            noteTlsOption(name);
            break;
        case Kind::Insecure:
            tls.verifyPeer = false;
            tls.verifyHostname = false;
            noteTlsOption(name);
            break;
        case Kind::ClusterMode:
            m_ignored.append(QStringLiteral("-c (cluster mode, following MOVED/ASK redirections) "
                                            "has no equivalent: the profile connects to this "
                                            "node only."));
            break;
        case Kind::Resp3:
            m_ignored.append(QStringLiteral("-3 (RESP3) was ignored: Rediscope speaks RESP2."));
            break;
        case Kind::AddressFamily:
            m_ignored.append(QStringLiteral("%1 (prefer IPv%2 addresses) has no equivalent; it "
                                            "was ignored.")
                                 .arg(name, name.mid(1)));
            break;
        case Kind::OutputOnly:
            break;
        case Kind::Mode:
            m_ignored.append(QStringLiteral("%1 selects a redis-cli mode or tool, not part of a "
                                            "connection profile; it was ignored.")
                                 .arg(name));
            break;
        case Kind::ClusterManager: {
            m_ignored.append(QStringLiteral("--cluster (the cluster manager) is not part of a "
                                            "connection profile; it was ignored."));
            // As redis-cli: the subcommand, then its arguments up to the next option.
            const QList<ShellWord>& words = m_command.words;
            qsizetype j = index;
            while (j < words.size() && !words.at(j).isOperator &&
                   !words.at(j).text.startsWith(QLatin1Char('-')))
                ++j;
            if (j > index)
                --j;
            index = j;
            break;
        }
        case Kind::ClusterWeight: {
            m_ignored.append(QStringLiteral("--cluster-weight selects a redis-cli mode or tool, "
                                            "not part of a connection profile; it was ignored."));
            // As redis-cli: node=weight words, starting with the one already read.
            const QList<ShellWord>& words = m_command.words;
            while (index + 1 < words.size() && !words.at(index + 1).isOperator &&
                   !words.at(index + 1).text.startsWith(QLatin1String("--")) &&
                   words.at(index + 1).text.contains(QLatin1Char('=')))
                ++index;
            break;
        }
        }
        return std::nullopt;
    }

    Result<ImportedProfile> finish()
    {
        Profile& profile = m_imported.profile;
        profile.name = defaultProfileName(profile.host, profile.port);
        profile.tls.enabled = m_tls;

        if (m_askPass) {
            if (m_optionPassword.kind != SecretKind::None ||
                m_environmentPassword.kind != SecretKind::None)
                m_ignored.append(QStringLiteral("--askpass asks for the password, so the "
                                                "password given with -a, --pass, -u or "
                                                "REDISCLI_AUTH was ignored (as in redis-cli)."));
            profile.password = SecretRef::prompt();
        } else {
            // As redis-cli: -a/--pass/-u win over REDISCLI_AUTH.
            const SecretValue& secret = m_optionPassword.kind != SecretKind::None
                                            ? m_optionPassword
                                            : m_environmentPassword;
            switch (secret.kind) {
            case SecretKind::None:
                break;
            case SecretKind::Literal:
                m_imported.password = secret.literal;
                break;
            case SecretKind::Variable:
                profile.password = SecretRef::env(secret.variable);
                m_imported.notes.append(
                    QStringLiteral("The password is read from the environment variable %1.")
                        .arg(secret.variable));
                break;
            case SecretKind::Prompt:
                profile.password = SecretRef::prompt();
                m_ignored.append(QStringLiteral("the password comes from a shell substitution "
                                                "Rediscope cannot run: it will ask for it "
                                                "instead."));
                break;
            }
        }

        for (const QString& message : std::as_const(m_ignored))
            warn(m_result, m_imported, message);
        if (!m_tls && !m_tlsOptions.isEmpty())
            warn(m_result, m_imported,
                 QStringLiteral("%1 given without --tls: redis-cli ignores them, so TLS stays off "
                                "(the settings are kept in the profile).")
                     .arg(m_tlsOptions.join(QStringLiteral(", "))));
        if (m_tls && profile.tls.verifyPeer)
            m_imported.notes.append(QStringLiteral(
                "redis-cli does not check the server's host name against its certificate; "
                "Rediscope does."));
        return m_imported;
    }

    const ShellCommand& m_command;
    ImportResult& m_result;
    ImportedProfile m_imported;
    bool m_tls = false;
    bool m_askPass = false;
    SecretValue m_optionPassword;
    SecretValue m_environmentPassword;
    QStringList m_tlsOptions;
    QStringList m_ignored;
};

} // namespace

Result<ImportResult> importRedisCli(const QString& text)
{
    const Result<QList<ShellCommand>> commands = splitShellCommands(text);
    if (!commands)
        return std::unexpected(commands.error());
    ImportResult result;
    result.format = ImportFormat::RedisCli;
    for (const ShellCommand& command : *commands) {
        CommandReader reader(command, result);
        Result<ImportedProfile> imported = reader.read();
        if (!imported)
            return std::unexpected(imported.error());
        result.profiles.append(std::move(*imported));
    }
    if (result.profiles.isEmpty())
        return invalid(QStringLiteral("No redis-cli command line found: write e.g. redis-cli "
                                      "--tls -h host -p 6380."));
    return result;
}

} // namespace rediscope
