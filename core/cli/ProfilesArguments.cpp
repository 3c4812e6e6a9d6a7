#include "ProfilesArguments.h"

#include "cli/TlsArguments.h"
#include "profile/ClientSnippets.h"
#include "profile/RedisUrl.h"
#include "profile/import/ShellWords.h"
#include "tls/TlsOptions.h"

#include <QRegularExpression>
#include <QUuid>
#include <optional>
#include <set>

namespace rediscope {

namespace {

using Action = ProfilesArguments::Action;

constexpr unsigned bit(Action action)
{
    return 1U << static_cast<unsigned>(action);
}

constexpr unsigned AllActions = bit(Action::List) | bit(Action::Show) | bit(Action::Add) |
                                bit(Action::Remove) | bit(Action::Import) | bit(Action::Export) |
                                bit(Action::Snippet);

enum class Option
{
    Profiles,
    Format,
    Env,
    Name,
    Service,
    Tags,
    Notes,
    ExpectedServer,
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
    User,
    Timeout,
    AskPass,
    PasswordSource,
    KeyPassphraseSource,
    AskKeyPassphrase,
    From,
    CertsDir,
    DryRun,
    As,
    All,
    Client,
};

struct OptionSpec
{
    const char* name; // "--cacert"
    Option option;
    const char* valueName; // "FILE"; nullptr for a flag
    unsigned actions;      // where it applies
    bool repeatable;
    bool tlsOnly; // add: meaningless without TLS
};

constexpr unsigned AddOnly = bit(Action::Add);

constexpr OptionSpec kOptions[] = {
    {"--profiles", Option::Profiles, "FILE", AllActions, false, false},
    {"--format", Option::Format, "FORMAT", bit(Action::List) | bit(Action::Show), false, false},
    {"--env", Option::Env, "ENV", bit(Action::List) | bit(Action::Add) | bit(Action::Import), true,
     false},
    {"--environment", Option::Env, "ENV",
     bit(Action::List) | bit(Action::Add) | bit(Action::Import), true, false},
    {"--name", Option::Name, "NAME", bit(Action::Add) | bit(Action::Import), false, false},
    {"--service", Option::Service, "NAME", bit(Action::Add) | bit(Action::Import), false, false},
    {"--tags", Option::Tags, "LIST", AddOnly, true, false},
    {"--notes", Option::Notes, "TEXT", AddOnly, false, false},
    {"--expected-server", Option::ExpectedServer, "KIND", AddOnly, false, false},
    {"--tls", Option::Tls, nullptr, AddOnly, false, false},
    {"--cacert", Option::CaCert, "FILE", AddOnly, false, true},
    {"--cacertdir", Option::CaCertDir, "DIR", AddOnly, false, true},
    {"--cert", Option::Cert, "FILE", AddOnly, false, true},
    {"--key", Option::Key, "FILE", AddOnly, false, true},
    {"--sni", Option::Sni, "NAME", AddOnly, false, true},
    {"--insecure", Option::Insecure, nullptr, AddOnly, false, true},
    {"--no-verify-hostname", Option::NoVerifyHostname, nullptr, AddOnly, false, true},
    {"--tls-ciphers", Option::TlsCiphers, "LIST", AddOnly, false, true},
    {"--tls-ciphersuites", Option::TlsCiphersuites, "LIST", AddOnly, false, true},
    {"--tls-min", Option::TlsMin, "VERSION", AddOnly, false, true},
    {"--user", Option::User, "NAME", AddOnly, false, false},
    {"--timeout", Option::Timeout, "SECONDS", AddOnly, false, false},
    {"--askpass", Option::AskPass, nullptr, AddOnly, false, false},
    {"--password-source", Option::PasswordSource, "SOURCE", bit(Action::Add) | bit(Action::Import),
     false, false},
    {"--key-passphrase-source", Option::KeyPassphraseSource, "SOURCE", AddOnly, false, true},
    {"--ask-key-passphrase", Option::AskKeyPassphrase, nullptr, AddOnly, false, true},
    {"--from", Option::From, "FORMAT", bit(Action::Import), false, false},
    {"--certs-dir", Option::CertsDir, "DIR", bit(Action::Import), false, false},
    {"--dry-run", Option::DryRun, nullptr, bit(Action::Import), false, false},
    {"--as", Option::As, "FORMAT", bit(Action::Export), false, false},
    {"--all", Option::All, nullptr, bit(Action::Export), false, false},
    {"--client", Option::Client, "CLIENT", bit(Action::Snippet), false, false},
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

const struct
{
    Action action;
    const char* name;
} kActions[] = {
    {Action::List, "list"},       {Action::Show, "show"},     {Action::Add, "add"},
    {Action::Remove, "remove"},   {Action::Import, "import"}, {Action::Export, "export"},
    {Action::Snippet, "snippet"},
};

std::optional<Action> actionFromName(const QString& name)
{
    for (const auto& entry : kActions) {
        if (name == QLatin1String(entry.name))
            return entry.action;
    }
    return std::nullopt;
}

QString actionList(unsigned actions)
{
    QStringList names;
    for (const auto& entry : kActions) {
        if (actions & bit(entry.action))
            names << QLatin1String(entry.name);
    }
    if (names.size() <= 1)
        return names.value(0);
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

bool hasControl(const QString& text)
{
    for (const QChar ch : text) {
        if (ch.category() == QChar::Other_Control && ch != QLatin1Char('\n') &&
            ch != QLatin1Char('\t'))
            return true;
    }
    return false;
}

// Echo a word back in a message only when it cannot be a password or a URL holding one.
bool safeToEcho(const QString& word)
{
    return !word.contains(QLatin1Char('@')) && !word.contains(QLatin1Char(':')) &&
           !hasSpaceOrControl(word) && word.size() <= 40;
}

std::unexpected<Error> passwordOptionRejected(const QString& name)
{
    return invalid(QStringLiteral("%1 is not supported: a password on the command line is visible "
                                  "to other users (in the process list) and stays in your shell "
                                  "history. Put it in the URL you add, use --askpass to type it, "
                                  "or keep it in a variable with --password-source env:VARIABLE.")
                       .arg(name));
}

bool isPasswordOption(const QString& name)
{
    return name == QLatin1String("--pass") || name == QLatin1String("--password") ||
           name == QLatin1String("--auth");
}

std::optional<QString> redisCliHint(const QString& name, Action action)
{
    const bool hostLike = name == QLatin1String("-h") || name == QLatin1String("--host") ||
                          name == QLatin1String("-p") || name == QLatin1String("--port") ||
                          name == QLatin1String("-n") || name == QLatin1String("--db");
    if (!hostLike)
        return std::nullopt;
    if (action == Action::Import)
        return QStringLiteral("%1 is not an option of profiles import. To import a redis-cli "
                              "command line, write it after the source word: rediscope profiles "
                              "import redis-cli -h HOST -p PORT --tls ... (or quote it as one "
                              "argument).")
            .arg(name);
    return QStringLiteral("%1 is not supported: the host, port and database belong in the URL, "
                          "e.g. rediscope profiles add rediss://HOST:PORT/DB --name NAME (-h is "
                          "not help; --help is).")
        .arg(name);
}

Result<QString> parseEnvironment(const QString& option, const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]{0,63}$"));
    const QString name = value.trimmed().toLower();
    if (!pattern.match(name).hasMatch())
        return invalid(QStringLiteral("%1 \"%2\" is not a valid environment name: use development, "
                                      "staging, production, or a name of your own made of letters, "
                                      "digits, '-', '_' and '.'.")
                           .arg(option, value.simplified().left(80)));
    return name;
}

Result<QString> parseName(const QString& option, const QString& value)
{
    const QString name = value.trimmed();
    if (name.isEmpty())
        return invalid(QStringLiteral("%1 needs a non-empty name.").arg(option));
    if (hasControl(name) || name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\t')))
        return invalid(QStringLiteral("%1: a name cannot contain line breaks, tabs or control "
                                      "characters.")
                           .arg(option));
    if (name.size() > 200)
        return invalid(QStringLiteral("%1 is %2 characters long: keep names under 200.")
                           .arg(option)
                           .arg(name.size()));
    if (!QUuid::fromString(name).isNull())
        return invalid(QStringLiteral("%1 \"%2\" looks like a profile id: choose a name that "
                                      "cannot be mistaken for one.")
                           .arg(option, name));
    return name;
}

Result<SecretRef> parseSource(const QString& option, const QString& value, bool keychainAllowed,
                              bool envAllowed, bool noneAllowed)
{
    const QString text = value.trimmed();
    const std::optional<SecretRef> source = SecretRef::fromString(text);
    QStringList allowed;
    if (keychainAllowed)
        allowed << QStringLiteral("keychain");
    allowed << QStringLiteral("prompt");
    if (envAllowed)
        allowed << QStringLiteral("env:VARIABLE");
    if (noneAllowed)
        allowed << QStringLiteral("none");
    const QString choices = allowed.join(QStringLiteral(", "));
    if (!source) {
        if (text.startsWith(QLatin1String("env:")))
            return invalid(QStringLiteral("%1 \"%2\": the variable name must be letters, digits "
                                          "and '_', not starting with a digit (env:REDIS_PASSWORD)"
                                          ".")
                               .arg(option, text.left(80)));
        // Never echo the value: someone may have put the password itself here.
        return invalid(QStringLiteral("%1 takes where the secret is kept, not the secret: use %2.")
                           .arg(option, choices));
    }
    const bool ok = (source->source == SecretRef::Source::Keychain && keychainAllowed) ||
                    source->source == SecretRef::Source::Prompt ||
                    (source->source == SecretRef::Source::Env && envAllowed) ||
                    (source->source == SecretRef::Source::None && noneAllowed);
    if (!ok)
        return invalid(QStringLiteral("%1 %2 is not possible here: use %3.")
                           .arg(option, source->toString(), choices));
    return *source;
}

bool isRedisCliWord(const QString& word)
{
    return word == QLatin1String("redis-cli") || word.endsWith(QLatin1String("/redis-cli"));
}

bool isUrl(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    return lower.startsWith(QLatin1String("redis://")) ||
           lower.startsWith(QLatin1String("rediss://"));
}

bool startsWithRedisCli(const QString& text)
{
    const QString first = text.trimmed().section(QLatin1Char(' '), 0, 0);
    return isRedisCliWord(first);
}

struct Given
{
    const OptionSpec* spec = nullptr;
    QString name;
    QString value;
};

} // namespace

QString ProfilesArguments::actionName(Action action)
{
    for (const auto& entry : kActions) {
        if (entry.action == action)
            return QLatin1String(entry.name);
    }
    return QString();
}

Result<ProfilesArguments> ProfilesArguments::parse(const QStringList& arguments)
{
    ProfilesArguments result;

    // --help wins over everything else, wherever it is (before "--").
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--"))
            break;
        if (argument == QLatin1String("--help")) {
            result.help = true;
            return result;
        }
    }
    if (arguments.value(0) == QLatin1String("help")) {
        result.help = true;
        return result;
    }

    // First pass: options (with their values) and positional words.
    QList<Given> given;
    QStringList positionals;
    bool endOfOptions = false;
    bool commandWords = false; // after "redis-cli" in `import`: the words are the command's
    std::optional<Action> action;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (commandWords || endOfOptions || argument == QLatin1String("-") ||
            !argument.startsWith(QLatin1Char('-'))) {
            positionals.append(argument);
            if (positionals.size() == 1)
                action = actionFromName(argument);
            else if (action == Action::Import && positionals.size() == 2 &&
                     isRedisCliWord(argument))
                commandWords = true;
            continue;
        }
        if (argument == QLatin1String("--")) {
            endOfOptions = true;
            continue;
        }
        const Action current = action.value_or(Action::List);
        if (!argument.startsWith(QLatin1String("--"))) {
            // A short option. Never echo more than its letter: "-asecret" is a password.
            const QString name = argument.left(2);
            if (name == QLatin1String("-a"))
                return passwordOptionRejected(name);
            if (argument.size() == 2) {
                if (const std::optional<QString> hint = redisCliHint(name, current))
                    return invalid(*hint);
            }
            return invalid(
                QStringLiteral("Unknown option %1 for profiles: options are written with two "
                               "dashes (see rediscope profiles --help).")
                    .arg(argument.size() == 2 ? argument : name + QStringLiteral("...")));
        }
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? argument : argument.left(equals);
        if (isPasswordOption(name))
            return passwordOptionRejected(name);
        if (name == QLatin1String("--tls-max"))
            return invalid(QStringLiteral("--tls-max is not part of a profile: a profile sets the "
                                          "lowest TLS version it accepts (--tls-min) and always "
                                          "offers the highest."));
        const OptionSpec* spec = findOption(name);
        if (!spec) {
            if (const std::optional<QString> hint = redisCliHint(name, current))
                return invalid(*hint);
            // Only the name: the value of an unknown option might be a secret.
            return invalid(QStringLiteral("Unknown option %1 for profiles (see rediscope profiles "
                                          "--help).")
                               .arg(name));
        }
        Given option{spec, name, QString()};
        if (spec->valueName == nullptr) {
            if (equals >= 0)
                return invalid(QStringLiteral("%1 takes no value.").arg(name));
        } else {
            if (equals >= 0) {
                option.value = argument.mid(equals + 1);
            } else if (i + 1 < arguments.size() &&
                       !arguments.at(i + 1).startsWith(QLatin1String("--"))) {
                option.value = arguments.at(++i);
            } else {
                return invalid(QStringLiteral("%1 needs a value: %1 %2.")
                                   .arg(name, QLatin1String(spec->valueName)));
            }
            if (option.value.trimmed().isEmpty())
                return invalid(QStringLiteral("%1 needs a non-empty value: %1 %2.")
                                   .arg(name, QLatin1String(spec->valueName)));
        }
        given.append(option);
    }

