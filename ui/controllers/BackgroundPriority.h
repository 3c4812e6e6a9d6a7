#pragma once

namespace rediscope {

// How much lower than the GUI thread the desktop app's background work runs (Linux nice steps:
// at +10 a busy worker weighs about a tenth of the GUI thread in the scheduler's share).
inline constexpr int BackgroundNiceIncrement = 10;

// Lowers the calling thread's CPU priority by BackgroundNiceIncrement, once per thread (later
// calls do nothing). Threads it starts afterwards — the probe's handshake workers, the audit's —
// inherit the lower priority. Without it, an Audit All that fills every core with TLS handshakes
// leaves the GUI thread waiting for a time slice in the middle of a paint.
//
// A lowered priority cannot be raised back without privileges, so this is for threads that only
// ever run background work: those of the global thread pool, which runAsync() uses.
void lowerThisThreadPriority();

} // namespace rediscope
