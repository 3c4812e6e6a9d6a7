#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rediscope::probe {

// A fixed set of worker threads running posted tasks; tasks may post more. wait() returns when
// the queue is empty and no task runs, reporting progress on the waiting thread.
class ProbeTaskPool
{
public:
    explicit ProbeTaskPool(int workers);
    ~ProbeTaskPool();
    ProbeTaskPool(const ProbeTaskPool&) = delete;
    ProbeTaskPool& operator=(const ProbeTaskPool&) = delete;

    // At least `workers` threads from now on.
    void grow(int workers);

    // `urgent` tasks go to the front of the queue: the sequential suite-order chains are the
    // probe's critical path, everything else fills the gaps.
    void post(std::function<void()> task, bool urgent = false);

    // Until the queue is empty and no task runs; `progress(done, total)` on this thread whenever
    // the counts change.
    void wait(const std::function<void(int, int)>& progress);

private:
    void work();

    std::mutex m_mutex;
    std::condition_variable m_workAvailable;
    std::condition_variable m_progressed;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    int m_running = 0;
    int m_done = 0;
    int m_total = 0;
    bool m_quit = false;
};

} // namespace rediscope::probe