    if (positionals.isEmpty())
        return invalid(
            QStringLiteral("Name an action: rediscope profiles list, show, add, remove, "
                           "import, export or snippet (see rediscope profiles --help)."));
    if (!action) {
        const QString word = positionals.first();
        return invalid(safeToEcho(word)
                           ? QStringLiteral("Unknown action \"%1\" for profiles: use list, show, "
                                            "add, remove, import, export or snippet.")
                                 .arg(word)
                           : QStringLiteral("The first word after profiles must be an action: "
                                            "list, show, add, remove, import, export or "
                                            "snippet."));
    }
    result.action = *action;
    const QString actionWord = actionName(*action);
    positionals.removeFirst();

    // Second pass: apply the options to the action.
    std::set<Option> seen;
    QStringList tlsOnlyGiven;
    bool forceTls = false;
    std::optional<QString> user;
    std::optional<SecretRef> passwordSource;
    std::optional<SecretRef> keyPassphraseSource;
    std::optional<QString> name;
    std::optional<QString> environment;
    Profile& profile = result.profile;
    ProfileTls& tls = profile.tls;
    for (const Given& option : std::as_const(given)) {
        const OptionSpec& spec = *option.spec;
        const QString& value = option.value;
        if (!(spec.actions & bit(*action)))
            return invalid(QStringLiteral("%1 does not apply to profiles %2: it is an option of "
                                          "profiles %3.")
                               .arg(option.name, actionWord, actionList(spec.actions)));
        const bool repeatable =
            spec.repeatable && !(spec.option == Option::Env && *action != Action::List);
        if (!repeatable && seen.contains(spec.option))
            return invalid(
                QStringLiteral("%1 is given more than once: give it once.")
                    .arg(spec.option == Option::Env ? QStringLiteral("--env") : option.name));
        seen.insert(spec.option);
        if (spec.tlsOnly && !tlsOnlyGiven.contains(option.name))
            tlsOnlyGiven.append(option.name);

        if (const std::optional<TlsArgument> tlsOption = tlsArgumentNamed(spec.name)) {
            if (auto applied = applyTlsArgument(tls, *tlsOption, option.name, value); !applied)
                return std::unexpected(applied.error());
            continue;
        }
        switch (spec.option) {
        case Option::Profiles:
            result.profilesFile = value;
            break;
        case Option::Format: {
            const QString format = value.trimmed().toLower();
            if (format != QLatin1String("text") && format != QLatin1String("json"))
                return invalid(QStringLiteral("--format \"%1\" is not a known format: use text or "
                                              "json.")
                                   .arg(value.simplified().left(40)));
            result.format = format;
            break;
        }
        case Option::Env: {
            const Result<QString> env = parseEnvironment(option.name, value);
            if (!env)
                return std::unexpected(env.error());
            if (*action == Action::List)
                result.environments.append(*env);
            else
                environment = *env;
            break;
        }
        case Option::Name: {
            const Result<QString> parsed = parseName(option.name, value);
            if (!parsed)
                return std::unexpected(parsed.error());
            name = *parsed;
            break;
        }
        case Option::Service: {
            const QString service = value.trimmed();
            if (hasControl(service) || service.contains(QLatin1Char('\n')))
                return invalid(QStringLiteral("--service: a service name cannot contain line "
                                              "breaks or control characters."));
            if (*action == Action::Add)
                profile.service = service;
            else
                result.importService = service;
            break;
        }
        case Option::Tags:
            for (const QString& tag : value.split(QLatin1Char(','))) {
                const QString trimmed = tag.trimmed();
                if (hasControl(trimmed))
                    return invalid(QStringLiteral("--tags: a tag cannot contain control "
                                                  "characters."));
                if (!trimmed.isEmpty() && !profile.tags.contains(trimmed))
                    profile.tags.append(trimmed);
            }
            break;
        case Option::Notes:
            profile.notes = value;
            break;
        case Option::ExpectedServer: {
            const QString kind = value.trimmed().toLower();
            static const QStringList kinds = {QStringLiteral("redis"), QStringLiteral("valkey"),
                                              QStringLiteral("dragonfly"), QStringLiteral("keydb")};
            if (!kinds.contains(kind))
                return invalid(QStringLiteral("--expected-server \"%1\" is not a server kind: use "
                                              "redis, valkey, dragonfly or keydb.")
                                   .arg(value.simplified().left(40)));
            profile.expectedServerKind = kind;
            break;
        }
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
            break; // applied above (applyTlsArgument)
        case Option::User:
            if (hasSpaceOrControl(value))
                return invalid(QStringLiteral("--user: a user name cannot contain whitespace or "
                                              "control characters."));
            user = value;
            break;
        case Option::Timeout: {
            bool ok = false;
            const int seconds = value.trimmed().toInt(&ok);
            if (!ok)
                return invalid(QStringLiteral("--timeout \"%1\" is not a whole number of seconds: "
                                              "a profile keeps whole seconds, e.g. --timeout 10.")
                                   .arg(value.simplified().left(40)));
            if (seconds < 1 || seconds > 3600)
                return invalid(QStringLiteral("--timeout %1 is out of range: give 1 to 3600 "
                                              "seconds.")
                                   .arg(seconds));
            profile.timeoutSeconds = seconds;
            break;
        }
        case Option::AskPass:
            result.askPassword = true;
            break;
        case Option::PasswordSource: {
            const bool add = *action == Action::Add;
            const Result<SecretRef> source = parseSource(option.name, value, true, add, add);
            if (!source)
                return std::unexpected(source.error());
            passwordSource = *source;
            break;
        }
        case Option::KeyPassphraseSource: {
            const Result<SecretRef> source = parseSource(option.name, value, true, true, true);
            if (!source)
                return std::unexpected(source.error());
            keyPassphraseSource = *source;
            break;
        }
        case Option::AskKeyPassphrase:
            result.askKeyPassphrase = true;
            break;
        case Option::From: {
            QString format = value.trimmed().toLower();
            if (format == QLatin1String("resp-app") || format == QLatin1String("resp.app"))
                format = QStringLiteral("respapp");
            static const QStringList formats = {
                QStringLiteral("auto"),     QStringLiteral("url"),  QStringLiteral("redis-cli"),
                QStringLiteral("respapp"),  QStringLiteral("ardm"), QStringLiteral("redisinsight"),
                QStringLiteral("rediscope")};
            if (!formats.contains(format))
                return invalid(QStringLiteral("--from \"%1\" is not a format profiles import "
                                              "reads: use url, redis-cli, resp-app, ardm, "
                                              "redisinsight or rediscope (or leave it out to "
                                              "detect it).")
                                   .arg(value.simplified().left(40)));
            result.importFormat = format;
            break;
        }
        case Option::CertsDir:
            result.certsDir = value;
            break;
        case Option::DryRun:
            result.dryRun = true;
            break;
        case Option::As: {
            const QString as = value.trimmed().toLower();
            if (as != QLatin1String("url") && as != QLatin1String("redis-cli") &&
                as != QLatin1String("json"))
                return invalid(QStringLiteral("--as \"%1\" is not an export format: use url, "
                                              "redis-cli or json.")
                                   .arg(value.simplified().left(40)));
            result.exportAs = as;
            break;
        }
        case Option::All:
            result.all = true;
            break;
        case Option::Client: {
            const std::optional<ClientSnippets::Client> client = ClientSnippets::fromName(value);
            if (!client)
                return invalid(QStringLiteral("--client \"%1\" is not a client snippets are made "
                                              "for: use %2.")
                                   .arg(value.simplified().left(40), ClientSnippets::names()));
            result.snippetClient = ClientSnippets::name(*client);
            break;
        }
        }
    }

