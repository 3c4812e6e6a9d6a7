#include "CommandTokenizer.h"

#include <QStringDecoder>

namespace rediscope {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
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

// The column (1-based, in characters) of byte `offset` of the line's UTF-8 encoding.
int columnOf(const QByteArray& utf8, qsizetype offset)
{
    return static_cast<int>(QString::fromUtf8(utf8.left(offset)).size()) + 1;
}

std::unexpected<Error> syntaxError(const QByteArray& utf8, qsizetype offset, const QString& what)
{
    return fail(ErrorCode::InvalidArgument, Stage::None,
                QStringLiteral("%1 (column %2).").arg(what).arg(columnOf(utf8, offset)));
}

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes); // decoding is lazy: convert to run it
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

} // namespace

Result<QList<QByteArray>> CommandTokenizer::split(const QString& line)
{
    const QByteArray utf8 = line.toUtf8();
    const char* const begin = utf8.constData();
    const qsizetype size = utf8.size();
    QList<QByteArray> arguments;
    qsizetype i = 0;
    const auto at = [&](qsizetype index) {
        return index < size ? begin[index] : '\0';
    };

    for (;;) {
        while (i < size && isBlank(begin[i]))
            ++i;
        if (i >= size)
            return arguments;

        QByteArray current;
        bool inDouble = false;
        bool inSingle = false;
        qsizetype quoteStart = 0;
        for (bool done = false; !done;) {
            const char c = at(i);
            if (inDouble) {
                if (i >= size)
                    return syntaxError(utf8, quoteStart, QStringLiteral("Unbalanced quotes"));
                if (c == '\\' && at(i + 1) == 'x' && hexValue(at(i + 2)) >= 0 &&
                    hexValue(at(i + 3)) >= 0) {
                    current.append(
                        static_cast<char>(hexValue(at(i + 2)) * 16 + hexValue(at(i + 3))));
                    i += 3;
                } else if (c == '\\' && i + 1 < size) {
                    ++i;
                    switch (begin[i]) {
                    case 'n':
                        current.append('\n');
                        break;
                    case 'r':
                        current.append('\r');
                        break;
                    case 't':
                        current.append('\t');
                        break;
                    case 'b':
                        current.append('\b');
                        break;
                    case 'a':
                        current.append('\a');
                        break;
                    default:
                        current.append(begin[i]);
                        break;
                    }
                } else if (c == '"') {
                    if (i + 1 < size && !isBlank(begin[i + 1]))
                        return syntaxError(utf8, i + 1,
                                           QStringLiteral("A closing quote must be followed by "
                                                          "a space"));
                    done = true;
                } else {
                    current.append(c);
                }
            } else if (inSingle) {
                if (i >= size)
                    return syntaxError(utf8, quoteStart, QStringLiteral("Unbalanced quotes"));
                if (c == '\\' && at(i + 1) == '\'') {
                    ++i;
                    current.append('\'');
                } else if (c == '\'') {
                    if (i + 1 < size && !isBlank(begin[i + 1]))
                        return syntaxError(utf8, i + 1,
                                           QStringLiteral("A closing quote must be followed by "
                                                          "a space"));
                    done = true;
                } else {
                    current.append(c);
                }
            } else if (i >= size || isBlank(c)) {
                done = true;
            } else if (c == '"') {
                inDouble = true;
                quoteStart = i;
            } else if (c == '\'') {
                inSingle = true;
                quoteStart = i;
            } else {
                current.append(c);
            }
            if (i < size)
                ++i;
        }
        arguments.append(current);
    }
}

QString CommandTokenizer::quote(const QByteArray& argument)
{
    bool plain = !argument.isEmpty() && isValidUtf8(argument);
    for (char c : argument)
        if (!plain || isBlank(c) || c == '"' || c == '\'' || static_cast<unsigned char>(c) < 0x20 ||
            c == 0x7f) {
            plain = false;
            break;
        }
    if (plain)
        return QString::fromUtf8(argument);
    return quoted(argument);
}

QString CommandTokenizer::quoted(const QByteArray& argument)
{
    const bool utf8 = isValidUtf8(argument);
    QByteArray out;
    out.append('"');
    for (char c : argument) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '\\':
            out.append("\\\\");
            break;
        case '"':
            out.append("\\\"");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\a':
            out.append("\\a");
            break;
        case '\b':
            out.append("\\b");
            break;
        default:
            if (byte < 0x20 || byte == 0x7f || (byte >= 0x80 && !utf8))
                out.append("\\x").append(QByteArray::number(byte, 16).rightJustified(2, '0'));
            else
                out.append(c);
        }
    }
    out.append('"');
    return QString::fromUtf8(out);
}

QString CommandTokenizer::join(const QList<QByteArray>& arguments)
{
    QStringList words;
    for (const QByteArray& argument : arguments)
        words << quote(argument);
    return words.join(QLatin1Char(' '));
}

} // namespace rediscope
