#pragma once

#include <chrono>

namespace rediscope {

// A point in time by which an operation must finish. Copyable; cheap.
class Deadline
{
public:
    using Clock = std::chrono::steady_clock;

    static Deadline in(std::chrono::milliseconds duration)
    {
        return Deadline(Clock::now() + duration);
    }
    static Deadline never() { return Deadline(Clock::time_point::max()); }

    bool expired() const { return Clock::now() >= m_at; }
    bool isNever() const { return m_at == Clock::time_point::max(); }

    // Remaining time in milliseconds, clamped to [0, INT_MAX]; -1 for "never" (poll semantics).
    int remainingMs() const;

    // The earlier of this deadline and one that ends `duration` from now.
    Deadline capped(std::chrono::milliseconds duration) const;

private:
    explicit Deadline(Clock::time_point at)
        : m_at(at)
    {}
    Clock::time_point m_at;
};

} // namespace rediscope
