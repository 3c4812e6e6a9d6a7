#include "LintConfigArguments.h"

namespace rediscope {

namespace {

std::unexpected<Error> usageError(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

const QStringList Formats{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif"),
                          QStringLiteral("markdown")};

} // namespace

Result<LintConfigArguments> LintConfigArguments::parse(const QStringList& arguments)
{
    LintConfigArguments parsed;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        if (optionsEnded || argument == QLatin1String("-") ||
            !argument.startsWith(QLatin1Char('-'))) {
            if (!parsed.file.isEmpty())
                return usageError(
                    QStringLiteral("One configuration file at a time (got \"%1\" and \"%2\").")
                        .arg(parsed.file, argument));
            parsed.file = argument;
            continue;
        }
        if (argument == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (argument == QLatin1String("--help")) {
            parsed.help = true;
            return parsed;
        }
        QString value;
        bool hasInline = false;
        if (argument.startsWith(QLatin1String("--")) && argument.contains(QLatin1Char('='))) {
            value = argument.section(QLatin1Char('='), 1);
            argument = argument.section(QLatin1Char('='), 0, 0);
            hasInline = true;
        }
        const QStringList valueOptions{QStringLiteral("--kind"),        QStringLiteral("--env"),
                                       QStringLiteral("--environment"), QStringLiteral("--format"),
                                       QStringLiteral("--output"),      QStringLiteral("-o"),
                                       QStringLiteral("--fail-on")};
        if (!valueOptions.contains(argument))
            return usageError(QStringLiteral("Unknown option \"%1\".").arg(argument));
        if (!hasInline) {
            if (i + 1 >= arguments.size())
                return usageError(QStringLiteral("%1 needs a value.").arg(argument));
            value = arguments.at(++i);
        }
        if (argument == QLatin1String("--kind")) {
            const QString kind = value.trimmed().toLower();
            if (kind == QLatin1String("auto"))
                parsed.kind.reset();
            else if (kind == QLatin1String("redis") || kind == QLatin1String("valkey") ||
                     kind == QLatin1String("keydb"))
                parsed.kind = ServerKind::Redis;
            else if (kind == QLatin1String("dragonfly"))
                parsed.kind = ServerKind::Dragonfly;
            else
                return usageError(
                    QStringLiteral("Unknown --kind \"%1\"; use redis, dragonfly or auto.")
                        .arg(value));
        } else if (argument == QLatin1String("--env") ||
                   argument == QLatin1String("--environment")) {
            if (value.trimmed().isEmpty())
                return usageError(QStringLiteral("%1 needs an environment name.").arg(argument));
            parsed.environment = value.trimmed().toLower();
        } else if (argument == QLatin1String("--format")) {
            const QString format = value.toLower();
            if (!Formats.contains(format))
                return usageError(QStringLiteral("Unknown --format \"%1\"; use %2.")
                                      .arg(value, Formats.join(QStringLiteral(", "))));
            parsed.format = format;
        } else if (argument == QLatin1String("--output") || argument == QLatin1String("-o")) {
            if (value.isEmpty())
                return usageError(QStringLiteral("--output needs a file."));
            parsed.output = value;
        } else { // --fail-on
            const QString level = value.toLower();
            if (level == QLatin1String("never"))
                parsed.failOn.reset();
            else if (const auto severity = severityFromName(level);
                     severity && *severity != Severity::Info)
                parsed.failOn = severity;
            else
                return usageError(
                    QStringLiteral(
                        "Unknown --fail-on \"%1\"; use critical, high, medium, low or never.")
                        .arg(value));
        }
    }
    if (parsed.file.isEmpty())
        return usageError(
            QStringLiteral("Which file? Give a redis.conf or a Dragonfly flag file."));
    return parsed;
}

QString LintConfigArguments::usage()
{
    return QStringLiteral(
        "Usage: rediscope lint-config FILE [--kind redis|dragonfly|auto] [--env ENV]\n"
        "                             [--format text|json|sarif|markdown] [--output FILE]\n"
        "                             [--fail-on critical|high|medium|low|never]\n"
        "\n"
        "Checks a server configuration file without connecting to anything: a redis.conf (with\n"
        "its include files; Valkey and KeyDB read the same format) or a Dragonfly flag file\n"
        "(--flagfile format, one --flag=value per line). Reports the server.* and config.*\n"
        "findings the file can answer (docs/checks.md), each with its file and line. The files\n"
        "the configuration names (certificates, keys) are checked for existence and permissions,\n"
        "never read.\n"
        "\n"
        "  --kind KIND        the file's syntax; auto (default) detects it from the content\n"
        "  --env ENV          the environment policy to judge by (default production; also\n"
        "                     --environment)\n"
        "  --format FORMAT    text (default), json, sarif (2.1.0), markdown\n"
        "  --output FILE      write the report to FILE instead of standard output (also -o)\n"
        "  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL (default high;\n"
        "                     never: always exit 0)\n"
        "\n"
        "Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or\n"
        "an unreadable file.\n");
}

} // namespace rediscope
