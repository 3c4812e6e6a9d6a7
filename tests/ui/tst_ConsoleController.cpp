// The console controller against real lab servers: commands run in order off the GUI thread on
// one connection; production refuses writes until unlocked; dangerous commands wait for a
// confirmation (refused and confirmed paths); cancel, reconnect after the server dropped us,
// SELECT survives a reconnect, and secrets never reach what is shown.

#include "LabTargets.h"
#include "cli/ReplyFormatter.h"
#include "controllers/ConsoleController.h"

#include <QSignalSpy>
#include <QTest>

using namespace rediscope;
using namespace rediscope::testing;
using Status = ConsoleController::Status;
using Outcome = ConsoleController::Outcome;

namespace {

constexpr int ConsoleDb = 9;

// Collects the outcomes of a controller in the order they arrive.
class Recorder : public QObject
{
public:
    explicit Recorder(ConsoleController* controller)
    {
        connect(controller, &ConsoleController::finished, this,
                [this](const Outcome& outcome) { outcomes.append(outcome); });
        connect(controller, &ConsoleController::confirmationRequested, this,
                [this](quint64 id, const QString&, const QString& name, const QString&) {
                    confirmations.append({id, name});
                });
    }
    // The outcome of `id`, waiting for it.
    Outcome waitFor(quint64 id)
    {
        const auto find = [&]() -> const Outcome* {
            for (const Outcome& outcome : std::as_const(outcomes))
                if (outcome.id == id)
                    return &outcome;
            return nullptr;
        };
        if (!QTest::qWaitFor([&] { return find() != nullptr; }, 20000))
            return Outcome{0, {}, Status::Failed, {}, QStringLiteral("no outcome"), 0};
        return *find();
    }

    QList<Outcome> outcomes;
    QList<std::pair<quint64, QString>> confirmations;
};

Outcome run(ConsoleController& console, Recorder& recorder, const QString& line)
{
    return recorder.waitFor(console.execute(line));
}

// Waits until the server reports `count` clients blocked in a command (e.g. BLPOP).
bool waitForBlockedClients(const AuditTarget& target, int count)
{
    auto observer = openDirect(target);
    if (!observer)
        return false;
    const QByteArray wanted = "blocked_clients:" + QByteArray::number(count) + "\r\n";
    return QTest::qWaitFor(
        [&] {
            return directCommand(*observer, {"INFO", "clients"}).text.contains(wanted);
        },
        20000);
}

// Disconnects a client from the server side.
bool killClient(const AuditTarget& target, qint64 id)
{
    auto killer = openDirect(target);
    return killer &&
           directCommand(*killer, {"CLIENT", "KILL", "ID", QByteArray::number(id)}).integer == 1;
}

} // namespace

