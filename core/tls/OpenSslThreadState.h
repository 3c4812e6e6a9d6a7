#pragma once

namespace rediscope {

// Frees what OpenSSL keeps per thread (the thread's random generators, its error queue) now,
// instead of when the thread exits. For long-lived pool threads that run one task after another:
// their exit may only come while the process itself is exiting, racing the leak check of a
// sanitizer build. Any later OpenSSL call on the thread sets the state up again.
void releaseOpenSslThreadState();

} // namespace rediscope
