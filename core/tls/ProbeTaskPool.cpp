#include "ProbeTaskPool.h"

#include <csignal>
#include <pthread.h>

namespace rediscope::probe {

ProbeTaskPool::ProbeTaskPool(int workers)
{
    grow(workers);
}

ProbeTaskPool::~ProbeTaskPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_workAvailable.notify_all();
    for (std::thread& thread : m_threads)
        thread.join();
}

void ProbeTaskPool::grow(int workers)
{
    std::lock_guard lock(m_mutex);
    while (static_cast<int>(m_threads.size()) < workers)
        m_threads.emplace_back([this] { work(); });
}

void ProbeTaskPool::post(std::function<void()> task, bool urgent)
{
    {
        std::lock_guard lock(m_mutex);
        if (urgent)
            m_queue.push_front(std::move(task));
        else
            m_queue.push_back(std::move(task));
        ++m_total;
    }
    m_workAvailable.notify_one();
}

void ProbeTaskPool::wait(const std::function<void(int, int)>& progress)
{
    int reportedDone = -1;
    int reportedTotal = -1;
    std::unique_lock lock(m_mutex);
    for (;;) {
        const bool idle = m_queue.empty() && m_running == 0;
        if (progress && (m_done != reportedDone || m_total != reportedTotal)) {
            reportedDone = m_done;
            reportedTotal = m_total;
            lock.unlock();
            progress(reportedDone, reportedTotal);
            lock.lock();
            continue;
        }
        if (idle)
            return;
        m_progressed.wait_for(lock, std::chrono::milliseconds(50));
    }
}

void ProbeTaskPool::work()
{
    // A peer that closes first must not kill the process: writes then fail with EPIPE.
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_workAvailable.wait(lock, [this] { return m_quit || !m_queue.empty(); });
        if (m_queue.empty())
            return;
        std::function<void()> task = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_running;
        lock.unlock();
        task();
        lock.lock();
        --m_running;
        ++m_done;
        m_progressed.notify_all();
    }
}

} // namespace rediscope::probe