    switch (*action) {
    case Action::List:
        if (!positionals.isEmpty())
            return invalid(QStringLiteral("profiles list takes no profile names: to see one "
                                          "profile, use rediscope profiles show NAME."));
        return result;
    case Action::Show:
        if (positionals.isEmpty())
            return invalid(QStringLiteral("profiles show needs the name or id of a profile: "
                                          "rediscope profiles show NAME."));
        if (positionals.size() > 1)
            return invalid(QStringLiteral("profiles show takes one profile; quote a name that "
                                          "has spaces (rediscope profiles show \"prod cache\")."));
        result.names = positionals;
        return result;
    case Action::Remove:
        if (positionals.isEmpty())
            return invalid(QStringLiteral("profiles remove needs the name or id of a profile: "
                                          "rediscope profiles remove NAME."));
        result.names = positionals;
        return result;
    case Action::Snippet:
        if (positionals.size() != 1)
            return invalid(positionals.isEmpty()
                               ? QStringLiteral("profiles snippet needs the name or id of a "
                                                "profile: rediscope profiles snippet NAME "
                                                "--client CLIENT.")
                               : QStringLiteral("profiles snippet takes one profile; quote a name "
                                                "that has spaces."));
        if (result.snippetClient.isEmpty())
            return invalid(QStringLiteral("profiles snippet needs --client CLIENT: %1.")
                               .arg(ClientSnippets::names()));
        result.names = positionals;
        return result;
    case Action::Export:
        if (positionals.isEmpty() && !result.all)
            return invalid(QStringLiteral("profiles export needs the profiles to export: give "
                                          "their names or ids, or --all."));
        if (!positionals.isEmpty() && result.all)
            return invalid(QStringLiteral("profiles export takes names or --all, not both."));
        result.names = positionals;
        return result;
    case Action::Import: {
        if (positionals.isEmpty())
            return invalid(QStringLiteral("profiles import needs what to import: a file (or - for "
                                          "standard input), a redis:// or rediss:// URL, or a "
                                          "redis-cli command line."));
        if (positionals.size() > 1 && !isRedisCliWord(positionals.first()))
            return invalid(QStringLiteral("profiles import takes one source: a file, a URL or a "
                                          "redis-cli command line (quote it, or write it last: "
                                          "rediscope profiles import redis-cli -h HOST ...)."));
        if (positionals.size() > 1) {
            QStringList words;
            for (const QString& word : std::as_const(positionals))
                words << shellQuote(word);
            result.importSource = words.join(QLatin1Char(' '));
            result.importInput = ImportInput::Text;
        } else if (positionals.first() == QLatin1String("-")) {
            result.importInput = ImportInput::Stdin;
        } else if (isUrl(positionals.first()) || startsWithRedisCli(positionals.first())) {
            result.importInput = ImportInput::Text;
            result.importSource = positionals.first();
        } else {
            result.importInput = ImportInput::File;
            result.importSource = positionals.first();
        }
        if (result.importInput == ImportInput::Text) {
            const bool url = isUrl(result.importSource);
            if (url && result.importFormat != QLatin1String("auto") &&
                result.importFormat != QLatin1String("url"))
                return invalid(QStringLiteral("--from %1 does not match the source, which is a "
                                              "URL: leave --from out, or use --from url.")
                                   .arg(result.importFormat));
            if (!url && result.importFormat != QLatin1String("auto") &&
                result.importFormat != QLatin1String("redis-cli"))
                return invalid(QStringLiteral("--from %1 does not match the source, which is a "
                                              "redis-cli command line: leave --from out, or use "
                                              "--from redis-cli.")
                                   .arg(result.importFormat));
        }
        if (name)
            result.importName = *name;
        if (environment)
            result.importEnvironment = *environment;
        if (passwordSource)
            result.importPasswordsToKeychain =
                passwordSource->source == SecretRef::Source::Keychain;
        return result;
    }
    case Action::Add:
        break;
    }

