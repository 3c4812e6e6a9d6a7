#include "ShellWords.h"

namespace rediscope {

namespace {

std::unexpected<Error> invalid(const QString& message)
{
    return fail(ErrorCode::InvalidArgument, Stage::None, message);
}

bool isNameStart(QChar ch)
{
    return (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) ||
           (ch >= QLatin1Char('A') && ch <= QLatin1Char('Z')) || ch == QLatin1Char('_');
}

bool isNameChar(QChar ch)
{
    return isNameStart(ch) || (ch >= QLatin1Char('0') && ch <= QLatin1Char('9'));
}

bool isBlank(QChar ch)
{
    return ch == QLatin1Char(' ') || ch == QLatin1Char('\t') || ch == QLatin1Char('\r') ||
           ch == QLatin1Char('\f') || ch == QLatin1Char('\v');
}

bool isOperatorChar(QChar ch)
{
    return ch == QLatin1Char('|') || ch == QLatin1Char('&') || ch == QLatin1Char(';') ||
           ch == QLatin1Char('<') || ch == QLatin1Char('>') || ch == QLatin1Char('(') ||
           ch == QLatin1Char(')');
}

class Splitter
{
public:
    explicit Splitter(const QString& text)
        : m_text(text)
    {}

    Result<QList<ShellCommand>> run()
    {
        while (m_pos < m_text.size()) {
            const QChar ch = m_text.at(m_pos);
            if (ch == QLatin1Char('\\')) {
                if (m_pos + 1 >= m_text.size()) {
                    ++m_pos; // a trailing backslash: nothing to escape
                    continue;
                }
                const QChar next = m_text.at(m_pos + 1);
                m_pos += 2;
                if (next == QLatin1Char('\n')) {
                    ++m_line; // continuation
                    continue;
                }
                startWord();
                m_word.text.append(next);
            } else if (ch == QLatin1Char('\n')) {
                ++m_pos;
                finishWord();
                finishCommand();
                ++m_line;
            } else if (isBlank(ch)) {
                ++m_pos;
                finishWord();
            } else if (ch == QLatin1Char('#') && !m_inWord) {
                while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('\n'))
                    ++m_pos;
            } else if (ch == QLatin1Char('\'')) {
                startWord();
                const int openedAt = m_line;
                ++m_pos;
                const qsizetype close = m_text.indexOf(QLatin1Char('\''), m_pos);
                if (close < 0)
                    return invalid(QStringLiteral("Line %1: the single quote (') opened here is "
                                                  "never closed.")
                                       .arg(openedAt));
                const QString literal = m_text.mid(m_pos, close - m_pos);
                m_line += static_cast<int>(literal.count(QLatin1Char('\n')));
                m_word.text.append(literal);
                m_pos = close + 1;
            } else if (ch == QLatin1Char('"')) {
                startWord();
                const int openedAt = m_line;
                ++m_pos;
                bool closed = false;
                while (m_pos < m_text.size()) {
                    const QChar c = m_text.at(m_pos);
                    if (c == QLatin1Char('"')) {
                        ++m_pos;
                        closed = true;
                        break;
                    }
                    if (c == QLatin1Char('\\') && m_pos + 1 < m_text.size()) {
                        const QChar next = m_text.at(m_pos + 1);
                        m_pos += 2;
                        if (next == QLatin1Char('\n')) {
                            ++m_line;
                        } else if (next == QLatin1Char('$') || next == QLatin1Char('`') ||
                                   next == QLatin1Char('"') || next == QLatin1Char('\\')) {
                            m_word.text.append(next);
                        } else {
                            m_word.text.append(c);
                            m_word.text.append(next);
                        }
                        continue;
                    }
                    if (c == QLatin1Char('$') || c == QLatin1Char('`')) {
                        if (const std::optional<Error> error = expansion(openedAt))
                            return std::unexpected(*error);
                        continue;
                    }
                    if (c == QLatin1Char('\n'))
                        ++m_line;
                    m_word.text.append(c);
                    ++m_pos;
                }
                if (!closed)
                    return invalid(QStringLiteral("Line %1: the double quote (\") opened here is "
                                                  "never closed.")
                                       .arg(openedAt));
            } else if (ch == QLatin1Char('$') || ch == QLatin1Char('`')) {
                startWord();
                if (const std::optional<Error> error = expansion(m_line))
                    return std::unexpected(*error);
            } else if (isOperatorChar(ch)) {
                finishWord();
                ShellWord op;
                op.isOperator = true;
                op.text = ch;
                ++m_pos;
                // Two-character operators: || && ;; >> <<
                if (m_pos < m_text.size() && m_text.at(m_pos) == ch && ch != QLatin1Char('(') &&
                    ch != QLatin1Char(')')) {
                    op.text.append(ch);
                    ++m_pos;
                }
                if (m_command.words.isEmpty())
                    m_command.line = m_line;
                m_command.words.append(op);
            } else {
                startWord();
                m_word.text.append(ch);
                ++m_pos;
            }
        }
        finishWord();
        finishCommand();
        return m_commands;
    }

private:
    void startWord()
    {
        if (m_inWord)
            return;
        m_inWord = true;
        m_word = ShellWord();
        if (m_command.words.isEmpty())
            m_command.line = m_line;
    }

