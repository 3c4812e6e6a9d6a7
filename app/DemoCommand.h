#pragma once

namespace rediscope {

// True when the command line is `rediscope demo ...`. The demo makes its own application object
// and starts the desktop app as a child (or audits headless), so main() hands it argc/argv.
bool isDemoInvocation(int argc, char* argv[]);

// `rediscope demo [--headless] [--keep] [--format FORMAT] [--output FILE]`: starts the demo lab
// (redis-server scenarios with generated certificates on 127.0.0.1) in a temporary directory,
// writes the demo profiles there and opens the desktop app on them — or, headless, prints their
// audit — then stops the lab. SIGINT, SIGTERM and SIGHUP stop the lab too. Returns the process exit
// status: 0 done, 1 the lab could not be started, 2 bad usage, 128 + signal when interrupted.
int runDemo(int argc, char* argv[]);

} // namespace rediscope