    // add URL
    if (positionals.isEmpty())
        return invalid(QStringLiteral("profiles add needs the server's URL: rediscope profiles add "
                                      "rediss://host:port --name NAME."));
    if (positionals.size() > 1)
        return invalid(
            QStringLiteral("profiles add takes one URL; options start with '--' and "
                           "a name with spaces must be quoted (--name \"prod cache\")."));
    const Result<RedisUrl> url = RedisUrl::parse(positionals.first());
    if (!url)
        return std::unexpected(url.error());
    if (!url->query.isEmpty())
        return invalid(QStringLiteral("profiles add does not read URL options (?%1=...): give the "
                                      "settings as options (--cacert, --insecure, ...), or use "
                                      "rediscope profiles import URL, which maps the options "
                                      "common clients use.")
                           .arg(url->query.first().first.left(40)));

    profile.host = url->host;
    profile.port = url->port;
    profile.db = url->db;
    tls.enabled = url->tls || forceTls;
    profile.username = user ? *user : url->username;
    if (environment)
        profile.environment = *environment;
    if (name) {
        profile.name = *name;
    } else {
        profile.name = url->host.contains(QLatin1Char(':'))
                           ? QStringLiteral("[%1]:%2").arg(url->host).arg(url->port)
                           : QStringLiteral("%1:%2").arg(url->host).arg(url->port);
    }

