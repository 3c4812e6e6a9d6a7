#include "Deadline.h"

#include <algorithm>
#include <climits>

namespace rediscope {

int Deadline::remainingMs() const
{
    if (isNever())
        return -1;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(m_at - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

Deadline Deadline::capped(std::chrono::milliseconds duration) const
{
    return Deadline(std::min(m_at, Clock::now() + duration));
}

} // namespace rediscope
