#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace rediscope {

// What a Redis command does, as far as the console's safety rules care: read, write, do
// something dangerous to the server or its data (FLUSHALL, CONFIG SET, SHUTDOWN, DEBUG, …), or
// switch the connection into a mode a request/reply console cannot show (SUBSCRIBE, MONITOR).
// Commands this table does not know are treated as writes: strict unless known to be harmless.
class CommandClass
{
public:
    enum class Kind
    {
        ReadOnly,
        Write,
        Dangerous, // also a write
        Unsupported,
    };

    static CommandClass of(const QList<QByteArray>& arguments);

    Kind kind() const { return m_kind; }
    bool writes() const { return m_kind == Kind::Write || m_kind == Kind::Dangerous; }
    bool known() const { return m_known; }
    // Waits for data server-side (BLPOP, XREAD BLOCK, WAIT): no reply deadline applies.
    bool blocking() const { return m_blocking; }
    // "GET", "CONFIG SET": upper case, with the subcommand of container commands.
    QString name() const { return m_name; }
    // Why a dangerous or unsupported command is so, in a phrase ("deletes every key in every
    // database"); empty for reads and ordinary writes.
    QString reason() const { return m_reason; }

    // Every command name the table knows (top level, upper case, sorted): for completion.
    static QStringList commandNames();

private:
    Kind m_kind = Kind::Write;
    bool m_known = false;
    bool m_blocking = false;
    QString m_name;
    QString m_reason;
};

} // namespace rediscope