    if (!tls.enabled && !tlsOnlyGiven.isEmpty())
        return invalid(QStringLiteral("%1 only applies to TLS connections, but %2 is a plain "
                                      "redis:// URL: use rediss:// or add --tls.")
                           .arg(tlsOnlyGiven.first(), url->toString()));
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty())
        return invalid(tls.certFile.isEmpty()
                           ? QStringLiteral("--key needs --cert: a client certificate needs both "
                                            "the certificate file and its key file.")
                           : QStringLiteral("--cert needs --key: a client certificate needs both "
                                            "the certificate file and its key file."));

    // The password: from the URL or the terminal into the keychain, or a reference only.
    if (result.askPassword && url->hasPassword)
        return invalid(QStringLiteral("The URL holds a password and --askpass asks for one: "
                                      "remove the password from the URL, or drop --askpass."));
    const bool passwordGiven = url->hasPassword || result.askPassword;
    if (passwordSource) {
        if (passwordGiven && passwordSource->source != SecretRef::Source::Keychain)
            return invalid(QStringLiteral("%1 is given, but --password-source %2 says the "
                                          "password is not kept in the keychain: remove the "
                                          "password from the URL (or drop --askpass), or use "
                                          "--password-source keychain.")
                               .arg(url->hasPassword ? QStringLiteral("A password in the URL")
                                                     : QStringLiteral("--askpass"),
                                    passwordSource->toString()));
        if (!passwordGiven && passwordSource->source == SecretRef::Source::Keychain)
            return invalid(QStringLiteral("--password-source keychain needs the password to "
                                          "store: put it in the URL "
                                          "(rediss://user:PASSWORD@host) or use --askpass."));
        result.passwordSource = *passwordSource;
    } else {
        result.passwordSource = passwordGiven ? SecretRef::keychain() : SecretRef::none();
    }
    if (url->hasPassword)
        result.password = url->password;
    profile.password = result.passwordSource;

