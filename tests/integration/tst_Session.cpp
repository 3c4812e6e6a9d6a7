// Inspector::open against real lab servers: the staged connect kept open as a Session with the
// profile's database selected, pipelining, a cancel from another thread stopping a blocking
// command, a connection the server dropped (no SIGPIPE, the session closes itself), and the
// failures that leave no session behind.

#include "LabEnvironment.h"
#include "inspect/Inspector.h"
#include "net/Session.h"

#include <QTest>
#include <thread>

Q_DECLARE_METATYPE(rediscope::ErrorCode)

using namespace rediscope;
using namespace rediscope::lab;

namespace {

constexpr int SessionDb = 12;

InspectRequest requestFor(const QString& scenario, int db = 0)
{
    auto& lab = LabEnvironment::shared();
    QString error;
    LabServer* server = lab.server(scenario, &error);
    if (!server)
        qFatal("lab scenario %s: %s", qPrintable(scenario), qPrintable(error));
    InspectRequest request = server->request(lab.pki());
    request.endpoint.db = db;
    return request;
}

const Deadline soon()
{
    return Deadline::in(std::chrono::seconds(5));
}

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(LabEnvironment::shared().setupError()));
    }

    void opensAuthenticatedWithTheDatabaseSelected()
    {
        std::unique_ptr<Session> session;
        const InspectResult result =
            Inspector::open(requestFor(QStringLiteral("good"), SessionDb), {}, &session);
        QVERIFY2(!result.error, qPrintable(result.error ? result.error->toString() : QString()));
        QVERIFY(session && session->isOpen());
        QVERIFY(result.server.has_value());
        QVERIFY(result.tls && result.tls->verified);
        QCOMPARE(result.stages.constLast().stage, Stage::Info);

        QCOMPARE(session->command({"SET", "session-key", "v"}, soon())->text, QByteArray("OK"));
        // The key went to the profile's database, not to 0.
        const auto info = session->command({"CLIENT", "INFO"}, soon());
        QVERIFY2(info->text.contains(QByteArray(" db=" + QByteArray::number(SessionDb) + " ")),
                 info->text.constData());
        std::unique_ptr<Session> other;
        QVERIFY(!Inspector::open(requestFor(QStringLiteral("good"), 0), {}, &other).error);
        QCOMPARE(other->command({"EXISTS", "session-key"}, soon())->integer, 0);
        QCOMPARE(session->command({"DEL", "session-key"}, soon())->integer, 1);
    }

    void plaintextServersToo()
    {
        std::unique_ptr<Session> session;
        const InspectResult result =
            Inspector::open(requestFor(QStringLiteral("plaintext")), {}, &session);
        QVERIFY(!result.error);
        QVERIFY(!result.tls);
        QCOMPARE(session->command({"PING"}, soon())->text, QByteArray("PONG"));
    }

    void pipelinesRepliesInOrder()
    {
        std::unique_ptr<Session> session;
        QVERIFY(
            !Inspector::open(requestFor(QStringLiteral("good"), SessionDb), {}, &session).error);
        QList<QList<QByteArray>> commands{{"DEL", "pipe"}};
        for (int i = 0; i < 500; ++i)
            commands << QList<QByteArray>{"RPUSH", "pipe", QByteArray::number(i)};
        commands << QList<QByteArray>{"LRANGE", "pipe", "0", "2"} << QList<QByteArray>{"NOSUCH"};
        const auto replies = session->pipeline(commands, soon());
        QVERIFY(replies.has_value());
        QCOMPARE(replies->size(), commands.size());
        QCOMPARE(replies->at(500).integer, 500);
        QCOMPARE(replies->at(501).elements.size(), 3);
        QCOMPARE(replies->at(501).elements.at(2).text, QByteArray("2"));
        QVERIFY(replies->at(502).isError()); // an error reply is a value
        QVERIFY(session->isOpen());
        QCOMPARE(session->command({"DEL", "pipe"}, soon())->integer, 1);
        QVERIFY(session->pipeline({}, soon())->isEmpty());
    }

    void cancelStopsABlockingCommand()
    {
        CancelToken cancel;
        std::unique_ptr<Session> session;
        QVERIFY(!Inspector::open(requestFor(QStringLiteral("good"), SessionDb), cancel, &session)
                     .error);
        std::unique_ptr<Session> observer;
        QVERIFY(
            !Inspector::open(requestFor(QStringLiteral("good"), SessionDb), {}, &observer).error);
        Result<RespValue> reply = RespValue{};
        std::thread worker([&] {
            reply = session->command({"BLPOP", "nothing", "0"}, Deadline::never());
        });
        QVERIFY(QTest::qWaitFor(
            [&] {
                return observer->command({"INFO", "clients"}, soon())
                    ->text.contains("blocked_clients:1\r\n");
            },
            10000));
        session->cancel();
        worker.join();
        QVERIFY(!reply.has_value());
        QCOMPARE(reply.error().code, ErrorCode::Cancelled);
        QVERIFY(!session->isOpen()); // retired
        QCOMPARE(session->command({"PING"}, soon()).error().code, ErrorCode::ConnectionClosed);
    }

    void aDroppedConnectionClosesTheSession()
    {
        std::unique_ptr<Session> session;
        QVERIFY(!Inspector::open(requestFor(QStringLiteral("good")), {}, &session).error);
        const qint64 id = session->command({"CLIENT", "ID"}, soon())->integer;
        std::unique_ptr<Session> killer;
        QVERIFY(!Inspector::open(requestFor(QStringLiteral("good")), {}, &killer).error);
        QCOMPARE(killer->command({"CLIENT", "KILL", "ID", QByteArray::number(id)}, soon())->integer,
                 1);
        // Writing to the closed TLS connection fails with an error (no SIGPIPE ends the test).
        Result<RespValue> reply = RespValue{};
        for (int i = 0; i < 3 && reply; ++i)
            reply = session->command({"SET", "x", QByteArray(64 * 1024, 'x')}, soon());
        QVERIFY(!reply.has_value());
        QVERIFY(!session->isOpen());
    }

    void failuresLeaveNoSession_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("db");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<ErrorCode>("code");

        QTest::newRow("wrong password")
            << "good" << 0 << QByteArray("wrong") << ErrorCode::AuthFailed;
        QTest::newRow("database out of range")
            << "good" << 99 << QByteArray(LabPassword) << ErrorCode::ServerError;
        QTest::newRow("untrusted certificate")
            << "self-signed" << 0 << QByteArray(LabPassword) << ErrorCode::VerifyFailed;
    }

    void failuresLeaveNoSession()
    {
        QFETCH(QString, scenario);
        QFETCH(int, db);
        QFETCH(QByteArray, password);
        QFETCH(ErrorCode, code);
        InspectRequest request = requestFor(scenario, db);
        request.password = password;
        std::unique_ptr<Session> session;
        const InspectResult result = Inspector::open(request, {}, &session);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->code, code);
        QVERIFY(!session);
        if (db == 99)
            QVERIFY(result.error->message.contains(QLatin1String("database 99")));
    }

    void alreadyCancelledOpensNothing()
    {
        CancelToken cancel;
        cancel.cancel();
        std::unique_ptr<Session> session;
        const InspectResult result =
            Inspector::open(requestFor(QStringLiteral("good")), cancel, &session);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->code, ErrorCode::Cancelled);
        QVERIFY(!session);
    }
};

QTEST_MAIN(tst_Session)
#include "tst_Session.moc"
