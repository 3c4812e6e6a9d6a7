#include "RespValue.h"

namespace rediscope {

QByteArray RespValue::errorCode() const
{
    if (type != Type::Error)
        return {};
    const qsizetype space = text.indexOf(' ');
    return space < 0 ? text : text.left(space);
}

QString RespValue::toDisplayString(int maxLength) const
{
    QString out;
    switch (type) {
    case Type::Nil:
        out = QStringLiteral("(nil)");
        break;
    case Type::Status:
        out = QString::fromUtf8(text);
        break;
    case Type::Error:
        out = QStringLiteral("(error) ") + QString::fromUtf8(text);
        break;
    case Type::Integer:
        out = QStringLiteral("(integer) ") + QString::number(integer);
        break;
    case Type::String:
        out = QLatin1Char('"') + QString::fromUtf8(text) + QLatin1Char('"');
        break;
    case Type::Array: {
        QStringList parts;
        for (const RespValue& element : elements)
            parts << element.toDisplayString(maxLength);
        out = QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
        break;
    }
    }
    if (maxLength > 0 && out.size() > maxLength)
        out = out.left(maxLength - 1) + QChar(0x2026);
    return out;
}

} // namespace rediscope