    // The key passphrase: only with a client key.
    if ((keyPassphraseSource || result.askKeyPassphrase) && tls.keyFile.isEmpty())
        return invalid(QStringLiteral("%1 needs a client key: add --cert FILE and --key FILE.")
                           .arg(result.askKeyPassphrase
                                    ? QStringLiteral("--ask-key-passphrase")
                                    : QStringLiteral("--key-passphrase-source")));
    if (keyPassphraseSource) {
        if (result.askKeyPassphrase && keyPassphraseSource->source != SecretRef::Source::Keychain)
            return invalid(QStringLiteral("--ask-key-passphrase stores the passphrase in the "
                                          "keychain, but --key-passphrase-source %1 says it is "
                                          "kept elsewhere: drop one of them.")
                               .arg(keyPassphraseSource->toString()));
        if (!result.askKeyPassphrase && keyPassphraseSource->source == SecretRef::Source::Keychain)
            return invalid(QStringLiteral("--key-passphrase-source keychain needs the passphrase "
                                          "to store: add --ask-key-passphrase to type it."));
        result.keyPassphraseSource = *keyPassphraseSource;
    } else {
        result.keyPassphraseSource =
            result.askKeyPassphrase ? SecretRef::keychain() : SecretRef::none();
    }
    tls.keyPassphrase = result.keyPassphraseSource;
    return result;
}

