#pragma once

#include <QStringList>

namespace rediscope {

// True when the arguments name a subcommand (or --help/--version): no GUI, no display needed.
bool isCommandLineInvocation(int argc, char* argv[]);
int runCommandLine(const QStringList& arguments);

bool hasDisplay();
void explainMissingDisplay();

} // namespace rediscope
