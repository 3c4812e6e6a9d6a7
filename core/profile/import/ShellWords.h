#pragma once

#include "common/Error.h"

#include <QList>
#include <QString>

namespace rediscope {

// One word of a POSIX shell command line, after quote removal. Nothing is expanded: "$VAR",
// "${VAR}", "$(cmd)" and `cmd` stay in `text` as written, and are listed in `expansions`.
struct ShellWord
{
    struct Expansion
    {
        qsizetype start = 0;  // where it starts in `text`
        qsizetype length = 0; // its length in `text`
        QString variable;     // "VAR" for $VAR and ${VAR}; empty for $(...), `...`, $1, ${X:-y}
    };

    QString text;
    QList<Expansion> expansions;
    bool isOperator = false; // an unquoted control or redirection operator: | & ; < > ( )

    // The variable when text.mid(from) is exactly one $VAR or ${VAR}; empty otherwise.
    QString variableAt(qsizetype from) const;
    bool hasExpansionFrom(qsizetype from) const; // any expansion at or after `from`
};

struct ShellCommand
{
    int line = 1; // 1-based line where the command starts
    QList<ShellWord> words;
};

// Splits `text` into commands, one per line, as a POSIX shell would split words: blanks separate
// words; '...' is literal; "..." keeps its content (backslash escapes only $ ` " \ and newline);
// an unquoted backslash escapes the next character; backslash-newline continues the line; an
// unquoted '#' at the start of a word starts a comment; | & ; < > ( ) are operators. Empty
// commands are skipped. An unterminated quote or substitution is an error naming its line.
Result<QList<ShellCommand>> splitShellCommands(const QString& text);

// The word quoted for a POSIX shell: as is when it only holds safe characters, else in single
// quotes (with ' written as '\'').
QString shellQuote(const QString& word);

} // namespace rediscope