    void finishWord()
    {
        if (!m_inWord)
            return;
        m_command.words.append(m_word);
        m_inWord = false;
    }

    void finishCommand()
    {
        if (!m_command.words.isEmpty())
            m_commands.append(m_command);
        m_command = ShellCommand();
    }

    // At '$' or '`' (outside single quotes): copies the expansion into the word as written and
    // records it. A '$' that starts no expansion is a literal dollar.
    std::optional<Error> expansion(int openedAt)
    {
        const qsizetype begin = m_pos;
        ShellWord::Expansion found;
        found.start = m_word.text.size();
        const QChar ch = m_text.at(m_pos);
        if (ch == QLatin1Char('`')) {
            const qsizetype close = m_text.indexOf(QLatin1Char('`'), m_pos + 1);
            if (close < 0)
                return Error{ErrorCode::InvalidArgument,
                             Stage::None,
                             QStringLiteral("Line %1: the backquote (`) opened here is never "
                                            "closed.")
                                 .arg(openedAt),
                             {}};
            m_pos = close + 1;
        } else if (m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == QLatin1Char('(')) {
            int depth = 0;
            qsizetype i = m_pos + 1;
            for (; i < m_text.size(); ++i) {
                if (m_text.at(i) == QLatin1Char('('))
                    ++depth;
                else if (m_text.at(i) == QLatin1Char(')') && --depth == 0)
                    break;
            }
            if (i >= m_text.size())
                return Error{ErrorCode::InvalidArgument,
                             Stage::None,
                             QStringLiteral("Line %1: the command substitution $( opened here is "
                                            "never closed.")
                                 .arg(openedAt),
                             {}};
            m_pos = i + 1;
        } else if (m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == QLatin1Char('{')) {
            const qsizetype close = m_text.indexOf(QLatin1Char('}'), m_pos + 2);
            if (close < 0)
                return Error{
                    ErrorCode::InvalidArgument,
                    Stage::None,
                    QStringLiteral("Line %1: the ${ opened here is never closed.").arg(openedAt),
                    {}};
            const QString inside = m_text.mid(m_pos + 2, close - m_pos - 2);
            bool isName = !inside.isEmpty() && isNameStart(inside.at(0));
            for (const QChar c : inside)
                isName = isName && isNameChar(c);
            if (isName)
                found.variable = inside;
            m_pos = close + 1;
        } else if (m_pos + 1 < m_text.size() && isNameStart(m_text.at(m_pos + 1))) {
            qsizetype i = m_pos + 1;
            while (i < m_text.size() && isNameChar(m_text.at(i)))
                ++i;
            found.variable = m_text.mid(m_pos + 1, i - m_pos - 1);
            m_pos = i;
        } else if (m_pos + 1 < m_text.size() &&
                   QStringLiteral("0123456789?$#@*!-").contains(m_text.at(m_pos + 1))) {
            m_pos += 2;
        } else {
            m_word.text.append(ch); // a lone '$'
            ++m_pos;
            return std::nullopt;
        }
        const QString written = m_text.mid(begin, m_pos - begin);
        m_line += static_cast<int>(written.count(QLatin1Char('\n')));
        m_word.text.append(written);
        found.length = written.size();
        m_word.expansions.append(found);
        return std::nullopt;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    bool m_inWord = false;
    ShellWord m_word;
    ShellCommand m_command;
    QList<ShellCommand> m_commands;
};

} // namespace

QString ShellWord::variableAt(qsizetype from) const
{
    if (expansions.size() != 1)
        return QString();
    const Expansion& only = expansions.first();
    if (only.start != from || only.start + only.length != text.size())
        return QString();
    return only.variable;
}

bool ShellWord::hasExpansionFrom(qsizetype from) const
{
    for (const Expansion& expansion : expansions) {
        if (expansion.start >= from)
            return true;
    }
    return false;
}

Result<QList<ShellCommand>> splitShellCommands(const QString& text)
{
    Splitter splitter(text);
    return splitter.run();
}

QString shellQuote(const QString& word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool safe = true;
    for (const QChar ch : word) {
        const bool ok = (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) ||
                        (ch >= QLatin1Char('A') && ch <= QLatin1Char('Z')) ||
                        (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) ||
                        QStringLiteral("@%+=:,./_-").contains(ch);
        if (!ok) {
            safe = false;
            break;
        }
    }
    if (safe)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace rediscope