QString ProfilesArguments::usage()
{
    return QStringLiteral(
               "Usage: rediscope profiles ACTION [arguments] [--profiles FILE]\n"
               "\n"
               "Manage the profiles file: one JSON file (schema rediscope-profiles/1) that never "
               "holds\n"
               "a secret, only where it is kept: keychain, env:VARIABLE, prompt (asked each "
               "session) or\n"
               "none. Passwords go to the system keychain; when there is none, Rediscope refuses "
               "to\n"
               "store a password rather than write it anywhere.\n"
               "\n"
               "Actions:\n"
               "  list [--env ENV]... [--format text|json]\n"
               "        Every profile: name, service, environment, endpoint and TLS verification.\n"
               "  show NAME|ID [--format text|json]\n"
               "        Every field of one profile. Secrets show where they are kept, never a "
               "value.\n"
               "  add URL [--name NAME] [--service NAME] [--env ENV] [connection options]\n"
               "        A new profile for the server at URL (redis:// or "
               "rediss://[user[:password]@]\n"
               "        host[:port][/db]). The name defaults to host:port, the environment to\n"
               "        development. A password in the URL goes to the keychain.\n"
               "  remove NAME|ID...\n"
               "        Removes profiles, and the secrets the keychain holds for them.\n"
               "  import SOURCE [--from FORMAT] [--env ENV] [--service NAME] [--name NAME]\n"
               "        [--password-source keychain|prompt] [--certs-dir DIR] [--dry-run]\n"
               "        Adds the connections of SOURCE: a file, - (standard input), a redis:// or\n"
               "        rediss:// URL, or a redis-cli command line (quoted, or written last:\n"
               "        rediscope profiles import redis-cli -h HOST -p PORT --tls ...). FORMAT is "
               "url,\n"
               "        redis-cli, resp-app (connections.json), ardm (Another Redis Desktop "
               "Manager),\n"
               "        redisinsight or rediscope (our own JSON); detected when left out. What "
               "could\n"
               "        not be mapped is reported. Passwords found go to the keychain (prompt: "
               "they\n"
               "        are dropped and asked each session). Certificates and keys embedded in "
               "the\n"
               "        export are written to --certs-dir (keys with mode 0600) when it is given.\n"
               "        --name renames the imported profile (one only); --dry-run shows what would "
               "be\n"
               "        imported and changes nothing.\n"
               "  export NAME...|--all [--as url|redis-cli|json]\n"
               "        Writes the profiles to standard output: as URLs (never with a password, "
               "the\n"
               "        default), redis-cli command lines, or our JSON (secret references only).\n"
               "  snippet NAME|ID --client CLIENT\n"
               "        Client code that connects as the profile does, with TLS verification and\n"
               "        the host name check on, the password read from an environment variable.\n"
               "        CLIENT is redis-cli, redis-py, node-redis, ioredis, go-redis, jedis,\n"
               "        lettuce or hiredis.\n"
               "\n"
               "Options of add (the connection options follow redis-cli and rediscope inspect):\n"
               "  --tls                      Use TLS even for a redis:// URL.\n"
               "  --cacert FILE              CA certificates (PEM) to verify the server with.\n"
               "  --cacertdir DIR            Directory of CA certificates (hashed, c_rehash).\n"
               "  --cert FILE, --key FILE    Client certificate and its private key, for mutual "
               "TLS.\n"
               "  --sni NAME                 Server name to send.\n"
               "  --insecure                 Do not verify the certificate chain (flagged by "
               "audits).\n"
               "  --no-verify-hostname       Do not require the certificate to match the host.\n"
               "  --tls-ciphers LIST         OpenSSL cipher list for TLS 1.2 and below.\n"
               "  --tls-ciphersuites LIST    TLS 1.3 cipher suites.\n"
               "  --tls-min VERSION          Lowest TLS version: 1.2 (default) or 1.3.\n"
               "  --user NAME                ACL user name (overrides the user in the URL).\n"
               "  --timeout SECONDS          Connection timeout, whole seconds (default 10).\n"
               "  --tags LIST                Comma-separated tags (repeatable).\n"
               "  --notes TEXT               Free text kept with the profile.\n"
               "  --expected-server KIND     redis, valkey, dragonfly or keydb.\n"
               "  --askpass                  Type the password (stored in the keychain).\n"
               "  --password-source SOURCE   Where the password is kept: keychain (default when a\n"
               "                             password is given), prompt, env:VARIABLE or none.\n"
               "  --ask-key-passphrase       Type the client key's passphrase (stored in the "
               "keychain).\n"
               "  --key-passphrase-source SOURCE\n"
               "                             Where the key passphrase is kept (as "
               "--password-source).\n"
               "  A password is never accepted as an option (-a, --pass): other users could read "
               "it in\n"
               "  the process list. add does not store REDISCLI_AUTH; --password-source prompt\n"
               "  makes a profile that rediscope audit answers from --askpass or REDISCLI_AUTH,\n"
               "  and --password-source env:REDISCLI_AUTH one that always reads the variable.\n"
               "\n"
               "Common options:\n"
               "  --profiles FILE            The profiles file (default: %1).\n"
               "  --help                     Show this help.\n"
               "\n"
               "Exit status: 0 done, 1 it could not be done (no keychain for a password, the file\n"
               "could not be saved, ...), 2 bad usage, an unknown profile, or an unreadable file "
               "or\n"
               "input (the message names the file, and the line and column when it can).\n"
               "\n"
               "Examples:\n"
               "  rediscope profiles add rediss://app:PASSWORD@cache.example.com:6380 --name "
               "\"prod "
               "cache\" \\\n"
               "      --service cache --env production --cacert ca.pem\n"
               "  rediscope profiles import ~/Downloads/connections.json --env staging\n"
               "  rediscope profiles export \"prod cache\" --as redis-cli\n"
               "  rediscope profiles snippet \"prod cache\" --client redis-py\n")
        .arg(QStringLiteral("~/.config/rediscope/rediscope-profiles.json"));
}

} // namespace rediscope
