// The Console tab on a real lab server: replies rendered like redis-cli, history and command
// completion, the production banner with unlock, dangerous commands confirmed in a message box
// (declined and accepted), and a screenshot for review.

#include "LabTargets.h"
#include "views/ConsoleView.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testing;

namespace {

constexpr int ViewDb = 8;

// Runs a line in the view and waits for its outcome.
ConsoleController::Outcome runLine(ConsoleView& view, const QString& line)
{
    QSignalSpy finished(view.controller(), &ConsoleController::finished);
    view.run(line);
    if (finished.isEmpty() && !finished.wait(20000))
        return {};
    return finished.constLast().constFirst().value<ConsoleController::Outcome>();
}

template <typename T>
T* waitForChild(QWidget& parent, const QString& name)
{
    T* child = nullptr;
    (void)QTest::qWaitFor(
        [&] { return (child = parent.findChild<T*>(name)) && child->isVisible(); }, 10000);
    return child;
}

} // namespace

class tst_ConsoleView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        flush();
    }

    void cleanupTestCase() { flush(); }

    void rendersRepliesLikeRedisCli()
    {
        ConsoleView view;
        view.resize(900, 560);
        view.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), ViewDb));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* banner = view.findChild<QWidget*>(QStringLiteral("writeLockBanner"));
        QVERIFY(banner && !banner->isVisible()); // development: writes are not locked

        QCOMPARE(runLine(view, QStringLiteral("SET greeting \"hello world\"")).reply.text,
                 QByteArray("OK"));
        runLine(view, QStringLiteral("RPUSH letters a b c"));
        runLine(view, QStringLiteral("LRANGE letters 0 -1"));
        runLine(view, QStringLiteral("GET missing"));
        runLine(view, QStringLiteral("INCR greeting"));
        const QString prompt = view.controller()->prompt();
        const QString text = view.transcript();
        // The connection is made by the first command, and noted before its reply.
        QVERIFY2(
            text.contains(prompt + QStringLiteral("> SET greeting \"hello world\"\n— Connected to "
                                                  "127.0.0.1:")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("TLSv1.3, certificate verified —\nOK\n")));
        QVERIFY(text.contains(QStringLiteral("> RPUSH letters a b c\n(integer) 3\n")));
        QVERIFY(
            text.contains(QStringLiteral("> LRANGE letters 0 -1\n1) \"a\"\n2) \"b\"\n3) \"c\"\n")));
        QVERIFY(text.contains(QStringLiteral("> GET missing\n(nil)\n")));
        QVERIFY(
            text.contains(QStringLiteral("> INCR greeting\n(error) ERR value is not an integer")));

        // Nested arrays are numbered and indented.
        runLine(view, QStringLiteral("COMMAND INFO get"));
        QVERIFY2(view.transcript().contains(
                     QStringLiteral("> COMMAND INFO get\n1)  1) \"get\"\n    2) (integer) 2\n")),
                 qPrintable(view.transcript()));

        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("console.png"))));
    }

    void historyAndCompletion()
    {
        ConsoleView view;
        view.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), ViewDb));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QLineEdit* input = view.commandLine();
        input->setFocus();

        runLine(view, QStringLiteral("PING"));
        runLine(view, QStringLiteral("ECHO one"));
        runLine(view, QStringLiteral("AUTH %1").arg(QLatin1String(lab::LabPassword)));
        QCOMPARE(view.history(), (QStringList{QStringLiteral("PING"), QStringLiteral("ECHO one")}));
        QVERIFY(!view.transcript().contains(QLatin1String(lab::LabPassword)));
        QVERIFY(view.transcript().contains(QStringLiteral("> AUTH ••••\nOK")));

        QTest::keyClicks(input, QStringLiteral("draft"));
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), QStringLiteral("ECHO one"));
        QTest::keyClick(input, Qt::Key_Up);
        QCOMPARE(input->text(), QStringLiteral("PING"));
        QTest::keyClick(input, Qt::Key_Up); // stays at the oldest
        QCOMPARE(input->text(), QStringLiteral("PING"));
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), QStringLiteral("ECHO one"));
        QTest::keyClick(input, Qt::Key_Down);
        QCOMPARE(input->text(), QStringLiteral("draft")); // back to what was being typed

        // Completion of command names, case-insensitive.
        input->clear();
        QTest::keyClicks(input, QStringLiteral("flu"));
        QCompleter* completer = input->completer();
        QVERIFY(completer);
        QCOMPARE(completer->completionCount(), 2);
        QStringList offered;
        for (int i = 0; i < completer->completionCount(); ++i) {
            completer->setCurrentRow(i);
            offered << completer->currentCompletion();
        }
        QCOMPARE(offered, (QStringList{QStringLiteral("FLUSHALL"), QStringLiteral("FLUSHDB")}));
        QTRY_VERIFY(completer->popup()->isVisible());
        completer->popup()->hide();

        // Tab completes a unique prefix to the name and a space, like redis-cli.
        input->clear();
        QTest::keyClicks(input, QStringLiteral("lran"));
        completer->popup()->hide();
        QTest::keyClick(input, Qt::Key_Tab);
        QCOMPARE(input->text(), QStringLiteral("LRANGE "));
        QVERIFY(input->hasFocus());
    }

    void productionBannerUnlockAndConfirmation()
    {
        const auto target = labTarget(QStringLiteral("good"), QStringLiteral("production"), ViewDb,
                                      QStringLiteral("orders-prod"));
        ConsoleView view;
        view.resize(900, 560);
        view.setTarget(target);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        auto* banner = view.findChild<QWidget*>(QStringLiteral("writeLockBanner"));
        auto* bannerText = view.findChild<QLabel*>(QStringLiteral("writeLockText"));
        auto* lockButton = view.findChild<QPushButton*>(QStringLiteral("writeLockButton"));
        QVERIFY(banner && bannerText && lockButton);
        QVERIFY(banner->isVisible());
        QVERIFY(bannerText->text().contains(QLatin1String("read-only")));

        // Locked: the write is refused and says why.
        const auto refused = runLine(view, QStringLiteral("SET k v"));
        QCOMPARE(refused.status, ConsoleController::Status::Refused);
        QVERIFY(view.transcript().contains(QStringLiteral("(refused) Writes are locked")));
        QVERIFY(view.grab().save(screenshotPath(QStringLiteral("console-production-locked.png"))));

        // Unlocking asks first; cancelling keeps the lock.
        lockButton->click();
        auto* box = waitForChild<QMessageBox>(view, QStringLiteral("unlockWritesBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("orders-prod")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!view.findChild<QMessageBox*>(QStringLiteral("unlockWritesBox")));
        QVERIFY(view.controller()->writesLocked());
        lockButton->click();
        box = waitForChild<QMessageBox>(view, QStringLiteral("unlockWritesBox"));
        QVERIFY(box);
        box->findChild<QPushButton*>(QStringLiteral("unlockButton"))->click();
        QTRY_VERIFY(!view.controller()->writesLocked());
        QVERIFY(bannerText->text().contains(QLatin1String("writes unlocked")));
        QCOMPARE(runLine(view, QStringLiteral("SET k v")).reply.text, QByteArray("OK"));

        // A dangerous command asks each time: declined, then confirmed.
        QSignalSpy finished(view.controller(), &ConsoleController::finished);
        view.run(QStringLiteral("FLUSHDB"));
        auto* confirm = waitForChild<QMessageBox>(view, QStringLiteral("confirmCommandBox"));
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(QLatin1String("deletes every key")));
        QVERIFY(confirm->informativeText().contains(QLatin1String("orders-prod")));
        QVERIFY(confirm->grab().save(screenshotPath(QStringLiteral("console-confirm.png"))));
        QVERIFY(finished.isEmpty());
        confirm->button(QMessageBox::Cancel)->click();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(view.transcript().contains(QStringLiteral("(refused) FLUSHDB was not confirmed")));
        QCOMPARE(runLine(view, QStringLiteral("EXISTS k")).reply.integer, 1);

        finished.clear();
        view.run(QStringLiteral("FLUSHDB"));
        confirm = waitForChild<QMessageBox>(view, QStringLiteral("confirmCommandBox"));
        QVERIFY(confirm);
        confirm->findChild<QPushButton*>(QStringLiteral("confirmRunButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.constFirst().constFirst().value<ConsoleController::Outcome>().reply.text,
                 QByteArray("OK"));
        QCOMPARE(runLine(view, QStringLiteral("EXISTS k")).reply.integer, 0);
        QVERIFY(
            view.grab().save(screenshotPath(QStringLiteral("console-production-unlocked.png"))));

        // Locking again from the banner takes effect at once.
        lockButton->click();
        QVERIFY(view.controller()->writesLocked());
        QCOMPARE(runLine(view, QStringLiteral("SET k v")).status,
                 ConsoleController::Status::Refused);
    }

private:
    static void flush()
    {
        auto session =
            openDirect(labTarget(QStringLiteral("good"), QStringLiteral("development"), ViewDb));
        QVERIFY(session);
        QCOMPARE(directCommand(*session, {"FLUSHDB"}).text, QByteArray("OK"));
    }
};

QTEST_MAIN(tst_ConsoleView)
#include "tst_ConsoleView.moc"
