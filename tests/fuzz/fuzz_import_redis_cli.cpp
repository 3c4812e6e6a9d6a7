// Profile import: redis-cli command lines (shell quoting, continuations, options). Also the
// shell word splitter on its own: every word it finds, quoted by shellQuote(), splits back into
// that one word.

#include "FuzzImport.h"
#include "profile/import/ShellWords.h"

using namespace rediscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (auto commands = splitShellCommands(QString::fromUtf8(fuzz::bytes(data, size)))) {
        for (const ShellCommand& command : *commands) {
            for (const ShellWord& word : command.words) {
                if (word.isOperator || word.text.isEmpty())
                    continue;
                auto again = splitShellCommands(shellQuote(word.text));
                if (!again || again->size() != 1 || again->first().words.size() != 1 ||
                    again->first().words.first().text != word.text)
                    __builtin_trap();
            }
        }
    }
    return fuzz::importOne(data, size, QStringLiteral("redis-cli"));
}
