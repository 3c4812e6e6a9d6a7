#include "common/CoreDumps.h"

#include <QTest>
#include <sys/prctl.h>
#include <sys/resource.h>

using namespace rediscope;

class TestCoreDumps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void disablesCoreDumps();
};

void TestCoreDumps::disablesCoreDumps()
{
    // Start from a state where core dumps are possible, so that the call has work to do.
    rlimit before{};
    QVERIFY(::getrlimit(RLIMIT_CORE, &before) == 0);
    if (before.rlim_max > 0) {
        const rlimit some{std::min<rlim_t>(before.rlim_max, 1024 * 1024), before.rlim_max};
        QVERIFY(::setrlimit(RLIMIT_CORE, &some) == 0);
    }
    QVERIFY(::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0);
    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);

    const auto disabled = disableCoreDumps();
    QVERIFY2(disabled, qPrintable(disabled ? QString() : disabled.error().toString()));

    QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    rlimit after{};
    QVERIFY(::getrlimit(RLIMIT_CORE, &after) == 0);
    QCOMPARE(after.rlim_cur, rlim_t(0));
    QCOMPARE(after.rlim_max, rlim_t(0));
    // The hard limit is 0 too: an unprivileged process can no longer raise it (root could).
    if (::geteuid() != 0) {
        const rlimit raise{1024, 1024};
        QVERIFY(::setrlimit(RLIMIT_CORE, &raise) != 0);
    }
}

QTEST_APPLESS_MAIN(TestCoreDumps)
#include "tst_CoreDumps.moc"
