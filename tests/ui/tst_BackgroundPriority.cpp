// The desktop app's background work runs below the GUI thread's CPU priority: runAsync's work
// and the threads it starts (as the probe's workers) are niced, the GUI thread is not, and the
// lowering happens once per pool thread however many jobs it runs.

#include "controllers/AsyncTask.h"
#include "controllers/BackgroundPriority.h"

#include <QTest>
#include <QThreadPool>
#include <algorithm>
#include <cerrno>
#include <optional>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

using namespace rediscope;

namespace {

int threadNice()
{
    errno = 0;
    return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
}

struct Niceness
{
    int worker = 0;
    int startedByWorker = 0;
};

} // namespace

class tst_BackgroundPriority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workRunsBelowTheGuiThread()
    {
        const int gui = threadNice();
        const int expected = std::min(gui + BackgroundNiceIncrement, 19);
        QThreadPool::globalInstance()->setMaxThreadCount(2);
        for (int job = 0; job < 6; ++job) { // more jobs than threads: threads are reused
            std::optional<Niceness> seen;
            runAsync(
                this,
                [] {
                    Niceness niceness;
                    niceness.worker = threadNice();
                    std::thread([&] { niceness.startedByWorker = threadNice(); }).join();
                    return niceness;
                },
                [&](Niceness niceness) { seen = niceness; });
            QTRY_VERIFY_WITH_TIMEOUT(seen.has_value(), 10000);
            QCOMPARE(seen->worker, expected);
            QCOMPARE(seen->startedByWorker, expected);
        }
        QCOMPARE(threadNice(), gui); // the GUI thread keeps its priority
    }

    void lowersOnlyOncePerThread()
    {
        if (threadNice() >= 19)
            QSKIP("this process already runs at the lowest priority (nice 19)");
        int first = 0;
        int second = 0;
        std::thread([&] {
            const int before = threadNice();
            lowerThisThreadPriority();
            first = threadNice() - before;
            lowerThisThreadPriority();
            second = threadNice() - before;
        }).join();
        QVERIFY(first > 0);
        QCOMPARE(second, first);
    }
};

QTEST_MAIN(tst_BackgroundPriority)
#include "tst_BackgroundPriority.moc"
