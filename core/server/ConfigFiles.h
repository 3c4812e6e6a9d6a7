#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rediscope {

// Shared by the redis.conf and Dragonfly flag-file readers: reading one file of a chain of
// includes, with cycle and depth limits, and where a relative include may live.
class ConfigFileChain
{
public:
    // `what` names the nesting for messages: "include", "flag file".
    explicit ConfigFileChain(QString what)
        : m_what(std::move(what))
    {}

    // Reads `path`, included from `from`:`line` (empty for the main file), and pushes it on the
    // chain; pop() when done with it. Errors: unreadable, not a file, too large, a cycle (the
    // message shows the chain), nesting deeper than 32.
    Result<QByteArray> push(const QString& path, const QString& from, int line);
    void pop() { m_stack.removeLast(); }

    // Where a relative include may be: the current directory first (the server opens it
    // relative to its working directory), then the including file's directory.
    static QStringList candidates(const QString& target, const QString& includingFile);

private:
    QString m_what;
    QStringList m_stack; // canonical paths, outermost first
};

} // namespace rediscope
