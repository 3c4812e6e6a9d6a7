#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace rediscope {

// Splits a console line into command arguments the way redis-cli does (sdssplitargs):
// blanks separate arguments; "double quotes" take the escapes \n \r \t \b \a \xHH and \<any>
// for that character; 'single quotes' are literal except for \'; a closing quote must be
// followed by a blank or the end of the line; outside quotes a backslash is an ordinary
// character. Arguments are bytes: the line is taken as UTF-8 and \xHH may add any byte.
class CommandTokenizer
{
public:
    // The arguments, or an InvalidArgument error naming the column (1-based) of the problem.
    // A blank line gives an empty list.
    static Result<QList<QByteArray>> split(const QString& line);

    // One argument written so that split() gives it back: as is when that is unambiguous, else
    // in double quotes with escapes (invalid UTF-8 and control bytes as \xHH).
    static QString quote(const QByteArray& argument);
    // Always in double quotes, with the same escapes: how redis-cli shows a bulk string.
    static QString quoted(const QByteArray& bytes);
    // The arguments quoted and joined with spaces.
    static QString join(const QList<QByteArray>& arguments);
};

} // namespace rediscope