class tst_ConsoleController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        cleanupTestCase(); // a clean database to start with
    }

    void cleanupTestCase()
    {
        auto session =
            openDirect(labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        QVERIFY(session);
        QCOMPARE(directCommand(*session, {"FLUSHDB"}).text, QByteArray("OK"));
    }

    void setGetAndNestedReplies()
    {
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy connected(&console, &ConsoleController::connected);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        QVERIFY(!console.writesLocked());
        QCOMPARE(
            console.prompt(),
            QStringLiteral("127.0.0.1:%1[%2]")
                .arg(labTarget(QStringLiteral("good"), QStringLiteral("development")).profile.port)
                .arg(ConsoleDb));

        Outcome set = run(console, recorder, QStringLiteral("SET greeting \"hello world\""));
        QCOMPARE(set.status, Status::Reply);
        QCOMPARE(set.reply.type, RespValue::Type::Status);
        QCOMPARE(set.reply.text, QByteArray("OK"));
        QCOMPARE(set.command, QStringLiteral("SET greeting \"hello world\""));

        Outcome get = run(console, recorder, QStringLiteral("get greeting"));
        QCOMPARE(get.status, Status::Reply);
        QCOMPARE(get.reply.text, QByteArray("hello world"));
        QCOMPARE(ReplyFormatter::format(get.reply), QStringLiteral("\"hello world\""));

        QCOMPARE(run(console, recorder, QStringLiteral("RPUSH letters a b c")).reply.integer, 3);
        Outcome range = run(console, recorder, QStringLiteral("LRANGE letters 0 -1"));
        QCOMPARE(ReplyFormatter::format(range.reply),
                 QStringLiteral("1) \"a\"\n2) \"b\"\n3) \"c\""));

        // A nested reply: COMMAND INFO returns an array of arrays of arrays.
        Outcome info = run(console, recorder, QStringLiteral("COMMAND INFO get"));
        QCOMPARE(info.status, Status::Reply);
        const QString text = ReplyFormatter::format(info.reply);
        QVERIFY2(text.startsWith(QStringLiteral("1)  1) \"get\"\n    2) (integer) 2\n    3) 1) ")),
                 qPrintable(text));

        Outcome error = run(console, recorder, QStringLiteral("LRANGE greeting 0 -1"));
        QCOMPARE(error.status, Status::Reply);
        QVERIFY(error.reply.isError());
        QVERIFY(
            ReplyFormatter::format(error.reply).startsWith(QStringLiteral("(error) WRONGTYPE")));

        QCOMPARE(
            ReplyFormatter::format(run(console, recorder, QStringLiteral("GET nothing")).reply),
            QStringLiteral("(nil)"));
        // One connection for all of it.
        QCOMPARE(connected.count(), 1);
        const auto result = connected.constFirst().constFirst().value<InspectResult>();
        QVERIFY(result.tls.has_value());
        QVERIFY(result.tls->verified);
    }

    void linesRunInOrder()
    {
        ConsoleController console;
        Recorder recorder(&console);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        QList<quint64> ids;
        ids << console.execute(QStringLiteral("DEL counter"));
        for (int i = 0; i < 5; ++i)
            ids << console.execute(QStringLiteral("INCR counter"));
        ids << console.execute(QStringLiteral("SET \"unbalanced")); // refused in its turn
        ids << console.execute(QStringLiteral("GET counter"));
        QVERIFY(console.isBusy());
        const Outcome last = recorder.waitFor(ids.constLast());
        QCOMPARE(last.reply.text, QByteArray("5"));
        QCOMPARE(recorder.outcomes.size(), ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i)
            QCOMPARE(recorder.outcomes.at(i).id, ids.at(i));
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(recorder.outcomes.at(i).reply.integer, i);
        QCOMPARE(recorder.outcomes.at(6).status, Status::Refused);
        QVERIFY(recorder.outcomes.at(6).message.contains(QLatin1String("Unbalanced quotes")));
        QTRY_VERIFY(!console.isBusy());
    }

    void productionRefusesWritesUntilUnlocked()
    {
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy lock(&console, &ConsoleController::writesLockChanged);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("production"), ConsoleDb));
        QVERIFY(console.writesLockedByPolicy());
        QVERIFY(console.writesLocked());

        Outcome refused = run(console, recorder, QStringLiteral("SET prodkey v1"));
        QCOMPARE(refused.status, Status::Refused);
        QVERIFY2(refused.message.contains(QLatin1String("Writes are locked")),
                 qPrintable(refused.message));
        QVERIFY(refused.message.contains(QLatin1String("SET")));
        // Unknown commands are writes too.
        QCOMPARE(run(console, recorder, QStringLiteral("JSON.SET prodkey $ 1")).status,
                 Status::Refused);
        // Reads run, and show that nothing was written.
        Outcome get = run(console, recorder, QStringLiteral("GET prodkey"));
        QCOMPARE(get.status, Status::Reply);
        QCOMPARE(get.reply.type, RespValue::Type::Nil);

        console.unlockWrites();
        QVERIFY(!console.writesLocked());
        QCOMPARE(lock.constLast().constFirst().toBool(), false);
        QCOMPARE(run(console, recorder, QStringLiteral("SET prodkey v1")).reply.text,
                 QByteArray("OK"));
        QCOMPARE(run(console, recorder, QStringLiteral("GET prodkey")).reply.text,
                 QByteArray("v1"));

        console.lockWrites();
        QCOMPARE(run(console, recorder, QStringLiteral("DEL prodkey")).status, Status::Refused);
        QCOMPARE(run(console, recorder, QStringLiteral("GET prodkey")).reply.text,
                 QByteArray("v1"));

        // A new target starts locked again.
        console.unlockWrites();
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("production"), ConsoleDb));
        QVERIFY(console.writesLocked());
    }

    void lockedProductionRefusesDangerousWithoutAsking()
    {
        ConsoleController console;
        Recorder recorder(&console);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("production"), ConsoleDb));
        Outcome flush = run(console, recorder, QStringLiteral("FLUSHDB"));
        QCOMPARE(flush.status, Status::Refused);
        QVERIFY(recorder.confirmations.isEmpty());
    }

    void dangerousCommandNeedsConfirmation()
    {
        auto target = labTarget(QStringLiteral("good"), QStringLiteral("production"), ConsoleDb);
        ConsoleController console;
        Recorder recorder(&console);
        console.setTarget(target);
        console.unlockWrites();
        QCOMPARE(run(console, recorder, QStringLiteral("SET keep me")).reply.text,
                 QByteArray("OK"));

        // Declined: not sent, the key is still there.
        const quint64 first = console.execute(QStringLiteral("FLUSHDB"));
        QCOMPARE(recorder.confirmations.size(), 1);
        QCOMPARE(recorder.confirmations.constFirst().first, first);
        QCOMPARE(recorder.confirmations.constFirst().second, QStringLiteral("FLUSHDB"));
        QCOMPARE(console.awaitingConfirmation(), first);
        // Lines behind it wait for the answer.
        const quint64 behind = console.execute(QStringLiteral("EXISTS keep"));
        QCOMPARE(recorder.outcomes.size(), 1); // only SET: FLUSHDB waits, EXISTS waits behind it
        console.confirm(first, false);
        const Outcome declined = recorder.waitFor(first);
        QCOMPARE(declined.status, Status::Refused);
        QVERIFY(declined.message.contains(QLatin1String("not confirmed")));
        QCOMPARE(recorder.waitFor(behind).reply.integer, 1);

        // Confirmed: it runs.
        const quint64 second = console.execute(QStringLiteral("flushdb"));
        QCOMPARE(recorder.confirmations.size(), 2);
        console.confirm(second, true);
        const Outcome confirmed = recorder.waitFor(second);
        QCOMPARE(confirmed.status, Status::Reply);
        QCOMPARE(confirmed.reply.text, QByteArray("OK"));
        QCOMPARE(run(console, recorder, QStringLiteral("DBSIZE")).reply.integer, 0);

        // Development policies do not lock writes, but dangerous commands still ask.
        ConsoleController dev;
        Recorder devRecorder(&dev);
        dev.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        const quint64 config =
            dev.execute(QStringLiteral("CONFIG SET maxmemory-policy noeviction"));
        QCOMPARE(devRecorder.confirmations.size(), 1);
        dev.confirm(config, false);
        QCOMPARE(devRecorder.waitFor(config).status, Status::Refused);
    }

    void unsupportedCommandsAreRefused()
    {
        ConsoleController console;
        Recorder recorder(&console);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        const Outcome subscribe = run(console, recorder, QStringLiteral("SUBSCRIBE news"));
        QCOMPARE(subscribe.status, Status::Refused);
        QVERIFY(subscribe.message.contains(QLatin1String("SUBSCRIBE")));
        // The connection is still fine for ordinary commands.
        QCOMPARE(run(console, recorder, QStringLiteral("PING")).reply.text, QByteArray("PONG"));
    }

    void cancelStopsABlockingCommand()
    {
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy connected(&console, &ConsoleController::connected);
        const auto target =
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb);
        console.setTarget(target);
        QCOMPARE(run(console, recorder, QStringLiteral("PING")).reply.text, QByteArray("PONG"));
        recorder.outcomes.clear();
        const quint64 blocking = console.execute(QStringLiteral("BLPOP never-filled 0"));
        const quint64 queued = console.execute(QStringLiteral("PING"));
        QVERIFY(waitForBlockedClients(target, 1)); // BLPOP waits on the server now
        console.cancel();
        QCOMPARE(recorder.outcomes.size(), 2);
        QCOMPARE(recorder.outcomes.at(0).id, blocking);
        QCOMPARE(recorder.outcomes.at(0).status, Status::Cancelled);
        QCOMPARE(recorder.outcomes.at(1).id, queued);
        QCOMPARE(recorder.outcomes.at(1).status, Status::Cancelled);
        QVERIFY(!console.isBusy());
        // The cancelled connection goes away; the next command works on a new one.
        QVERIFY(waitForBlockedClients(target, 0));
        QCOMPARE(run(console, recorder, QStringLiteral("PING")).reply.text, QByteArray("PONG"));
        QCOMPARE(connected.count(), 2);
    }

    void reconnectsAfterTheServerDroppedTheConnection()
    {
        auto target = labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb);
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy connected(&console, &ConsoleController::connected);
        console.setTarget(target);
        const qint64 first = run(console, recorder, QStringLiteral("CLIENT ID")).reply.integer;
        QVERIFY(first > 0);

        // The server drops the console's connection: a read goes again on a new one.
        QVERIFY(killClient(target, first));
        const qint64 second = run(console, recorder, QStringLiteral("CLIENT ID")).reply.integer;
        QVERIFY(second > first);
        QCOMPARE(connected.count(), 2);

        // A write on a dropped connection is reported, not repeated; the next line reconnects.
        QVERIFY(killClient(target, second));
        const Outcome write = run(console, recorder, QStringLiteral("INCR dropped"));
        QCOMPARE(write.status, Status::Failed);
        QVERIFY2(write.message.contains(QLatin1String("may or may not have run")),
                 qPrintable(write.message));
        QCOMPARE(run(console, recorder, QStringLiteral("PING")).reply.text, QByteArray("PONG"));
        QCOMPARE(connected.count(), 3);
        auto direct = openDirect(target);
        QCOMPARE(directCommand(*direct, {"GET", "dropped"}).type, RespValue::Type::Nil);
    }

    void selectSurvivesAReconnect()
    {
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy prompt(&console, &ConsoleController::promptChanged);
        console.setTarget(labTarget(QStringLiteral("good"), QStringLiteral("development"), 0));
        QVERIFY(!console.prompt().contains(QLatin1Char('[')));
        QCOMPARE(run(console, recorder, QStringLiteral("SELECT %1").arg(ConsoleDb)).reply.text,
                 QByteArray("OK"));
        QVERIFY(console.prompt().endsWith(QStringLiteral("[%1]").arg(ConsoleDb)));
        QCOMPARE(prompt.constLast().constFirst().toString(), console.prompt());
        QCOMPARE(run(console, recorder, QStringLiteral("SET selected yes")).reply.text,
                 QByteArray("OK"));
        QCOMPARE(run(console, recorder, QStringLiteral("QUIT")).reply.text, QByteArray("OK"));
        QCOMPARE(run(console, recorder, QStringLiteral("GET selected")).reply.text,
                 QByteArray("yes"));
    }

    void connectionFailureIsReportedInWords()
    {
        auto target = labTarget(QStringLiteral("good"), QStringLiteral("development"));
        target.profile.port = lab::freePort();
        ConsoleController console;
        Recorder recorder(&console);
        console.setTarget(target);
        const Outcome failed = run(console, recorder, QStringLiteral("PING"));
        QCOMPARE(failed.status, Status::Failed);
        QVERIFY2(failed.message.contains(QLatin1String("refused")), qPrintable(failed.message));
    }

    void secretsAreMasked()
    {
        QCOMPARE(ConsoleController::displayLine({"AUTH", "s3cret"}), QStringLiteral("AUTH ••••"));
        QCOMPARE(ConsoleController::displayLine({"AUTH", "alice", "s3cret"}),
                 QStringLiteral("AUTH alice ••••"));
        QCOMPARE(ConsoleController::displayLine({"HELLO", "2", "AUTH", "alice", "s3cret"}),
                 QStringLiteral("HELLO 2 AUTH alice ••••"));
        QCOMPARE(ConsoleController::displayLine({"CONFIG", "SET", "requirepass", "s3cret"}),
                 QStringLiteral("CONFIG SET requirepass ••••"));
        QCOMPARE(ConsoleController::displayLine({"ACL", "SETUSER", "bob", "on", ">s3cret"}),
                 QStringLiteral("ACL SETUSER bob on >••••"));
        QVERIFY(ConsoleController::carriesSecret({"AUTH", "x"}));
        QVERIFY(!ConsoleController::carriesSecret({"GET", "x"}));

        // A real AUTH: it works, and neither the signals nor the outcome show the password.
        ConsoleController console;
        Recorder recorder(&console);
        QSignalSpy started(&console, &ConsoleController::started);
        console.setTarget(
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb));
        const Outcome auth =
            run(console, recorder, QStringLiteral("AUTH %1").arg(QLatin1String(lab::LabPassword)));
        QCOMPARE(auth.reply.text, QByteArray("OK"));
        QCOMPARE(auth.command, QStringLiteral("AUTH ••••"));
        QVERIFY(!started.constLast().at(1).toString().contains(QLatin1String(lab::LabPassword)));
    }

    void destroyingWhileBusyIsClean()
    {
        const auto target =
            labTarget(QStringLiteral("good"), QStringLiteral("development"), ConsoleDb);
        {
            ConsoleController console;
            console.setTarget(target);
            console.execute(QStringLiteral("BLPOP never-filled 0"));
            QVERIFY(waitForBlockedClients(target, 1));
        }
        // The worker ends on its own and closes its connection: the blocked client goes away.
        QVERIFY(waitForBlockedClients(target, 0));
    }
};

QTEST_MAIN(tst_ConsoleController)
#include "tst_ConsoleController.moc"
