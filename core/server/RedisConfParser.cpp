#include "RedisConfParser.h"

#include "server/ConfigFiles.h"

#include <QDir>
#include <QFileInfo>
#include <cstring>

namespace rediscope {

namespace {

bool isBlank(char c)
{
    // isspace() in the C locale, as sdssplitargs uses.
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum class Kind
{
    Port,     // one integer 0..65535
    YesNo,    // yes | no
    Enum,     // one of `choices`
    One,      // exactly one argument
    Two,      // exactly two
    AtLeast1, // one or more
};

struct Rule
{
    const char* name;
    Kind kind;
    const char* choices = nullptr; // for Enum: "yes no optional"
};

// The directives the server.* and config.* checks read, with redis-server's own validation.
const Rule Rules[] = {
    {"port", Kind::Port},
    {"tls-port", Kind::Port},
    {"cluster-port", Kind::Port},
    {"protected-mode", Kind::YesNo},
    {"tls-replication", Kind::YesNo},
    {"tls-cluster", Kind::YesNo},
    {"cluster-enabled", Kind::YesNo},
    {"tls-auth-clients", Kind::Enum, "yes no optional"},
    {"enable-debug-command", Kind::Enum, "no yes local"},
    {"enable-module-command", Kind::Enum, "no yes local"},
    {"enable-protected-configs", Kind::Enum, "no yes local"},
    {"tls-cert-file", Kind::One},
    {"tls-key-file", Kind::One},
    {"tls-key-file-pass", Kind::One},
    {"tls-client-cert-file", Kind::One},
    {"tls-client-key-file", Kind::One},
    {"tls-client-key-file-pass", Kind::One},
    {"tls-ca-cert-file", Kind::One},
    {"tls-ca-cert-dir", Kind::One},
    {"tls-dh-params-file", Kind::One},
    {"tls-protocols", Kind::One},
    {"tls-ciphers", Kind::One},
    {"tls-ciphersuites", Kind::One},
    {"requirepass", Kind::One},
    {"masterauth", Kind::One},
    {"masteruser", Kind::One},
    {"aclfile", Kind::One},
    {"dir", Kind::One},
    {"include", Kind::One},
    {"replicaof", Kind::Two},
    {"slaveof", Kind::Two},
    {"rename-command", Kind::Two},
    {"user", Kind::AtLeast1},
    {"bind", Kind::AtLeast1},
};

const Rule* ruleFor(const QString& name)
{
    for (const Rule& rule : Rules)
        if (name == QLatin1String(rule.name))
            return &rule;
    return nullptr;
}

// Empty when the arguments are acceptable; otherwise redis-server's complaint. Never quotes a
// value: it might be a secret.
QString validate(const Rule& rule, QStringList& values)
{
    const auto count = values.size();
    switch (rule.kind) {
    case Kind::Port: {
        if (count != 1)
            return QStringLiteral("wrong number of arguments (expected one port number)");
        bool ok = false;
        const int port = values.first().toInt(&ok);
        if (!ok || port < 0 || port > 65535)
            return QStringLiteral("argument must be a port number between 0 and 65535");
        return QString();
    }
    case Kind::YesNo:
        if (count != 1)
            return QStringLiteral("wrong number of arguments (expected yes or no)");
        values.first() = values.first().toLower();
        if (values.first() != QLatin1String("yes") && values.first() != QLatin1String("no"))
            return QStringLiteral("argument must be 'yes' or 'no'");
        return QString();
    case Kind::Enum: {
        const QStringList choices = QString::fromLatin1(rule.choices).split(QLatin1Char(' '));
        if (count != 1)
            return QStringLiteral("wrong number of arguments (expected one of: %1)")
                .arg(choices.join(QStringLiteral(", ")));
        values.first() = values.first().toLower();
        if (!choices.contains(values.first()))
            return QStringLiteral("argument must be one of: %1")
                .arg(choices.join(QStringLiteral(", ")));
        return QString();
    }
    case Kind::One:
        return count == 1 ? QString() : QStringLiteral("wrong number of arguments (expected one)");
    case Kind::Two:
        return count == 2 ? QString() : QStringLiteral("wrong number of arguments (expected two)");
    case Kind::AtLeast1:
        return count >= 1 ? QString()
                          : QStringLiteral("wrong number of arguments (expected at least one)");
    }
    return QString();
}

// sdstrim(line, " \t\r\n"), as loadServerConfigFromString does.
QByteArray trimmedLine(const QByteArray& line)
{
    const auto trimmable = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    qsizetype begin = 0;
    qsizetype end = line.size();
    while (begin < end && trimmable(line.at(begin)))
        ++begin;
    while (end > begin && trimmable(line.at(end - 1)))
        --end;
    return line.mid(begin, end - begin);
}

bool isGlob(const QString& fileName)
{
    return fileName.contains(QLatin1Char('*')) || fileName.contains(QLatin1Char('?')) ||
           fileName.contains(QLatin1Char('['));
}

class Parser
{
public:
    explicit Parser(ServerConfig& config)
        : m_config(config)
    {}

    Result<void> parseFile(const QString& path, const QString& includedFrom, int includedAt)
    {
        auto content = m_chain.push(path, includedFrom, includedAt);
        if (!content)
            return std::unexpected(content.error());
        if (!m_config.files.contains(path))
            m_config.files << path;
        Result<void> result = parseText(*content, path);
        m_chain.pop();
        return result;
    }

private:
    Result<void> parseText(const QByteArray& content, const QString& path)
    {
        const QList<QByteArray> lines = content.split('\n');
        for (qsizetype index = 0; index < lines.size(); ++index) {
            const int lineNumber = int(index + 1);
            const QByteArray line = trimmedLine(lines.at(index));
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const auto arguments = splitConfigArgs(line);
            if (!arguments)
                return fail(ErrorCode::InvalidArgument, Stage::None,
                            QStringLiteral("%1:%2: unbalanced quotes in configuration line.")
                                .arg(path)
                                .arg(lineNumber));
            if (arguments->isEmpty())
                continue;
            QString name = QString::fromUtf8(arguments->first()).toLower();
            QStringList values;
            for (qsizetype i = 1; i < arguments->size(); ++i)
                values << QString::fromUtf8(arguments->at(i));
            if (const Rule* rule = ruleFor(name)) {
                const QString problem = validate(*rule, values);
                if (!problem.isEmpty())
                    return fail(ErrorCode::InvalidArgument, Stage::None,
                                QStringLiteral("%1:%2: %3: %4.")
                                    .arg(path)
                                    .arg(lineNumber)
                                    .arg(name, problem));
            }
            if (name == QLatin1String("slaveof"))
                name = QStringLiteral("replicaof");
            if (name == QLatin1String("include")) {
                m_config.set(name, values, path, lineNumber);
                if (auto included = include(values.first(), path, lineNumber); !included)
                    return included;
                continue;
            }
            m_config.set(name, values, path, lineNumber);
        }
        return {};
    }

    Result<void> include(const QString& target, const QString& from, int line)
    {
        const QStringList candidates = ConfigFileChain::candidates(target, from);
        if (isGlob(QFileInfo(target).fileName())) {
            // A pattern: every match in the first directory that exists, sorted as glob(3)
            // sorts; no match includes nothing (Redis 7).
            for (const QString& candidate : candidates) {
                const QFileInfo candidateInfo(candidate);
                const QDir directory = candidateInfo.absoluteDir();
                if (!directory.exists())
                    continue;
                const QStringList matches =
                    directory.entryList({candidateInfo.fileName()}, QDir::Files, QDir::Name);
                for (const QString& match : matches)
                    if (auto parsed = parseFile(directory.absoluteFilePath(match), from, line);
                        !parsed)
                        return parsed;
                return {};
            }
            return {};
        }
        for (const QString& candidate : candidates)
            if (QFileInfo::exists(candidate))
                return parseFile(candidate, from, line);
        return fail(ErrorCode::FileError, Stage::None,
                    QStringLiteral("%1:%2: included file %3 not found (looked for %4).")
                        .arg(from)
                        .arg(line)
                        .arg(target, candidates.join(QStringLiteral(" and "))));
    }

    ServerConfig& m_config;
    ConfigFileChain m_chain{QStringLiteral("include")};
};
} // namespace

std::optional<QList<QByteArray>> splitConfigArgs(QByteArrayView line)
{
    // sdssplitargs walks a C string: a NUL byte ends the line.
    if (const char* nul =
            static_cast<const char*>(std::memchr(line.data(), 0, size_t(line.size()))))
        line = line.first(nul - line.data());
    QList<QByteArray> arguments;
    const qsizetype size = line.size();
    qsizetype p = 0;
    // Past the end reads as NUL, as the C string sdssplitargs walks does.
    const auto at = [&](qsizetype i) {
        return i < size ? line[i] : '\0';
    };
    while (true) {
        while (p < size && isBlank(at(p)))
            ++p;
        if (p >= size)
            return arguments;
        bool inDouble = false;
        bool inSingle = false;
        bool done = false;
        QByteArray current;
        while (!done) {
            const char c = at(p);
            if (inDouble) {
                if (c == '\\' && at(p + 1) == 'x' && hexValue(at(p + 2)) >= 0 &&
                    hexValue(at(p + 3)) >= 0) {
                    current += char(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
                    p += 3;
                } else if (c == '\\' && at(p + 1) != '\0') {
                    ++p;
                    switch (at(p)) {
                    case 'n':
                        current += '\n';
                        break;
                    case 'r':
                        current += '\r';
                        break;
                    case 't':
                        current += '\t';
                        break;
                    case 'b':
                        current += '\b';
                        break;
                    case 'a':
                        current += '\a';
                        break;
                    default:
                        current += at(p);
                        break;
                    }
                } else if (c == '"') {
                    // The closing quote must be followed by a blank or nothing at all.
                    if (at(p + 1) != '\0' && !isBlank(at(p + 1)))
                        return std::nullopt;
                    done = true;
                } else if (c == '\0') {
                    return std::nullopt; // unterminated quotes
                } else {
                    current += c;
                }
            } else if (inSingle) {
                if (c == '\\' && at(p + 1) == '\'') {
                    ++p;
                    current += '\'';
                } else if (c == '\'') {
                    if (at(p + 1) != '\0' && !isBlank(at(p + 1)))
                        return std::nullopt;
                    done = true;
                } else if (c == '\0') {
                    return std::nullopt;
                } else {
                    current += c;
                }
            } else {
                switch (c) {
                case ' ':
                case '\n':
                case '\r':
                case '\t':
                case '\0':
                    done = true;
                    break;
                case '"':
                    inDouble = true;
                    break;
                case '\'':
                    inSingle = true;
                    break;
                default:
                    current += c;
                    break;
                }
            }
            if (p < size)
                ++p;
        }
        arguments << current;
    }
}

Result<ServerConfig> parseRedisConf(const QString& path)
{
    ServerConfig config;
    config.kind = ServerKind::Redis;
    config.source = path;
    Parser parser(config);
    if (auto parsed = parser.parseFile(path, QString(), 0); !parsed)
        return std::unexpected(parsed.error());
    return config;
}

} // namespace rediscope
