#include "ReplyFormatter.h"

#include "cli/CommandTokenizer.h"
#include "common/Plural.h"

namespace rediscope {

namespace {

struct Writer
{
    QString out;
    int lines = 0;
    int maxLines = 0;
    qint64 omitted = 0; // leaf elements left out

    bool full() const { return maxLines > 0 && lines >= maxLines; }

    static qint64 leaves(const RespValue& value)
    {
        if (value.type != RespValue::Type::Array || value.elements.isEmpty())
            return 1;
        qint64 count = 0;
        for (const RespValue& element : value.elements)
            count += leaves(element);
        return count;
    }

    void line(const QString& text)
    {
        out += text;
        out += QLatin1Char('\n');
        ++lines;
    }

    // `prefix` indents every line but the first (the caller already wrote the number).
    void write(const RespValue& value, const QString& prefix)
    {
        switch (value.type) {
        case RespValue::Type::Nil:
            line(QStringLiteral("(nil)"));
            return;
        case RespValue::Type::Status:
            line(QString::fromUtf8(value.text));
            return;
        case RespValue::Type::Error:
            line(QStringLiteral("(error) ") + QString::fromUtf8(value.text));
            return;
        case RespValue::Type::Integer:
            line(QStringLiteral("(integer) ") + QString::number(value.integer));
            return;
        case RespValue::Type::String:
            line(CommandTokenizer::quoted(value.text));
            return;
        case RespValue::Type::Array:
            break;
        }
        if (value.elements.isEmpty()) {
            line(QStringLiteral("(empty array)"));
            return;
        }
        const int width = static_cast<int>(QString::number(value.elements.size()).size());
        const QString nested = prefix + QString(width + 2, QLatin1Char(' '));
        for (qsizetype i = 0; i < value.elements.size(); ++i) {
            if (full()) {
                for (qsizetype j = i; j < value.elements.size(); ++j)
                    omitted += leaves(value.elements.at(j));
                return;
            }
            out += i == 0 ? QString() : prefix;
            out += QStringLiteral("%1) ").arg(i + 1, width);
            write(value.elements.at(i), nested);
        }
    }
};

} // namespace

QString ReplyFormatter::format(const RespValue& value, int maxLines)
{
    Writer writer;
    writer.maxLines = maxLines;
    writer.write(value, QString());
    if (writer.omitted > 0)
        writer.line(QStringLiteral("… %1 not shown")
                        .arg(countOf(writer.omitted, "more element", "more elements")));
    if (writer.out.endsWith(QLatin1Char('\n')))
        writer.out.chop(1);
    return writer.out;
}

} // namespace rediscope
