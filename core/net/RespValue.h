#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace rediscope {

// One RESP2 reply as a plain value.
struct RespValue
{
    enum class Type
    {
        Nil,
        Status,  // +OK
        Error,   // -ERR …
        Integer, // :1
        String,  // $…
        Array,   // *…
    };

    Type type = Type::Nil;
    QByteArray text; // Status, Error and String payloads
    qint64 integer = 0;
    QList<RespValue> elements;

    bool isError() const { return type == Type::Error; }
    // The first word of an error reply ("WRONGPASS", "NOAUTH", "ERR"), empty otherwise.
    QByteArray errorCode() const;
    // A one-line rendering for messages; long strings are shortened.
    QString toDisplayString(int maxLength = 200) const;
};

} // namespace rediscope
