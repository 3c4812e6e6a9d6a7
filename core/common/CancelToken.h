#pragma once

#include <atomic>
#include <memory>

namespace rediscope {

// Shared cancellation flag: the owner calls cancel(), workers poll isCancelled() between stages
// and inside socket waits. Copies share the same flag.
class CancelToken
{
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic_bool>(false))
    {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace rediscope
