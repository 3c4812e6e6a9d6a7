// The status bar's background tasks: what runs, its progress, Cancel for all or one, hidden
// while nothing runs.

#include "controllers/TaskList.h"
#include "views/TaskStatusWidget.h"

#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace rediscope;

class tst_TaskStatusWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsProgressAndCancels()
    {
        TaskList tasks;
        QWidget window;
        auto* status = new TaskStatusWidget(&tasks, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!status->isVisible());

        int cancelledAudit = 0;
        int cancelledConnect = 0;
        const quint64 audit =
            tasks.add(QStringLiteral("Auditing orders-prod…"), [&] { ++cancelledAudit; });
        QVERIFY(status->isVisible());
        QCOMPARE(status->label()->text(), QStringLiteral("Auditing orders-prod…"));
        QCOMPARE(status->progressBar()->maximum(), 0); // busy until the total is known
        tasks.setProgress(audit, 3, 40);
        QCOMPARE(status->label()->text(), QStringLiteral("Auditing orders-prod… 3 of 40"));
        QCOMPARE(status->progressBar()->maximum(), 40);
        QCOMPARE(status->progressBar()->value(), 3);
        QVERIFY(!status->cancelButton()->menu());

        const quint64 connect =
            tasks.add(QStringLiteral("Connecting to orders-dev…"), [&] { ++cancelledConnect; });
        QVERIFY(status->label()->text().contains(QLatin1String("+1 more")));
        QCOMPARE(status->cancelButton()->text(), QStringLiteral("Cancel All"));
        QMenu* menu = status->cancelButton()->menu();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 2);
        menu->actions().at(1)->trigger(); // just the connection
        QCOMPARE(cancelledConnect, 1);
        QCOMPARE(cancelledAudit, 0);
        QVERIFY(tasks.tasks().at(1).cancelling);
        QVERIFY(status->label()->text().contains(QLatin1String("cancelling")));

        status->cancelButton()->click();
        QCOMPARE(cancelledAudit, 1);
        QCOMPARE(cancelledConnect, 1); // asked once only
        QVERIFY(!status->cancelButton()->isEnabled());

        tasks.finish(connect);
        tasks.finish(audit);
        tasks.finish(audit); // twice is harmless
        QVERIFY(tasks.isEmpty());
        QVERIFY(!status->isVisible());
    }

    void cancelCallbackMayFinishTheTask()
    {
        TaskList tasks;
        quint64 id = 0;
        id = tasks.add(QStringLiteral("quick"), [&] { tasks.finish(id); });
        tasks.add(QStringLiteral("second"), {});
        tasks.cancelAll();
        QCOMPARE(tasks.count(), 1);
        QVERIFY(!tasks.contains(id));
    }
};

QTEST_MAIN(tst_TaskStatusWidget)
#include "tst_TaskStatusWidget.moc"
